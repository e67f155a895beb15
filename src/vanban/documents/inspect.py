"""Reading a .docx back: its text in reading order and the formatting a reader actually sees.

Word resolves a run's look through a chain (direct formatting → character style → paragraph
style and its bases → document defaults); a document built with styles and one built with
direct formatting look the same on paper, so every check reads the *effective* value.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.oxml.ns import qn

_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class RunFormat:
    """The effective look of a run."""

    font: str | None
    size_pt: float | None
    bold: bool
    italic: bool


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
    """Open .docx bytes with python-docx (check untrusted bytes with package_guard first)."""
    return Document(io.BytesIO(content))


def iter_blocks(document: Any) -> Iterator[Block]:
    """Yield the body paragraphs and the table-cell paragraphs in reading order."""
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    table_index = -1
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            yield Block(Paragraph(element, document._body))
        elif element.tag == qn("w:tbl"):
            table_index += 1
            table = Table(element, document._body)
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


def _style_chain(style: Any) -> Iterator[Any]:
    while style is not None:
        yield style
        style = style.base_style


def _defaults(document: Any) -> Any:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return None
    run_default = defaults.find(qn("w:rPrDefault"))
    return run_default.find(qn("w:rPr")) if run_default is not None else None


def _toggle(element: Any, tag: str) -> bool | None:
    if element is None:
        return None
    found = element.find(qn(tag))
    if found is None:
        return None
    return found.get(qn("w:val"), "true") not in ("0", "false", "off")


def effective_run_format(document: Any, paragraph: Any, run: Any) -> RunFormat:
    """Return the look of ``run`` in ``paragraph`` after resolving styles and defaults."""
    sources: list[Any] = [run.font]
    if run.style is not None and run.style.name != "Default Paragraph Font":
        sources += [style.font for style in _style_chain(run.style)]
    sources += [style.font for style in _style_chain(paragraph.style)]
    font = next((source.name for source in sources if source.name), None)
    size = next((source.size.pt for source in sources if source.size is not None), None)
    bold = next((source.bold for source in sources if source.bold is not None), None)
    italic = next((source.italic for source in sources if source.italic is not None), None)
    defaults = _defaults(document)
    if defaults is not None:
        fonts = defaults.find(qn("w:rFonts"))
        if font is None and fonts is not None:
            font = fonts.get(qn("w:ascii"))
        size_element = defaults.find(qn("w:sz"))
        if size is None and size_element is not None:
            size = int(size_element.get(qn("w:val"))) / 2
        bold = bold if bold is not None else _toggle(defaults, "w:b")
        italic = italic if italic is not None else _toggle(defaults, "w:i")
    return RunFormat(font=font, size_pt=size, bold=bool(bold), italic=bool(italic))


def effective_paragraph_value(paragraph: Any, attribute: str) -> Any:
    """Return a paragraph-format value (alignment, first_line_indent …) through its styles."""
    value = getattr(paragraph.paragraph_format, attribute)
    if value is not None:
        return value
    for style in _style_chain(paragraph.style):
        value = getattr(style.paragraph_format, attribute)
        if value is not None:
            return value
    return None


def text_runs(paragraph: Any) -> list[Any]:
    """Return the runs of ``paragraph`` that print something."""
    return [run for run in paragraph.runs if run.text.strip()]
