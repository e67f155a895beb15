"""Approximate printed width of text set in Times New Roman, for sizing the rule lines.

Nghị định 30/2020 wants the line under the Tiêu ngữ as long as the text and the lines under the
issuing body and the trích yếu one third to one half of the text line. Word has no "line as long
as this text" primitive, so the templates draw each line as a paragraph border whose indents are
computed here. The widths are the Adobe Times core-font metrics (Times New Roman and the
metric-compatible Liberation Serif share them); a Vietnamese letter is as wide as its base letter.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from itertools import repeat

# Advance widths in 1/1000 em (Adobe Times-Roman / Times-Bold AFM), one per character of
# _CHARACTERS, in order.
_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -.,;:()/\"'“”"
_REGULAR_WIDTHS = """
    722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722
    944 722 722 611
    444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500
    722 500 500 444
    500 500 500 500 500 500 500 500 500 500
    250 333 250 250 278 278 333 333 278 408 180 444 444
"""
_BOLD_WIDTHS = """
    722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778 722 556 667 722 722
    1000 722 722 667
    500 556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500
    722 500 500 444
    500 500 500 500 500 500 500 500 500 500
    250 333 250 250 333 333 333 333 278 555 278 500 500
"""


def _table(widths: str) -> dict[str, int]:
    return dict(zip(_CHARACTERS, (int(value) for value in widths.split()), strict=True))


_REGULAR = _table(_REGULAR_WIDTHS)
_BOLD = _table(_BOLD_WIDTHS)
_DEFAULT_WIDTH = 500  # anything not in the table: an average letter


def _base_letter(char: str) -> str:
    """Return the unaccented base of a Vietnamese letter (ộ → o, Đ → D)."""
    if char == "\u00a0":  # a non-breaking space is as wide as a space
        return " "
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if decomposed else char


class _Advances(dict[str, int]):
    """Each character's advance width, worked out from its base letter the first time it is met
    (a 1000-row table measures some 100 000 characters, of a few dozen different ones)."""

    def __init__(self, base: dict[str, int]) -> None:
        super().__init__()
        self.base = base

    def __missing__(self, char: str) -> int:
        width = self.base.get(_base_letter(char), _DEFAULT_WIDTH)
        self[char] = width
        return width


_REGULAR_ADVANCES = _Advances(_REGULAR)
_BOLD_ADVANCES = _Advances(_BOLD)


def text_units(text: str, *, bold: bool = False) -> int:
    """Return the width of one line of ``text`` in 1/1000 em."""
    advances = _BOLD_ADVANCES if bold else _REGULAR_ADVANCES
    return sum(map(advances.__getitem__, text))


def widest_units(texts: Iterable[str], *, bold: bool = False) -> int:
    """Return the width of the widest of ``texts`` in 1/1000 em (0 for none).

    The sums run in map and sum alone: a 1000-row table's column is a thousand texts, where
    a call of text_units for each would cost more than their measuring.
    """
    advances = _BOLD_ADVANCES if bold else _REGULAR_ADVANCES
    return max(map(sum, map(map, repeat(advances.__getitem__), texts)), default=0)


def text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Return the width in points of one line of ``text`` at ``size_pt``."""
    return text_units(text, bold=bold) * size_pt / 1000


def longest_line_pt(text: str, size_pt: float, *, bold: bool, available_pt: float) -> float:
    """Return the width of the longest printed line of ``text`` within ``available_pt``.

    Text wider than the space wraps; its longest line is then taken as the full width, which
    is what a reader sees for a wrapped heading.
    """
    lines = text.split("\n") or [""]
    return min(
        max(text_width_pt(line, size_pt, bold=bold) for line in lines),
        available_pt,
    )
