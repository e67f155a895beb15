"""Inline emphasis in paragraph text: ``**bold**``, ``*italic*``, ``***both***``, ``\\*``.

The markup is deliberately tiny: a secretary can type it in YAML without learning Markdown,
and anything that is not a well-formed pair of markers prints verbatim, so stray asterisks in
real text ("Điều 5*") are never lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ESCAPED_STAR = "\x00"
_EMPHASIS = re.compile(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1(?!\*)", re.DOTALL)


@dataclass(frozen=True)
class Span:
    """A piece of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


def parse_emphasis(text: str) -> list[Span]:
    """Split ``text`` into spans by the inline emphasis markers."""
    if "*" not in text:  # most paragraphs: one plain span, without scanning for markers
        return [Span(text)] if text else []
    work = text.replace("\\*", _ESCAPED_STAR)
    spans: list[Span] = []
    position = 0
    for match in _EMPHASIS.finditer(work):
        if match.start() > position:
            spans.append(Span(work[position : match.start()]))
        stars = len(match.group(1))
        spans.append(Span(match.group(2), bold=stars >= 2, italic=stars in (1, 3)))
        position = match.end()
    if position < len(work):
        spans.append(Span(work[position:]))
    return [
        Span(span.text.replace(_ESCAPED_STAR, "*"), span.bold, span.italic)
        for span in spans
        if span.text
    ]


def plain_text(text: str) -> str:
    """Return ``text`` with the emphasis markers removed."""
    return "".join(span.text for span in parse_emphasis(text))
