"""A table in the body read back as a ``bang`` of the body tree (docs/data-format.md).

Heading rows (repeated on each page, or the bold rows on top) give the column names and the
groups above them; a row "(1) (2) …" is the column numbering vanban prints itself; a row
that spans the whole table is a group row; a last row "Tổng cộng" is the totals vanban
computes. A column named STT numbered 1, 2, 3 … is generated again; a column whose every
cell is a number printed the Vietnamese way ("31.250", "25,6") becomes a number column.
A table that does not fit this shape (cells merged inside the data) is not converted: the
caller keeps its rows as paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from vanban.checker.reading import Para
from vanban.docx.reading import TableRow, table_rows
from vanban.importing.inline import styled

_NUMBER = re.compile(r"^-?(0|[1-9]\d{0,2})(\.\d{3})*(,\d+)?$")
_COLUMN_NUMBER = re.compile(r"^\(\d+\)$")
DEFAULT_TOTAL = "Tổng cộng"
DEFAULT_SIZE = 12.0


@dataclass(frozen=True)
class _Cell:
    text: str
    span: int
    continued: bool  # the lower part of a vertically merged cell
    bold: bool
    size: float | None


def _cells(rows: list[TableRow], paras: list[Para]) -> list[list[_Cell]]:
    texts: dict[tuple[int, int], list[Para]] = {}
    for para in paras:
        if para.cell_key is not None:
            texts.setdefault(para.cell_key[1:], []).append(para)
    found: list[list[_Cell]] = []
    for row in rows:
        out: list[_Cell] = []
        for cell in row.cells:
            cell_paras = texts.get((cell.row, cell.cell), [])
            text = " ".join(para.text for para in cell_paras if para.text)
            marked = [styled(para.pieces) for para in cell_paras if para.printed]
            sizes = [piece.look.size_pt for para in cell_paras for piece in para.whole.printed]
            out.append(
                _Cell(
                    text=text,
                    span=cell.span,
                    continued=cell.merged_from_above,
                    bold=bool(marked) and all(item.bold for item in marked),
                    size=sizes[0] if sizes else None,
                )
            )
        found.append(out)
    return found


def _numbering_row(row: list[_Cell]) -> bool:
    """True for the row "(1) (2) (3) …" under the headings."""
    return bool(row) and all(_COLUMN_NUMBER.match(cell.text) for cell in row)


def _grid(row: list[_Cell]) -> list[_Cell | None]:
    """The row's cells by grid column (None for the columns a span covers)."""
    out: list[_Cell | None] = []
    for cell in row:
        out.append(cell)
        out += [None] * (cell.span - 1)
    return out


def _number(text: str) -> int | float | None:
    if not _NUMBER.match(text):
        return None
    plain = text.replace(".", "").replace(",", ".")
    return float(plain) if "." in plain else int(plain)


def _decimals(text: str) -> int:
    return len(text.split(",", 1)[1]) if "," in text else 0


def read_table(table: Any, paras: list[Para]) -> dict[str, Any] | None:
    """Return the ``bang`` data of the table element ``table`` (its cell paragraphs ``paras``)."""
    own_rows = table_rows(table)
    rows = _cells(own_rows, paras)
    if not rows or not rows[0]:
        return None
    width = sum(cell.span for cell in rows[0])
    marked = any(row.repeats_as_heading for row in own_rows)
    heads = 0
    while heads < len(rows) and not _numbering_row(rows[heads]):
        # Heading rows repeat on every page; without that mark only the first bold row is one.
        if marked and not own_rows[heads].repeats_as_heading:
            break
        if not marked and (heads or not all(c.bold or not c.text for c in rows[heads])):
            break
        heads += 1
    if heads == 0 or heads == len(rows):
        return None
    names: list[str] = [""] * width
    groups: list[list[str]] = [[] for _ in range(width)]
    for row in rows[:heads]:
        start = 0
        for cell in row:
            if sum(c.span for c in row) != width:
                return None
            if cell.text and not cell.continued:
                for index in range(start, start + cell.span):
                    if cell.span > 1:
                        groups[index].append(cell.text)
                    else:
                        names[index] = cell.text
            start += cell.span
    if not all(names):
        return None
    body = rows[heads:]
    data: dict[str, Any] = {}
    if body and _numbering_row(body[0]):
        data["danh_so_cot"] = True
        body = body[1:]
    total: list[_Cell | None] | None = None
    if body and body[-1] and body[-1][0].text.casefold() in (DEFAULT_TOTAL.casefold(), "tổng"):
        total = _grid(body[-1])
        data["tong"] = True if body[-1][0].text == DEFAULT_TOTAL else body[-1][0].text
        body = body[:-1]
    lines: list[Any] = []
    for row in body:
        if len(row) == 1 and row[0].span == width:
            lines.append({"tieu_de": row[0].text})
        elif len(row) == width and all(cell.span == 1 for cell in row):
            lines.append([cell.text for cell in row])
        else:
            return None
    values = [line for line in lines if isinstance(line, list)]
    if not values:
        return None
    columns: list[dict[str, Any]] = []
    keep: list[int] = []
    for index in range(width):
        cells = [row[index] for row in values]
        column: dict[str, Any] = {"ten": names[index]}
        if groups[index]:
            column["nhom"] = groups[index][0] if len(groups[index]) == 1 else groups[index]
        if names[index].upper() == "STT":
            if cells == [str(number) for number in range(1, len(cells) + 1)]:
                columns.append(column)
                continue  # vanban numbers the rows itself
            column["kieu"] = "chu"
        elif all(_number(cell) is not None for cell in cells if cell) and any(cells):
            column["kieu"] = "so"
            decimals = max(_decimals(cell) for cell in cells)
            if decimals:
                column["thap_phan"] = decimals
            total_cell = total[index] if total is not None else None
            if total is not None and (total_cell is None or not total_cell.text):
                column["cong"] = False
        columns.append(column)
        keep.append(index)
    number_columns = {index for index, column in enumerate(columns) if column.get("kieu") == "so"}
    data["cot"] = columns
    data["dong"] = [
        line
        if isinstance(line, dict)
        else [
            (_number(line[index]) if index in number_columns and line[index] else line[index])
            for index in keep
        ]
        for line in lines
    ]
    sizes = [cell.size for row in body for cell in row if cell.size]
    if sizes and sizes[0] != DEFAULT_SIZE and 10 <= sizes[0] <= 14:
        data["co_chu"] = sizes[0]
    return data
