"""Tables in the body tree (``bang``): checks, widths, totals, OOXML and landscape sections."""

from __future__ import annotations

from typing import Any

import pytest
from docx.enum.section import WD_ORIENT

from tests.docx.crafting import attribute, children
from vanban.documents import DocumentData, Renderer, TemplateCatalogue, parse_document_data
from vanban.documents.body_tables import BodyTable, _check_column, _check_rows
from vanban.documents.layout import A4_LANDSCAPE, A4_PORTRAIT
from vanban.documents.validation import _Checker, validate
from vanban.docx.oxml import element_of, find_path
from vanban.docx.reading import document_lines, open_docx
from vanban.errors import ValidationError

HEAD = """\
co_quan: HỘI KHUYẾN HỌC TỈNH SƠN LA
ky_hieu_co_quan: HKH
dia_danh: Sơn La
trich_yeu: Báo cáo thử
ky: {thay_mat: HỘI KHUYẾN HỌC TỈNH, chuc_vu: CHỦ TỊCH, ho_ten: Mai Thu Hương}
noi_dung:
  - tieu_de: Kết quả
    doan: [Số liệu như sau.]
    bang:
"""
TABLE = """\
      don_vi_tinh: người
      tong: true
      cot:
        - STT
        - {ten: Đơn vị}
        - {ten: Nam, nhom: Hội viên, kieu: so}
        - {ten: Nữ, nhom: Hội viên, kieu: so}
        - {ten: "Tỷ lệ (%)", kieu: so, thap_phan: 1, cong: false}
      dong:
        - {tieu_de: Vùng thấp}
        - [Mai Sơn, 12345, 2000, 25.25]
        - [Yên Châu, 1000, 35, 24]
"""
WIDE = """\
      cot: [STT, Đơn vị, {ten: A, kieu: so}, {ten: B, kieu: so}, {ten: C, kieu: so},
            {ten: D, kieu: so}, {ten: E, kieu: so}, {ten: F, kieu: so}, {ten: G, kieu: so},
            {ten: H, kieu: so}, {ten: I, kieu: so}, {ten: K, kieu: so}]
      dong:
        - [Thành phố Sơn La, 1234567, 1234567, 1234567, 1234567, 1234567, 1234567, 1234567,
           1234567, 1234567, 1234567]
"""
TAIL = """\
  - tieu_de: Kiến nghị
    doan: [Đề nghị cấp kinh phí.]
"""
SPEC = TemplateCatalogue().get("bao_cao")


def _table(text: str = TABLE) -> BodyTable:
    values = validate(SPEC, parse_document_data(HEAD + text + TAIL, "bc.yaml"))
    table = values["noi_dung"][0]["bang"][0]
    assert isinstance(table, BodyTable)
    return table


def _error(text: str) -> str:
    with pytest.raises(ValidationError) as caught:
        _table(text)
    return caught.value.text()


def _render(text: str = TABLE) -> bytes:
    data = parse_document_data(HEAD + text + TAIL, "bc.yaml")
    return Renderer().render(SPEC, data).content


def test_cells_print_vietnamese_numbers_stt_and_a_computed_total() -> None:
    table = _table()
    assert table.rows == (
        ("Vùng thấp",),
        ("1", "Mai Sơn", "12.345", "2.000", "25,3"),  # half-up to the column's one decimal
        ("2", "Yên Châu", "1.000", "35", "24,0"),
    )
    assert table.group_rows == frozenset({0})
    # Only the summed columns: the rate is not added up.
    assert table.total == ("Tổng cộng", "13.345", "2.035", "")
    assert table.total_span == 2
    assert table.header_levels == 2


def test_widths_fill_the_portrait_line_and_fit_the_widest_number() -> None:
    table = _table()
    assert not table.landscape
    assert sum(table.widths_mm) == pytest.approx(A4_PORTRAIT.text_width, abs=0.05)
    assert all(width >= 8 for width in table.widths_mm)


def test_a_table_too_wide_for_portrait_goes_landscape() -> None:
    table = _table(WIDE)
    assert table.landscape
    assert sum(table.widths_mm) == pytest.approx(A4_LANDSCAPE.text_width, abs=0.05)
    assert not _table(WIDE + "      ngang: false\n").landscape


def test_a_short_row_is_refused_with_its_line() -> None:
    message = _error(TABLE.replace("[Mai Sơn, 12345, 2000, 25.25]", "[Mai Sơn, 12345, 25.25]"))
    assert message.startswith("bc.yaml, dòng 20")
    assert "dòng cần đúng 4 ô theo các cột (đang có: 3)" in message


def test_bad_keys_kinds_and_widths_are_named() -> None:
    message = _error(TABLE.replace("kieu: so}", "kieu: tien}", 1).replace("tong: true", "tông: 1"))
    assert "kiểu cột “tien” không có" in message
    assert "bảng không có khóa “tông”" in message
    too_wide = TABLE.replace("- {ten: Đơn vị}", "- {ten: Đơn vị, rong: 300}")
    assert "vượt bề rộng dòng chữ" in _error(too_wide)


def test_rendered_table_has_merged_repeated_headings_and_unsplit_rows() -> None:
    content = _render()
    document = open_docx(content)
    table = next(element_of(t) for t in document.tables if "w:tblHeader" in element_of(t).xml)
    rows = children(table, "w:tr")
    headings = [row for row in rows if find_path(row, "w:trPr", "w:tblHeader") is not None]
    assert len(headings) == 2  # group "Hội viên" over Nam | Nữ
    assert all(find_path(row, "w:trPr", "w:cantSplit") is not None for row in rows)
    first = children(headings[0], "w:tc")
    assert [tc.grid_span for tc in first] == [1, 1, 2, 1]
    assert attribute(find_path(first[0], "w:tcPr", "w:vMerge"), "val") == "restart"
    lines = document_lines(content)
    assert "Đơn vị tính: người" in lines
    assert lines.count("STT") == 1  # a merged heading prints once
    assert "Tổng cộng" in lines
    assert "13.345" in lines
    assert "- Lưu: VT." in lines


def test_data_is_escaped_in_a_table() -> None:
    content = _render(TABLE.replace("Mai Sơn", '"<w:p/> & Co"'))
    assert "<w:p/> & Co" in document_lines(content)


def test_a_wide_table_gets_landscape_pages_and_keeps_page_numbers() -> None:
    document = open_docx(_render(WIDE))
    sections = document.sections
    assert [section.orientation for section in sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    # Page 1 has no number (the first section's different first page); the page after the
    # landscape table does (the last section has no different first page).
    assert sections[0].different_first_page_header_footer
    assert not sections[0].header.is_linked_to_previous
    assert sections[1].header.is_linked_to_previous
    assert not sections[2].different_first_page_header_footer
    assert "PAGE" in sections[2].header._element.xml


class _Row(list[Any]):
    """A row that is not exactly a list: read row by row, as every table was before."""


@pytest.mark.parametrize(
    "cot",
    [
        [{"ten": "STT"}, {"ten": "Đơn vị"}, {"ten": "Số", "kieu": "so"}],
        [{"ten": "Đơn vị"}, {"ten": "Số", "kieu": "so", "cong": False}, {"ten": "Ghi chú"}],
    ],
)
def test_a_table_read_a_column_at_a_time_prints_as_read_row_by_row(cot: list[Any]) -> None:
    width = sum(1 for column in cot if column["ten"] != "STT")
    rows = [[f"Chi hội & “bản” {n}", -(10**n) if n % 2 else 10**n, "x"][:width] for n in range(12)]
    checker = _Checker(DocumentData({}, "bc.yaml"))
    checked = [_check_column(checker, ("cot", index), item) for index, item in enumerate(cot)]
    columns = [column for column in checked if column is not None]
    quick = _check_rows(checker, ("dong",), rows, columns)
    one_by_one = _check_rows(checker, ("dong",), [_Row(row) for row in rows], columns)
    assert quick[:2] == one_by_one[:2]  # the printed rows, the group rows
    assert [sum(numbers) for numbers in quick[2]] == [sum(numbers) for numbers in one_by_one[2]]
    assert "-10" in quick[0][1]
    assert "1.000.000" in quick[0][6]
    assert not checker.problems
    assert len(columns) == len(cot)
