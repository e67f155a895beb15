"""Any .docx as the checks see it: paragraphs in reading order, their printed lines and looks.

Body paragraphs, table cells (nested tables belong to their outer cell), content controls
and the page headers and footers are read; deleted revisions, fallback copies of drawings
and hidden text are not, since none of them prints. Text boxes are not read. The element
walk is vanban.docx.reading's; this module gives each paragraph its place and its look.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vanban.checker.findings import Location
from vanban.docx.reading import (
    Shape,
    body_items,
    ends_section,
    is_paragraph,
    normalise,
    own_runs,
    part_paragraphs,
    run_text,
    shapes,
    table_cells,
    table_style,
)
from vanban.docx.styles import Look, ParagraphLook, StyleSheet

SINGLE_LINE = 1.15  # a single line of Times New Roman is about 1.15 times its size


@dataclass(frozen=True)
class Piece:
    """A stretch of text printed with one look."""

    text: str
    look: Look


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
        for run in own_runs(element):
            text = run_text(run)
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
            shapes=shapes(element),
            cell_key=cell_key,
        )

    def part(self, root: Any, part: str, section: int, width: int) -> list[Para]:
        """Read every paragraph of a header or footer."""
        return [
            self.para(paragraph, Location(part=part, section=section), width)
            for paragraph in part_paragraphs(root)
        ]


def body_paragraphs(walker: Walker, body: Any, section_widths: list[int]) -> list[Para]:
    """Read the body in reading order: paragraphs numbered 1…, tables cell by cell."""
    paras: list[Para] = []
    state = {"number": 0, "table": -1, "section": 0}

    def width() -> int:
        return section_widths[min(state["section"], len(section_widths) - 1)]

    for element in body_items(body):
        if is_paragraph(element):
            state["number"] += 1
            where = Location(paragraph=state["number"], section=state["section"])
            paras.append(walker.para(element, where, width()))
            if ends_section(element):
                state["section"] += 1
        else:
            state["table"] += 1
            paras.extend(_table(walker, element, state["table"], width()))
    return paras


def _table(walker: Walker, table: Any, index: int, available: int) -> list[Para]:
    style = table_style(table)
    paras: list[Para] = []
    for cell in table_cells(table, available):
        where = Location(part="table", table=index, row=cell.row, cell=cell.cell)
        key = (index, cell.row, cell.cell)
        for paragraph in cell.paragraphs:
            paras.append(walker.para(paragraph, where, cell.width, style, key))
    return paras
