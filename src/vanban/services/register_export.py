"""Writing the outgoing register (sổ đăng ký văn bản đi) as .xlsx or .csv, Phụ lục IV columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from vanban.documents import write_atomically
from vanban.errors import OutputError
from vanban.models import RegisterEntry
from vanban.spreadsheet_cells import append_inert_row, csv_text

HEADERS = (
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
)
_WIDTHS = (16, 12, 50, 20, 40, 20, 8, 12, 12, 16)


def register_rows(entries: Sequence[RegisterEntry]) -> list[list[str]]:
    """Return the register as rows of the ten columns, dates as dd/mm/yyyy."""
    return [
        [
            entry.number_and_symbol,
            entry.issued_on.strftime("%d/%m/%Y"),
            entry.type_and_subject,
            entry.signer,
            entry.recipients,
            entry.filed_at,
            "" if entry.copies is None else str(entry.copies),
            entry.sent_on.strftime("%d/%m/%Y") if entry.sent_on else "",
            entry.received_by,
            entry.note,
        ]
        for entry in entries
    ]


def _xlsx(entries: Sequence[RegisterEntry]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ văn bản đi"
    sheet.append(list(HEADERS))
    sheet.append([f"({index})" for index in range(1, len(HEADERS) + 1)])
    for row in register_rows(entries):
        append_inert_row(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(name="Times New Roman", bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + index)].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv(entries: Sequence[RegisterEntry]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows([csv_text(cell) for cell in row] for row in register_rows(entries))
    # A byte-order mark makes Excel open the Vietnamese text as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_register(entries: Sequence[RegisterEntry], target: Path) -> Path:
    """Write the register to ``target`` (.xlsx or .csv), atomically."""
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise OutputError(
            f"Chỉ xuất được sổ ra tệp .xlsx hoặc .csv, không phải “{target.name}”. "
            "Hãy đổi đuôi tệp.",
            f"The register can be written only as .xlsx or .csv, not “{target.name}”.",
        )
    write_atomically(_xlsx(entries) if suffix == ".xlsx" else _csv(entries), target)
    return target
