"""Recognising the number in front of a body paragraph, typed by hand or made by Word.

vanban generates the numbers of the body ("I.", "1.", "1.1.", "a)", "Phần thứ nhất"), so an
imported paragraph keeps only its structure: which style of number it had and at what depth.
Dashes and plus signs are not numbers: they stay in the text as typed ("- …", "+ …"), the
way the shipped samples and most offices write list items.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from vanban.checker.anatomy import fold
from vanban.docx.numbering import ListLevel
from vanban.vietnamese import point_letter

_ROMAN = re.compile(r"^(?P<n>[IVXLC]{1,6})\s*[.)/:-]\s*(?=\S)")
_DOTTED = re.compile(r"^(?P<n>\d{1,2}(?:\s?\.\s?\d{1,2})+)\s*[.)]?\s+(?=\S)")
_ARABIC = re.compile(r"^(?P<n>\d{1,2})\s*[.)/]\s*(?=\S)")
_LETTER = re.compile(r"^(?P<n>[a-zđ])\s*[).]\s+(?=\S)")
_ARTICLE = re.compile(r"^điều\s+(?P<n>\d{1,3})\s*[.:]\s*", re.IGNORECASE)
_PART = re.compile(r"^phan\s+(thu\s+)?(?P<n>[a-z0-9]+)\s*[.:]?\s*", re.IGNORECASE)
_BULLET = re.compile(r"^(?P<n>[-–—•·▪●◦○∙*+])\s*(?=\S)")
_PART_WORDS = {"nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi"}
_LETTERS = {point_letter(index) for index in range(1, 24)}
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# Word's list formats, by the style of number vanban generates for them.
_WORD_FORMATS = {
    "upperRoman": "I",
    "lowerRoman": "I",
    "decimal": "1",
    "decimalZero": "1",
    "lowerLetter": "a",
    "upperLetter": "a",
}


@dataclass(frozen=True)
class Marker:
    """The number (or bullet) found in front of a paragraph, and the text after it."""

    style: str  # "phan", "dieu", "I", "1", "1.1", "a"; "-" or "+" for a bullet
    depth: int  # for "1.1": how many numbers ("2.3" is 2, "2.3.1" is 3); else 1
    start: int  # where the text after the number starts (0 for Word's own numbers)

    @property
    def key(self) -> tuple[str, int]:
        """What makes two markers the same level of the outline."""
        return self.style, self.depth


def _roman_value(text: str) -> int | None:
    if not text or set(text) - set(_ROMAN_VALUES):
        return None
    total, previous = 0, 0
    for char in reversed(text):
        value = _ROMAN_VALUES[char]
        total += -value if value < previous else value
        previous = max(previous, value)
    return total if 0 < total <= 40 else None


def typed_marker(text: str) -> Marker | None:
    """Return the number typed at the start of ``text`` ("II.", "2.1.", "b)", "- ")."""
    article = _ARTICLE.match(unicodedata.normalize("NFC", text))
    if article is not None:  # "Điều 3." of a decision
        return Marker("dieu", 1, article.end())
    part = _PART.match(fold(text))
    number = part.group("n") if part is not None else ""
    if part is not None and (
        number in _PART_WORDS or number.isdigit() or _roman_value(number.upper()) is not None
    ):
        return Marker("phan", 1, min(part.end(), len(text)))
    roman = _ROMAN.match(text)
    if roman is not None and _roman_value(roman.group("n")) is not None:
        return Marker("I", 1, roman.end())
    dotted = _DOTTED.match(text)
    if dotted is not None:
        depth = len([part for part in re.split(r"\s?\.\s?", dotted.group("n")) if part])
        return Marker("1.1", depth, dotted.end())
    arabic = _ARABIC.match(text)
    if arabic is not None and not re.match(r"^\d{1,2}\s*/\s*\d", text):  # not "20/11 …"
        return Marker("1", 1, arabic.end())
    letter = _LETTER.match(text)
    if letter is not None and letter.group("n") in _LETTERS:
        return Marker("a", 1, letter.end())
    bullet = _BULLET.match(text)
    if bullet is not None and not text.startswith("**"):
        sign = "+" if bullet.group("n") == "+" else "-"
        return Marker(sign, 1, bullet.end())
    return None


def list_marker(level: ListLevel) -> Marker | None:
    """Return the marker a Word list level prints, as vanban numbers it (None for a level
    that prints no number)."""
    if level.format == "bullet":
        return Marker("+" if level.glyph == "+" else "-", 1, 0)
    if level.format == "none":
        return None
    style = _WORD_FORMATS.get(level.format, "1")
    if style == "1" and level.numbers_shown > 1:
        return Marker("1.1", level.numbers_shown, 0)
    return Marker(style, 1, 0)
