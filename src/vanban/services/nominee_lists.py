"""What a nominee list for ``vanban batch`` may hold, and a ready-to-fill example of one.

The columns are the ones ``read_nominees`` reads (awards.nominees.DEFAULT_COLUMNS): shown
by ``vanban template show`` for the certificate templates, and written as the heading row
of ``vanban template example``, so what the docs say and what the reader accepts are one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from vanban.atomic_write import write_atomically
from vanban.awards import DEFAULT_COLUMNS, FIELDS, REQUIRED_FIELDS
from vanban.awards.export import XLSX_HEADERS
from vanban.errors import OutputError

__all__ = ["LIST_CONTEXTS", "ListColumn", "list_columns", "write_list_example"]

# Templates filled from a nominee list (the certificates printed by ``vanban batch``).
LIST_CONTEXTS = frozenset({"phoi_khen"})
_LABELS = {
    "name": ("Họ và tên (cá nhân) hoặc tên tập thể", "Name of the person or collective"),
    "kind": ("“Cá nhân” hoặc “Tập thể”", "“Cá nhân” (individual) or “Tập thể” (collective)"),
    "sex": ("Giới tính của cá nhân: “Nam” hoặc “Nữ” (in Ông/Bà)", "Sex: “Nam” or “Nữ”"),
    "position": ("Chức vụ", "Position"),
    "unit": ("Đơn vị", "Unit"),
    "form": (
        "Hình thức khen thưởng, đúng tên trong bảng hệ số",
        "Award form, as named in the table",
    ),
    "achievement": ("Tóm tắt thành tích", "Summary of the achievement"),
}
_EXAMPLE_ROW = (
    1,
    "Lò Thị Minh",
    "Cá nhân",
    "Nữ",
    "Hội viên",
    "Hội Khuyến học xã Chiềng Pấc",
    "Giấy khen của Chủ tịch Hội Khuyến học tỉnh",
    "Có thành tích xuất sắc trong phong trào khuyến học, khuyến tài năm 2024",
)


@dataclass(frozen=True)
class ListColumn:
    """One column of a nominee list: what it holds and every heading it may carry."""

    field: str
    label: str
    label_en: str
    required: bool
    spellings: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        """Return the column for ``--json``."""
        return {
            "field": self.field,
            "label": self.label,
            "label_en": self.label_en,
            "required": self.required,
            "headings": list(self.spellings),
        }


def list_columns() -> list[ListColumn]:
    """Return the columns a nominee list may have, each with its accepted headings."""
    return [
        ListColumn(
            field,
            *_LABELS[field],
            field in REQUIRED_FIELDS,
            tuple(heading for heading, target in DEFAULT_COLUMNS.items() if target == field),
        )
        for field in FIELDS
    ]


def write_list_example(path: Path) -> Path:
    """Write a ready-to-fill nominee list (headings and one example row) to a new .xlsx."""
    if path.suffix.lower() != ".xlsx":
        raise OutputError(
            f"Tệp mẫu danh sách phải có đuôi .xlsx, không phải “{path.name}”.",
            f"The example list must be an .xlsx file, not “{path.name}”.",
        )
    if path.exists():
        raise OutputError(
            f"“{path}” đã có; vanban không ghi đè. Hãy chọn tên khác.",
            f"“{path}” already exists; vanban does not overwrite it. Choose another name.",
        )
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append(list(XLSX_HEADERS))
    sheet.append(list(_EXAMPLE_ROW))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGH", (6, 26, 14, 10, 24, 36, 44, 70), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomically(buffer.getvalue(), path)
    return path
