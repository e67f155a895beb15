"""Text frames (w:framePr): where a paragraph set in a frame is placed on the page.

A certificate printed on a pre-printed blank puts each item in a frame anchored to the page
(see documents/certificate_context.py); the checker reads the frames back to recognise such a
document and to know the box each item must stay in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vanban.docx.oxml import find_path, qn


@dataclass(frozen=True)
class Frame:
    """A paragraph's frame: its position and width in twips, and what it is anchored to."""

    x: int | None
    y: int | None
    width: int | None
    page_anchored: bool


def _twips(element: Any, name: str) -> int | None:
    value = element.get(qn(f"w:{name}"))
    try:
        return int(value) if value is not None else None
    except ValueError:  # a measure with a unit ("12pt") is allowed by the schema, never by us
        return None


def paragraph_frame(paragraph: Any) -> Frame | None:
    """Return the frame of the w:p element ``paragraph`` (direct formatting), or None."""
    frame = find_path(paragraph, "w:pPr", "w:framePr")
    if frame is None:
        return None
    anchored = frame.get(qn("w:hAnchor")) == "page" and frame.get(qn("w:vAnchor")) == "page"
    return Frame(_twips(frame, "x"), _twips(frame, "y"), _twips(frame, "w"), anchored)
