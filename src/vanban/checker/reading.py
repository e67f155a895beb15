"""Walking any .docx: paragraphs in reading order, their printed lines and their looks.

Body paragraphs, table cells (nested tables belong to their outer cell), content controls
and the page headers and footers are read; deleted revisions, fallback copies of drawings
and hidden text are not, since none of them prints. Text boxes are not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from vanban.checker.findings import Location
from vanban.checker.styles import Look, ParagraphLook, StyleSheet, twips
from vanban.documents.inspect import normalise

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"
_SKIPPED = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), f"{_MC}Fallback"}
_CONTAINERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins")}
_LINE_SHAPES = ("line", "straightConnector1")
EMU_PER_MM = 36000
TWIPS_PER_MM = 1440 / 25.4
SINGLE_LINE = 1.15  # a single line of Times New Roman is about 1.15 times its size
DEFAULT_CELL_MARGIN = 108  # Word's default left/right cell margin, twips


@dataclass(frozen=True)
class Piece:
    """A stretch of text printed with one look."""

    text: str
    look: Look


@dataclass(frozen=True)
class Shape:
    """A line drawn as a shape; its length in mm when the file says it."""

    length_mm: float | None


@dataclass(frozen=True)
class Span:
    """Some printed lines of one paragraph (the whole paragraph, or a line of it)."""

    para: Para
    pieces: tuple[Piece, ...]
    column: int = 0  # for a piece of a line set out with tabs: which tab column it is in

    @property
    def raw(self) -> str:
        """The text as typed (tabs and runs of spaces kept)."""
        return "".join(piece.text for piece in self.pieces)

    @property
    def text(self) -> str:
        """The text with blanks folded, line breaks kept."""
        return "\n".join(normalise(line) for line in self.raw.split("\n")).strip()

    @property
    def printed(self) -> tuple[Piece, ...]:
        """The pieces that put ink on paper."""
        return tuple(piece for piece in self.pieces if piece.text.strip())

    @property
    def display(self) -> str:
        """The text as printed: blanks folded, "all caps" formatting applied."""
        shown = "".join(p.text.upper() if p.look.caps else p.text for p in self.pieces)
        return "\n".join(normalise(line) for line in shown.split("\n")).strip()

    @property
    def where(self) -> Location:
        """The paragraph's place, showing this span's text."""
        return self.para.where.with_text(self.text)


@dataclass(eq=False)
class Para:
    """A paragraph with its place, pieces, layout and width available to it."""

    element: Any
    where: Location
    pieces: tuple[Piece, ...]
    look: ParagraphLook
    style: str
    width_twips: int
    shapes: tuple[Shape, ...] = ()
    cell_key: tuple[int, int, int] | None = None
    lines: list[Span] = field(default_factory=list)
    segments: list[Span] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lines = _split_lines(self)
        self.segments = [segment for line in self.lines for segment in _split_tabs(line)]

    @property
    def whole(self) -> Span:
        """The whole paragraph as one span."""
        return Span(self, self.pieces)

    @property
    def text(self) -> str:
        """The paragraph's text, blanks folded."""
        return self.whole.text

    @property
    def printed(self) -> bool:
        """True when the paragraph prints any text."""
        return bool(self.whole.printed)


def _split_lines(para: Para) -> list[Span]:
    lines: list[list[Piece]] = [[]]
    for piece in para.pieces:
        parts = piece.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Piece(part, piece.look))
    return [Span(para, tuple(line)) for line in lines if "".join(p.text for p in line).strip()]


def _split_tabs(line: Span) -> list[Span]:
    """Split a line laid out with tabs ("UBND TỈNH X<tab>CỘNG HÒA …") into its columns.

    Tabs in a row count as one; a tab before any text starts the second column.
    """
    columns: dict[int, list[Piece]] = {}
    column, has_text = 0, False
    for piece in line.pieces:
        for index, part in enumerate(piece.text.split("\t")):
            if index and (has_text or column == 0):
                column, has_text = column + 1, False
            if part.strip():
                columns.setdefault(column, []).append(Piece(part, piece.look))
                has_text = True
    if set(columns) <= {0}:
        return [line]
    return [Span(line.para, tuple(columns[key]), key) for key in sorted(columns)]


def _run_text(run: Any) -> str:
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


def _own_runs(paragraph: Any) -> Iterator[Any]:
    """Yield the runs that belong to ``paragraph`` and print (not deleted, not in text boxes)."""
    for run in paragraph.iter(qn("w:r")):
        parent = run.getparent()
        while parent is not None and parent is not paragraph:
            if parent.tag in _SKIPPED or parent.tag == qn("w:p"):
                break
            parent = parent.getparent()
        if parent is paragraph:
            yield run


def _shapes(paragraph: Any) -> tuple[Shape, ...]:
    shapes: list[Shape] = []
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
            shapes.append(Shape(width / EMU_PER_MM if width else None))
    for line in paragraph.iter(f"{_V}line"):
        if any(ancestor.tag == f"{_MC}Choice" for ancestor in line.iterancestors()):
            continue  # the same line drawn once more for old readers
        shapes.append(Shape(_vml_length(line.get("from", ""), line.get("to", ""))))
    return tuple(shapes)


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


class Walker:
    """Reads the paragraphs of a document part into Para objects."""

    def __init__(self, sheet: StyleSheet) -> None:
        self.sheet = sheet

    def para(
        self,
        element: Any,
        where: Location,
        width: int,
        table_style: str | None = None,
        cell_key: tuple[int, int, int] | None = None,
    ) -> Para:
        """Read one w:p element."""
        pieces: list[Piece] = []
        for run in _own_runs(element):
            text = _run_text(run)
            if not text:
                continue
            look = self.sheet.run_look(element, run, table_style, text)
            if not look.hidden:
                pieces.append(Piece(text, look))
        layout = self.sheet.paragraph_look(element, table_style)
        return Para(
            element=element,
            where=where,
            pieces=tuple(pieces),
            look=layout,
            style=self.sheet.style_name(self.sheet.paragraph_style(element)),
            width_twips=max(width - layout.left - layout.right, 0),
            shapes=_shapes(element),
            cell_key=cell_key,
        )

    def part(self, root: Any, part: str, section: int, width: int) -> list[Para]:
        """Read every paragraph of a header or footer."""
        return [
            self.para(paragraph, Location(part=part, section=section), width)
            for paragraph in root.iter(qn("w:p"))
            if not any(ancestor.tag in _SKIPPED for ancestor in paragraph.iterancestors())
        ]


def body_paragraphs(walker: Walker, body: Any, section_widths: list[int]) -> list[Para]:
    """Read the body in reading order: paragraphs numbered 1…, tables cell by cell."""
    paras: list[Para] = []
    state = {"number": 0, "table": -1, "section": 0}

    def width() -> int:
        return section_widths[min(state["section"], len(section_widths) - 1)]

    def visit(element: Any) -> None:
        if element.tag == qn("w:p"):
            state["number"] += 1
            where = Location(paragraph=state["number"], section=state["section"])
            paras.append(walker.para(element, where, width()))
            if _find(element, "w:pPr", "w:sectPr") is not None:
                state["section"] += 1
        elif element.tag == qn("w:tbl"):
            state["table"] += 1
            paras.extend(_table(walker, element, state["table"], width()))
        elif element.tag in _CONTAINERS:
            for child in element:
                visit(child)

    for child in body:
        visit(child)
    return paras


def _find(element: Any, *tags: str) -> Any:
    for tag in tags:
        element = element.find(qn(tag)) if element is not None else None
    return element


def _table(walker: Walker, table: Any, index: int, available: int) -> list[Para]:
    style = _find(table, "w:tblPr", "w:tblStyle")
    table_style = style.get(qn("w:val")) if style is not None else None
    grid = [
        twips(col.get(qn("w:w"))) for col in table.iterfind(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
    ]
    default_margins = _margins(_find(table, "w:tblPr", "w:tblCellMar"), DEFAULT_CELL_MARGIN)
    paras: list[Para] = []
    rows = [row for row in table.iter(qn("w:tr")) if _owner(row, qn("w:tbl")) is table]
    for row_index, row in enumerate(rows):
        before = _find(row, "w:trPr", "w:gridBefore")
        column = twips(before.get(qn("w:val"))) if before is not None else 0
        cells = [cell for cell in row.iter(qn("w:tc")) if _owner(cell, qn("w:tr")) is row]
        for cell_index, cell in enumerate(cells):
            span_element = _find(cell, "w:tcPr", "w:gridSpan")
            span = max(twips(span_element.get(qn("w:val"))), 1) if span_element is not None else 1
            width = _cell_width(cell, grid, column, span, available)
            column += span
            margins = _margins(_find(cell, "w:tcPr", "w:tcMar"), default_margins)
            where = Location(part="table", table=index, row=row_index, cell=cell_index)
            key = (index, row_index, cell_index)
            for paragraph in cell.iter(qn("w:p")):
                if not any(ancestor.tag in _SKIPPED for ancestor in paragraph.iterancestors()):
                    paras.append(
                        walker.para(paragraph, where, width - sum(margins), table_style, key)
                    )
    return paras


def _owner(element: Any, tag: str) -> Any:
    return next((ancestor for ancestor in element.iterancestors(tag)), None)


def _cell_width(cell: Any, grid: list[int], column: int, span: int, available: int) -> int:
    width = _find(cell, "w:tcPr", "w:tcW")
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
