"""Builds the award dossier templates (hồ sơ khen thưởng) and their manifests from code.

Called by build.py's build_all, on top of layout.py (styles, header table, title, signature
table), so every award template looks like the other documents: Tờ trình (Mẫu 1.4), Danh sách
kèm theo (landscape table), Báo cáo thành tích of an individual and of a collective, Biên bản
họp Hội đồng Thi đua – Khen thưởng (Mẫu 1.9), Quyết định khen thưởng (Mẫu 1.2, with its list
as an appendix), and the print layouts of a Bằng khen and a Giấy khen on a pre-printed blank.
The fields of each template are in award_manifests.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt

from doc_templates import award_manifests as manifests
from doc_templates.layout import (
    FONT,
    LAYOUT,
    QUOC_HIEU,
    THIN_BORDER,
    TIEU_NGU,
    add_decision_opening,
    add_flow,
    add_header,
    add_paragraph,
    add_rule,
    add_signature,
    add_tag,
    add_title,
    borderless_table,
    build_docx,
    define_styles,
    finish,
    fixed_table,
    new_document,
    setup_defaults,
)
from doc_templates.manifest import write_template
from vanban.documents.award_layout import (
    A4_LANDSCAPE,
    CERTIFICATE_MARGIN,
    CERTIFICATE_PAGE,
    HONOURS_COLUMNS,
    NOMINATION_COLUMNS,
    REWARD_COLUMNS,
    TWO_SIGNATURES,
    VOTE_COLUMNS,
)
from vanban.documents.layout import PageLayout, centred_rule, pt_to_mm
from vanban.documents.text_metrics import text_width_pt
from vanban.docx.building import (
    keep_row_on_one_page,
    place_in_page_frame,
    remove,
    repeat_row_as_header,
    restart_page_numbering,
    same_element,
    set_alignment_value,
    set_run_format_values,
    set_style_font,
)

_C, _L, _R = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
# name: (size pt, bold, italic, alignment, space before pt, space after pt, keep with next)
AWARD_STYLES: dict[str, tuple[float, bool, bool, Any, float, float, bool]] = {
    "VB Kèm theo": (14, False, True, _C, 0, 3, True),
    "VB Bảng tiêu đề": (13, True, False, _C, 3, 3, False),
    "VB Bảng": (13, False, False, _L, 2, 2, False),
    "VB Bảng giữa": (13, False, False, _C, 2, 2, False),
    "VB Bảng số": (13, False, False, _R, 2, 2, False),
    "VB Bảng nhóm": (13, True, False, _L, 2, 2, False),
    "VB Khen": (14, False, False, _L, 0, 0, False),
    "VB Ngắt": (2, False, False, _L, 0, 0, False),
}


def _award_styles(document: Any) -> None:
    """Add the styles only award templates use (tables, authority line, certificate items)."""
    for name, (size, bold, italic, align, before, after, keep) in AWARD_STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        style.font.size, style.font.bold, style.font.italic = Pt(size), bold, italic
        set_style_font(style, FONT)
        paragraph = style.paragraph_format
        paragraph.alignment = align
        paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)
        paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph.keep_with_next = keep
        paragraph.widow_control = True


def _document(layout: PageLayout = LAYOUT) -> Any:
    document = new_document()
    _award_styles(document)
    if layout is A4_LANDSCAPE:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(layout.width), Mm(layout.height)
    return document


def _cell(cell: Any, style: str, text: str = "") -> Any:
    """Put one paragraph in an (emptied) table cell."""
    for paragraph in list(cell.paragraphs):
        remove(paragraph)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return add_paragraph(cell, style, text)


def _grid(document: Any, widths: Sequence[float], headings: Sequence[str]) -> Any:
    """Add a bordered table whose heading row repeats on every page."""
    table = fixed_table(document, 1, widths, THIN_BORDER)
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        _cell(cell, "VB Bảng tiêu đề", heading)
    keep_row_on_one_page(table.rows[0])
    repeat_row_as_header(table.rows[0])
    return table


def _row(table: Any, cells: Sequence[tuple[str, str]], widths: Sequence[float]) -> Any:
    """Add a row; fewer cells than columns merge the first cell across the missing ones."""
    row = table.add_row()
    if len(cells) < len(widths):
        span = len(widths) - len(cells) + 1
        row.cells[0].merge(row.cells[span - 1])
    seen: list[Any] = []
    for cell in row.cells:  # a merged cell appears once per grid column
        if not any(same_element(cell, other) for other in seen):
            seen.append(cell)
    for cell, (style, text) in zip(seen, cells, strict=True):
        _cell(cell, style, text)
        # A merged cell is as wide as the grid columns it spans.
        spanned = [
            w for other, w in zip(row.cells, widths, strict=True) if same_element(other, cell)
        ]
        cell.width = Mm(sum(spanned))
    keep_row_on_one_page(row)
    return row


def _tag_row(table: Any, tag: str, widths: Sequence[float]) -> None:
    """Add a row that holds only a docxtpl row tag ({%tr … %}); it renders as no row."""
    _row(table, [("VB Bảng", tag)], widths)


def _grouped_table(
    document: Any, widths: Sequence[float], headings: Sequence[str], data: Sequence[str]
) -> Any:
    """Add a table of ``bang``: "I. TẬP THỂ" rows across the table, then numbered rows."""
    table = _grid(document, widths, headings)
    _tag_row(table, "{%tr for r in bang %}", widths)
    _tag_row(table, "{%tr if r.nhom %}", widths)
    _row(table, [("VB Bảng nhóm", "{{ r.nhom }}")], widths)
    _tag_row(table, "{%tr else %}", widths)
    _row(table, [("VB Bảng giữa", "{{ r.stt }}"), *[_data_cell(name) for name in data]], widths)
    _tag_row(table, "{%tr endif %}", widths)
    _tag_row(table, "{%tr endfor %}", widths)
    return table


def _data_cell(name: str) -> tuple[str, str]:
    if name == "so_tien":
        return ("VB Bảng số", "{{ r.so_tien }}")
    if name == "thanh_tich":
        return ("VB Bảng", "{{r r.thanh_tich }}")
    return ("VB Bảng", f"{{{{ r.{name} }}}}")


def _two_signatures(document: Any, recipients: bool) -> None:
    """Add two signature columns (ky_trai, ky_phai), then Nơi nhận under the left one.

    Headings, signing space and names are separate rows, so the two names stay on one line
    however many heading lines each column has.
    """
    add_paragraph(document, "VB Nội dung").paragraph_format.keep_with_next = True
    table = borderless_table(document, 4 if recipients else 3, TWO_SIGNATURES)
    for index, side in enumerate(("ky_trai", "ky_phai")):
        heading, space, name = (table.cell(row, index) for row in range(3))
        add_tag(heading, f"{{%p for d in {side}.dong %}}")
        add_paragraph(heading, "VB Quyền hạn", "{{ d }}").paragraph_format.keep_with_next = True
        add_tag(heading, "{%p endfor %}")
        signing = add_paragraph(space, "VB Khoảng ký", f"{{{{ {side}.ghi_chu }}}}")
        signing.paragraph_format.keep_with_next = True
        add_paragraph(name, "VB Họ tên", f"{{{{ {side}.ho_ten }}}}")
    for row in table.rows[:3]:
        keep_row_on_one_page(row)
    if recipients:  # Mẫu 1.9: Nơi nhận under THƯ KÝ, after the names
        left = table.cell(3, 0)
        title = add_paragraph(left, "VB Nơi nhận tiêu đề", "Nơi nhận:")
        title.paragraph_format.space_before = Pt(12)
        add_tag(left, "{%p for n in noi_nhan %}")
        add_paragraph(left, "VB Nơi nhận", "{{ n }}")
        add_tag(left, "{%p endfor %}")
        add_paragraph(table.cell(3, 1), "VB Nơi nhận")


# ---- the templates --------------------------------------------------------------------------


def build_danh_sach() -> bytes:
    """Danh sách đề nghị khen thưởng, A4 landscape, attached to the Tờ trình."""
    document = _document(A4_LANDSCAPE)
    add_header(document, False, layout=A4_LANDSCAPE, number=False, place_date=False)
    add_paragraph(document, "VB Tên loại", "DANH SÁCH")
    add_paragraph(document, "VB Trích yếu", "{{r trich_yeu }}")
    add_paragraph(document, "VB Kèm theo", "{{ kem_theo }}")
    add_rule(document, "{{ duong_ke.trich_yeu.trai }}", "{{ duong_ke.trich_yeu.phai }}")
    headings = (
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ",
        "Đơn vị",
        "Hình thức khen thưởng",
        "Thành tích (tóm tắt)",
    )
    data = ("ten", "chuc_vu", "don_vi", "hinh_thuc", "thanh_tich")
    _grouped_table(document, NOMINATION_COLUMNS, headings, data)
    # The total goes with the signature: a page holding only a signature is no page.
    total = add_paragraph(document, "VB Nội dung", "{{ tong_so }}").paragraph_format
    total.space_before, total.keep_with_next = Pt(6), True
    add_signature(document, layout=A4_LANDSCAPE, recipients=False)
    return finish(document)


def _honours_tables(document: Any) -> None:
    for number, (key, title, what) in enumerate(
        (
            ("danh_hieu", "Danh hiệu thi đua", "công nhận danh hiệu thi đua"),
            ("khen_thuong", "Hình thức khen thưởng", "khen thưởng"),
        ),
        start=1,
    ):
        heading = add_paragraph(document, "VB Đề mục", f"{number}. {title}:")
        heading.paragraph_format.space_before = Pt(6)  # air after the table above
        add_tag(document, f"{{%p if {key} %}}")
        headings = ("Năm", title, f"Số, ngày, tháng, năm của quyết định {what}; cơ quan ban hành")
        table = _grid(document, HONOURS_COLUMNS, headings)
        _tag_row(table, f"{{%tr for r in {key} %}}", HONOURS_COLUMNS)
        cells = [("VB Bảng giữa", "{{ r.nam }}"), _data_cell("ten"), _data_cell("quyet_dinh")]
        _row(table, cells, HONOURS_COLUMNS)
        _tag_row(table, "{%tr endfor %}", HONOURS_COLUMNS)
        add_tag(document, "{%p else %}")
        add_paragraph(document, "VB Nội dung", "(Không có)")
        add_tag(document, "{%p endif %}")


def build_bao_cao_thanh_tich(collective: bool) -> bytes:
    """Báo cáo thành tích: sections I–III, the honours tables, two signature columns."""
    document = _document()
    if collective:
        add_header(document, False, number=False)
    else:  # an individual's report carries only the Quốc hiệu, centred on the page
        add_paragraph(document, "VB Quốc hiệu", QUOC_HIEU)
        add_paragraph(document, "VB Tiêu ngữ", TIEU_NGU)
        motto = pt_to_mm(text_width_pt(TIEU_NGU, 13, bold=True))
        rule = centred_rule(LAYOUT.text_width, motto)
        add_rule(document, str(rule.trai), str(rule.phai))
        place = add_paragraph(document, "VB Địa danh ngày", "{{ dia_danh_ngay }}")
        place.paragraph_format.left_indent = Mm(LAYOUT.header_left)
    add_title(document, "BÁO CÁO THÀNH TÍCH")
    add_flow(document, "phan_dau")
    _honours_tables(document)
    _two_signatures(document, recipients=False)
    if not collective:  # then, centred under both, the proposing level's confirmation
        heading = add_paragraph(document, "VB Quyền hạn", "")
        heading.paragraph_format.space_before = Pt(18)
        heading.paragraph_format.keep_with_next = True
        add_tag(document, "{%p for d in ky_cap_trinh.dong %}")
        add_paragraph(document, "VB Quyền hạn", "{{ d }}").paragraph_format.keep_with_next = True
        add_tag(document, "{%p endfor %}")
        space = add_paragraph(document, "VB Khoảng ký", "{{ ky_cap_trinh.ghi_chu }}")
        space.paragraph_format.keep_with_next = True
        add_paragraph(document, "VB Họ tên", "{{ ky_cap_trinh.ho_ten }}")
    return finish(document)


def build_bien_ban() -> bytes:
    """Biên bản họp Hội đồng Thi đua – Khen thưởng (Mẫu 1.9) with the vote table."""
    document = _document()
    add_header(document, False, place_date=False)
    add_title(document, "BIÊN BẢN")
    add_flow(document, "dien_bien")
    add_paragraph(
        document, "VB Nội dung", "{{ bo_phieu_mo_dau }}"
    ).paragraph_format.keep_with_next = True
    headings = (
        "STT",
        "Tên tập thể, cá nhân",
        "Hình thức khen thưởng",
        "Số phiếu đồng ý / Tổng số thành viên",
        "Tỷ lệ (%)",
        "Kết quả",
    )
    table = _grid(document, VOTE_COLUMNS, headings)
    _tag_row(table, "{%tr for r in phieu %}", VOTE_COLUMNS)
    cells = [("VB Bảng giữa", "{{ r.stt }}"), _data_cell("ten"), _data_cell("hinh_thuc")]
    cells += [("VB Bảng giữa", f"{{{{ r.{key} }}}}") for key in ("phieu", "ty_le", "ket_qua")]
    _row(table, cells, VOTE_COLUMNS)
    _tag_row(table, "{%tr endfor %}", VOTE_COLUMNS)
    add_tag(document, "{%p for k in ket_thuc %}")
    add_paragraph(document, "VB Nội dung", "{{r k }}").paragraph_format.space_before = Pt(6)
    add_tag(document, "{%p endfor %}")
    # The closing line goes with the signatures, never leaving them alone on a page.
    closing = add_paragraph(document, "VB Nội dung", "{{r ket_thuc_cuoi }}").paragraph_format
    closing.space_before, closing.keep_with_next = Pt(6), True
    _two_signatures(document, recipients=True)
    return finish(document)


def build_quyet_dinh() -> bytes:
    """Quyết định khen thưởng (Mẫu 1.2), then its list on a new, separately numbered page."""
    document = _document()
    add_header(document, False)
    add_title(document, "QUYẾT ĐỊNH")
    add_decision_opening(document)
    add_tag(document, "{%p for d in dieu %}")
    add_paragraph(document, "VB Nội dung", "{{r d }}")
    add_tag(document, "{%p endfor %}")
    # The last paragraph goes with the signature: a page with only a signature is no page.
    add_paragraph(
        document, "VB Nội dung", "{{r dieu_cuoi }}"
    ).paragraph_format.keep_with_next = True
    add_signature(document)
    # The list starts a new section: a new page whose numbering starts again (Phụ lục I,
    # III.1.đ: each appendix is numbered on its own) and, as on page 1, shows no number.
    appendix = document.add_section(WD_SECTION.NEW_PAGE)
    document.paragraphs[-1].style = document.styles["VB Ngắt"]
    restart_page_numbering(appendix, at=1)
    add_paragraph(document, "VB Tên loại", "DANH SÁCH").paragraph_format.space_before = Pt(0)
    add_paragraph(document, "VB Trích yếu", "{{ ds_trich_yeu }}")
    add_paragraph(document, "VB Kèm theo", "{{ ds_kem_theo }}")
    add_rule(document, "{{ ds_duong_ke.trai }}", "{{ ds_duong_ke.phai }}")
    headings = ("STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Số tiền thưởng (đồng)")
    table = _grouped_table(document, REWARD_COLUMNS, headings, ("ten", "don_vi", "so_tien"))
    _row(table, [("VB Bảng nhóm", "Tổng cộng"), ("VB Bảng số", "{{ tong_cong }}")], REWARD_COLUMNS)
    # Bold total: the figure the Điều 2 sentence repeats in words.
    table.rows[-1].cells[-1].paragraphs[0].runs[0].bold = True
    return finish(document)


def build_phoi_khen() -> bytes:
    """A Bằng khen / Giấy khen print layout: page-anchored frames, nothing else on the page."""
    document = Document()
    setup_defaults(document)
    define_styles(document)
    _award_styles(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(CERTIFICATE_PAGE[0]), Mm(CERTIFICATE_PAGE[1])
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(CERTIFICATE_MARGIN))
    properties = document.core_properties
    properties.author = properties.last_modified_by = "vanban"
    properties.title = "{{ tieu_de_tai_lieu }}"
    properties.created = properties.modified = manifests.EPOCH
    properties.revision = 1
    properties.language = "vi-VN"
    for paragraph in list(document.paragraphs):
        remove(paragraph)
    add_tag(document, "{%p for o in muc_in %}")
    item = add_paragraph(document, "VB Khen")
    place_in_page_frame(item, x="{{ o.x }}", y="{{ o.y }}", width="{{ o.w }}")
    set_alignment_value(item, "{{ o.can }}")
    run = item.add_run("{{ o.noi_dung }}")
    set_run_format_values(
        run, bold="{{ o.dam }}", italic="{{ o.nghieng }}", size_half_points="{{ o.co }}"
    )
    add_tag(document, "{%p endfor %}")
    add_paragraph(document, "VB Ngắt")  # the body ends with a plain paragraph, not a frame
    return finish(document)


def build_award_templates(folder: Path) -> list[Path]:
    """Write every award template and its manifest into ``folder``; return the paths."""
    contents = {
        "to_trinh_khen_thuong": lambda: build_docx("TỜ TRÌNH"),
        "danh_sach_khen_thuong": build_danh_sach,
        "danh_sach_de_nghi_cap_tren": build_danh_sach,
        "bao_cao_thanh_tich_ca_nhan": lambda: build_bao_cao_thanh_tich(collective=False),
        "bao_cao_thanh_tich_tap_the": lambda: build_bao_cao_thanh_tich(collective=True),
        "bien_ban_hop_hoi_dong": build_bien_ban,
        "quyet_dinh_khen_thuong": build_quyet_dinh,
        "bang_khen": build_phoi_khen,
        "giay_khen": build_phoi_khen,
    }
    written: list[Path] = []
    for template_id, build in contents.items():
        meta, fields = manifests.MANIFESTS[template_id]()
        written += write_template(folder, template_id, meta, build(), fields)
    return written
