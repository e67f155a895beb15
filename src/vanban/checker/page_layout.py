"""The pages as LibreOffice laid them out: text lines per page, read from the document's PDF.

The checker never makes the PDF (services/document_check.py does, with documents/pdf.py);
it is handed the bytes and reads them with the same pdfminer reading that places signatures
(signing/placement.py). Coordinates are PDF points from the page's lower left corner.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass

from vanban.checker.anatomy import fold
from vanban.checker.inspection import Inspection
from vanban.checker.reading import Span
from vanban.docx.sections import Page
from vanban.docx.units import TWIPS_PER_POINT
from vanban.errors import ValidationError
from vanban.signing.placement import PlacementError, PrintedPage, TextLine, read_pages

_SIZE_TOLERANCE = 3.0  # points: a PDF page and a section of the same paper size


@dataclass(frozen=True)
class PageLayout:
    """Every page of the laid-out document."""

    pages: tuple[PrintedPage, ...]


def read_layout(pdf: bytes, name: str) -> PageLayout:
    """Read the text lines of every page of ``pdf``; raise ValidationError when unreadable."""
    try:
        return PageLayout(tuple(read_pages(pdf)))
    except PlacementError as exc:
        raise ValidationError(
            f"Không đọc được các trang của “{name}” sau khi dàn trang ({exc.text('vi')}).",
            f"Cannot read the laid-out pages of “{name}” ({exc.text('en')}).",
        ) from exc


def text_of(line: TextLine) -> str:
    """The line's text folded for comparing (no diacritics, case or extra blanks)."""
    return fold(line.text)


def is_bold(line: TextLine) -> bool:
    """True when every printed glyph of the line is set in a bold font."""
    glyphs = [char for char in line.chars if char[0].strip()]
    return bool(glyphs) and all("bold" in char[2].casefold() for char in glyphs)


def section_of(inspection: Inspection, page: PrintedPage) -> Page:
    """The section whose paper is the PDF page's (the first one when none matches)."""
    for section in inspection.pages:
        width, height = section.width / TWIPS_PER_POINT, section.height / TWIPS_PER_POINT
        if (
            abs(width - page.width) < _SIZE_TOLERANCE
            and abs(height - page.height) < _SIZE_TOLERANCE
        ):
            return section
    return inspection.pages[0]


def is_page_number(line: TextLine, page: PrintedPage, section: Page) -> bool:
    """True for a line of digits only, printed in the top or bottom margin."""
    top = page.height - section.top / TWIPS_PER_POINT
    bottom = section.bottom / TWIPS_PER_POINT
    in_margin = line.box[1] >= top - 1 or line.box[3] <= bottom + 1
    return line.text.strip().isdigit() and in_margin


def body_lines(inspection: Inspection, page: PrintedPage) -> list[TextLine]:
    """The page's lines without its page number, top to bottom."""
    section = section_of(inspection, page)
    return [line for line in page.lines if not is_page_number(line, page, section)]


def pitch(lines: list[TextLine]) -> float:
    """The usual distance between the baselines of consecutive lines of one paragraph."""
    steps = [upper.baseline - lower.baseline for upper, lower in itertools.pairwise(lines)]
    sizes = [char[3] for line in lines for char in line.chars]
    size = statistics.median(sizes) if sizes else 14.0
    usual = [step for step in steps if size < step < 1.8 * size]
    return statistics.median(usual) if usual else 1.3 * size


def spans_text(spans: list[Span]) -> str:
    """The folded text of some parts of the document, one space between lines."""
    return fold(" ".join(span.text.replace("\n", " ") for span in spans))


def lines_of(spans: list[Span], lines: list[TextLine]) -> list[TextLine]:
    """The lines (of one page) that print a piece of ``spans``' text, in page order."""
    whole = spans_text(spans)
    if not whole:
        return []
    return [line for line in lines if text_of(line) and text_of(line) in whole]


def below(line: TextLine, lines: list[TextLine]) -> TextLine | None:
    """The next line under ``line`` in the same column (overlapping it), if it is close."""
    size = max(char[3] for char in line.chars)
    under = [
        other
        for other in lines
        if other.baseline < line.baseline - 1
        and line.baseline - other.baseline < 2.2 * size
        and other.box[0] < line.box[2]
        and line.box[0] < other.box[2]
    ]
    return max(under, key=lambda other: other.baseline) if under else None


def ink_box(line: TextLine) -> tuple[float, float, float, float]:
    """The box around the line's printed glyphs (a trailing space has a box but no ink)."""
    boxes = [char[1] for char in line.chars if char[0].strip()] or [line.box]
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )
