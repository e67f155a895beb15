"""Which form a checked document is, read from the document itself.

vanban ships three kinds of document, and each is judged by its own rules:

- ``van_ban``: an administrative document of Phụ lục I, Nghị định 30/2020 (Kế hoạch, Báo cáo,
  Tờ trình, Quyết định, Công văn, Biên bản, a Phụ lục or danh sách). Nghị định 152/2025's
  Báo cáo thành tích is laid out the same way and is one too, with the rules of its own form
  added (``award_report``).
- ``phoi_khen``: a Bằng khen or Giấy khen printed onto a pre-printed blank: no Quốc hiệu of
  its own (the blank has it), landscape, every item in a frame anchored to the page.

Nothing here trusts a file name or a style name: a blank is recognised by its frames and the
missing Quốc hiệu, a Báo cáo thành tích by its title.
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.checker.anatomy import fold
from vanban.checker.form_names import PHOI_KHEN, VAN_BAN
from vanban.checker.inspection import Inspection
from vanban.checker.reading import Para
from vanban.docx.frames import Frame, paragraph_frame

_AWARD_REPORT = "bao cao thanh tich"


def printed_body(inspection: Inspection) -> list[Para]:
    """The body paragraphs (not headers, footers or tables) that print text."""
    return [para for para in inspection.paras if para.printed and para.cell_key is None]


def recognise(inspection: Inspection) -> str:
    """Return the form of the document: ``phoi_khen`` or ``van_ban``."""
    if inspection.anatomy.one("quoc_hieu") is not None:
        return VAN_BAN
    printed = printed_body(inspection)
    framed = [para for para in printed if page_frame(para)]
    if framed and len(framed) == len(printed):
        return PHOI_KHEN
    return VAN_BAN


def page_frame(para: Para) -> Frame | None:
    """The frame anchored to the page that ``para`` is set in, or None."""
    frame = paragraph_frame(para.element)
    return frame if frame is not None and frame.page_anchored else None


@dataclass(frozen=True)
class AwardReport:
    """A Báo cáo thành tích (Nghị định 152/2025): of a person or of a collective."""

    individual: bool


def award_report(inspection: Inspection) -> AwardReport | None:
    """Return what kind of Báo cáo thành tích the document is, or None when it is not one."""
    type_name = inspection.anatomy.one("ten_loai")
    if type_name is None or not fold(type_name.text).startswith(_AWARD_REPORT):
        return None
    start, end = inspection.anatomy.body_range
    headings = [fold(para.text) for para in inspection.paras[start:end] if para.printed]
    individual = any(text.startswith("i. so luoc ly lich") for text in headings) or (
        not any(text.startswith("i. dac diem") for text in headings)
        and inspection.anatomy.one("co_quan_ban_hanh") is None
    )
    return AwardReport(individual=individual)
