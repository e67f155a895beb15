"""A Kế hoạch built the way many offices type one: direct formatting only, no own styles.

Every run carries its font, size, bold and italic; every paragraph its alignment, indents and
spacing; python-docx's stock styles (Calibri/Cambria theme fonts, 10 pt after) stay
underneath. The three rule lines are drawn three other ways than our templates draw them: a
bottom border under the Tiêu ngữ, a drawn line shape under the issuing body and a line of
underscores under the trích yếu. The page number is a complex field.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.shared import Mm, Pt

from vanban.documents.text_metrics import text_width_pt
from vanban.docx.oxml import element_of, new, paragraph_properties, remove

FONT = "Times New Roman"
CENTER, LEFT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
MOTTO = "Độc lập - Tự do - Hạnh phúc"
ISSUER = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
SUBJECT = "Tổ chức ngày hội học tập suốt đời năm 2024"
_LINE_SHAPE = """
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
  <w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">
    <wp:extent cx="{cx}" cy="0"/><wp:docPr id="1" name="Đường kẻ"/>
    <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
      <wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>
        <a:prstGeom prst="line"><a:avLst/></a:prstGeom>
        <a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>
      </wps:spPr><wps:bodyPr/></wps:wsp>
    </a:graphicData></a:graphic>
  </wp:inline></w:drawing>
</w:r>"""


def _mm(points: float) -> float:
    return points * 25.4 / 72


def line(
    container: Any,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: Any = CENTER,
) -> Any:
    """Add a paragraph of one directly formatted run, with no space before or after."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    if text:
        run = paragraph.add_run(text)
        run.font.name, run.font.size, run.font.bold, run.font.italic = FONT, Pt(size), bold, italic
    return paragraph


def body(document: Any, text: str, *, italic: bool = False) -> Any:
    """Add a body paragraph: justified, 1,27 cm first line, 6 pt after, 1,15 lines."""
    paragraph = line(document, text, 14, italic=italic, align=JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Mm(12.7)
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.paragraph_format.line_spacing = 1.15
    return paragraph


def _bottom_border(paragraph: Any, indent_mm: float) -> None:
    paragraph.paragraph_format.left_indent = Mm(indent_mm)
    paragraph.paragraph_format.right_indent = Mm(indent_mm)
    borders = new("w:pBdr")
    borders.append(new("w:bottom", val="single", sz="6", space="1", color="auto"))
    paragraph_properties(paragraph).append(borders)


def _table(document: Any, rows: int, widths: tuple[float, float]) -> Any:
    table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, column in enumerate(table.columns):
        column.width = Mm(widths[index])  # the grid, which LibreOffice follows
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            cell.width = Mm(widths[index])
            remove(cell.paragraphs[0])
    return table


def _header(document: Any, numbered: bool = True) -> None:
    table = _table(document, 2 if numbered else 1, (67, 98))
    left, right = table.cell(0, 0), table.cell(0, 1)
    line(left, "UBND TỈNH SƠN LA", 12)
    line(left, ISSUER, 12, bold=True)
    shape = line(left, "", 2)
    length = 0.4 * _mm(text_width_pt(ISSUER, 12, bold=True))
    element_of(shape).append(parse_xml(_LINE_SHAPE.replace("{cx}", str(round(length * 36000)))))
    line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    motto = line(right, MOTTO, 13, bold=True)
    _bottom_border(motto, (98 - 3.8 - _mm(text_width_pt(MOTTO, 13, bold=True))) / 2)
    if not numbered:
        return
    line(table.cell(1, 0), "Số: 05/KH-SGDĐT", 13)
    line(table.cell(1, 1), "Sơn La, ngày 05 tháng 02 năm 2024", 13, italic=True)


def _signature(document: Any) -> None:
    table = _table(document, 1, (66, 99))
    left, right = table.cell(0, 0), table.cell(0, 1)
    line(left, "Nơi nhận:", 12, bold=True, italic=True, align=LEFT)
    for item in ("- UBND tỉnh (b/c);", "- Các phòng GDĐT;", "- Lưu: VT, GDTX."):
        line(left, item, 11, align=LEFT)
    line(right, "KT. GIÁM ĐỐC", 14, bold=True)
    line(right, "PHÓ GIÁM ĐỐC", 14, bold=True)
    for _ in range(3):
        line(right, "", 14)
    line(right, "Nguyễn Văn An", 14, bold=True)


def _page_numbers(document: Any) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "2"),
        ("end", None),
    ):
        run = paragraph.add_run()
        run.font.name, run.font.size = FONT, Pt(14)
        if kind:
            run._r.append(new("w:fldChar", fldCharType=kind))
        elif text == " PAGE ":
            instruction = new("w:instrText")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text or ""


def _new_document() -> Any:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _page_numbers(document)
    return document


def _bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_appendix() -> bytes:
    """Return a Phụ lục (Mẫu 2.1): header, "Phụ lục I", title, "(Kèm theo …)", a table."""
    document = _new_document()
    _header(document, numbered=False)
    line(document, "Phụ lục I", 14, bold=True).paragraph_format.space_before = Pt(12)
    line(document, "DANH SÁCH CÁC ĐƠN VỊ THAM GIA NGÀY HỘI", 14, bold=True)
    line(
        document,
        "(Kèm theo Kế hoạch số 05/KH-SGDĐT ngày 05 tháng 02 năm 2024 của Sở Giáo dục và Đào tạo)",
        14,
        italic=True,
    )
    table = document.add_table(rows=3, cols=2)
    for row, (number, unit) in zip(
        table.rows,
        (("STT", "Đơn vị"), ("1", "Phòng GDĐT thành phố"), ("2", "Phòng GDĐT Mai Sơn")),
        strict=True,
    ):
        row.cells[0].paragraphs[0].add_run(number)
        row.cells[1].paragraphs[0].add_run(unit)
        for cell in row.cells:
            cell.paragraphs[0].runs[0].font.name = FONT
            cell.paragraphs[0].runs[0].font.size = Pt(13)
    return _bytes(document)


def build_direct() -> bytes:
    """Return the directly formatted Kế hoạch."""
    document = _new_document()
    _header(document)
    line(document, "KẾ HOẠCH", 14, bold=True).paragraph_format.space_before = Pt(18)
    line(document, SUBJECT, 14, bold=True)
    count = round(0.4 * text_width_pt(SUBJECT, 14, bold=True) / text_width_pt("_", 14))
    line(document, "_" * count, 14)
    body(
        document,
        "Căn cứ Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ;",
        italic=True,
    )
    body(
        document,
        "Căn cứ Kế hoạch số 298/KH-UBND ngày 13/12/2023 của UBND tỉnh Sơn La.",
        italic=True,
    )
    body(document, "Sở Giáo dục và Đào tạo xây dựng Kế hoạch tổ chức ngày hội như sau:")
    heading = body(document, "I. MỤC ĐÍCH, YÊU CẦU")
    heading.runs[0].font.bold = True
    for number in range(1, 5):
        body(
            document,
            f"{number}. Nội dung thứ {number} của kế hoạch, trình bày đủ dài để thấy "
            "rõ cách canh đều hai lề, lùi đầu dòng và giãn dòng của đoạn văn.",
        )
    body(document, "Trên đây là Kế hoạch của Sở Giáo dục và Đào tạo./.")
    _signature(document)
    return _bytes(document)


def build_tabbed() -> bytes:
    """Return a Công văn whose header is typed on lines with tabs, as in many offices."""
    document = _new_document()
    width = 165
    for texts, sizes, styles in (
        (("UBND TỈNH SƠN LA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (12, 12), (False, True)),
        (("SỞ NỘI VỤ", MOTTO), (12, 13), (True, True)),
        (("_" * 4, "_" * 23), (12, 13), (False, False)),
        (("Số: 15/SNV-VP", "Sơn La, ngày 05 tháng 3 năm 2024"), (13, 13), (False, False)),
    ):
        paragraph = line(document, "", 12, align=LEFT)
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(Mm(33), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(Mm(width - 49), WD_TAB_ALIGNMENT.CENTER)
        for index, text in enumerate(texts):
            run = paragraph.add_run("\t" + text)
            run.font.name, run.font.size = FONT, Pt(sizes[index])
            run.font.bold = styles[index]
            run.font.italic = index == 1 and text.startswith("Sơn La")
    subject = line(document, "\tV/v báo cáo số liệu năm 2024", 12, align=LEFT)
    subject.paragraph_format.tab_stops.add_tab_stop(Mm(33), WD_TAB_ALIGNMENT.CENTER)
    line(
        document, "Kính gửi: Các sở, ban, ngành tỉnh.", 14, align=LEFT
    ).paragraph_format.space_before = Pt(6)
    for number in range(1, 4):
        body(
            document,
            f"{number}. Nội dung đề nghị thứ {number}, trình bày đủ dài để thấy rõ cách "
            "canh đều hai lề và lùi đầu dòng của đoạn văn.",
        )
    _signature(document)
    return _bytes(document)
