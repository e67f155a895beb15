"""Finding paragraphs of a python-docx Document by their first words, for the corpus."""

from __future__ import annotations

from typing import Any


def paragraphs(document: Any) -> list[Any]:
    """Return every paragraph: the body's and each table cell's, in order."""
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += [p for p in cell.paragraphs if p not in found]
    return found


def paragraph(document: Any, start: str) -> Any:
    """Return the first paragraph starting with ``start`` (non-breaking spaces read as spaces)."""
    return next(
        p for p in paragraphs(document) if p.text.replace("\xa0", " ").strip().startswith(start)
    )
