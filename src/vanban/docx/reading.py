"""Reading a .docx: its text in reading order, and the elements a reader walks through.

Two readings, for two purposes. ``iter_blocks``/``document_lines`` read the body paragraphs
and the table cells the way python-docx sees them (each merged cell once), which is what the
goldens and the tests compare. ``body_items``, ``table_rows``/``table_cells``,
``part_paragraphs``, ``own_runs`` and ``run_text`` are the element walk the checker and the
importer build on (rows with their heading mark, cells with their span and vertical merge):
content controls, insertions and nested tables are read; deleted revisions, fallback copies
of drawings and text boxes are not, since none of them prints in the body's flow.
``text_box_paragraphs`` reads the text boxes on their own, so that what is typed in them is
not lost to a reader that wants all the text (the importer).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from vanban.docx.oxml import find_path, parse_xml, qn, twips

_SPACES = re.compile(r"[ \t\u00a0]+")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"
_SKIPPED = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), f"{_MC}Fallback"}
_TEXT_BOX = qn("w:txbxContent")
_NOT_PRINTED = _SKIPPED - {_TEXT_BOX}  # deleted, moved away, or the fallback copy
_CONTAINERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins")}
_LINE_SHAPES = ("line", "straightConnector1")
_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
EMU_PER_MM = 36000
DEFAULT_CELL_MARGIN = 108  # Word's default left/right cell margin, twips
# What python-docx and lxml raise on a package (already checked) whose content they cannot read.
UNREADABLE_PACKAGE_ERRORS: tuple[type[Exception], ...] = (
    *(ValueError, KeyError, IndexError),
    *(XMLSyntaxError, PackageNotFoundError),
)


@dataclass(frozen=True)
class Block:
    """A paragraph in reading order, with where it sits (body, or table/row/cell)."""

    paragraph: Any  # docx.text.paragraph.Paragraph
    table: int | None = None
    row: int | None = None
    cell: int | None = None

    @property
    def text(self) -> str:
        """The paragraph's text, NFC, with runs of spaces folded."""
        return normalise(self.paragraph.text)


def normalise(text: str) -> str:
    """Return ``text`` in NFC with runs of blanks folded to one space and the ends trimmed.

    A non-breaking hyphen (U+2011, which vanban puts in "2021-2030") reads as "-".
    """
    text = unicodedata.normalize("NFC", text).replace("\u2011", "-")
    return _SPACES.sub(" ", text).strip()


def open_docx(content: bytes) -> Any:
    """Open .docx bytes with python-docx (check untrusted bytes with package_checks first)."""
    return Document(io.BytesIO(content))


def document_body(document: Any) -> Any:
    """The ``w:body`` element of a document python-docx opened (for ``body_items``)."""
    return document.element.body


def iter_blocks(document: Any) -> Iterator[Block]:
    """Yield the body paragraphs and the table-cell paragraphs in reading order."""
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    body = document._body
    table_index = -1
    for element in document_body(document).iterchildren():
        if element.tag == _P:
            yield Block(Paragraph(element, body))
        elif element.tag == _TBL:
            table_index += 1
            table = Table(element, body)
            for row_index, row in enumerate(table.rows):
                # The row's own cells, each once: a cell merged across columns or down from
                # the row above is printed once (cell is the grid column it starts in).
                column = 0
                for tc in row._tr.tc_lst:
                    cell = _Cell(tc, table)
                    for paragraph in cell.paragraphs:
                        yield Block(paragraph, table_index, row_index, column)
                    column += tc.grid_span


def document_lines(content: bytes) -> list[str]:
    """Return the non-empty, normalised paragraph and table text of a .docx, in order."""
    return [block.text for block in iter_blocks(open_docx(content)) if block.text]


# ---- the element walk -------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """A line drawn as a shape; its length in mm when the file says it."""

    length_mm: float | None


@dataclass(frozen=True)
class TableCell:
    """One cell of a table as the reading order meets it."""

    row: int
    cell: int  # its place among its row's cells (not its grid column)
    width: int  # twips available to the cell's text (its width less its margins)
    paragraphs: tuple[Any, ...]  # its printing paragraphs, nested tables' included
    span: int = 1  # how many grid columns it covers (w:gridSpan)
    merged_from_above: bool = False  # the lower part of a vertically merged cell (w:vMerge)


@dataclass(frozen=True)
class TableRow:
    """One row of a table: its cells, and whether it repeats on each page as a heading."""

    cells: tuple[TableCell, ...]
    repeats_as_heading: bool  # w:tblHeader (present, whatever its value)


def body_items(body: Any) -> Iterator[Any]:
    """Yield the body's paragraphs and tables in reading order (content controls opened)."""
    for element in body:
        if element.tag in (_P, _TBL):
            yield element
        elif element.tag in _CONTAINERS:
            yield from body_items(element)


def is_paragraph(element: Any) -> bool:
    """True for a ``w:p``."""
    return bool(element.tag == _P)


def ends_section(paragraph: Any) -> bool:
    """True when ``paragraph`` carries the properties of the section it closes."""
    return find_path(paragraph, "w:pPr", "w:sectPr") is not None


def _prints(paragraph: Any) -> bool:
    return not any(ancestor.tag in _SKIPPED for ancestor in paragraph.iterancestors())


def part_paragraphs(root: Any) -> list[Any]:
    """Every printing paragraph of a header, footer or other part, in order."""
    return [paragraph for paragraph in root.iter(_P) if _prints(paragraph)]


def text_box_paragraphs(root: Any) -> Iterator[Any]:
    """Yield the paragraphs typed in the text boxes under ``root``, in document order.

    Word writes a text box twice (the DrawingML shape in ``mc:Choice`` and a VML copy in
    ``mc:Fallback``): only the first is read. A text box inside a text box is met once, after
    the paragraph that holds it; its runs are its own (``own_runs`` stops at a text box).
    """
    for paragraph in root.iter(_P):
        around = {ancestor.tag for ancestor in paragraph.iterancestors()}
        if _TEXT_BOX in around and not around & _NOT_PRINTED:
            yield paragraph


def paragraph_text(paragraph: Any) -> str:
    """The text ``paragraph`` prints on its own (``own_runs``), breaks read as spaces, folded."""
    return normalise("".join(run_text(run) for run in own_runs(paragraph)).replace("\n", " "))


def table_style(table: Any) -> str | None:
    """The style id a table uses, if any."""
    style = find_path(table, "w:tblPr", "w:tblStyle")
    return str(style.get(qn("w:val"))) if style is not None else None


def table_rows(table: Any, available: int = 0) -> list[TableRow]:
    """The rows of ``table`` (not those of tables nested in it), each with its cells;
    ``available`` is the width a cell takes when neither it nor the grid gives one."""
    grid = [
        twips(col.get(qn("w:w"))) for col in table.iterfind(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
    ]
    default_margins = _margins(find_path(table, "w:tblPr", "w:tblCellMar"), DEFAULT_CELL_MARGIN)
    rows = [row for row in table.iter(_TR) if _owner(row, _TBL) is table]
    found: list[TableRow] = []
    for row_index, row in enumerate(rows):
        before = find_path(row, "w:trPr", "w:gridBefore")
        column = twips(before.get(qn("w:val"))) if before is not None else 0
        cells: list[TableCell] = []
        for cell_index, cell in enumerate(c for c in row.iter(_TC) if _owner(c, _TR) is row):
            span_element = find_path(cell, "w:tcPr", "w:gridSpan")
            span = max(twips(span_element.get(qn("w:val"))), 1) if span_element is not None else 1
            width = _cell_width(cell, grid, column, span, available)
            column += span
            margins = _margins(find_path(cell, "w:tcPr", "w:tcMar"), default_margins)
            paragraphs = tuple(p for p in cell.iter(_P) if _prints(p))
            merge = find_path(cell, "w:tcPr", "w:vMerge")
            continued = merge is not None and merge.get(qn("w:val"), "") != "restart"
            cells.append(
                TableCell(row_index, cell_index, width - sum(margins), paragraphs, span, continued)
            )
        heading = find_path(row, "w:trPr", "w:tblHeader") is not None
        found.append(TableRow(tuple(cells), heading))
    return found


def table_cells(table: Any, available: int) -> Iterator[TableCell]:
    """Yield the cells of ``table`` row by row (not those of tables nested in them)."""
    for row in table_rows(table, available):
        yield from row.cells


def outermost_table(paragraph: Any) -> Any:
    """The body-level ``w:tbl`` a cell paragraph is in (the outer one when tables nest)."""
    return list(paragraph.iterancestors(_TBL))[-1]


def _owner(element: Any, tag: str) -> Any:
    return next((ancestor for ancestor in element.iterancestors(tag)), None)


def _cell_width(cell: Any, grid: list[int], column: int, span: int, available: int) -> int:
    width = find_path(cell, "w:tcPr", "w:tcW")
    if width is not None and width.get(qn("w:type"), "dxa") == "dxa" and width.get(qn("w:w")):
        value = twips(width.get(qn("w:w")))
        if value > 0:
            return value
    if column + span <= len(grid) and grid:
        return sum(grid[column : column + span])
    return available


def _margins(element: Any, default: int | tuple[int, int]) -> tuple[int, int]:
    left, right = default if isinstance(default, tuple) else (default, default)
    if element is None:
        return left, right
    for names, side in ((("left", "start"), 0), (("right", "end"), 1)):
        for name in names:
            found = element.find(qn(f"w:{name}"))
            if found is not None and found.get(qn("w:w")) is not None:
                if side == 0:
                    left = twips(found.get(qn("w:w")))
                else:
                    right = twips(found.get(qn("w:w")))
    return left, right


def run_text(run: Any) -> str:
    """The text a ``w:r`` prints: tabs as "\\t", breaks as "\\n", non-breaking hyphens as "-"."""
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == qn("w:t"):
            parts.append(child.text or "")
        elif tag == qn("w:tab"):
            parts.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def own_runs(paragraph: Any) -> Iterator[Any]:
    """Yield the runs that belong to ``paragraph`` and print (not deleted, not in text boxes)."""
    for run in paragraph.iter(qn("w:r")):
        parent = run.getparent()
        while parent is not None and parent is not paragraph:
            if parent.tag in _SKIPPED or parent.tag == _P:
                break
            parent = parent.getparent()
        if parent is paragraph:
            yield run


def shapes(paragraph: Any) -> tuple[Shape, ...]:
    """The lines drawn in ``paragraph`` (DrawingML shapes and VML lines), each once."""
    found: list[Shape] = []
    for shape in paragraph.iter(f"{_WPS}wsp"):
        if any(ancestor.tag == f"{_MC}Fallback" for ancestor in shape.iterancestors()):
            continue
        geometry = shape.find(f".//{_A}prstGeom")
        holder = next(
            (a for a in shape.iterancestors() if a.tag in (f"{_WP}anchor", f"{_WP}inline")), None
        )
        extent = holder.find(f"{_WP}extent") if holder is not None else None
        width = twips(extent.get("cx")) if extent is not None else 0
        height = twips(extent.get("cy")) if extent is not None else 0
        if (geometry is not None and geometry.get("prst") in _LINE_SHAPES) or (
            width and height * 50 < width
        ):
            found.append(Shape(width / EMU_PER_MM if width else None))
    for line in paragraph.iter(f"{_V}line"):
        if any(ancestor.tag == f"{_MC}Choice" for ancestor in line.iterancestors()):
            continue  # the same line drawn once more for old readers
        found.append(Shape(_vml_length(line.get("from", ""), line.get("to", ""))))
    return tuple(found)


def _vml_length(start: str, end: str) -> float | None:
    def x_of(point: str) -> float | None:
        value = point.split(",")[0].strip().lower()
        for unit, mm in (("pt", 25.4 / 72), ("mm", 1.0), ("cm", 10.0), ("in", 25.4)):
            if value.endswith(unit):
                try:
                    return float(value[: -len(unit)]) * mm
                except ValueError:
                    return None
        return None

    first, second = x_of(start), x_of(end)
    return abs(second - first) if first is not None and second is not None else None


def page_number_paragraphs(root: Any, is_page_field: Callable[[str], bool]) -> list[Any]:
    """The paragraphs of ``root`` holding a field whose code ``is_page_field`` accepts."""
    paragraphs: list[Any] = []
    codes = [(f, f.get(qn("w:instr"), "")) for f in root.iter(qn("w:fldSimple"))]
    codes += [(t, t.text or "") for t in root.iter(qn("w:instrText"))]
    for element, code in codes:
        if is_page_field(code):
            paragraph = next(element.iterancestors(_P), None)
            if paragraph is not None and paragraph not in paragraphs:
                paragraphs.append(paragraph)
    return paragraphs


def paragraph_texts(xml: str) -> list[str]:
    """The text typed in each paragraph of an XML part (``w:t`` only, as Word stores it)."""
    root = parse_xml(xml.encode("utf-8"))
    texts = []
    for paragraph in root.iter(_P):
        pieces = [
            t.text or ""
            for t in paragraph.iter(qn("w:t"))
            if next(t.iterancestors(_P), None) is paragraph
        ]
        texts.append("".join(pieces))
    return texts


_STORY_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
CORE_PROPERTIES = "docProps/core.xml"


def story_parts(data: bytes) -> Iterator[tuple[str, str, str]]:
    """Yield (member name, "body"/"header"/"footer", XML) for each text part, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in sorted(package.namelist()):
            match = _STORY_PART.match(name)
            if match is not None:
                kind = "body" if match.group(1) == "document" else re.sub(r"\d", "", match.group(1))
                yield name, kind, package.read(name).decode("utf-8")


def core_property_texts(data: bytes) -> list[str]:
    """The text of every document property (title, subject …) in ``docProps/core.xml``."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if CORE_PROPERTIES not in package.namelist():
            return []
        core = parse_xml(package.read(CORE_PROPERTIES))
    return [element.text or "" for element in core.iter() if isinstance(element.tag, str)]
