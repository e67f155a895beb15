"""The layout every template shares: styles, page, header table, title, body, signature.

Each size, style and position follows Nghị định 30/2020/NĐ-CP, Phụ lục I. build.py draws the
Phụ lục templates with these helpers and build_awards.py the award dossier templates on top of
them, so every template looks like the others. What python-docx has no call for (all four font
slots, borders, a page field, fixed tables) is set through vanban.docx.building.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt

from vanban.documents.layout import (
    A4_PORTRAIT,
    PageLayout,
    centred_rule,
    pt_to_mm,
)
from vanban.documents.text_metrics import text_width_pt
from vanban.docx import reproducible, without_thumbnail
from vanban.docx.building import (
    Border,
    add_page_number_field,
    add_top_border,
    drop_unused_styles,
    drop_word_2010_style_copy,
    keep_row_on_one_page,
    name_font_in_every_style,
    no_space_between_same_style,
    remove,
    set_complex_script_size,
    set_document_defaults,
    set_fixed_layout,
    set_indent,
    set_style_font,
)

FONT = "Times New Roman"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
BODY_SIZE = 14
LINE_SPACING = 1.15  # Phụ lục I allows single up to 1,5 lines
FIRST_LINE_INDENT_CM = 1.27
KINH_GUI_LEFT_MM = 20.0
KINH_GUI_HANGING_MM = 22.0
LAYOUT = A4_PORTRAIT

# name: (size pt, bold, italic, alignment, space before pt, space after pt, first-line indent)
_CENTER, _JUSTIFY, _LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)
STYLES: dict[str, tuple[float, bool, bool, Any, float, float, bool]] = {
    "VB Cơ quan chủ quản": (12, False, False, _CENTER, 0, 0, False),
    "VB Cơ quan ban hành": (12, True, False, _CENTER, 0, 0, False),
    "VB Quốc hiệu": (12, True, False, _CENTER, 0, 0, False),
    "VB Tiêu ngữ": (13, True, False, _CENTER, 0, 0, False),
    "VB Đường kẻ": (2, False, False, _CENTER, 3, 6, False),
    "VB Số ký hiệu": (13, False, False, _CENTER, 6, 0, False),
    "VB Trích yếu công văn": (12, False, False, _CENTER, 6, 0, False),
    "VB Địa danh ngày": (13, False, True, _CENTER, 6, 0, False),
    "VB Tên loại": (14, True, False, _CENTER, 18, 0, False),
    "VB Trích yếu": (14, True, False, _CENTER, 0, 0, False),
    "VB Ghi chú trích yếu": (14, False, True, _CENTER, 0, 0, False),
    "VB Kính gửi": (14, False, False, _LEFT, 6, 6, False),
    "VB Căn cứ": (14, False, True, _JUSTIFY, 0, 6, True),
    "VB Nội dung": (BODY_SIZE, False, False, _JUSTIFY, 0, 6, True),
    # Headings, one look per numbering level (documents/body.py, HEADING_KINDS).
    "VB Đề mục": (BODY_SIZE, True, False, _JUSTIFY, 0, 6, True),
    "VB Đề mục đậm nghiêng": (BODY_SIZE, True, True, _JUSTIFY, 0, 6, True),
    "VB Đề mục nghiêng": (BODY_SIZE, False, True, _JUSTIFY, 0, 6, True),
    # The body's last paragraph: kept on the page of the signature that follows it.
    "VB Nội dung cuối": (BODY_SIZE, False, False, _JUSTIFY, 0, 6, True),
    "VB Phần": (BODY_SIZE, True, False, _CENTER, 6, 6, False),
    # A decision's authority line and its "QUYẾT ĐỊNH:" (Mẫu 1.2).
    "VB Thẩm quyền": (14, True, False, _CENTER, 6, 6, False),
    "VB Quyết định": (14, True, False, _CENTER, 6, 6, False),
    "VB Nơi nhận tiêu đề": (12, True, True, _LEFT, 0, 0, False),
    "VB Nơi nhận": (11, False, False, _LEFT, 0, 0, False),
    "VB Quyền hạn": (14, True, False, _CENTER, 0, 0, False),
    "VB Khoảng ký": (14, False, True, _CENTER, 30, 54, False),
    "VB Họ tên": (14, True, False, _CENTER, 0, 0, False),
    "VB Số trang": (14, False, False, _CENTER, 0, 0, False),
}
# Each heading kind of documents/body.py (HEADING_KINDS) → the style it prints in.
HEADINGS = {
    "de_muc": "VB Đề mục",
    "de_muc_dam_nghieng": "VB Đề mục đậm nghiêng",
    "de_muc_nghieng": "VB Đề mục nghiêng",
}
_KEPT_WITH_NEXT = {
    *HEADINGS.values(),
    *("VB Phần", "VB Tên loại", "VB Trích yếu", "VB Nội dung cuối"),
    *("VB Thẩm quyền", "VB Quyết định"),
}
_SINGLE_SPACED = {
    "VB Nội dung",
    "VB Nội dung cuối",
    "VB Đề mục",
    "VB Đề mục đậm nghiêng",
    "VB Đề mục nghiêng",
    "VB Căn cứ",
    "VB Kính gửi",
}


def setup_defaults(document: Any) -> None:
    """Times New Roman 14 pt, black, Vietnamese, as the default and in every style."""
    styles = document.styles
    set_document_defaults(styles, font=FONT, size_pt=BODY_SIZE, colour="000000", language="vi-VN")
    # Every style of the base document must also name Times New Roman, never a theme font.
    name_font_in_every_style(styles, FONT)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    set_style_font(normal, FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)


def define_styles(document: Any) -> None:
    for name, (size, bold, italic, align, before, after, indent) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        font = style.font
        font.name = FONT
        font.size = Pt(size)
        font.bold = bold
        font.italic = italic
        set_style_font(style, FONT)
        set_complex_script_size(style, size)
        paragraph = style.paragraph_format
        paragraph.alignment = align
        paragraph.space_before = Pt(before)
        paragraph.space_after = Pt(after)
        paragraph.widow_control = True
        if indent:
            paragraph.first_line_indent = Mm(FIRST_LINE_INDENT_CM * 10)
        if name in _SINGLE_SPACED:
            paragraph.line_spacing = LINE_SPACING
        else:
            paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if name in _KEPT_WITH_NEXT:
            paragraph.keep_with_next = True
    rule = document.styles["VB Đường kẻ"]
    rule.paragraph_format.line_spacing = Pt(2)
    add_top_border(rule, Border("single", eighths_of_point=6, space_pt=1, colour="000000"))
    kinh_gui = document.styles["VB Kính gửi"].paragraph_format
    kinh_gui.left_indent = Mm(KINH_GUI_LEFT_MM + KINH_GUI_HANGING_MM)
    kinh_gui.first_line_indent = Mm(-KINH_GUI_HANGING_MM)
    kinh_gui.tab_stops.add_tab_stop(Mm(KINH_GUI_LEFT_MM + KINH_GUI_HANGING_MM))
    # No space between the lines of one block (recipients; "Phần thứ …" and its title),
    # 6 pt around the block.
    for name in ("VB Kính gửi", "VB Phần"):
        no_space_between_same_style(document.styles[name])


def _setup_page(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(LAYOUT.width)
    section.page_height = Mm(LAYOUT.height)
    section.top_margin = Mm(LAYOUT.top)
    section.bottom_margin = Mm(LAYOUT.bottom)
    section.left_margin = Mm(LAYOUT.left)
    section.right_margin = Mm(LAYOUT.right)
    section.header_distance = Mm(LAYOUT.header_distance)
    section.footer_distance = Mm(LAYOUT.header_distance)
    # Page numbers: centred in the header from page 2 on, none on page 1 (Phụ lục I, III.1.đ).
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.style = document.styles["VB Số trang"]
    add_page_number_field(paragraph, shown="2")


def add_paragraph(container: Any, style: str, text: str = "") -> Any:
    paragraph = container.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)
    return paragraph


def add_tag(container: Any, tag: str) -> None:
    """Add a paragraph that holds only a docxtpl paragraph tag ({%p … %})."""
    container.add_paragraph(tag, style="Normal")


def add_rule(container: Any, left: str, right: str) -> None:
    """Add a rule line: an empty paragraph whose top border spans between its indents."""
    paragraph = add_paragraph(container, "VB Đường kẻ")
    set_indent(paragraph, left=left, right=right)


NO_BORDER = Border("nil")
THIN_BORDER = Border("single", eighths_of_point=4, space_pt=0, colour="000000")


def fixed_table(document: Any, rows: int, widths: Sequence[float], border: Border) -> Any:
    """Add a centred table of fixed column widths (mm) with the same border on every edge."""
    table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    set_fixed_layout(table, widths, border)
    for index, column in enumerate(table.columns):
        column.width = Mm(widths[index])
    return table


def borderless_table(document: Any, rows: int, widths_mm: Iterable[float]) -> Any:
    widths = list(widths_mm)
    table = fixed_table(document, rows, widths, NO_BORDER)
    for index, column in enumerate(table.columns):
        for cell in column.cells:
            cell.width = Mm(widths[index])
    for row in table.rows:  # a new table: no merged cells, each cell once
        for cell in row.cells:
            remove(cell.paragraphs[0])
    return table


def add_header(
    document: Any,
    cong_van: bool,
    *,
    layout: PageLayout = LAYOUT,
    number: bool = True,
    place_date: bool = True,
) -> None:
    """Add the header table; a Biên bản has no place-and-date, an attachment neither line."""
    second_row = number or place_date
    table = borderless_table(
        document, 2 if second_row else 1, (layout.header_left, layout.header_right)
    )
    agency = table.cell(0, 0)
    add_tag(agency, "{%p if co_quan_chu_quan %}")
    add_paragraph(agency, "VB Cơ quan chủ quản", "{{ co_quan_chu_quan }}")
    add_tag(agency, "{%p endif %}")
    add_paragraph(agency, "VB Cơ quan ban hành", "{{ co_quan }}")
    add_rule(agency, "{{ duong_ke.co_quan.trai }}", "{{ duong_ke.co_quan.phai }}")
    motto = table.cell(0, 1)
    add_paragraph(motto, "VB Quốc hiệu", QUOC_HIEU)
    add_paragraph(motto, "VB Tiêu ngữ", TIEU_NGU)
    cell_width = layout.header_right - 2 * layout.cell_margin
    motto_rule = centred_rule(cell_width, pt_to_mm(text_width_pt(TIEU_NGU, 13, bold=True)))
    add_rule(motto, str(motto_rule.trai), str(motto_rule.phai))
    if not second_row:
        return
    left, right = table.cell(1, 0), table.cell(1, 1)
    if number:
        add_paragraph(left, "VB Số ký hiệu", "Số: {{ so_ky_hieu }}")
    else:
        add_paragraph(left, "VB Số ký hiệu")  # a cell needs one paragraph
    if cong_van:
        paragraph = add_paragraph(left, "VB Trích yếu công văn", "V/v ")
        paragraph.add_run("{{r trich_yeu }}")
    add_paragraph(right, "VB Địa danh ngày", "{{ dia_danh_ngay }}" if place_date else "")


def add_title(document: Any, type_name: str) -> None:
    add_paragraph(document, "VB Tên loại", type_name)
    add_paragraph(document, "VB Trích yếu", "{{r trich_yeu }}")
    add_tag(document, "{%p if ghi_chu_trich_yeu %}")
    add_paragraph(document, "VB Ghi chú trích yếu", "{{ ghi_chu_trich_yeu }}")
    add_tag(document, "{%p endif %}")
    add_rule(document, "{{ duong_ke.trich_yeu.trai }}", "{{ duong_ke.trich_yeu.phai }}")


def add_recipients(document: Any) -> None:
    add_tag(document, "{%p for k in kinh_gui %}")
    add_tag(document, "{%p if k.dau %}")
    paragraph = add_paragraph(document, "VB Kính gửi", "Kính gửi:")
    paragraph.add_run().add_tab()
    paragraph.add_run("{{ k.noi_dung }}")
    add_tag(document, "{%p else %}")
    paragraph = add_paragraph(document, "VB Kính gửi")  # a tab lines the dash up under the first
    paragraph.add_run().add_tab()
    paragraph.add_run("{{ k.noi_dung }}")
    add_tag(document, "{%p endif %}")
    add_tag(document, "{%p endfor %}")


def add_bases(document: Any) -> None:
    add_tag(document, "{%p for c in can_cu %}")
    add_paragraph(document, "VB Căn cứ", "{{ c }}")
    add_tag(document, "{%p endfor %}")


def add_flow(document: Any, name: str) -> None:
    """Loop over the paragraphs ``name``: each kind of documents/body.py in its style."""
    add_tag(document, f"{{%p for p in {name} %}}")
    for index, (kind, style) in enumerate(HEADINGS.items()):
        add_tag(document, f'{{%p {"elif" if index else "if"} p.kieu == "{kind}" %}}')
        add_paragraph(document, style, "{{r p.noi_dung }}")
    add_tag(document, '{%p elif p.kieu == "doan_cuoi" %}')
    add_paragraph(document, "VB Nội dung cuối", "{{r p.noi_dung }}")
    add_tag(document, '{%p elif p.kieu == "phan" or p.kieu == "phan_tieu_de" %}')
    add_paragraph(document, "VB Phần", "{{r p.noi_dung }}")
    add_tag(document, '{%p elif p.kieu == "bang" %}')
    add_paragraph(document, "Normal", "{{p p.noi_dung }}")  # replaced by the table's own XML
    add_tag(document, "{%p else %}")
    add_paragraph(document, "VB Nội dung", "{{r p.noi_dung }}")
    add_tag(document, "{%p endif %}")
    add_tag(document, "{%p endfor %}")


def add_body(document: Any) -> None:
    add_bases(document)
    add_flow(document, "than")


def add_decision_opening(document: Any) -> None:
    """Add what opens a Quyết định's text: who decides, the căn cứ, then "QUYẾT ĐỊNH:"."""
    add_paragraph(document, "VB Thẩm quyền", "{{ tham_quyen }}")
    add_bases(document)
    add_paragraph(document, "VB Quyết định", "QUYẾT ĐỊNH:")


def add_signature(document: Any, *, layout: PageLayout = LAYOUT, recipients: bool = True) -> None:
    """Add the signature table: Nơi nhận on the left (unless an attachment), the signer right."""
    # One blank line between the body and the signature, kept on the signature's page.
    add_paragraph(document, "VB Nội dung").paragraph_format.keep_with_next = True
    table = borderless_table(document, 1, (layout.signature_left, layout.signature_right))
    # The signature block never splits across two pages.
    keep_row_on_one_page(table.rows[0])
    left = table.cell(0, 0)
    if recipients:
        add_paragraph(left, "VB Nơi nhận tiêu đề", "Nơi nhận:")
        add_tag(left, "{%p for n in noi_nhan %}")
        add_paragraph(left, "VB Nơi nhận", "{{ n }}")
        add_tag(left, "{%p endfor %}")
    else:
        add_paragraph(left, "VB Nơi nhận")  # a cell needs one paragraph
    signer = table.cell(0, 1)
    add_tag(signer, "{%p for q in ky.quyen_han %}")
    add_paragraph(signer, "VB Quyền hạn", "{{ q }}")
    add_tag(signer, "{%p endfor %}")
    add_paragraph(signer, "VB Quyền hạn", "{{ ky.chuc_vu }}")
    add_paragraph(signer, "VB Khoảng ký", "{{ ky.ghi_chu }}")
    add_paragraph(signer, "VB Họ tên", "{{ ky.ho_ten }}")


def new_document() -> Any:
    """Return an empty A4 template: default font, the "VB …" styles, page, page numbers."""
    document = Document()
    setup_defaults(document)
    define_styles(document)
    _setup_page(document)
    properties = document.core_properties
    properties.author = "vanban"
    properties.title = "{{ tieu_de_tai_lieu }}"
    properties.subject = ""
    properties.comments = ""
    properties.keywords = ""
    properties.last_modified_by = "vanban"
    properties.language = "vi-VN"
    properties.revision = 1
    properties.created = dt.datetime(2024, 1, 1)
    properties.modified = dt.datetime(2024, 1, 1)
    return document


def house_styles(document: Any) -> list[str]:
    """The names of the "VB …" styles, the ones every template defines for its paragraphs."""
    return [style.name for style in document.styles if style.name.startswith("VB ")]


def finish(document: Any) -> bytes:
    """Return the document's bytes, reproducibly zipped, without python-docx's thumbnail and
    without the stock styles it does not use (every "VB …" style stays, for whoever edits a
    document in Word)."""
    drop_unused_styles(document, keep=house_styles(document))
    drop_word_2010_style_copy(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(without_thumbnail(buffer.getvalue()))


def build_docx(type_name: str | None) -> bytes:
    """Return the template .docx for a document type (None: a Công văn)."""
    document = new_document()
    add_header(document, cong_van=type_name is None)
    if type_name is not None:
        add_title(document, type_name)
    add_recipients(document)
    add_body(document)
    add_signature(document)
    return finish(document)
