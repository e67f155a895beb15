"""The OOXML of a body table: heading rows with merged cells, rows that never split, sections.

The template prints a table item with ``{{p p.noi_dung }}``: docxtpl replaces that whole
paragraph with the markup returned here (a caption, the "Đơn vị tính" line, the table, and the
section breaks around a landscape table). The heading rows repeat on every page (w:tblHeader)
and no row breaks across a page (w:cantSplit).

A table of a thousand rows is four thousand cells that differ only in their text, so the XML
is written as text: each column's cell is cut once into the markup before and after its text,
and every cell is those two strings around its escaped text. The output is exactly what lxml
would serialise for the same elements (tests/docx compares the two), at a fraction of the cost
of building and serialising ~60 000 elements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence, Set
from itertools import repeat
from typing import Protocol

from vanban.docx.render import Fragment
from vanban.docx.sections import TABLE_SECTION
from vanban.docx.units import mm_to_twips

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CAPTION_SIZE_PT = 13
KEPT_WITH_TOTAL = 2  # data rows kept on the totals row's page
_SPACING_TWIPS = "40"  # 2 pt above and below the text of a cell
_ROOT = f' xmlns:w="{W_NAMESPACE}"'  # declared on each top-level element, as lxml does
# What lxml refuses to put in a document (XML 1.0 characters), and refuses with this message.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What escape_text and _Run.text rewrite in a cell's text; a column without any is copied.
_SPECIAL = ("&", "<", ">", "\r", "\t", "\n")
_NOT_XML_MESSAGE = (
    "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
)


class TableColumn(Protocol):
    """What the XML needs of a column: its heading, its group headings, its alignment."""

    @property
    def name(self) -> str: ...
    @property
    def groups(self) -> tuple[str, ...]: ...
    @property
    def align(self) -> str: ...


class TableShape(Protocol):
    """What the XML needs of a checked table (documents.body_tables.BodyTable)."""

    @property
    def columns(self) -> Sequence[TableColumn]: ...
    @property
    def rows(self) -> Sequence[tuple[str, ...]]: ...
    @property
    def group_rows(self) -> Set[int]: ...
    @property
    def title(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def total(self) -> tuple[str, ...] | None: ...
    @property
    def total_span(self) -> int: ...
    @property
    def numbered_columns(self) -> bool: ...
    @property
    def size_pt(self) -> float: ...
    @property
    def widths_mm(self) -> tuple[float, ...]: ...
    @property
    def header_levels(self) -> int: ...


class PageShape(Protocol):
    """A page's size and margins in mm (documents.layout.PageLayout)."""

    @property
    def width(self) -> float: ...
    @property
    def height(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def bottom(self) -> float: ...
    @property
    def left(self) -> float: ...
    @property
    def right(self) -> float: ...
    @property
    def header_distance(self) -> float: ...


def escape_text(text: str) -> str:
    """Return ``text`` escaped as lxml writes element text (refusing what XML cannot hold)."""
    if _NOT_XML.search(text):
        raise ValueError(_NOT_XML_MESSAGE)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


class _Run:
    """A run's markup before and after its text, and its text with tabs and line breaks made
    Word's (as docxtpl's resolve_listing makes them in the rest of the document)."""

    def __init__(self, size_pt: float, *, bold: bool = False, italic: bool = False) -> None:
        half_points = round(size_pt * 2)
        marks = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        properties = (
            f'<w:rPr>{marks}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
        )
        self.start = f'<w:r>{properties}<w:t xml:space="preserve">'
        self.end = "</w:t></w:r>"
        self.tab = f"</w:t></w:r><w:r>{properties}<w:tab/></w:r>{self.start}"

    def text(self, text: str) -> str:
        """``text`` escaped, its tabs and line breaks made Word's."""
        text = escape_text(text)
        if "\t" in text:
            text = text.replace("\t", self.tab)
        if "\n" in text:
            text = text.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
        return text


def _paragraph_start(
    align: str,
    *,
    keep_next: bool = False,
    before: str = _SPACING_TWIPS,
    after: str = _SPACING_TWIPS,
    root: bool = False,
) -> str:
    """Return a paragraph's start tag and properties up to (not including) ``</w:pPr>``."""
    return (
        f"<w:p{_ROOT if root else ''}><w:pPr>"
        + ("<w:keepNext/>" if keep_next else "")
        + f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:left="0" w:right="0" w:firstLine="0"/>'
        f'<w:jc w:val="{align}"/>'
    )


class _Cell:
    """One kind of cell (width, span, merge, paragraph look) cut around its text."""

    def __init__(
        self,
        width_mm: float,
        size_pt: float,
        align: str,
        *,
        bold: bool = False,
        italic: bool = False,
        keep_next: bool = False,
        span: int = 1,
        merge: str | None = None,
    ) -> None:
        properties = f'<w:tcW w:w="{mm_to_twips(width_mm)}" w:type="dxa"/>'
        if span > 1:
            properties += f'<w:gridSpan w:val="{span}"/>'
        if merge is not None:
            properties += f'<w:vMerge w:val="{merge}"/>' if merge else "<w:vMerge/>"
        properties += '<w:vAlign w:val="center"/>'
        self.empty_paragraph = (
            f"<w:tc><w:tcPr>{properties}</w:tcPr>"
            + _paragraph_start(align, keep_next=keep_next)
            + "</w:pPr>"
        )
        self.run = _Run(size_pt, bold=bold, italic=italic)
        self.before = self.empty_paragraph + self.run.start
        self.after = self.run.end + "</w:p></w:tc>"
        # The same markup as UTF-8, for the data rows a table is written with.
        self.utf8 = tuple(
            markup.encode("utf-8")
            for markup in (self.before, self.after, self.empty_paragraph, "</w:p></w:tc>")
        )

    def xml(self, text: str) -> str:
        """The cell holding ``text`` (a cell with no text has a paragraph with no run)."""
        if not text:
            return self.empty_paragraph + "</w:p></w:tc>"
        return self.before + self.run.text(text) + self.after


def _row(cells: Sequence[str], *, header: bool = False) -> str:
    head = "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else _DATA_ROW
    return head + "".join(cells) + "</w:tr>"


_DATA_ROW = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
_DATA_ROW_UTF8 = _DATA_ROW.encode("utf-8")


def _heading_rows(table: TableShape) -> list[str]:
    """Return the heading rows: group headings merged across their columns, names merged down."""
    levels = table.header_levels
    size = table.size_pt
    rows = []
    columns = table.columns
    for level in range(levels):
        cells = []
        index = 0
        while index < len(columns):
            column = columns[index]
            if level < len(column.groups):
                key = column.groups[: level + 1]
                end = index + 1
                while end < len(columns) and columns[end].groups[: level + 1] == key:
                    end += 1
                width = sum(table.widths_mm[index:end])
                cell = _Cell(width, size, "center", bold=True, span=end - index)
                cells.append(cell.xml(column.groups[level]))
                index = end
                continue
            width = table.widths_mm[index]
            if level == len(column.groups):
                merge = "restart" if level < levels - 1 else None
                cells.append(_Cell(width, size, "center", bold=True, merge=merge).xml(column.name))
            else:  # under a name that reaches down to the last heading row
                cells.append(_Cell(width, size, "center", merge="").xml(""))
            index += 1
        rows.append(_row(cells, header=True))
    if table.numbered_columns:
        cells = [
            _Cell(width, size, "center", italic=True).xml(f"({number})")
            for number, width in enumerate(table.widths_mm, start=1)
        ]
        rows.append(_row(cells, header=True))
    return rows


def _data_rows(table: TableShape) -> list[bytes]:
    """Return the data rows as UTF-8 pieces, in order; the last ones before a totals row keep
    with the next (so a totals row never stands alone under a repeated heading), and so does
    a group heading."""
    size = table.size_pt
    widths = table.widths_mm
    plain = [
        _Cell(width, size, column.align)
        for column, width in zip(table.columns, widths, strict=True)
    ]
    kept = [
        _Cell(width, size, column.align, keep_next=True)
        for column, width in zip(table.columns, widths, strict=True)
    ]
    group = _Cell(sum(widths), size, "left", bold=True, keep_next=True, span=len(widths))
    rows = table.rows
    kept_from = len(rows) - KEPT_WITH_TOTAL if table.total is not None else len(rows)
    data = [index for index in range(len(rows)) if index not in table.group_rows]
    split = sum(1 for index in data if index < kept_from)  # data rows before the kept ones
    # A column at a time: its texts checked, escaped and encoded in one pass; each cell is
    # three pieces (its markup before the text, the text, the markup after), joined once.
    by_column = list(zip(*(rows[index] for index in data), strict=True)) if data else []
    columns: list[Iterable[bytes]] = [repeat(_DATA_ROW_UTF8)]
    for cell, kept_cell, texts in zip(plain, kept, by_column, strict=bool(data)):
        columns += _column_pieces(cell, kept_cell, texts, split)
    columns.append(repeat(b"</w:tr>"))
    data_rows = zip(*columns, strict=False)  # the repeats are endless
    out: list[bytes] = []
    for index in range(len(rows)):
        if index in table.group_rows:
            out.append((_DATA_ROW + group.xml(rows[index][0]) + "</w:tr>").encode("utf-8"))
        else:
            out += next(data_rows)
    return out


def _column_pieces(
    cell: _Cell, kept: _Cell, texts: Sequence[str], split: int
) -> tuple[list[bytes], list[bytes], list[bytes]]:
    """Each cell's markup before its text, its text, its markup after, as UTF-8 (``cell``'s
    for the first ``split`` texts, ``kept``'s for the others), the checks made once over the
    whole column; the three pieces of a cell make its ``xml``."""
    joined = "".join(texts)
    if _NOT_XML.search(joined):
        raise ValueError(_NOT_XML_MESSAGE)
    if any(special in joined for special in _SPECIAL):
        texts = [cell.run.text(text) for text in texts]  # both cells' runs are alike
    # One encoding for the column: a NUL (refused above) cannot be in a text.
    encoded = "\0".join(texts).encode("utf-8").split(b"\0") if texts else []
    before, after, empty_before, empty_after = cell.utf8
    kept_before, kept_after, kept_empty_before, kept_empty_after = kept.utf8
    rest = len(texts) - split
    if all(texts):  # no empty cell: the same markup all down the column
        befores = [before] * split + [kept_before] * rest
        return befores, encoded, [after] * split + [kept_after] * rest
    befores, afters = [], []
    for number, text in enumerate(texts):
        if number < split:
            befores.append(before if text else empty_before)
            afters.append(after if text else empty_after)
        else:
            befores.append(kept_before if text else kept_empty_before)
            afters.append(kept_after if text else kept_empty_after)
    return befores, encoded, afters


def _total_row(table: TableShape, total: tuple[str, ...]) -> str:
    size, span = table.size_pt, table.total_span
    label = _Cell(sum(table.widths_mm[:span]), size, "center", bold=True, span=span)
    cells = [label.xml(total[0])]
    tail = list(zip(table.columns[span:], table.widths_mm[span:], strict=True))
    for (column, width), text in zip(tail, total[1:], strict=True):
        cells.append(_Cell(width, size, column.align, bold=True).xml(text))
    return _row(cells)


def _table(table: TableShape) -> list[bytes]:
    """The pieces of the table's markup, in order, as UTF-8."""
    width = sum(mm_to_twips(value) for value in table.widths_mm)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{mm_to_twips(value)}"/>' for value in table.widths_mm)
    parts = [
        f"<w:tbl{_ROOT}><w:tblPr>"
        f'<w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>',
        *_heading_rows(table),
    ]
    tail = [_total_row(table, table.total)] if table.total is not None else []
    tail.append("</w:tbl>")
    return [
        *(part.encode("utf-8") for part in parts),
        *_data_rows(table),
        *(part.encode("utf-8") for part in tail),
    ]


def section_properties(page: PageShape) -> str:
    """Return a table's w:sectPr for ``page``: size, orientation, margins (see sections.py)."""
    orient = ' w:orient="landscape"' if page.width > page.height else ""
    margins = " ".join(
        f'w:{side}="{mm_to_twips(value)}"'
        for side, value in (
            ("top", page.top),
            ("right", page.right),
            ("bottom", page.bottom),
            ("left", page.left),
            ("header", page.header_distance),
            ("footer", page.header_distance),
        )
    )
    return (
        f'<w:sectPr w:rsidSect="{TABLE_SECTION}"><w:type w:val="nextPage"/>'
        f'<w:pgSz w:w="{mm_to_twips(page.width)}" w:h="{mm_to_twips(page.height)}"{orient}/>'
        f'<w:pgMar w:gutter="0" {margins}/></w:sectPr>'
    )


def _empty(size_pt: float, inside: str = "") -> str:
    """Return an empty paragraph ``size_pt`` high (its mark's size sets its height)."""
    half_points = round(size_pt * 2)
    return (
        _paragraph_start("left", before="0", after="0", root=True)
        + f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
        + inside
        + "</w:pPr></w:p>"
    )


def _caption(text: str, align: str, *, italic: bool = False, before: str) -> str:
    run = _Run(CAPTION_SIZE_PT, bold=not italic, italic=italic)
    start = _paragraph_start(align, keep_next=True, before=before, after="60", root=True)
    return start + "</w:pPr>" + run.start + run.text(text) + run.end + "</w:p>"


def table_markup(
    table: TableShape,
    *,
    opens_landscape: PageShape | None,
    closes_landscape: PageShape | None,
) -> Fragment:
    """Return the markup that replaces a table item's paragraph in the rendered document.

    ``opens_landscape`` (the portrait page) ends the portrait section before the table,
    ``closes_landscape`` (the landscape page) ends the landscape section after it;
    consecutive landscape tables share one landscape section.
    """
    before: list[str] = []
    if opens_landscape is not None:  # a one-point empty paragraph ends the section
        before.append(_empty(1, section_properties(opens_landscape)))
    if table.title:
        before.append(_caption(table.title, "center", before=_SPACING_TWIPS))
    if table.unit:
        before.append(_caption(f"Đơn vị tính: {table.unit}", "right", italic=True, before="0"))
    if closes_landscape is not None:
        after = _empty(1, section_properties(closes_landscape))
    else:  # room between the table and the text that follows
        after = _empty(6)
    parts = [*(part.encode("utf-8") for part in before), *_table(table), after.encode("utf-8")]
    return Fragment(b"".join(parts))
