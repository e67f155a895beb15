"""Element-level OOXML: names, attribute values and the lxml elements behind python-docx.

The counterpart of python-docx's own ``oxml`` layer: the only module that spells element
names (``w:p``, ``w:rPr`` …) and reaches past python-docx's proxies to their elements. The
readers (styles, reading, sections) and the template builders above it say what they read
or write in these terms; nothing outside ``vanban.docx`` needs to.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

__all__ = [
    "child",
    "descendants",
    "element_of",
    "find_path",
    "has_markup",
    "is_on",
    "is_on_value",
    "new",
    "paragraph_properties",
    "parse_xml",
    "qn",
    "remove",
    "row_properties",
    "run_properties",
    "same_element",
    "section_properties",
    "set_attributes",
    "table_properties",
    "twips",
]

_OFF = ("0", "false", "off", "none")


def is_on(element: Any) -> bool:
    """True when a toggle element (``<w:b/>``, ``<w:b w:val="false"/>`` …) is on."""
    return str(element.get(qn("w:val"), "true")).lower() not in _OFF


def is_on_value(value: str | None) -> bool:
    """True when an on/off attribute is present and on ("1", "true", "on")."""
    return value is not None and value.lower() not in _OFF


def twips(value: str | None, default: int = 0) -> int:
    """Return a twips attribute as an int (tolerating "12.0" and "12pt" from other tools)."""
    if value is None:
        return default
    text = value.strip().lower()
    try:
        if text.endswith("pt"):
            return round(float(text[:-2]) * 20)
        if text.endswith("mm"):
            return round(float(text[:-2]) * 1440 / 25.4)
        return round(float(text))
    except ValueError:
        return default


def has_markup(text: str) -> bool:
    """True when ``text`` holds WordprocessingML markup (a ``<w:…>`` tag), as a docxtpl tag
    joined across two paragraphs does."""
    return "<w:" in text


def find_path(element: Any, *tags: str) -> Any:
    """Follow child tags (``"w:pPr", "w:pStyle"``) down from ``element``; None when missing."""
    for tag in tags:
        if element is None:
            return None
        element = element.find(qn(tag))
    return element


def set_attributes(element: Any, **attributes: str) -> Any:
    """Set ``w:`` attributes on ``element`` (``val="nil"`` sets ``w:val``); return it."""
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def new(tag: str, **attributes: str) -> Any:
    """Return a new element ``tag`` (``"w:ind"``) with ``w:`` attributes set."""
    return set_attributes(OxmlElement(tag), **attributes)


def child(parent: Any, tag: str, *, first: bool = False) -> Any:
    """Return ``parent``'s child ``tag``, adding it (last, or ``first``) when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def element_of(proxy: Any) -> Any:
    """The lxml element behind a python-docx proxy (paragraph, run, table, row, cell, style)."""
    element = getattr(proxy, "element", None)
    return element if element is not None else proxy._element


def same_element(first: Any, second: Any) -> bool:
    """True when two python-docx proxies stand for the same element (one merged cell)."""
    return element_of(first) is element_of(second)


def remove(proxy: Any) -> None:
    """Remove the element behind ``proxy`` (a paragraph, a row) from its parent."""
    element = element_of(proxy)
    element.getparent().remove(element)


def descendants(element: Any, tag: str) -> Any:
    """Every element ``tag`` (``"w:rFonts"``) under ``element``, in document order."""
    return element.iter(qn(tag))


def paragraph_properties(proxy: Any) -> Any:
    """The ``w:pPr`` of a paragraph or paragraph style, added when missing."""
    return element_of(proxy).get_or_add_pPr()


def run_properties(proxy: Any) -> Any:
    """The ``w:rPr`` of a run or style, added when missing."""
    return element_of(proxy).get_or_add_rPr()


def row_properties(row: Any) -> Any:
    """The ``w:trPr`` of a table row, added when missing."""
    return element_of(row).get_or_add_trPr()


def table_properties(table: Any) -> Any:
    """The ``w:tblPr`` of a table."""
    return element_of(table).tblPr


def section_properties(section: Any) -> Any:
    """The ``w:sectPr`` of a python-docx section."""
    return section._sectPr
