"""Checks of the structured field types: table rows, times of day and print positions.

validation.py walks the data and calls these for the fields of type "table", "time" and
"positions"; like every check there, each problem is added with its key path, so the message
names the row, the key and the YAML line ("ca_nhan[2].so_tien", dòng 17).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Protocol

from vanban.documents.catalogue import ColumnSpec, FieldSpec
from vanban.documents.data_source import KeyPath
from vanban.vietnamese import closest

_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# 14:00, 14h00, 14h, 14 giờ 00, 14 giờ 00 phút, 14 giờ
_TIME = re.compile(r"^(\d{1,2})\s*(?::|h|giờ)\s*(?:(\d{2})(?:\s*phút)?)?$", re.IGNORECASE)
# What one printable item of a "positions" field may say (mm from the sheet's top-left, pt).
POSITION_KEYS = ("x", "y", "width", "size", "bold", "italic", "align")
POSITION_ALIGNS = ("left", "center", "right")
_POSITION_RANGES = {
    "x": (0.0, 420.0),
    "y": (0.0, 420.0),
    "width": (5.0, 420.0),
    "size": (6.0, 96.0),
}


class Checker(Protocol):
    """What a check needs from the validator: report a problem, read a text value."""

    def add(self, path: KeyPath, vi: str, en: str) -> None: ...

    def text(self, path: KeyPath, value: Any, what: str, what_en: str) -> str | None: ...


def parse_date(value: Any) -> dt.date | None:
    """Return the date ``value`` stands for (a date, 2024-01-29 or 29/01/2024), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = _DMY.match(value)
        try:
            if match:
                day, month, year = (int(group) for group in match.groups())
                return dt.date(year, month, day)
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def parse_time(value: Any) -> dt.time | None:
    """Return the time of day ``value`` stands for, or None.

    YAML 1.1 reads an unquoted 14:00 as the base-60 number 840 (14 × 60 + 0), so a whole
    number below 24 × 60 is taken as minutes after midnight: that is what was typed.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return dt.time(value // 60, value % 60) if 0 <= value < 24 * 60 else None
    if isinstance(value, dt.time):
        return value
    match = _TIME.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def check_time(checker: Checker, path: KeyPath, value: Any, spec: FieldSpec) -> Any:
    parsed = parse_time(value)
    if parsed is None:
        checker.add(
            path,
            f"“{spec.name}” ({spec.label}) phải là giờ trong ngày, viết 14:00 hoặc “14 giờ 00”",
            f"“{spec.name}” ({spec.label_en}) must be a time of day, written 14:00 or 14h00",
        )
    return parsed


def _check_cell(
    checker: Checker, path: KeyPath, value: Any, column: ColumnSpec, where: tuple[str, str]
) -> Any:
    """Check one cell of a table row; ``where`` says which row in both languages."""
    what, what_en = f"cột “{column.name}” của {where[0]}", f"column “{column.name}” of {where[1]}"
    if column.type == "text":
        return checker.text(path, value, what, what_en)
    if column.type == "integer":
        if isinstance(value, str) and value.isdigit():
            value = int(value)
        if not isinstance(value, bool) and isinstance(value, int) and value >= 0:
            return value
        checker.add(
            path,
            f"{what} phải là số nguyên không âm, không phải “{value}”",
            f"{what_en} must be a whole number ≥ 0, not “{value}”",
        )
        return None
    if column.type == "year":
        if not isinstance(value, bool) and isinstance(value, int) and 1900 <= value <= 2999:
            return value
        checker.add(path, f"{what} phải là năm có bốn chữ số", f"{what_en} must be a year")
        return None
    parsed = parse_date(value)
    if parsed is None:
        checker.add(
            path,
            f"{what} phải là một ngày có thật, viết 2024-01-29 hoặc 29/01/2024",
            f"{what_en} must be a real date, written 2024-01-29 or 29/01/2024",
        )
    return parsed


def _check_row(checker: Checker, path: KeyPath, row: Any, spec: FieldSpec) -> dict[str, Any] | None:
    number = int(path[-1]) + 1
    where = (
        f"hàng {number} của bảng “{spec.name}” ({spec.label})",
        f"row {number} of “{spec.name}”",
    )
    names = [column.name for column in spec.columns]
    if not isinstance(row, dict):
        checker.add(
            path,
            f"{where[0]} phải là một bảng khóa gồm {', '.join(names)}",
            f"{where[1]} must be a mapping of {', '.join(names)}",
        )
        return None
    for key in row:
        if spec.column(key) is None:
            close = closest(key, names)
            hint = f" (có phải ý bạn là “{close}”?)" if close else f"; các cột: {', '.join(names)}"
            hint_en = f" (did you mean “{close}”?)" if close else f"; columns: {', '.join(names)}"
            checker.add(
                (*path, key),
                f"{where[0]} không có cột “{key}”{hint}",
                f"{where[1]} has no column “{key}”{hint_en}",
            )
    checked: dict[str, Any] = {}
    for column in spec.columns:
        value = row.get(column.name)
        if value is None or value == "":
            if column.required:
                checker.add(
                    path,
                    f"{where[0]} thiếu cột bắt buộc “{column.name}”",
                    f"{where[1]} is missing the required column “{column.name}”",
                )
            continue
        cell = _check_cell(checker, (*path, column.name), value, column, where)
        if cell is not None:
            checked[column.name] = cell
    return checked


def check_table(checker: Checker, path: KeyPath, value: Any, spec: FieldSpec) -> Any:
    if not isinstance(value, list):
        names = ", ".join(column.name for column in spec.columns)
        checker.add(
            path,
            f"“{spec.name}” ({spec.label}) phải là danh sách các hàng, mỗi hàng gồm {names}",
            f"“{spec.name}” ({spec.label_en}) must be a list of rows, each with {names}",
        )
        return None
    rows = [_check_row(checker, (*path, index), row, spec) for index, row in enumerate(value)]
    return [row for row in rows if row is not None]


def _check_position(checker: Checker, path: KeyPath, value: Any) -> dict[str, Any] | None:
    item = str(path[-1])
    if not isinstance(value, dict):
        checker.add(
            path,
            f"vị trí của “{item}” phải là một bảng khóa như {{x: 40, y: 92, size: 24}}",
            f"the position of “{item}” must be a mapping such as {{x: 40, y: 92, size: 24}}",
        )
        return None
    result: dict[str, Any] = {}
    for key, raw in value.items():
        at = (*path, key)
        if key not in POSITION_KEYS:
            checker.add(
                at,
                f"vị trí của “{item}” không có khóa “{key}”; hãy dùng {', '.join(POSITION_KEYS)}",
                f"the position of “{item}” has no key “{key}”; use {', '.join(POSITION_KEYS)}",
            )
        elif key in _POSITION_RANGES:
            low, high = _POSITION_RANGES[key]
            if isinstance(raw, bool) or not isinstance(raw, int | float) or not low <= raw <= high:
                unit = "pt" if key == "size" else "mm"
                checker.add(
                    at,
                    f"“{key}” của “{item}” phải là một số từ {low:g} đến {high:g} ({unit})",
                    f"“{key}” of “{item}” must be a number from {low:g} to {high:g} ({unit})",
                )
            else:
                result[key] = float(raw)
        elif key == "align":
            if raw not in POSITION_ALIGNS:
                checker.add(
                    at,
                    f"“align” của “{item}” phải là {', '.join(POSITION_ALIGNS)}",
                    f"“align” of “{item}” must be one of {', '.join(POSITION_ALIGNS)}",
                )
            else:
                result[key] = raw
        elif not isinstance(raw, bool):
            checker.add(
                at,
                f"“{key}” của “{item}” phải là true hoặc false",
                f"“{key}” of “{item}” must be true or false",
            )
        else:
            result[key] = raw
    return result


def check_positions(checker: Checker, path: KeyPath, value: Any, spec: FieldSpec) -> Any:
    names = [column.name for column in spec.columns]
    if not isinstance(value, dict):
        checker.add(
            path,
            f"“{spec.name}” ({spec.label}) phải là bảng khóa: mục in → {{x, y, size, bold}}",
            f"“{spec.name}” ({spec.label_en}) must map printable items to {{x, y, size, bold}}",
        )
        return None
    result: dict[str, Any] = {}
    for item, position in value.items():
        if item not in names:
            checker.add(
                (*path, item),
                f"“{spec.name}” không có mục in “{item}”; các mục: {', '.join(names)}",
                f"“{spec.name}” has no printable item “{item}”; items: {', '.join(names)}",
            )
            continue
        checked = _check_position(checker, (*path, item), position)
        if checked is not None:
            result[item] = checked
    return result
