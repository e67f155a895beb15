"""The OOXML layer: the one package that knows how a .docx is built inside.

After python-docx's own split between its ``oxml`` layer and its proxies, this package holds
the knowledge of element names, parts and zip members, so that ``documents``, ``checker`` and
``doc_templates`` work with documents, not with XML. Today it holds the fast render pipeline
(a template prepared once, only its Jinja parts rendered, every other member copied as
compressed bytes, the zip written once, reproducibly) and the reproducible package writer.
"""

from __future__ import annotations

from vanban.docx.package import Member, read_members, reproducible, write_package
from vanban.docx.render import BodyStep, BrokenXmlError, DocxRenderer

__all__ = [
    "BodyStep",
    "BrokenXmlError",
    "DocxRenderer",
    "Member",
    "read_members",
    "reproducible",
    "write_package",
]
