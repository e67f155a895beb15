"""Templates, data validation and rendering of official documents (no database, no click)."""

from __future__ import annotations

from vanban.atomic_write import write_atomically
from vanban.documents.catalogue import FieldSpec, TemplateCatalogue, TemplateSpec
from vanban.documents.data_source import DocumentData, load_document_data, parse_document_data
from vanban.documents.render import RenderedDocument, Renderer

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
