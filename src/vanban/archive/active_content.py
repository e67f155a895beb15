"""Finding what a PDF would run by itself: JavaScript, launched programs, automatic actions.

A signed original needs none of it, and a viewer may run it when the archive is opened years
later, so a PDF holding any is refused at attach, before anything else (pyHanko, the archive)
opens it. The whole object graph reachable from the trailer is walked as pypdf reads it, so
compressed object streams and names spelled with #-escapes (``/J#53``) are seen as a viewer
sees them; stream contents are not decoded (a page's drawing cannot run code).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# More nodes than any document vanban archives; a file past this is refused, not walked on.
MAX_NODES = 500_000


@dataclass(frozen=True)
class ActiveContent:
    """One thing found that a viewer would run: what it is, and the object holding it."""

    vi: str
    en: str
    number: int  # the PDF object that holds it (0: the trailer itself)


class TooComplexError(Exception):
    """The file has more objects than MAX_NODES: it cannot be checked in reasonable time."""


def _kind(dictionary: DictionaryObject) -> tuple[str, str] | None:
    action = dictionary.get("/S")
    if "/JS" in dictionary or action == "/JavaScript":
        return "mã JavaScript", "JavaScript"
    if "/JavaScript" in dictionary:
        return "mã JavaScript (danh mục /JavaScript)", "JavaScript (a /JavaScript name tree)"
    if action == "/Launch":
        return "lệnh mở chương trình khác (/Launch)", "an action that launches a program (/Launch)"
    if "/AA" in dictionary:
        return (
            "hành động tự chạy khi mở tệp hoặc trang (/AA)",
            "actions that run by themselves when the file or a page opens (/AA)",
        )
    if "/XFA" in dictionary:
        return "biểu mẫu XFA (có thể chứa mã chạy)", "an XFA form (which can hold scripts)"
    return None


def find_active_content(reader: PdfReader) -> ActiveContent | None:
    """The first thing in ``reader``'s file that a viewer would run by itself, or None."""
    queue: deque[tuple[Any, int]] = deque([(reader.trailer, 0)])
    seen: set[tuple[int, int]] = set()
    visited = 0
    while queue:
        node, number = queue.popleft()
        visited += 1
        if visited > MAX_NODES:
            raise TooComplexError
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            queue.append((node.get_object(), node.idnum))
        elif isinstance(node, DictionaryObject):
            found = _kind(node)
            if found is not None:
                return ActiveContent(found[0], found[1], number)
            queue.extend((value, number) for value in node.values())
        elif isinstance(node, ArrayObject):
            queue.extend((value, number) for value in node)
    return None
