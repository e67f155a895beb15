"""Writing a nominee list to .xlsx: it reads back the same, and a failure leaves nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.awards.shared import KHEN_THUONG
from vanban.awards import XLSX_HEADERS, read_nominees, write_nominees_xlsx
from vanban.errors import OutputError


def test_a_written_list_reads_back_the_same(tmp_path: Path) -> None:
    nominees = read_nominees(KHEN_THUONG / "danh_sach.yaml")
    target = tmp_path / "ra.xlsx"
    write_nominees_xlsx(nominees, target)
    assert read_nominees(target) == nominees
    sheet = openpyxl.load_workbook(target).active
    assert tuple(cell.value for cell in sheet[1]) == XLSX_HEADERS
    assert sheet.title == "Danh sách"
    assert [sheet.cell(row=row, column=1).value for row in (2, 3)] == [1, 2]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["ra.xlsx"]


def test_a_missing_folder_is_an_output_error(tmp_path: Path) -> None:
    nominees = read_nominees(KHEN_THUONG / "danh_sach.yaml")
    with pytest.raises(OutputError, match="không tồn tại"):
        write_nominees_xlsx(nominees, tmp_path / "khong_co" / "ra.xlsx")
