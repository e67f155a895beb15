"""Writing a nominee list back to .xlsx, in the columns read_nominees reads by default.

The sample danh_sach.xlsx is written from danh_sach.yaml with this, so the two cannot drift
apart unnoticed (a test reads both and compares).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from vanban.atomic_write import write_atomically
from vanban.awards.nominees import Nominee
from vanban.spreadsheet_cells import append_inert_row

__all__ = ["XLSX_HEADERS", "write_nominees_xlsx"]

XLSX_HEADERS = (
    "STT",
    "Họ và tên",
    "Cá nhân/Tập thể",
    "Giới tính",
    "Chức vụ",
    "Đơn vị",
    "Hình thức khen thưởng",
    "Thành tích",
)
_WIDTHS = (6, 26, 14, 10, 40, 40, 42, 80)


def write_nominees_xlsx(
    nominees: Sequence[Nominee], path: Path, *, sheet_title: str = "Danh sách"
) -> None:
    """Write ``nominees`` to ``path`` (header in row 1), atomically: all or nothing."""
    import openpyxl  # only this path needs the writer
    from openpyxl.styles import Alignment, Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(list(XLSX_HEADERS))
    for number, nominee in enumerate(nominees, start=1):
        append_inert_row(
            sheet,
            [
                number,
                nominee.name,
                nominee.kind_label,
                nominee.sex,
                nominee.position,
                nominee.unit,
                nominee.form_name,
                nominee.achievement,
            ],
        )
    for cell in sheet[1]:
        cell.font = Font(name="Times New Roman", bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.font = Font(name="Times New Roman")
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for letter, width in zip("ABCDEFGH", _WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomically(buffer.getvalue(), path)
