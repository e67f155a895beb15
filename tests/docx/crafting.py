"""Test-side OOXML reads the tests need and the layer has no public reader for.

The mirror of ``vanban.docx.oxml`` for the test tree: the checker corpus, the office corpus
and the render tests read attributes and children of elements they found through
``vanban.docx.oxml`` here, so that no test outside ``tests/docx`` spells an element name
through ``qn``.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

__all__ = ["ancestor", "attribute", "children"]


def attribute(element: Any, name: str) -> str:
    """The ``w:`` attribute ``name`` (``"val"``, ``"w"`` …) of ``element``; LookupError when
    absent (every caller reads an attribute its document must have)."""
    value: str | None = element.get(qn(f"w:{name}"))
    if value is None:
        raise LookupError(f"w:{name} missing on {element.tag}")
    return value


def children(element: Any, tag: str) -> list[Any]:
    """Every direct child ``tag`` (``"w:tr"``) of ``element``, in document order."""
    return list(element.findall(qn(tag)))


def ancestor(element: Any, tag: str) -> Any:
    """The nearest enclosing element ``tag`` (``"w:drawing"``) of ``element``."""
    return next(element.iterancestors(qn(tag)))
