"""Tables in the body of a plan, report or letter: their data, its checks and their widths.

A body item may carry ``bang`` (one table or a list of them). The data names the columns once
(``cot``: name, optional group headings above it, width, kind), then the rows as plain lists;
everything a reader expects of an office table is decided here, not typed by the secretary:
the STT numbers, Vietnamese thousands in number columns, the totals row, the column widths
(measured with the Times metrics when not given) and whether the table needs a landscape page.
The OOXML is written by vanban.docx.body_table from the ``BodyTable`` this module returns.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any

from vanban.documents.data_source import KeyPath
from vanban.documents.field_checks import Checker
from vanban.documents.layout import A4_LANDSCAPE, A4_PORTRAIT
from vanban.documents.text_metrics import text_width_pt, widest_units
from vanban.vietnamese import format_number

TABLE_KEYS = ("tieu_de", "don_vi_tinh", "cot", "dong", "tong", "danh_so_cot", "ngang", "co_chu")
COLUMN_KEYS = ("ten", "nhom", "rong", "kieu", "can", "thap_phan", "cong")
COLUMN_KINDS = ("chu", "so", "stt")
ALIGNS = {"trai": "left", "giua": "center", "phai": "right"}
DEFAULT_TOTAL = "Tổng cộng"
DEFAULT_SIZE = 12.0
SIZES = (10.0, 14.0)
MAX_COLUMNS = 20
MAX_ROWS = 5000
MAX_GROUP_LEVELS = 3
# A column narrower than this holds nothing legible, a natural width above it wraps anyway.
MIN_COLUMN_MM = 8.0
MAX_NATURAL_MM = 90.0
CELL_MARGIN_MM = 1.9  # Word's default left and right cell margin


@dataclass(frozen=True)
class Column:
    """One column: its heading, the group headings above it (outer first), how it prints."""

    name: str
    groups: tuple[str, ...]
    width_mm: float | None
    kind: str  # "chu" text, "so" number, "stt" generated row number
    align: str  # "left", "center", "right"
    decimals: int | None
    summed: bool


@dataclass(frozen=True)
class BodyTable:
    """A checked table, with every cell as printed text and its column widths decided."""

    columns: tuple[Column, ...]
    # A row is its printed cells, or a one-string tuple for a group row spanning the table.
    rows: tuple[tuple[str, ...], ...]
    group_rows: frozenset[int]
    title: str
    unit: str
    total: tuple[str, ...] | None  # the totals row as printed, label first
    total_span: int  # how many leading columns the totals label covers
    numbered_columns: bool
    landscape: bool
    size_pt: float
    widths_mm: tuple[float, ...]

    @property
    def header_levels(self) -> int:
        """How many heading rows the columns need (one per group level, plus names)."""
        return 1 + max(len(column.groups) for column in self.columns)


def _number(value: Any) -> decimal.Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return decimal.Decimal(str(value))


def _printed(value: Any, number: decimal.Decimal | None, column: Column) -> str:
    """The cell as printed: a number column's figures in Vietnamese, anything else as text."""
    if number is not None and column.kind == "so":
        return format_number(number, column.decimals)
    if isinstance(value, str):
        return value
    return "" if value is None else str(value)


def _unknown_keys(
    checker: Checker,
    path: KeyPath,
    value: dict[str, Any],
    known: Sequence[str],
    what: tuple[str, str],
) -> None:
    for key in value:
        if key not in known:
            checker.add(
                (*path, key),
                f"{what[0]} không có khóa “{key}”; các khóa hợp lệ: {', '.join(known)}",
                f"{what[1]} has no key “{key}”; valid keys: {', '.join(known)}",
            )


def _check_column(checker: Checker, path: KeyPath, value: Any) -> Column | None:
    if isinstance(value, str):
        value = {"ten": value}
    if not isinstance(value, dict):
        checker.add(
            path, "mỗi cột phải có ít nhất “ten”", "every column needs at least “ten” (its name)"
        )
        return None
    _unknown_keys(checker, path, value, COLUMN_KEYS, ("cột", "a column"))
    name = checker.text((*path, "ten"), value.get("ten"), "tên cột", "the column name")
    groups_value = value.get("nhom", [])
    groups_list = groups_value if isinstance(groups_value, list) else [groups_value]
    groups = tuple(
        text
        for index, item in enumerate(groups_list)
        if (text := checker.text((*path, "nhom", index), item, "nhóm cột", "column group"))
    )
    if len(groups) > MAX_GROUP_LEVELS:
        checker.add(
            (*path, "nhom"),
            f"một cột có nhiều nhất {MAX_GROUP_LEVELS} tầng nhóm",
            f"a column may have at most {MAX_GROUP_LEVELS} group levels",
        )
    kind = value.get("kieu", "stt" if str(value.get("ten", "")).upper() == "STT" else "chu")
    if kind not in COLUMN_KINDS:
        checker.add(
            (*path, "kieu"),
            f"kiểu cột “{kind}” không có; hãy dùng “chu”, “so” hoặc “stt”",
            f"column kind “{kind}” does not exist; use “chu”, “so” or “stt”",
        )
        return None
    width = value.get("rong")
    if width is not None and (
        isinstance(width, bool) or not isinstance(width, int | float) or width < MIN_COLUMN_MM
    ):
        checker.add(
            (*path, "rong"),
            f"độ rộng cột tính bằng mm, ít nhất {MIN_COLUMN_MM:g}",
            f"a column width is in mm, at least {MIN_COLUMN_MM:g}",
        )
        width = None
    align = value.get("can", {"so": "phai", "stt": "giua"}.get(kind, "trai"))
    if align not in ALIGNS:
        checker.add(
            (*path, "can"),
            f"căn lề “{align}” không có; hãy dùng “trai”, “giua” hoặc “phai”",
            f"alignment “{align}” does not exist; use “trai”, “giua” or “phai”",
        )
        align = "trai"
    decimals = value.get("thap_phan")
    if decimals is not None and (
        isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 6
    ):
        checker.add(
            (*path, "thap_phan"),
            "số chữ số thập phân phải từ 0 đến 6",
            "the number of decimals must be 0 to 6",
        )
        decimals = None
    summed = value.get("cong", kind == "so")
    if not isinstance(summed, bool):
        checker.add((*path, "cong"), "“cong” là true hoặc false", "“cong” is true or false")
        summed = False
    if name is None:
        return None
    return Column(
        name, groups, float(width) if width else None, kind, ALIGNS[align], decimals, summed
    )


def _check_rows(
    checker: Checker, path: KeyPath, value: Any, columns: Sequence[Column]
) -> tuple[list[tuple[str, ...]], set[int], list[list[decimal.Decimal]]]:
    """Return the printed rows, the indexes of group rows and each summed column's numbers."""
    data_columns = [column for column in columns if column.kind != "stt"]
    rows: list[tuple[str, ...]] = []
    group_rows: set[int] = set()
    sums: list[list[decimal.Decimal]] = [[] for _ in columns]
    if not isinstance(value, list) or not value:
        checker.add(path, "bảng phải có “dong”: danh sách các dòng", "a table needs “dong”: rows")
        return rows, group_rows, sums
    if len(value) > MAX_ROWS:
        checker.add(path, f"bảng có quá {MAX_ROWS} dòng", f"a table has over {MAX_ROWS} rows")
        return rows, group_rows, sums
    plain = _plain_rows(value, columns, len(data_columns))
    if plain is not None:
        return plain[0], group_rows, plain[1]
    serial = 0
    for index, row in enumerate(value):
        row_path = (*path, index)
        if isinstance(row, dict) and set(row) == {"tieu_de"}:
            title = checker.text((*row_path, "tieu_de"), row["tieu_de"], "tiêu đề nhóm", "title")
            group_rows.add(len(rows))
            rows.append((title or "",))
            continue
        if not isinstance(row, list) or len(row) != len(data_columns):
            size = len(row) if isinstance(row, list) else "không phải danh sách"
            checker.add(
                row_path,
                f"dòng cần đúng {len(data_columns)} ô theo các cột (đang có: {size}); "
                "dòng tiêu đề nhóm viết {tieu_de: …}",
                f"a row needs exactly {len(data_columns)} cells, one per column (has: {size}); "
                "a group row is written {tieu_de: …}",
            )
            continue
        serial += 1
        cells = iter(row)
        printed: list[str] = []
        for position, column in enumerate(columns):
            if column.kind == "stt":
                printed.append(str(serial))
                continue
            cell = next(cells)
            if isinstance(cell, str):  # most cells: nothing to add up or format
                printed.append(cell)
                continue
            if isinstance(cell, dict | list):
                checker.add(row_path, "mỗi ô là chữ hoặc số", "every cell is text or a number")
                cell = ""
            number = _number(cell)
            if column.summed and number is not None:
                sums[position].append(number)
            printed.append(_printed(cell, number, column))
        rows.append(tuple(printed))
    return rows, group_rows, sums


def _plain_rows(
    value: list[Any], columns: Sequence[Column], width: int
) -> tuple[list[tuple[str, ...]], list[list[decimal.Decimal]]] | None:
    """The printed rows and sums of a table whose every row is a list of ``width`` cells, each
    a text or, in a number column printed without set decimals, a whole number; else None.

    A thousand-row table is checked and printed a column at a time (the same texts and sums
    as the row-by-row loop of _check_rows, which handles every other table and its problems).
    """
    if not all(type(row) is list and len(row) == width for row in value):
        return None
    cells = iter(zip(*value, strict=True))
    printed: list[Sequence[str]] = []
    sums: list[list[decimal.Decimal]] = [[] for _ in columns]
    for position, column in enumerate(columns):
        if column.kind == "stt":
            printed.append([str(serial) for serial in range(1, len(value) + 1)])
            continue
        texts = next(cells)
        if all(type(cell) is str for cell in texts):
            printed.append(texts)
        elif (
            column.kind == "so"
            and column.decimals is None
            and all(type(cell) is int for cell in texts)
        ):
            # format_number's grouping of a whole number: 1234567 → 1.234.567
            printed.append([f"{cell:,}".replace(",", ".") for cell in texts])
            if column.summed:  # whole numbers add up exactly: one Decimal of their sum
                sums[position] = [decimal.Decimal(sum(texts))]
        else:
            return None
    return list(zip(*printed, strict=True)), sums


def _total_row(
    label: str, columns: Sequence[Column], sums: Sequence[Sequence[decimal.Decimal]]
) -> tuple[tuple[str, ...], int]:
    """Return the printed totals row (label first, then one cell per column after the span)."""
    first_summed = next(
        (index for index, column in enumerate(columns) if column.summed), len(columns)
    )
    span = max(first_summed, 1)
    cells = [label if first_summed else ""]
    for index in range(span, len(columns)):
        column = columns[index]
        cells.append(format_number(sum(sums[index]), column.decimals) if column.summed else "")
    return tuple(cells), span


def _mm(text: str, size_pt: float, bold: bool = False) -> float:
    return text_width_pt(text, size_pt, bold=bold) * 25.4 / 72


def _units_mm(units: int, size_pt: float) -> float:
    return units * size_pt / 1000 * 25.4 / 72  # the arithmetic of _mm, so widths are unchanged


def _column_needs(
    column: Column, cells: Sequence[str], size_pt: float, numbered: bool
) -> tuple[float, float]:
    """Return (least, natural) width in mm: the longest word, the longest cell unwrapped."""
    words = [word for word in column.name.split() if word]
    least = max((_mm(word, size_pt, bold=True) for word in words), default=0.0)
    # The widest cell and the widest word in 1/1000 em, each different text measured once: a
    # text column's cells and words repeat from row to row ("Trung tâm", "Huyện").
    different = set(cells)
    widest = widest_units(different)
    widest_word = 0
    if column.kind == "chu":
        widest_word = widest_units(set(" ".join(different).split()))
    natural = max(least, _units_mm(widest, size_pt))
    least = max(least, _units_mm(widest if column.kind != "chu" else widest_word, size_pt))
    if numbered:
        least = max(least, _mm("(00)", size_pt))
    margins = 2 * CELL_MARGIN_MM
    least = max(least + margins + 0.5, MIN_COLUMN_MM)
    return least, max(least, min(natural + margins + 0.5, MAX_NATURAL_MM))


def _distribute(
    columns: Sequence[Column], needs: Sequence[tuple[float, float]], available: float
) -> tuple[float, ...] | None:
    """Return widths filling ``available`` mm, or None when the least widths do not fit."""
    fixed = sum(column.width_mm or 0.0 for column in columns)
    free = [index for index, column in enumerate(columns) if column.width_mm is None]
    least = sum(needs[index][0] for index in free)
    if fixed + least > available + 0.05:
        return None
    widths = [column.width_mm or 0.0 for column in columns]
    if not free:
        return tuple(widths)
    extra = available - fixed - least
    wants = {index: needs[index][1] - needs[index][0] for index in free}
    wanted = sum(wants.values())
    for index in free:
        low, natural = needs[index]
        if wanted >= extra:
            widths[index] = low + (extra * wants[index] / wanted if wanted else 0.0)
        else:  # everything fits unwrapped: share the rest by natural width to fill the line
            share = sum(needs[other][1] for other in free)
            widths[index] = natural + (extra - wanted) * natural / share
    return tuple(round(width, 2) for width in widths)


def _widths(
    checker: Checker,
    path: KeyPath,
    columns: Sequence[Column],
    cells: Sequence[Sequence[str]],
    size_pt: float,
    numbered: bool,
    landscape: bool | None,
) -> tuple[tuple[float, ...], bool]:
    by_column = zip(*cells, strict=True) if cells else repeat(())
    needs = [
        _column_needs(column, texts, size_pt, numbered)
        for column, texts in zip(columns, by_column, strict=False)
    ]
    choices = (False, True) if landscape is None else (landscape,)
    for wide in choices:
        page = A4_LANDSCAPE if wide else A4_PORTRAIT
        widths = _distribute(columns, needs, page.text_width)
        if widths is not None:
            return widths, wide
    page = A4_LANDSCAPE if landscape is not False else A4_PORTRAIT
    fixed = sum(column.width_mm or 0.0 for column in columns)
    if fixed > page.text_width:
        checker.add(
            path,
            f"tổng độ rộng các cột ({fixed:g} mm) vượt bề rộng dòng chữ của trang "
            f"({page.text_width:g} mm); hãy bớt “rong” của các cột",
            f"the columns' widths ({fixed:g} mm) exceed the page's text width "
            f"({page.text_width:g} mm); reduce their “rong”",
        )
    # Too many columns for even a landscape line: shrink the free ones alike; long words wrap.
    free_least = sum(needs[i][0] for i, column in enumerate(columns) if column.width_mm is None)
    room = max(page.text_width - fixed, 0.0)
    scale = room / free_least if free_least else 0.0
    widths_list = [
        column.width_mm or max(needs[index][0] * scale, MIN_COLUMN_MM)
        for index, column in enumerate(columns)
    ]
    return tuple(round(width, 2) for width in widths_list), page is A4_LANDSCAPE


def _flag(checker: Checker, path: KeyPath, value: Any, key: str) -> bool | None:
    if key not in value:
        return None
    flag = value[key]
    if not isinstance(flag, bool):
        checker.add((*path, key), f"“{key}” là true hoặc false", f"“{key}” is true or false")
        return None
    return flag


def check_body_table(checker: Checker, path: KeyPath, value: Any) -> BodyTable | None:
    """Return the table ``value`` describes, checked and laid out, or None after problems."""
    if not isinstance(value, dict):
        checker.add(path, "bảng phải có “cot” và “dong”", "a table needs “cot” and “dong”")
        return None
    _unknown_keys(checker, path, value, TABLE_KEYS, ("bảng", "a table"))
    raw_columns = value.get("cot")
    if not isinstance(raw_columns, list) or not raw_columns or len(raw_columns) > MAX_COLUMNS:
        checker.add(
            (*path, "cot"),
            f"bảng cần “cot”: danh sách từ 1 đến {MAX_COLUMNS} cột",
            f"a table needs “cot”: a list of 1 to {MAX_COLUMNS} columns",
        )
        return None
    checked = [
        _check_column(checker, (*path, "cot", index), item)
        for index, item in enumerate(raw_columns)
    ]
    columns = [column for column in checked if column is not None]
    if len(columns) != len(checked):
        return None
    size = value.get("co_chu", DEFAULT_SIZE)
    if isinstance(size, bool) or not isinstance(size, int | float) or not SIZES[0] <= size <= 14:
        checker.add(
            (*path, "co_chu"),
            "cỡ chữ trong bảng từ 10 đến 14",
            "the table's font size is 10 to 14 pt",
        )
        size = DEFAULT_SIZE
    rows, group_rows, sums = _check_rows(checker, (*path, "dong"), value.get("dong"), columns)
    total_value = value.get("tong", False)
    total: tuple[str, ...] | None = None
    span = 0
    if total_value is not False and total_value is not None:
        label = DEFAULT_TOTAL if total_value is True else str(total_value)
        total, span = _total_row(label, columns, sums)
    for key in ("tieu_de", "don_vi_tinh"):
        if key in value:
            checker.text((*path, key), value[key], "dòng chữ của bảng", "a table's line")
    numbered = _flag(checker, path, value, "danh_so_cot") or False
    plain_rows = [row for index, row in enumerate(rows) if index not in group_rows]
    if total is not None:  # the totals' figures must fit their columns too
        plain_rows.append(("",) * span + total[1:])
    widths, landscape = _widths(
        checker,
        path,
        columns,
        plain_rows,
        float(size),
        numbered,
        _flag(checker, path, value, "ngang"),
    )
    return BodyTable(
        columns=tuple(columns),
        rows=tuple(rows),
        group_rows=frozenset(group_rows),
        title=str(value.get("tieu_de", "")),
        unit=str(value.get("don_vi_tinh", "")),
        total=total,
        total_span=span,
        numbered_columns=numbered,
        landscape=landscape,
        size_pt=float(size),
        widths_mm=widths,
    )


def check_body_tables(checker: Checker, path: KeyPath, value: Any) -> list[BodyTable]:
    """Check ``bang``: one table or a list of tables; return those that are sound."""
    items = value if isinstance(value, list) else [value]
    tables = [
        check_body_table(checker, (*path, index) if isinstance(value, list) else path, item)
        for index, item in enumerate(items)
    ]
    return [table for table in tables if table is not None]
