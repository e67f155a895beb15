"""Builds the .docx templates and their manifests in doc_templates/ from code.

Run ``python doc_templates/build.py`` (or ``make templates``) after changing this file; it
rewrites ke_hoach, bao_cao, to_trinh and cong_van (.docx + .yaml), and through
build_awards.py the award dossier templates, deterministically, so a change to a template is a
reviewable change to these scripts. Every size, style and position follows
Nghị định 30/2020/NĐ-CP, Phụ lục I (see ../shared/reference/regulations.md §1).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from vanban.documents.layout import (
    A4_PORTRAIT,
    PageLayout,
    centred_rule,
    mm_to_twips,
    pt_to_mm,
)
from vanban.documents.text_metrics import text_width_pt
from vanban.docx import reproducible
from vanban.vietnamese import upper_vi

HERE = Path(__file__).resolve().parent
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
    "VB Đề mục": (BODY_SIZE, True, False, _JUSTIFY, 0, 6, True),
    # The body's last paragraph: kept on the page of the signature that follows it.
    "VB Nội dung cuối": (BODY_SIZE, False, False, _JUSTIFY, 0, 6, True),
    "VB Phần": (BODY_SIZE, True, False, _CENTER, 6, 6, False),
    "VB Nơi nhận tiêu đề": (12, True, True, _LEFT, 0, 0, False),
    "VB Nơi nhận": (11, False, False, _LEFT, 0, 0, False),
    "VB Quyền hạn": (14, True, False, _CENTER, 0, 0, False),
    "VB Khoảng ký": (14, False, True, _CENTER, 30, 54, False),
    "VB Họ tên": (14, True, False, _CENTER, 0, 0, False),
    "VB Số trang": (14, False, False, _CENTER, 0, 0, False),
}
_SINGLE_SPACED = {
    "VB Nội dung",
    "VB Nội dung cuối",
    "VB Đề mục",
    "VB Căn cứ",
    "VB Kính gửi",
}


def _set_fonts(rpr: Any) -> None:
    """Put Times New Roman on all four font slots and drop theme fonts, which would win."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _setup_defaults(document: Any) -> None:
    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
    for tag, value in (("w:sz", "28"), ("w:szCs", "28")):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            rpr.append(element)
        element.set(qn("w:val"), value)
    color = rpr.find(qn("w:color"))
    if color is None:
        color = OxmlElement("w:color")
        rpr.append(color)
    color.set(qn("w:val"), "000000")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    # Every style of the base document must also name Times New Roman, never a theme font.
    for fonts_element in styles_element.iter(qn("w:rFonts")):
        _set_fonts(fonts_element.getparent())
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    _set_fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)


def _define_styles(document: Any) -> None:
    for name, (size, bold, italic, align, before, after, indent) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        font = style.font
        font.name = FONT
        font.size = Pt(size)
        font.bold = bold
        font.italic = italic
        _set_fonts(style.element.get_or_add_rPr())
        size_cs = OxmlElement("w:szCs")
        size_cs.set(qn("w:val"), str(int(size * 2)))
        style.element.get_or_add_rPr().append(size_cs)
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
        if name in (
            "VB Đề mục",
            "VB Phần",
            "VB Tên loại",
            "VB Trích yếu",
            "VB Nội dung cuối",
        ):
            paragraph.keep_with_next = True
    rule = document.styles["VB Đường kẻ"]
    rule.paragraph_format.line_spacing = Pt(2)
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    border.append(top)
    rule.element.get_or_add_pPr().append(border)
    kinh_gui = document.styles["VB Kính gửi"].paragraph_format
    kinh_gui.left_indent = Mm(KINH_GUI_LEFT_MM + KINH_GUI_HANGING_MM)
    kinh_gui.first_line_indent = Mm(-KINH_GUI_HANGING_MM)
    kinh_gui.tab_stops.add_tab_stop(Mm(KINH_GUI_LEFT_MM + KINH_GUI_HANGING_MM))
    # No space between the lines of one block (recipients; "Phần thứ …" and its title),
    # 6 pt around the block.
    for name in ("VB Kính gửi", "VB Phần"):
        document.styles[name].element.get_or_add_pPr().append(OxmlElement("w:contextualSpacing"))


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
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _paragraph(container: Any, style: str, text: str = "") -> Any:
    paragraph = container.add_paragraph(style=style)
    if text:
        paragraph.add_run(text)
    return paragraph


def _tag(container: Any, tag: str) -> None:
    """Add a paragraph that holds only a docxtpl paragraph tag ({%p … %})."""
    container.add_paragraph(tag, style="Normal")


def _rule(container: Any, left: str, right: str) -> None:
    """Add a rule line: an empty paragraph whose top border spans between its indents."""
    paragraph = _paragraph(container, "VB Đường kẻ")
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), left)
    indent.set(qn("w:right"), right)
    indent.set(qn("w:firstLine"), "0")
    paragraph._p.get_or_add_pPr().append(indent)


NO_BORDER = (("val", "nil"),)
THIN_BORDER = (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000"))


def fixed_table(
    document: Any, rows: int, widths: Sequence[float], border: tuple[tuple[str, str], ...]
) -> Any:
    """Add a centred table of fixed column widths (mm) with the same border on every edge."""
    table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        for key, value in border:
            element.set(qn(f"w:{key}"), value)
        borders.append(element)
    properties.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    width = properties.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(mm_to_twips(value) for value in widths)))
    for index, column in enumerate(table.columns):
        column.width = Mm(widths[index])
    return table


def _borderless_table(document: Any, rows: int, widths_mm: Iterable[float]) -> Any:
    widths = list(widths_mm)
    table = fixed_table(document, rows, widths, NO_BORDER)
    for index, column in enumerate(table.columns):
        for cell in column.cells:
            cell.width = Mm(widths[index])
    for cell in table._cells:
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table


def _header(
    document: Any,
    cong_van: bool,
    *,
    layout: PageLayout = LAYOUT,
    number: bool = True,
    place_date: bool = True,
) -> None:
    """Add the header table; a Biên bản has no place-and-date, an attachment neither line."""
    second_row = number or place_date
    table = _borderless_table(
        document, 2 if second_row else 1, (layout.header_left, layout.header_right)
    )
    agency = table.cell(0, 0)
    _tag(agency, "{%p if co_quan_chu_quan %}")
    _paragraph(agency, "VB Cơ quan chủ quản", "{{ co_quan_chu_quan }}")
    _tag(agency, "{%p endif %}")
    _paragraph(agency, "VB Cơ quan ban hành", "{{ co_quan }}")
    _rule(agency, "{{ duong_ke.co_quan.trai }}", "{{ duong_ke.co_quan.phai }}")
    motto = table.cell(0, 1)
    _paragraph(motto, "VB Quốc hiệu", QUOC_HIEU)
    _paragraph(motto, "VB Tiêu ngữ", TIEU_NGU)
    cell_width = layout.header_right - 2 * layout.cell_margin
    motto_rule = centred_rule(cell_width, pt_to_mm(text_width_pt(TIEU_NGU, 13, bold=True)))
    _rule(motto, str(motto_rule.trai), str(motto_rule.phai))
    if not second_row:
        return
    left, right = table.cell(1, 0), table.cell(1, 1)
    if number:
        _paragraph(left, "VB Số ký hiệu", "Số: {{ so_ky_hieu }}")
    else:
        _paragraph(left, "VB Số ký hiệu")  # a cell needs one paragraph
    if cong_van:
        paragraph = _paragraph(left, "VB Trích yếu công văn", "V/v ")
        paragraph.add_run("{{r trich_yeu }}")
    _paragraph(right, "VB Địa danh ngày", "{{ dia_danh_ngay }}" if place_date else "")


def _title(document: Any, type_name: str) -> None:
    _paragraph(document, "VB Tên loại", type_name)
    _paragraph(document, "VB Trích yếu", "{{r trich_yeu }}")
    _tag(document, "{%p if ghi_chu_trich_yeu %}")
    _paragraph(document, "VB Ghi chú trích yếu", "{{ ghi_chu_trich_yeu }}")
    _tag(document, "{%p endif %}")
    _rule(document, "{{ duong_ke.trich_yeu.trai }}", "{{ duong_ke.trich_yeu.phai }}")


def _recipients(document: Any) -> None:
    _tag(document, "{%p for k in kinh_gui %}")
    _tag(document, "{%p if k.dau %}")
    paragraph = _paragraph(document, "VB Kính gửi", "Kính gửi:")
    paragraph.add_run().add_tab()
    paragraph.add_run("{{ k.noi_dung }}")
    _tag(document, "{%p else %}")
    paragraph = _paragraph(document, "VB Kính gửi")  # a tab lines the dash up under the first
    paragraph.add_run().add_tab()
    paragraph.add_run("{{ k.noi_dung }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")


def _body(document: Any) -> None:
    _tag(document, "{%p for c in can_cu %}")
    _paragraph(document, "VB Căn cứ", "{{ c }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p for p in than %}")
    _tag(document, '{%p if p.kieu == "de_muc" %}')
    _paragraph(document, "VB Đề mục", "{{r p.noi_dung }}")
    _tag(document, '{%p elif p.kieu == "doan_cuoi" %}')
    _paragraph(document, "VB Nội dung cuối", "{{r p.noi_dung }}")
    _tag(document, '{%p elif p.kieu == "phan" or p.kieu == "phan_tieu_de" %}')
    _paragraph(document, "VB Phần", "{{r p.noi_dung }}")
    _tag(document, '{%p elif p.kieu == "bang" %}')
    _paragraph(document, "Normal", "{{p p.noi_dung }}")  # replaced by the table's own XML
    _tag(document, "{%p else %}")
    _paragraph(document, "VB Nội dung", "{{r p.noi_dung }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")


def _signature(document: Any, *, layout: PageLayout = LAYOUT, recipients: bool = True) -> None:
    """Add the signature table: Nơi nhận on the left (unless an attachment), the signer right."""
    # One blank line between the body and the signature, kept on the signature's page.
    _paragraph(document, "VB Nội dung").paragraph_format.keep_with_next = True
    table = _borderless_table(document, 1, (layout.signature_left, layout.signature_right))
    # The signature block never splits across two pages.
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:cantSplit"))
    left = table.cell(0, 0)
    if recipients:
        _paragraph(left, "VB Nơi nhận tiêu đề", "Nơi nhận:")
        _tag(left, "{%p for n in noi_nhan %}")
        _paragraph(left, "VB Nơi nhận", "{{ n }}")
        _tag(left, "{%p endfor %}")
    else:
        _paragraph(left, "VB Nơi nhận")  # a cell needs one paragraph
    signer = table.cell(0, 1)
    _tag(signer, "{%p for q in ky.quyen_han %}")
    _paragraph(signer, "VB Quyền hạn", "{{ q }}")
    _tag(signer, "{%p endfor %}")
    _paragraph(signer, "VB Quyền hạn", "{{ ky.chuc_vu }}")
    _paragraph(signer, "VB Khoảng ký", "{{ ky.ghi_chu }}")
    _paragraph(signer, "VB Họ tên", "{{ ky.ho_ten }}")


def new_document() -> Any:
    """Return an empty A4 template: default font, the "VB …" styles, page, page numbers."""
    document = Document()
    _setup_defaults(document)
    _define_styles(document)
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


def finish(document: Any) -> bytes:
    """Return the document's bytes, reproducibly zipped and without python-docx's thumbnail."""
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(_without_thumbnail(buffer.getvalue()))


def build_docx(type_name: str | None) -> bytes:
    """Return the template .docx for a document type (None: a Công văn)."""
    document = new_document()
    _header(document, cong_van=type_name is None)
    if type_name is not None:
        _title(document, type_name)
    _recipients(document)
    _body(document)
    _signature(document)
    return finish(document)


def _without_thumbnail(data: bytes) -> bytes:
    """Drop python-docx's stock thumbnail, which would preview as someone else's page."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "docProps/thumbnail.jpeg":
                continue
            content = source.read(item.filename)
            if item.filename == "_rels/.rels":
                content = re.sub(rb"<Relationship [^>]*thumbnail.jpeg\"/>", b"", content)
            target.writestr(item, content)
    return out.getvalue()


# ---- manifests -------------------------------------------------------------------------------


def _field(
    name: str,
    kind: str,
    label: str,
    label_en: str,
    example: Any = None,
    required: bool = False,
    description: str = "",
) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": name,
        "type": kind,
        "required": required,
        "label": label,
        "label_en": label_en,
    }
    if example is not None:
        field["example"] = example
    if description:
        field["description"] = description
    return field


def _fields(cong_van: bool) -> list[dict[str, Any]]:
    fields = [
        _field(
            "co_quan_chu_quan",
            "text",
            "Tên cơ quan, tổ chức chủ quản trực tiếp",
            "Parent body",
            "UBND TỈNH SƠN LA",
        ),
        _field(
            "co_quan",
            "text",
            "Tên cơ quan, tổ chức ban hành",
            "Issuing body",
            "HỘI KHUYẾN HỌC TỈNH SƠN LA",
            required=True,
            description="Viết hoa; dùng \\n để xuống dòng khi tên dài.",
        ),
        _field(
            "ky_hieu_co_quan",
            "code",
            "Chữ viết tắt tên cơ quan ban hành",
            "Issuing body abbreviation",
            "HKH",
            required=True,
        ),
    ]
    if cong_van:
        fields.append(
            _field(
                "ky_hieu_don_vi",
                "code",
                "Chữ viết tắt đơn vị soạn thảo",
                "Drafting unit abbreviation",
                "VP",
            )
        )
    fields += [
        _field(
            "so",
            "integer",
            "Số văn bản",
            "Document number",
            3,
            description="Để trống khi là dự thảo: in “Số:      /…”.",
        ),
        _field(
            "ngay",
            "date",
            "Ngày ban hành",
            "Date of issue",
            "2024-01-29",
            description="Để trống khi là dự thảo: in “ngày     tháng     năm …”.",
        ),
        _field("nam", "year", "Năm in trên dự thảo", "Year shown on a draft", 2024),
        _field("dia_danh", "text", "Địa danh", "Place name", "Sơn La", required=True),
        _field(
            "trich_yeu",
            "text",
            "Trích yếu nội dung",
            "Subject line",
            "Triển khai phong trào thi đua xây dựng xã hội học tập năm 2024",
            required=True,
            description="Công văn: phần sau “V/v”." if cong_van else "",
        ),
    ]
    if not cong_van:
        fields.append(
            _field(
                "ghi_chu_trich_yeu", "text", "Ghi chú dưới trích yếu", "Note under the subject line"
            )
        )
    fields += [
        _field(
            "kinh_gui",
            "lines",
            "Kính gửi",
            "Addressees",
            ["Ủy ban nhân dân tỉnh Sơn La"] if cong_van else None,
            required=cong_van,
        ),
        _field(
            "can_cu",
            "lines",
            "Căn cứ ban hành",
            "Legal bases",
            ["Căn cứ Quyết định số 1315/QĐ-TTg ngày 09/11/2023 của Thủ tướng Chính phủ"],
        ),
        _field(
            "mo_dau",
            "paragraphs",
            "Đoạn mở đầu",
            "Opening paragraphs",
            "Hội Khuyến học tỉnh Sơn La xây dựng Kế hoạch như sau:",
        ),
        _field(
            "danh_so",
            "numbering",
            "Kiểu đánh số các cấp đề mục",
            "Numbering styles",
            ["I", "1", "a"],
        ),
        _field(
            "noi_dung",
            "body",
            "Nội dung",
            "Body",
            [{"tieu_de": "MỤC ĐÍCH, YÊU CẦU", "doan": ["Phát huy sức mạnh đoàn kết."]}],
            required=not cong_van,
        ),
        _field(
            "ket_thuc",
            "paragraphs",
            "Đoạn kết",
            "Closing paragraphs",
            "Trên đây là Kế hoạch của Hội Khuyến học tỉnh Sơn La./.",
        ),
        _field(
            "ky",
            "signature",
            "Quyền hạn, chức vụ, họ tên người ký",
            "Signature block",
            {"thay_mat": "HỘI KHUYẾN HỌC TỈNH", "chuc_vu": "CHỦ TỊCH", "ho_ten": "Mai Thu Hương"},
            required=True,
        ),
        _field("noi_nhan", "lines", "Nơi nhận", "Recipients", ["Thường trực UBND tỉnh (b/c)"]),
        _field(
            "luu",
            "lines",
            "Lưu",
            "Filed at",
            ["VT", "VP"],
            description="“VT” luôn đứng đầu và được thêm nếu thiếu.",
        ),
    ]
    return fields


TEMPLATES: dict[str, dict[str, Any]] = {
    "ke_hoach": {
        "title": "Kế hoạch",
        "title_en": "Plan",
        "document_type": "Kế hoạch",
        "form": "Mẫu 1.4 – Văn bản có tên loại (Phụ lục III, Nghị định 30/2020/NĐ-CP)",
    },
    "bao_cao": {
        "title": "Báo cáo",
        "title_en": "Report",
        "document_type": "Báo cáo",
        "form": "Mẫu 1.4 – Văn bản có tên loại (Phụ lục III, Nghị định 30/2020/NĐ-CP)",
    },
    "to_trinh": {
        "title": "Tờ trình",
        "title_en": "Submission",
        "document_type": "Tờ trình",
        "form": "Mẫu 1.4 – Văn bản có tên loại (Phụ lục III, Nghị định 30/2020/NĐ-CP)",
    },
    "cong_van": {
        "title": "Công văn",
        "title_en": "Official letter",
        "document_type": "Công văn",
        "form": "Mẫu 1.5 – Công văn (Phụ lục III, Nghị định 30/2020/NĐ-CP)",
    },
}


def write_template(
    folder: Path, template_id: str, meta: dict[str, Any], content: bytes, fields: list[Any]
) -> list[Path]:
    """Write ``<id>.docx`` and its manifest ``<id>.yaml``; return both paths."""
    docx_path = folder / f"{template_id}.docx"
    docx_path.write_bytes(content)
    manifest = {"id": template_id, **meta, "file": docx_path.name, "fields": fields}
    manifest_path = folder / f"{template_id}.yaml"
    manifest_path.write_text(
        "# Generated by doc_templates/build.py: edit that script, then run it again.\n"
        + yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8",
    )
    return [docx_path, manifest_path]


def build_all(folder: Path = HERE) -> list[Path]:
    """Write every template and manifest into ``folder``; return the paths written."""
    # Imported here: build_awards builds on this module's helpers.
    from doc_templates.build_awards import build_award_templates

    written: list[Path] = []
    for template_id, meta in TEMPLATES.items():
        cong_van = template_id == "cong_van"
        type_name = None if cong_van else upper_vi(str(meta["document_type"]))
        written += write_template(
            folder, template_id, meta, build_docx(type_name), _fields(cong_van)
        )
    return written + build_award_templates(folder)


if __name__ == "__main__":
    # Run as a script, the doc_templates package is not on the path yet.
    sys.path.insert(0, str(HERE.parent))
    for path in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
