"""Legacy-encoded text in an office's .docx (TCVN3, VNI …), converted before it is read.

Each group of runs drawn in one font is converted on its own (``vanban.docx.run_text``), so
a document that mixes .VnTime paragraphs with Unicode ones imports whole. What changed is
reported by the data key it ended in, so the secretary knows where to look.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from vanban.docx.run_text import RewrittenParagraph, rewrite_docx_runs
from vanban.errors import Message
from vanban.importing.yaml_text import Noted
from vanban.vietnamese.legacy import (
    LEGACY_NAMES,
    LEGACY_NAMES_EN,
    run_encoding,
    run_to_unicode,
    unicode_font,
)

__all__ = ["Converted", "conversion_messages", "locate", "to_unicode_package"]

# A typed number or list mark at the start of a line: the data holds the text without it.
_MARKER = re.compile(r"^\s*(?:phần thứ \S+|[ivxlc]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\)|[-+•–])\s+")
# A converted line no data key holds is one vanban prints itself (Quốc hiệu, "Nơi nhận:"):
# nothing is dropped, so that is the only place it can be.
_OTHER = "(thể thức)"


@dataclass(frozen=True)
class Converted:
    """One paragraph that was typed in a legacy encoding: its Unicode text and data key."""

    text: str
    encodings: tuple[str, ...]
    field: str

    def as_json(self) -> dict[str, object]:
        """Return the conversion for ``--json``."""
        return {"field": self.field, "encodings": list(self.encodings), "text": self.text}


def to_unicode_package(content: bytes) -> tuple[bytes, list[RewrittenParagraph]]:
    """Return the .docx ``content`` with legacy text converted, and the paragraphs changed.

    ``content`` must have passed the package checks. When nothing is legacy, the original
    bytes come back untouched.
    """
    converted, changed = rewrite_docx_runs(content, run_encoding, run_to_unicode, unicode_font)
    return (converted, changed) if changed else (content, [])


def _key(text: str) -> str:
    return " ".join(text.replace("*", " ").split()).casefold()


def _leaves(value: Any, key: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, Noted):
        yield from _leaves(value.value, key)
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _leaves(inner, key)
    elif isinstance(value, list):
        for inner in value:
            yield from _leaves(inner, key)
    elif isinstance(value, str):
        yield key, _key(value)


def locate(data: dict[str, Any], paragraphs: list[RewrittenParagraph]) -> list[Converted]:
    """Name the data key each converted paragraph ended in (``(thể thức)`` when none does)."""
    leaves = [pair for key, value in data.items() for pair in _leaves(value, key)]
    found: list[Converted] = []
    for paragraph in paragraphs:
        text = _key(paragraph.text)
        bare = _MARKER.sub("", text, count=1)
        field = next((key for key, leaf in leaves if bare and bare in leaf), None)
        if field is None:
            inside = [(len(leaf), key) for key, leaf in leaves if len(leaf) >= 3 and leaf in text]
            field = max(inside)[1] if inside else _OTHER
        found.append(Converted(paragraph.text, paragraph.encodings, field))
    return found


def conversion_messages(converted: list[Converted]) -> list[Message]:
    """One sentence per encoding found: how many paragraphs, and in which data keys."""
    messages = []
    encodings = dict.fromkeys(code for item in converted for code in item.encodings)
    for encoding in encodings:
        items = [item for item in converted if encoding in item.encodings]
        fields = ", ".join(dict.fromkeys(item.field for item in items))
        messages.append(
            Message(
                f"{len(items)} đoạn gõ bằng bảng mã {LEGACY_NAMES[encoding]} đã chuyển sang "
                f"Unicode: {fields}.",
                f"{len(items)} paragraph(s) typed in {LEGACY_NAMES_EN[encoding]} converted to "
                f"Unicode: {fields}.",
            )
        )
    return messages
