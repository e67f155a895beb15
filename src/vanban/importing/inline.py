"""Writing the bold and italic of a paragraph's runs in vanban's inline markup.

``**đậm**``, ``*nghiêng*`` and ``***đậm nghiêng***`` (docs/data-format.md); a literal asterisk
becomes ``\\*``. Emphasis that is the paragraph's own look (a heading is bold because it is a
heading, a căn cứ italic because it is a căn cứ) is left out when the caller says so.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from vanban.checker.reading import Piece


@dataclass(frozen=True)
class Styled:
    """A paragraph's printed characters, blanks folded, each with its emphasis."""

    chars: tuple[tuple[str, bool, bool], ...]

    @property
    def text(self) -> str:
        """The plain text."""
        return "".join(char for char, _, _ in self.chars)

    @property
    def bold(self) -> bool:
        """True when every printed character is bold."""
        inked = [bold for char, bold, _ in self.chars if not char.isspace()]
        return bool(inked) and all(inked)

    @property
    def italic(self) -> bool:
        """True when every printed character is italic."""
        inked = [italic for char, _, italic in self.chars if not char.isspace()]
        return bool(inked) and all(inked)

    def tail(self, start: int) -> Styled:
        """The characters from ``start`` on, leading blanks removed."""
        rest = self.chars[start:]
        while rest and rest[0][0].isspace():
            rest = rest[1:]
        return Styled(rest)

    def markup(self, *, bold: bool = True, italic: bool = True) -> str:
        """The text with markup for the emphasis asked for (``bold``/``italic``)."""
        groups: list[tuple[str, bool, bool]] = []
        for char, is_bold, is_italic in self.chars:
            look = (is_bold and bold, is_italic and italic)
            if char.isspace() and groups:  # a blank takes the look of what it follows
                look = (groups[-1][1], groups[-1][2])
            if groups and groups[-1][1:] == look:
                groups[-1] = (groups[-1][0] + char, *look)
            else:
                groups.append((char, *look))
        return "".join(_wrap(_escape(text), b, i) for text, b, i in groups)


def styled(pieces: Sequence[Piece]) -> Styled:
    """Return the printed characters of ``pieces`` (all caps applied), blanks folded."""
    chars: list[tuple[str, bool, bool]] = []
    for piece in pieces:
        text = unicodedata.normalize("NFC", piece.text.upper() if piece.look.caps else piece.text)
        for char in text:
            if char == "\u2011":  # the non-breaking hyphen vanban prints in "2021-2030"
                char = "-"
            if char.isspace() or char == "\u00a0":
                if not chars or chars[-1][0] == " ":
                    continue
                char = " "
            chars.append((char, piece.look.bold, piece.look.italic))
    while chars and chars[-1][0] == " ":
        chars.pop()
    return Styled(tuple(chars))


def _escape(text: str) -> str:
    return text.replace("*", "\\*")


def _wrap(text: str, bold: bool, italic: bool) -> str:
    stars = "*" * ((2 if bold else 0) + (1 if italic else 0))
    core = text.strip()
    if not stars or not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{stars}{core}{stars}{trail}"
