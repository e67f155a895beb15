"""Templates, data validation and rendering of official documents (no database, no click).

The public names are imported on first use (PEP 562), so a command that only reads the
catalogue does not pay for docxtpl and lxml.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vanban.atomic_write import write_atomically
    from vanban.documents.catalogue import FieldSpec, TemplateCatalogue, TemplateSpec
    from vanban.documents.data_source import (
        DocumentData,
        load_document_data,
        parse_document_data,
    )
    from vanban.documents.render import RenderedDocument, Renderer

_HOMES = {
    "DocumentData": "vanban.documents.data_source",
    "FieldSpec": "vanban.documents.catalogue",
    "RenderedDocument": "vanban.documents.render",
    "Renderer": "vanban.documents.render",
    "TemplateCatalogue": "vanban.documents.catalogue",
    "TemplateSpec": "vanban.documents.catalogue",
    "load_document_data": "vanban.documents.data_source",
    "parse_document_data": "vanban.documents.data_source",
    "write_atomically": "vanban.atomic_write",
}

__all__ = [
    "DocumentData",
    "FieldSpec",
    "RenderedDocument",
    "Renderer",
    "TemplateCatalogue",
    "TemplateSpec",
    "load_document_data",
    "parse_document_data",
    "write_atomically",
]


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
