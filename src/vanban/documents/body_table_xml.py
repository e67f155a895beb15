"""The OOXML of a body table: heading rows with merged cells, rows that never split, sections.

The template prints a table item with ``{{p p.noi_dung }}``: docxtpl replaces that whole
paragraph with the markup returned here (a caption, the "Đơn vị tính" line, the table, and the
section breaks around a landscape table). Every text is set through lxml, so data is escaped
like everything else the sandbox prints. The heading rows repeat on every page (w:tblHeader)
and no row breaks across a page (w:cantSplit).
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree
from markupsafe import Markup

from vanban.documents.body_tables import BodyTable, Column
from vanban.documents.layout import A4_LANDSCAPE, A4_PORTRAIT, PageLayout, mm_to_twips
from vanban.docx.sections import TABLE_SECTION

CAPTION_SIZE_PT = 13
KEPT_WITH_TOTAL = 2  # data rows kept on the totals row's page
_SPACING_TWIPS = "40"  # 2 pt above and below the text of a cell


def _element(tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _run(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> Any:
    run = _element("w:r")
    properties = _element("w:rPr")
    if bold:
        properties.append(_element("w:b"))
    if italic:
        properties.append(_element("w:i"))
    half_points = str(round(size_pt * 2))
    properties.append(_element("w:sz", val=half_points))
    properties.append(_element("w:szCs", val=half_points))
    run.append(properties)
    text_element = _element("w:t")
    text_element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text_element.text = text
    run.append(text_element)
    return run


def _paragraph(
    text: str,
    size_pt: float,
    align: str,
    *,
    bold: bool = False,
    italic: bool = False,
    keep_next: bool = False,
    before: str = _SPACING_TWIPS,
    after: str = _SPACING_TWIPS,
) -> Any:
    paragraph = _element("w:p")
    properties = _element("w:pPr")
    if keep_next:
        properties.append(_element("w:keepNext"))
    properties.append(
        _element("w:spacing", before=before, after=after, line="240", lineRule="auto")
    )
    properties.append(_element("w:ind", left="0", right="0", firstLine="0"))
    properties.append(_element("w:jc", val=align))
    paragraph.append(properties)
    if text:
        paragraph.append(_run(text, size_pt, bold=bold, italic=italic))
    return paragraph


def _cell(
    width_mm: float,
    paragraph: Any,
    *,
    span: int = 1,
    merge: str | None = None,
) -> Any:
    cell = _element("w:tc")
    properties = _element("w:tcPr")
    properties.append(_element("w:tcW", w=str(mm_to_twips(width_mm)), type="dxa"))
    if span > 1:
        properties.append(_element("w:gridSpan", val=str(span)))
    if merge is not None:
        properties.append(_element("w:vMerge", val=merge) if merge else _element("w:vMerge"))
    properties.append(_element("w:vAlign", val="center"))
    cell.append(properties)
    cell.append(paragraph)
    return cell


def _row(cells: list[Any], *, header: bool = False) -> Any:
    row = _element("w:tr")
    properties = _element("w:trPr")
    properties.append(_element("w:cantSplit"))
    if header:
        properties.append(_element("w:tblHeader"))
    row.append(properties)
    for cell in cells:
        row.append(cell)
    return row


def _heading_rows(table: BodyTable) -> list[Any]:
    """Return the heading rows: group headings merged across their columns, names merged down."""
    levels = table.header_levels
    size = table.size_pt
    rows = []
    for level in range(levels):
        cells = []
        index = 0
        columns = table.columns
        while index < len(columns):
            column = columns[index]
            if level < len(column.groups):
                key = column.groups[: level + 1]
                end = index + 1
                while end < len(columns) and columns[end].groups[: level + 1] == key:
                    end += 1
                width = sum(table.widths_mm[index:end])
                text = _paragraph(column.groups[level], size, "center", bold=True)
                cells.append(_cell(width, text, span=end - index))
                index = end
                continue
            width = table.widths_mm[index]
            if level == len(column.groups):
                merge = "restart" if level < levels - 1 else None
                text = _paragraph(column.name, size, "center", bold=True)
                cells.append(_cell(width, text, merge=merge))
            else:  # under a name that reaches down to the last heading row
                cells.append(_cell(width, _paragraph("", size, "center"), merge=""))
            index += 1
        rows.append(_row(cells, header=True))
    if table.numbered_columns:
        cells = [
            _cell(width, _paragraph(f"({number})", size, "center", italic=True))
            for number, width in enumerate(table.widths_mm, start=1)
        ]
        rows.append(_row(cells, header=True))
    return rows


def _data_row(table: BodyTable, row: tuple[str, ...], group: bool, keep: bool) -> Any:
    """Return one row; ``keep`` holds it on the page of the next (a group heading, the rows
    before the totals, so a totals row never stands alone under a repeated heading)."""
    size = table.size_pt
    if group:
        text = _paragraph(row[0], size, "left", bold=True, keep_next=True)
        return _row([_cell(sum(table.widths_mm), text, span=len(table.columns))])
    cells = [
        _cell(width, _paragraph(text, size, column.align, keep_next=keep))
        for column, width, text in zip(table.columns, table.widths_mm, row, strict=True)
    ]
    return _row(cells)


def _total_row(table: BodyTable, total: tuple[str, ...]) -> Any:
    size, span = table.size_pt, table.total_span
    cells = [
        _cell(
            sum(table.widths_mm[:span]),
            _paragraph(total[0], size, "center", bold=True),
            span=span,
        )
    ]
    tail: list[tuple[Column, float]] = list(
        zip(table.columns[span:], table.widths_mm[span:], strict=True)
    )
    for (column, width), text in zip(tail, total[1:], strict=True):
        cells.append(_cell(width, _paragraph(text, size, column.align, bold=True)))
    return _row(cells)


def _table(table: BodyTable) -> Any:
    element = _element("w:tbl")
    properties = _element("w:tblPr")
    width = sum(mm_to_twips(value) for value in table.widths_mm)
    properties.append(_element("w:tblW", w=str(width), type="dxa"))
    properties.append(_element("w:jc", val="center"))
    borders = _element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{side}", val="single", sz="4", space="0", color="000000"))
    properties.append(borders)
    properties.append(_element("w:tblLayout", type="fixed"))
    properties.append(_element("w:tblLook", val="0000"))
    element.append(properties)
    grid = _element("w:tblGrid")
    for value in table.widths_mm:
        grid.append(_element("w:gridCol", w=str(mm_to_twips(value))))
    element.append(grid)
    for row in _heading_rows(table):
        element.append(row)
    kept_from = len(table.rows) - KEPT_WITH_TOTAL if table.total is not None else len(table.rows)
    for index, row_cells in enumerate(table.rows):
        group = index in table.group_rows
        element.append(_data_row(table, row_cells, group, keep=index >= kept_from))
    if table.total is not None:
        element.append(_total_row(table, table.total))
    return element


def section_properties(page: PageLayout) -> Any:
    """Return a table's w:sectPr for ``page``: size, orientation, margins (see sections.py)."""
    section = _element("w:sectPr", rsidSect=TABLE_SECTION)
    section.append(_element("w:type", val="nextPage"))
    size = _element("w:pgSz", w=str(mm_to_twips(page.width)), h=str(mm_to_twips(page.height)))
    if page.width > page.height:
        size.set(qn("w:orient"), "landscape")
    section.append(size)
    margins = {
        "top": page.top,
        "right": page.right,
        "bottom": page.bottom,
        "left": page.left,
        "header": page.header_distance,
        "footer": page.header_distance,
    }
    section.append(
        _element("w:pgMar", gutter="0", **{key: str(mm_to_twips(v)) for key, v in margins.items()})
    )
    return section


def _empty(size_pt: float) -> Any:
    """Return an empty paragraph ``size_pt`` high (its mark's size sets its height)."""
    paragraph = _paragraph("", size_pt, "left", before="0", after="0")
    run_properties = _element("w:rPr")
    half_points = str(round(size_pt * 2))
    run_properties.append(_element("w:sz", val=half_points))
    run_properties.append(_element("w:szCs", val=half_points))
    paragraph.find(qn("w:pPr")).append(run_properties)
    return paragraph


def _section_end(page: PageLayout) -> Any:
    """Return a one-point empty paragraph that ends a section laid out as ``page``."""
    paragraph = _empty(1)
    paragraph.find(qn("w:pPr")).append(section_properties(page))
    return paragraph


def table_markup(table: BodyTable, *, opens_landscape: bool, closes_landscape: bool) -> Markup:
    """Return the markup that replaces a table item's paragraph in the rendered document.

    ``opens_landscape`` ends the portrait section before the table, ``closes_landscape`` ends
    the landscape section after it; consecutive landscape tables share one landscape section.
    """
    parts: list[Any] = []
    if opens_landscape:
        parts.append(_section_end(A4_PORTRAIT))
    if table.title:
        parts.append(
            _paragraph(
                table.title, CAPTION_SIZE_PT, "center", bold=True, keep_next=True, after="60"
            )
        )
    if table.unit:
        parts.append(
            _paragraph(
                f"Đơn vị tính: {table.unit}",
                CAPTION_SIZE_PT,
                "right",
                italic=True,
                keep_next=True,
                before="0",
                after="60",
            )
        )
    parts.append(_table(table))
    if closes_landscape:
        parts.append(_section_end(A4_LANDSCAPE))
    else:  # room between the table and the text that follows
        parts.append(_empty(6))
    return Markup("".join(etree.tostring(part, encoding="unicode") for part in parts))
