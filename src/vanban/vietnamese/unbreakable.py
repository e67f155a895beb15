"""Keeping names and numbers on one line: non-breaking spaces where a phrase is one unit.

A reader stumbles on "HỘI KHUYẾN HỌC TỈNH SƠN / LA", "ngày 09 / tháng 11", "Số 03/ KH-HKH"
split at a line end. Word and LibreOffice never break at U+00A0, so the spaces inside such a
phrase are replaced by it; the text reads and extracts exactly as before.

Joined: an administrative unit and its place name ("tỉnh Sơn La", "TỈNH SƠN LA", "thành phố
Hồ Chí Minh"), "số"/"Số" and the number that follows, "ngày"/"tháng"/"năm" and their number,
a person's name given whole; the hyphen of a year range ("2021-2030") and of a document
symbol ("1373/QĐ-TTg") becomes the non-breaking hyphen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

NBSP = "\u00a0"
# Word and LibreOffice never break after U+2011; LibreOffice draws it with the font's "-"
# (Liberation Serif has no U+2011 glyph of its own) and PDF text reads it back as "-".
NB_HYPHEN = "\u2011"
# Longest first, so "thành phố" wins over a bare word.
_UNITS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
_UPPER = "".join(char for char in map(chr, range(0x41, 0x1EFA)) if char.isupper())
_CAPITALISED = rf"[{_UPPER}][^\s,;.:()“”\"]*"
_NUMBERED_WORDS = ("số", "ngày", "tháng", "năm", "điều", "khoản", "mục", "phụ lục")
_DIGIT = re.compile(r"\d")
_SYMBOL = re.compile(r"\d+/[^\s,;.:()“”\"/]+(?:-[^\s,;.:()“”\"/]+)+")
# The paragraphs of a document are worked on joined by this separator (see keep_together_all):
# whitespace to the lookbehinds, so each paragraph begins as a text does, and left out of the
# space the patterns match between words, so no match runs from one paragraph into the next.
_SEPARATOR = "\u2029"


class _Patterns(NamedTuple):
    place: re.Pattern[str]
    unit_word: re.Pattern[str]
    numbered_word: re.Pattern[str]
    range: re.Pattern[str]


def _patterns(space: str) -> _Patterns:
    """The patterns with ``space`` as the whitespace they match between words."""
    unit = "|".join(unit.replace(" ", space) for unit in _UNITS)
    numbered = "|".join(word.replace(" ", space) for word in _NUMBERED_WORDS)
    return _Patterns(
        # A unit and its place name, whose words are capitalised: "tỉnh Sơn La", "TỈNH SƠN
        # LA", "Thành phố Hồ Chí Minh". Never "xã hội" (society), in any case.
        place=re.compile(
            rf"(?<![^\s(“\"])(?i:{unit})(?!{space}(?i:hội)\b)(?:{space}{_CAPITALISED}){{1,4}}"
        ),
        unit_word=re.compile(rf"(?i:{unit})"),
        numbered_word=re.compile(rf"(?<!\S)((?i:{numbered})){space}(\d[\w/.\-]*)"),
        # A year range "2021-2030" (also typed "2021- 2030") and a document symbol "1373/QĐ-TTg".
        range=re.compile(rf"(?<!\d)(\d{{4}})-({space}?)(\d{{4}})(?!\d)"),
    )


_ONE = _patterns(r"\s")
_JOINED = _patterns(rf"[^\S{_SEPARATOR}]")
_PLACE, _NUMBERED_WORD, _RANGE = _ONE.place, _ONE.numbered_word, _ONE.range

# Where a match of _PLACE can begin: the first word of a unit, found with str.find in the
# lower-cased text, where the case-insensitive pattern would be tried at every character.
# Every character that pattern takes for one of these letters lowers to it, or to more than
# one character (İ), which changes the text's length (tests/vietnamese checks this).
_PLACE_STARTS = tuple(sorted({unit.split()[0] for unit in _UNITS}))
# _NUMBERED_WORD begins with one of its words, each letter matching one character: found the
# same way, except in a text holding "ı" or "ſ", which that pattern takes for "i" and "s" but
# which lower to themselves (tests/vietnamese checks there are no others). There it begins a
# word's length before a whitespace in front of a digit.
_NUMBERED_STARTS = tuple(sorted({word.split()[0] for word in _NUMBERED_WORDS}))
_UNLOWERED_FOLDS = ("ı", "ſ")
_NUMBERED_LENGTHS = tuple(sorted({len(word) for word in _NUMBERED_WORDS}))
_SPACE_DIGIT = re.compile(r"\s\d")


def _glue(match: re.Match[str]) -> str:
    return re.sub(r"\s", NBSP, match.group(0))


def _numbered(match: re.Match[str]) -> str:
    return f"{match.group(1)}{NBSP}{match.group(2)}"


def _symbol(match: re.Match[str]) -> str:
    return match.group(0).replace("-", NB_HYPHEN)


def _range(match: re.Match[str]) -> str:
    return f"{match.group(1)}{NB_HYPHEN}{NBSP if match.group(2) else ''}{match.group(3)}"


def _sub_from(
    pattern: re.Pattern[str],
    starts: Iterable[int],
    text: str,
    replace: Callable[[re.Match[str]], str],
) -> str:
    """``pattern.sub(replace, text)`` when every match of ``pattern`` begins at one of the
    increasing positions ``starts``: the pattern is tried there only, left to right, each
    match consuming what it covers, as ``sub`` does."""
    out: list[str] = []
    done = 0
    for at in starts:
        if at < done:
            continue
        match = pattern.match(text, at)  # its lookbehind still sees the text before ``at``
        if match is None:
            continue
        out += [text[done:at], replace(match)]
        done = match.end()
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _word_starts(lowered: str, words: Iterable[str]) -> list[int]:
    """Every position of ``lowered`` where one of ``words`` begins, in order."""
    found = []
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            found.append(at)
            at = lowered.find(word, at + 1)
    found.sort()
    return found


def _numbered_starts(text: str, first_digit: int) -> list[int]:
    """Every position where a match of _NUMBERED_WORD could begin, in order (the text's
    first digit is at ``first_digit``)."""
    found = []
    for pair in _SPACE_DIGIT.finditer(text, max(first_digit - 1, 0)):
        space = pair.start()
        if space > 0:
            found += [space - length for length in _NUMBERED_LENGTHS if length <= space]
    found.sort()
    return found


def _hyphen_starts(text: str) -> Iterator[int]:
    # _RANGE is four digits, then the hyphen: a match begins four characters before one.
    at = text.find("-")
    while at >= 0:
        if at >= 4:
            yield at - 4
        at = text.find("-", at + 1)


def _symbol_starts(text: str) -> Iterator[int]:
    # _SYMBOL begins with the digits before a "/": a match starts where they start.
    at = text.find("/")
    while at >= 0:
        start = at
        while start > 0 and text[start - 1].isdecimal():  # what \d matches
            start -= 1
        if start < at:
            yield start
        at = text.find("/", at + 1)


def keep_together(text: str) -> str:
    """Return ``text`` with the spaces inside names, numbers and dates made non-breaking."""
    return _keep_together(text, _ONE)


def keep_together_all(texts: Sequence[str]) -> list[str]:
    """Return ``keep_together`` of each of ``texts``, worked out over all of them at once.

    A long plan has hundreds of paragraphs: joined, each scan runs once over the document
    instead of once per paragraph, with the same results (tests/vietnamese compares them).
    """
    joined = _SEPARATOR.join(texts)
    lowered = joined.lower()
    if joined.count(_SEPARATOR) != len(texts) - 1 or len(lowered) != len(joined):
        return [keep_together(text) for text in texts]  # a separator typed, or İ: one by one
    return _keep_together(joined, _JOINED, lowered).split(_SEPARATOR)


def _keep_together(text: str, patterns: _Patterns, lowered: str | None = None) -> str:
    # The patterns are tried only where a match can begin (the same results as a sub over
    # the whole text, a fraction of the scans). Lowering first is lowering after the hyphens
    # are made non-breaking: they lower to themselves, and no unit's word holds one.
    lowered = text.lower() if lowered is None else lowered
    first_digit = _DIGIT.search(text)
    if first_digit is not None and "-" in text:
        text = _sub_from(patterns.range, _hyphen_starts(text), text, _range)
        if "/" in text:
            text = _sub_from(_SYMBOL, _symbol_starts(text), text, _symbol)
    if len(lowered) == len(text):
        # Joining a place changes spaces only, so positions stay those of ``text``.
        text = _sub_from(patterns.place, _word_starts(lowered, _PLACE_STARTS), text, _glue)
    elif patterns.unit_word.search(text):
        text = patterns.place.sub(_glue, text)
    if first_digit is None:
        return text
    if len(lowered) == len(text) and not any(fold in text for fold in _UNLOWERED_FOLDS):
        starts = _word_starts(lowered, _NUMBERED_STARTS)
    else:  # every rule above keeps the text's length, so the first digit is where it was
        starts = _numbered_starts(text, first_digit.start())
    return _sub_from(patterns.numbered_word, starts, text, _numbered)


def keep_name_together(name: str) -> str:
    """Return a person's name on one line: every space non-breaking ("Mai Thu Hương")."""
    return re.sub(r"\s+", NBSP, name.strip())
