"""Writing the same table as .xlsx, .csv or YAML for the award tests."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import yaml

from tests.conftest import SAMPLES

KHEN_THUONG = SAMPLES / "khen_thuong"

HEADER = ("STT", "Họ và tên", "Cá nhân/Tập thể", "Chức vụ", "Đơn vị", "Hình thức khen thưởng")
BANG_KHEN = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
GIAY_KHEN = "Giấy khen của Chủ tịch Hội Khuyến học tỉnh"

Row = Sequence[object]


def write_xlsx(path: Path, header: Row, rows: Sequence[Row]) -> Path:
    """Write a one-sheet workbook: ``header`` in row 1, then ``rows``."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write_csv(
    path: Path, header: Row, rows: Sequence[Row], *, bom: bool = False, delimiter: str = ","
) -> Path:
    """Write UTF-8 CSV (with Excel's byte order mark when ``bom``)."""
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_yaml(path: Path, header: Row, rows: Sequence[Row]) -> Path:
    """Write a YAML list whose keys are the header names (empty headers dropped)."""
    items = [
        {str(name): value for name, value in zip(header, row, strict=False) if name} for row in rows
    ]
    path.write_text(
        yaml.safe_dump({"danh_sach": items}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return path


WRITERS = {"xlsx": write_xlsx, "csv": write_csv, "yaml": write_yaml}


def write_list(tmp_path: Path, kind: str, header: Row, rows: Sequence[Row]) -> Path:
    """Write the table as ``kind`` ("xlsx", "csv" or "yaml") under ``tmp_path``."""
    return WRITERS[kind](tmp_path / f"danh_sach.{kind}", header, rows)
