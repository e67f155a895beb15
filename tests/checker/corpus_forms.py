"""Broken examples of the forms that are not Phụ lục I documents: a NĐ 152 Báo cáo thành tích
and certificates printed on a blank. Each breaks one rule of its form (see corpus.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.shared import Mm

from tests.checker.finding_paragraphs import paragraph
from tests.docx.crafting import attribute
from vanban.docx.oxml import element_of, find_path, set_attributes

PERSON_REPORT = "bao_cao_thanh_tich_ca_nhan_son_la_2025"
GROUP_REPORT = "bao_cao_thanh_tich_tap_the_son_la_2025"
BANG_KHEN = "bang_khen_son_la_2025"
GIAY_KHEN = "giay_khen_hkh_son_la_2025"


def _retext(start: str, text: str) -> Callable[[Any], None]:
    def apply(document: Any) -> None:
        runs = [r for r in paragraph(document, start).runs if r.text]
        runs[0].text = text
        for extra in runs[1:]:
            extra.text = ""

    return apply


def _letter_landscape(document: Any) -> None:
    document.sections[0].page_width = Mm(280)
    document.sections[0].page_height = Mm(216)


def _frame_onto(start: str, other: str) -> Callable[[Any], None]:
    """Give the frame of the item starting with ``start`` the place of ``other``'s frame."""

    def apply(document: Any) -> None:
        moved = find_path(element_of(paragraph(document, start)), "w:pPr", "w:framePr")
        target = find_path(element_of(paragraph(document, other)), "w:pPr", "w:framePr")
        set_attributes(moved, y=attribute(target, "y"))

    return apply


# (name, rule, how it is broken, sample)
FORM_CASES: tuple[tuple[str, str, Callable[[Any], None], str], ...] = (
    (
        "award-report-no-section-iii",
        "ND152-BCTT-parts",
        _retext("III. CÁC HÌNH THỨC", "III. KHEN THƯỞNG"),
        PERSON_REPORT,
    ),
    (
        "award-report-collective-section-i",
        "ND152-BCTT-parts",
        _retext("I. ĐẶC ĐIỂM", "I. TÌNH HÌNH"),
        GROUP_REPORT,
    ),
    (
        "award-report-reporter-unsigned",
        "ND152-BCTT-signatures",
        _retext("Cà Văn Thoại", " "),
        PERSON_REPORT,
    ),
    (
        "award-report-no-upper-level",
        "ND152-BCTT-signatures",
        _retext("XÁC NHẬN CỦA CẤP TRÌNH", "Ý KIẾN CẤP TRÊN"),
        PERSON_REPORT,
    ),
    ("certificate-letter-paper", "PHOI-KHEN-sheet", _letter_landscape, GIAY_KHEN),
    (
        "certificate-no-decision",
        "PHOI-KHEN-items",
        _retext("Quyết định số", " "),
        GIAY_KHEN,
    ),
    (
        "certificate-deputy-unsigned",
        "PHOI-KHEN-items",
        _retext("Cầm Văn Hòa", " "),
        BANG_KHEN,
    ),
    (
        "certificate-register-on-decision",
        "PHOI-KHEN-frames",
        _frame_onto("Số vào sổ", "Quyết định số"),
        GIAY_KHEN,
    ),
)
