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
from typing import Any

from docx.oxml.ns import qn

from vanban.checker.anatomy import fold
from vanban.docx.styles import StyleSheet
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


class WordNumbering:
    """Reads the list numbering Word applies to a paragraph (``w:numPr``)."""

    def __init__(self, document: Any, sheet: StyleSheet) -> None:
        self.sheet = sheet
        self._levels: dict[tuple[str, int], tuple[str, str]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {
            item.get(qn("w:abstractNumId")): item for item in numbering.findall(qn("w:abstractNum"))
        }
        for num in numbering.findall(qn("w:num")):
            link = num.find(qn("w:abstractNumId"))
            definition = abstract.get(link.get(qn("w:val")) if link is not None else None)
            if definition is None:
                continue
            for level in definition.findall(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                text = level.find(qn("w:lvlText"))
                key = (str(num.get(qn("w:numId"))), int(level.get(qn("w:ilvl"), "0")))
                self._levels[key] = (
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    text.get(qn("w:val"), "") if text is not None else "",
                )

    def _num_pr(self, paragraph: Any) -> Any:
        own = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if own is not None:
            return own
        for style in self.sheet.chain(self.sheet.paragraph_style(paragraph)):
            found = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if found is not None:
                return found
        return None

    def marker(self, paragraph: Any) -> Marker | None:
        """Return the marker Word prints before ``paragraph`` (None when it has no list)."""
        num_pr = self._num_pr(paragraph)
        if num_pr is None:
            return None
        num_id = num_pr.find(qn("w:numId"))
        level = num_pr.find(qn("w:ilvl"))
        key = (
            str(num_id.get(qn("w:val"))) if num_id is not None else "",
            int(level.get(qn("w:val"), "0")) if level is not None else 0,
        )
        if key[0] in ("", "0") or key not in self._levels:
            return None
        fmt, level_text = self._levels[key]
        if fmt == "bullet" or fmt == "none":
            # Symbol-font bullets are stored in the private area: U+F02B is Symbol's "+".
            glyph = "".join(
                chr(ord(char) - 0xF000) if 0xF020 <= ord(char) <= 0xF0FF else char
                for char in level_text.strip()
            )
            sign = "+" if glyph == "+" else "-"
            return Marker(sign, 1, 0) if fmt == "bullet" else None
        style = _WORD_FORMATS.get(fmt, "1")
        places = len(re.findall(r"%\d", level_text))
        if style == "1" and places > 1:
            return Marker("1.1", places, 0)
        return Marker(style, 1, 0)
