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

NBSP = "\u00a0"
# Word and LibreOffice never break after U+2011; LibreOffice draws it with the font's "-"
# (Liberation Serif has no U+2011 glyph of its own) and PDF text reads it back as "-".
NB_HYPHEN = "\u2011"
# Longest first, so "thành phố" wins over a bare word.
_UNITS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
_UNIT = "|".join(unit.replace(" ", r"\s") for unit in _UNITS)
_UPPER = "".join(char for char in map(chr, range(0x41, 0x1EFA)) if char.isupper())
_CAPITALISED = rf"[{_UPPER}][^\s,;.:()“”\"]*"
# A unit and its place name, whose words are capitalised: "tỉnh Sơn La", "TỈNH SƠN LA",
# "Thành phố Hồ Chí Minh". Never "xã hội" (society), in any case.
_PLACE = re.compile(rf"(?<![^\s(“\"])(?i:{_UNIT})(?!\s(?i:hội)\b)(?:\s{_CAPITALISED}){{1,4}}")
_NUMBERED_WORD = re.compile(
    r"(?<!\S)((?i:số|ngày|tháng|năm|điều|khoản|mục|phụ\slục))\s(\d[\w/.\-]*)"
)
# A year range "2021-2030" (also typed "2021- 2030") and a document symbol "1373/QĐ-TTg".
_RANGE = re.compile(r"(?<!\d)(\d{4})-(\s?)(\d{4})(?!\d)")
_DIGIT = re.compile(r"\d")
_UNIT_WORD = re.compile(rf"(?i:{_UNIT})")
_SYMBOL = re.compile(r"\d+/[^\s,;.:()“”\"/]+(?:-[^\s,;.:()“”\"/]+)+")


def _glue(match: re.Match[str]) -> str:
    return re.sub(r"\s", NBSP, match.group(0))


def keep_together(text: str) -> str:
    """Return ``text`` with the spaces inside names, numbers and dates made non-breaking."""
    # A long plan has hundreds of paragraphs: the patterns that need a digit, a hyphen or a
    # slash are tried only where there is one (the same results, a fraction of the scans).
    digits = _DIGIT.search(text) is not None
    if digits and "-" in text:
        text = _RANGE.sub(
            lambda match: (
                f"{match.group(1)}{NB_HYPHEN}{NBSP if match.group(2) else ''}{match.group(3)}"
            ),
            text,
        )
        if "/" in text:
            text = _SYMBOL.sub(lambda match: match.group(0).replace("-", NB_HYPHEN), text)
    if _UNIT_WORD.search(text):  # most paragraphs name no tỉnh, huyện, xã …
        text = _PLACE.sub(_glue, text)
    if not digits:
        return text
    return _NUMBERED_WORD.sub(lambda match: f"{match.group(1)}{NBSP}{match.group(2)}", text)


def keep_name_together(name: str) -> str:
    """Return a person's name on one line: every space non-breaking ("Mai Thu Hương")."""
    return re.sub(r"\s+", NBSP, name.strip())
