"""Turning the body's paragraphs back into vanban's tree: opening, numbered items, closing.

Each paragraph's number (typed or Word's) says its level: a number style already open on the
way down closes everything below it and starts a sibling; a new style opens a child. A
numbered paragraph printed all in bold or, number included, all in italics (the looks
vanban gives headings by level), and every "I."/"Phần" line, is a heading (``tieu_de``);
another numbered paragraph is an item whose number prefixes its text (``doan``). Paragraphs
without a number belong to the item above them, or to the opening before the first number.
The last plain paragraph after the tree is the closing. The numbers themselves are dropped
and the style of each level written once (``danh_so``), since vanban generates them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from vanban.importing.inline import Styled
from vanban.importing.numbering import Marker
from vanban.importing.yaml_text import Noted


@dataclass(frozen=True)
class BodyLine:
    """One body paragraph as the outline needs it."""

    styled: Styled  # the printed text, number included when typed
    marker: Marker | None
    note: str = ""  # a comment for the data file (why it is where it is)
    table: dict[str, Any] | None = None  # a table of the body (``bang``), no text

    @property
    def rest(self) -> Styled:
        """The text after the number."""
        return self.styled.tail(self.marker.start) if self.marker else self.styled


@dataclass
class _Node:
    key: tuple[str, int]
    title: str | None = None
    paragraphs: list[Any] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    after: list[Any] = field(default_factory=list)  # paragraphs after a table: ``sau``
    children: list[_Node] = field(default_factory=list)


@dataclass
class Outline:
    """The body as vanban's data: opening, tree, closing and numbering styles."""

    opening: list[Any]
    tree: list[dict[str, Any]]
    closing: list[Any]
    numbering: list[str]
    headings: int  # how many numbered items were recognised


def _paragraph(line: BodyLine, text: str | None = None) -> Any:
    if text is None:
        text = line.rest.markup()
        if line.marker is not None and line.marker.style in ("-", "+"):
            text = f"{line.marker.style} {text}"
    return Noted(text, line.note) if line.note else text


def _styles(nodes: list[_Node], depth: int, found: dict[int, Counter[str]]) -> None:
    if not nodes:
        return
    found.setdefault(depth, Counter())[nodes[0].key[0]] += len(nodes)
    for node in nodes:
        _styles(node.children, depth + 1, found)


def _as_data(node: _Node, depth: int, numbering: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if node.title is not None:
        data["tieu_de"] = node.title
    if node.paragraphs:
        data["doan"] = list(node.paragraphs)
    if node.tables:
        data["bang"] = node.tables[0] if len(node.tables) == 1 else list(node.tables)
    if node.children:
        style = node.children[0].key[0]
        if depth + 1 < len(numbering) and style != numbering[depth + 1]:
            data["danh_so_con"] = style
        data["muc"] = [_as_data(child, depth + 1, numbering) for child in node.children]
    if node.after:
        data["sau"] = list(node.after)
    if not data:
        data["doan"] = [""]
    return data


def build_outline(lines: list[BodyLine]) -> Outline:
    """Return the opening, tree, closing and numbering of the body ``lines``."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    opening: list[Any] = []
    last_plain: tuple[list[Any], int] | None = None
    expect_part_title = False
    for line in lines:
        if line.table is not None:
            if not stack:  # a table before any numbered item opens an unnumbered one
                stack.append(_Node(("", 1)))
                roots.append(stack[-1])
            stack[-1].tables.append(line.table)
            last_plain = None
            continue
        marker = line.marker
        numbered = marker is not None and marker.style not in ("-", "+")
        if not numbered:
            if expect_part_title and stack and line.styled.bold and marker is None:
                stack[-1].title = line.styled.markup(bold=False)
                expect_part_title = False
                continue
            if not stack:
                target = opening
            else:
                target = stack[-1].after if stack[-1].tables else stack[-1].paragraphs
            target.append(_paragraph(line))
            last_plain = (target, len(target) - 1) if marker is None else None
            expect_part_title = False
            continue
        assert marker is not None
        keys = [node.key for node in stack]
        if marker.key in keys:
            del stack[keys.index(marker.key) :]
        node = _Node(marker.key)
        rest = line.rest
        expect_part_title = False
        if marker.style == "phan":
            node.title = rest.markup(bold=False) or None
            expect_part_title = not rest.text
        elif rest.text and (marker.style == "I" or rest.bold or _italic_heading(line)):
            # The look of the level is the heading's own: only emphasis inside it is kept.
            node.title = rest.markup(bold=not rest.bold, italic=not rest.italic)
        else:
            node.paragraphs.append(_paragraph(line, rest.markup()))
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        last_plain = None
    closing: list[Any] = []
    if roots and last_plain is not None and last_plain[0] is not opening:
        target, index = last_plain
        if index == len(target) - 1:
            closing.append(target.pop())
    found: dict[int, Counter[str]] = {}
    _styles(roots, 0, found)
    numbering = [found[depth].most_common(1)[0][0] for depth in sorted(found)]
    tree = [_as_data(node, 0, numbering) for node in roots]
    if not roots and opening:
        # No numbered item at all: the text is one unnumbered item, the last line the closing.
        numbering = [""]
        closing = [opening.pop()] if len(opening) > 1 else []
        tree = [{"doan": opening}]
        opening = []
    return Outline(opening, tree, closing, numbering, _count(roots))


def _italic_heading(line: BodyLine) -> bool:
    """True for a heading printed in italics ("1.1." and "a)" levels): the number too.

    A numbered paragraph of body text keeps its number upright, whatever its text's look;
    Word's own numbers are not in the text, so there the text alone decides.
    """
    return line.styled.italic if line.marker and line.marker.start else line.rest.italic


def _count(nodes: list[_Node]) -> int:
    return sum(1 + _count(node.children) for node in nodes)
