"""Fitting a certificate's texts into their frames: shrink first, then move what follows down.

Each item of a Bằng khen or Giấy khen prints in a frame at a fixed place on the blank. A long
unit ("Chi hội trưởng Chi hội Khuyến học bản Híp, xã Chiềng Khương, huyện Yên Châu") wraps, and
its second line would print over the achievement below. So each text is measured with the
Times metrics, word by word as the printer breaks it (a phrase joined by non-breaking spaces is
one word): an item longer than its allowed lines is set smaller, down to SMALLEST of its size;
if it still needs more lines, the items under it in the same column move down by the extra
height, so nothing is ever printed over anything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from vanban.documents.layout import pt_to_mm
from vanban.documents.text_metrics import text_units

LINE_HEIGHT = 1.15  # single line spacing of Times New Roman / Liberation Serif, in em
SMALLEST = 0.75  # an item is never set below three quarters of its size
STEP_PT = 0.5
GAP_MM = 1.0  # between a moved item and the one above it
# LibreOffice breaks lines a little before the Times metrics say a line is full (hinting,
# the frame's own spacing): a unit measured at 670.8 of 671.8 pt wrapped and printed its
# second line over the achievement. A line is counted full at this share of the frame.
FULL_LINE = 0.97
# How many lines each item may take before it is shrunk.
MAX_LINES = {"ten": 1, "don_vi": 2, "thanh_tich": 3, "quyet_dinh": 1, "so_vao_so": 1, "ngay": 1}


@dataclass(frozen=True)
class Placed:
    """An item's text in its frame: where (mm), how wide (mm), how big (pt), how many lines."""

    item: str
    text: str
    x: float
    y: float
    width: float
    size: float
    bold: bool
    lines: int

    @property
    def bottom(self) -> float:
        """Where its last line ends, in mm from the top of the sheet."""
        return self.y + self.lines * pt_to_mm(self.size * LINE_HEIGHT)


def count_lines(text: str, width_mm: float, size_pt: float, *, bold: bool) -> int:
    """Return how many lines ``text`` takes in ``width_mm`` (greedy breaking at spaces)."""
    return _lines(_word_units(text, bold), text_units(" ", bold=bold), width_mm, size_pt)


def _word_units(text: str, bold: bool) -> list[list[int]]:
    """Each paragraph's words, as their widths in 1/1000 em (the same at every size)."""
    return [
        [text_units(word, bold=bold) for word in paragraph.split(" ")]
        for paragraph in text.split("\n")
    ]


def _lines(paragraphs: list[list[int]], space_units: int, width_mm: float, size_pt: float) -> int:
    available = width_mm * 72 / 25.4 * FULL_LINE
    space = space_units * size_pt / 1000  # text_width_pt's arithmetic, so counts are unchanged
    total = 0
    for words in paragraphs:
        lines, used = 1, 0.0
        for units in words:
            width = units * size_pt / 1000
            if used and used + space + width > available:
                lines, used = lines + 1, width
            else:
                used += (space if used else 0.0) + width
        total += lines
    return total


def _fit(placed: Placed) -> Placed:
    """Shrink ``placed`` until it takes its allowed lines, or to its smallest size."""
    allowed = MAX_LINES.get(placed.item, placed.text.count("\n") + 1)
    size = placed.size
    # Measured once: a word's width at any size is its width in em times the size.
    words = _word_units(placed.text, placed.bold)
    space = text_units(" ", bold=placed.bold)
    lines = _lines(words, space, placed.width, size)
    while lines > allowed and size - STEP_PT >= placed.size * SMALLEST:
        size -= STEP_PT
        lines = _lines(words, space, placed.width, size)
    return replace(placed, size=size, lines=lines)


def _overlaps(upper: Placed, lower: Placed) -> bool:
    return upper.x < lower.x + lower.width and lower.x < upper.x + upper.width


def fit_items(items: Sequence[Placed]) -> list[Placed]:
    """Return the items fitted to their frames and moved down where one above grew."""
    fitted: list[Placed] = []
    for item in sorted((_fit(item) for item in items), key=lambda placed: placed.y):
        top = item.y
        for above in fitted:
            # Only what was placed under an item's first line moves: a frame a blank's
            # positions put higher (over it, on purpose) stays where it was put.
            first_line_end = above.y + pt_to_mm(above.size * LINE_HEIGHT)
            if _overlaps(above, item) and first_line_end <= top < above.bottom:
                top = above.bottom + GAP_MM
        fitted.append(replace(item, y=top))
    return fitted
