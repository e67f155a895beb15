"""Unicode text typed back the way offices typed it before Unicode: TCVN3 and VNI runs.

The byte layouts are the tests' own (tests/vietnamese/test_legacy.py), not vanban's tables.
TCVN3 has no toned capitals: an all-capitals line is typed in .VnTimeH with the lowercase
bytes, and a toned capital inside a .VnTime line ("Ủy") is one letter in .VnTimeH.
"""

from __future__ import annotations

from tests.vietnamese.test_legacy import TCVN3_BASES, TCVN3_TONED, VNI_WORDS

TCVN3_FONT, TCVN3_CAPITALS, VNI_FONT = ".VnTime", ".VnTimeH", "VNI-Times"

_TCVN3 = {
    letter: chr(start + offset)
    for start, letters in (*TCVN3_BASES.items(), *TCVN3_TONED)
    for offset, letter in enumerate(letters)
}
_VNI = {**VNI_WORDS, **{letter.upper(): spelled.upper() for letter, spelled in VNI_WORDS.items()}}


def _tcvn3(text: str) -> list[tuple[str, str]]:
    if text == text.upper() and any(char.isalpha() for char in text):
        return [(TCVN3_CAPITALS, "".join(_TCVN3.get(char, char) for char in text.lower()))]
    pieces: list[tuple[str, str]] = []
    for char in text:
        capital = char not in _TCVN3 and char.lower() in _TCVN3 and char != char.lower()
        font, typed = (
            (TCVN3_CAPITALS, _TCVN3[char.lower()])
            if capital
            else (
                TCVN3_FONT,
                _TCVN3.get(char, char),
            )
        )
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, pieces[-1][1] + typed)
        else:
            pieces.append((font, typed))
    return pieces


def legacy_runs(text: str, encoding: str) -> list[tuple[str, str]]:
    """Return ``text`` as (font, typed text) runs in ``encoding`` ("tcvn3" or "vni")."""
    if encoding == "tcvn3":
        return _tcvn3(text)
    return [(VNI_FONT, "".join(_VNI.get(char, char) for char in text))]
