"""The broken-document corpus: good rendered samples, each broken in exactly one way.

Every case names the one rule it breaks; the tests build the corpus into a temporary folder
and expect exactly that finding. ``python -m tests.checker.corpus OUTDIR`` writes the files
so they can be opened in Word or LibreOffice.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from tests.checker.corpus_forms import FORM_CASES
from tests.checker.direct import build_appendix
from tests.checker.finding_paragraphs import paragraph
from vanban.docx.oxml import element_of, find_path, new, paragraph_properties, set_attributes
from vanban.services.documents import DocumentService

PLAN = "ke_hoach_hkh_son_la_2024"
LETTER = "cong_van_hkh_son_la_2024"
APPENDIX = "phu_luc"  # built by tests/checker/direct.py, so the corpus owns all its bases


@dataclass(frozen=True)
class Case:
    """One broken document: its name, the rule it breaks, its sample and how it is broken."""

    name: str
    rule: str
    breaks: Callable[[Any], None]
    sample: str = PLAN


@lru_cache(maxsize=8)
def rendered(sample: str) -> bytes:
    """Return the rendered .docx of a shipped sample (or the appendix built in the tests)."""
    if sample == APPENDIX:
        return build_appendix()
    service = DocumentService()
    found = next(item for item in service.samples() if item.name == sample)
    return service.render(found.template_id, found.data_path).content


def run(document: Any, start: str) -> Any:
    """Return the first run with text of the paragraph starting with ``start``."""
    return next(r for r in paragraph(document, start).runs if r.text.strip())


def following(target: Any) -> Any:
    """Return the paragraph right after ``target`` (in the same body or cell)."""
    from docx.text.paragraph import Paragraph

    return Paragraph(element_of(target).getnext(), target._parent)


def set_text(target: Any, text: str) -> None:
    """Replace a paragraph's text, keeping its first run's formatting."""
    runs = [r for r in target.runs if r.text]
    runs[0].text = text
    for extra in runs[1:]:
        extra.text = ""


def _rule_under(document: Any, start: str) -> Any:
    return following(paragraph(document, start))


def _no_border(target: Any) -> None:
    borders = new("w:pBdr")
    borders.append(new("w:top", val="nil"))
    paragraph_properties(target).append(borders)


def _full_width(target: Any) -> None:
    set_attributes(find_path(element_of(target), "w:pPr", "w:ind"), left="0", right="0")


def _first_body(document: Any) -> Any:
    return next(p for p in document.paragraphs if p.style.name == "VB Nội dung" and p.text)


def _move_date_up(document: Any) -> None:
    date = paragraph(document, "Sơn La, ngày")
    cell = document.tables[0].cell(0, 1)
    element_of(date).getparent().append(new("w:p"))  # a cell keeps one paragraph
    element_of(cell).append(element_of(date))


def _landscape(document: Any) -> None:
    # Only the orientation flag: turning the sheet would also lengthen the rule lines, which
    # are drawn between indents, and break a second rule.
    document.sections[0].orientation = WD_ORIENT.LANDSCAPE


def _theme_font(document: Any) -> None:
    fonts = run(document, "Hội Khuyến học")._r.get_or_add_rPr().get_or_add_rFonts()
    set_attributes(fonts, asciiTheme="majorHAnsi", hAnsiTheme="majorHAnsi")


def _red(document: Any) -> None:
    run(document, "Hội Khuyến học").font.color.rgb = RGBColor(0xC0, 0, 0)


def _attr(target: Any, name: str, value: Any) -> Callable[[Any], None]:
    def apply(document: Any) -> None:
        setattr(target(document), name, value)

    return apply


def _font(start: str, name: str, value: Any) -> Callable[[Any], None]:
    return _attr(lambda document: run(document, start).font, name, value)


def _text(start: str, text: str) -> Callable[[Any], None]:
    return lambda document: set_text(paragraph(document, start), text)


def _body_format(name: str, value: Any) -> Callable[[Any], None]:
    return _attr(lambda document: _first_body(document).paragraph_format, name, value)


def _section(name: str, value: Any) -> Callable[[Any], None]:
    return _attr(lambda document: document.sections[0], name, value)


CASES: tuple[Case, ...] = (
    Case("paper-letter", "ND30-PL1-1.1-paper", _section("page_width", Mm(216))),
    Case("landscape", "ND30-PL1-1.1-orientation", _landscape),
    Case("left-margin-25", "ND30-PL1-1.1-margins", _section("left_margin", Mm(25))),
    Case("top-margin-30", "ND30-PL1-1.1-margins", _section("top_margin", Mm(30))),
    Case("arial-run", "ND30-PL1-1.1-font", _font("Hội Khuyến học", "name", "Arial")),
    Case("theme-font-run", "ND30-PL1-1.1-font", _theme_font),
    Case("red-run", "ND30-PL1-1.1-colour", _red),
    Case(
        "tcvn3-opening",
        "ND30-PL1-1.1-unicode",
        # The opening typed with a .VnTime font: "Hội Khuyến học tỉnh Sơn La xây dựng …".
        _text(
            "Hội Khuyến học tỉnh Sơn La xây dựng", "Héi KhuyÕn häc tØnh S¬n La x©y dùng KÕ ho¹ch"
        ),
    ),
    Case(
        "number-on-page-1",
        "ND30-PL1-1.1-page-numbers",
        _section("different_first_page_header_footer", False),
    ),
    Case("no-place-date", "ND30-PL1-1.2-required", _text("Sơn La, ngày", " ")),
    Case("quoc-hieu-14pt", "ND30-PL1-1.2-quoc-hieu", _font("CỘNG HÒA", "size", Pt(14))),
    Case(
        "quoc-hieu-abbreviated",
        "ND30-PL1-1.2-quoc-hieu-text",
        _text("CỘNG HÒA", "CỘNG HÒA XHCN VIỆT NAM"),
    ),
    Case("tieu-ngu-italic", "ND30-PL1-1.2-tieu-ngu", _font("Độc lập", "italic", True)),
    Case(
        "tieu-ngu-en-dash",
        "ND30-PL1-1.2-tieu-ngu-text",
        _text("Độc lập", "Độc lập – Tự do – Hạnh phúc"),
    ),
    Case(
        "tieu-ngu-no-rule",
        "ND30-PL1-1.2-tieu-ngu-rule",
        lambda d: _no_border(_rule_under(d, "Độc lập")),
    ),
    Case("parent-bold", "ND30-PL1-1.2-co-quan-chu-quan", _font("UBND TỈNH", "bold", True)),
    Case(
        "issuing-not-bold", "ND30-PL1-1.2-co-quan-ban-hanh", _font("HỘI KHUYẾN HỌC", "bold", False)
    ),
    Case(
        "issuing-rule-full",
        "ND30-PL1-1.2-co-quan-rule",
        lambda d: _full_width(_rule_under(d, "HỘI KHUYẾN HỌC")),
    ),
    Case("number-no-zero", "ND30-PL1-1.2-so-ky-hieu", _text("Số:", "Số: 3/KH-HKH")),
    Case("number-spaces", "ND30-PL1-1.2-so-ky-hieu", _text("Số:", "Số: 03 / KH-HKH")),
    Case("number-unknown-type", "ND30-PL1-1.2-so-ky-hieu", _text("Số:", "Số: 03/KHO-HKH")),
    Case("number-14pt", "ND30-PL1-1.2-so-ky-hieu-look", _font("Số:", "size", Pt(14))),
    Case(
        "date-month-1",
        "ND30-PL1-1.2-dia-danh-ngay",
        _text("Sơn La, ngày", "Sơn La, ngày 29 tháng 1 năm 2024"),
    ),
    Case("date-upright", "ND30-PL1-1.2-dia-danh-ngay-look", _font("Sơn La, ngày", "italic", False)),
    Case("date-above-number", "ND30-PL1-1.2-dia-danh-ngay-level", _move_date_up),
    Case("type-lower-case", "ND30-PL1-1.2-ten-loai", _text("KẾ HOẠCH", "Kế hoạch")),
    Case(
        "subject-left",
        "ND30-PL1-1.2-trich-yeu",
        _attr(
            lambda d: paragraph(d, "Triển khai phong trào"), "alignment", WD_ALIGN_PARAGRAPH.LEFT
        ),
    ),
    Case(
        "subject-no-rule",
        "ND30-PL1-1.2-trich-yeu-rule",
        lambda d: _no_border(_rule_under(d, "Triển khai phong trào")),
    ),
    Case(
        "letter-subject-bold", "ND30-PL1-1.2-trich-yeu-cong-van", _font("V/v", "bold", True), LETTER
    ),
    Case("letter-symbol-no-unit", "ND30-PL1-1.2-so-ky-hieu", _text("Số:", "Số: 15/HKH"), LETTER),
    Case(
        "basis-last-semicolon",
        "ND30-PL1-1.2-can-cu",
        lambda d: set_text(
            paragraph(d, "Căn cứ Kế hoạch"), paragraph(d, "Căn cứ Kế hoạch").text.rstrip(".") + ";"
        ),
    ),
    Case("basis-upright", "ND30-PL1-1.2-can-cu-look", _font("Căn cứ Quyết định", "italic", False)),
    Case(
        "body-left",
        "ND30-PL1-1.2-noi-dung-align",
        _body_format("alignment", WD_ALIGN_PARAGRAPH.LEFT),
    ),
    Case("body-12pt", "ND30-PL1-1.2-noi-dung-size", _font("Hội Khuyến học", "size", Pt(12))),
    Case(
        "body-no-indent", "ND30-PL1-1.2-noi-dung-indent", _body_format("first_line_indent", Mm(0))
    ),
    Case(
        "body-no-spacing",
        "ND30-PL1-1.2-noi-dung-spacing",
        _attr(lambda d: paragraph(d, "1.1.").paragraph_format, "space_after", Pt(0)),
    ),
    Case(
        "body-double-spaced",
        "ND30-PL1-1.2-noi-dung-line-spacing",
        _body_format("line_spacing", 2.0),
    ),
    Case("authority-not-bold", "ND30-PL1-1.2-quyen-han", _font("TM.", "bold", False)),
    Case(
        "authority-prefix-case",
        "ND30-PL1-1.2-quyen-han",
        lambda d: set_text(paragraph(d, "TM."), paragraph(d, "TM.").text.replace("TM.", "Tm.")),
    ),
    Case("name-not-bold", "ND30-PL1-1.2-ho-ten", _font("Mai Thu Hương", "bold", False)),
    Case("recipients-heading-upright", "ND30-PL1-1.2-noi-nhan", _font("Nơi nhận", "italic", False)),
    Case(
        "recipients-heading-no-colon", "ND30-PL1-1.2-noi-nhan-text", _text("Nơi nhận", "Nơi nhận")
    ),
    Case("recipients-12pt", "ND30-PL1-1.2-noi-nhan-items", _font("- Thường trực", "size", Pt(12))),
    Case(
        "appendix-title-upright-regular",
        "ND30-PL1-1.2-phu-luc-tieu-de",
        _font("DANH SÁCH CÁC", "bold", False),
        APPENDIX,
    ),
    Case(
        "appendix-reference-upright",
        "ND30-PL1-1.2-phu-luc-kem-theo",
        _font("(Kèm theo", "italic", False),
        APPENDIX,
    ),
    Case(
        "filed-line-no-stop",
        "ND30-PL1-1.2-noi-nhan-punctuation",
        _text("- Lưu:", "- Lưu: VT, VP (Định)"),
    ),
)

# The NĐ 152 forms and certificates, each broken in one way (tests/checker/corpus_forms.py).
CASES += tuple(Case(name, rule, breaks, sample) for name, rule, breaks, sample in FORM_CASES)


def build(case: Case) -> bytes:
    """Return the sample's document broken as ``case`` says."""
    document = Document(io.BytesIO(rendered(case.sample)))
    case.breaks(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_corpus(folder: Path) -> list[Path]:
    """Write every case as ``<name>.docx`` into ``folder``; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for case in CASES:
        path = folder / f"{case.name}.docx"
        path.write_bytes(build(case))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")):
        print(written_path)
