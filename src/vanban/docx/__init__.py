"""The OOXML layer: the one package that knows how a .docx is built inside.

After python-docx's own split between its ``oxml`` layer and its proxies, this package holds
the knowledge of element names, parts and zip members, so that ``documents``, ``checker`` and
``doc_templates`` work with documents, not with XML:

- ``oxml``: element names, attribute values, the elements behind python-docx's proxies;
- ``styles``: the one effective-formatting resolver (direct → styles → defaults → theme);
- ``reading``: text in reading order and the element walk (body, tables, headers, footers);
- ``sections``: page setup per section, and sections settled after a landscape table;
- ``docxtpl_steps``: docxtpl's XML patching, called without a template;
- ``package``, ``template``, ``render``: the reproducible writer and the fast render pipeline
  (a template prepared once, only its Jinja parts rendered, the zip written once);
- ``body_table``: the XML of body tables, written as text and printed as one fragment.
"""

from __future__ import annotations

from vanban.docx.package import (
    Member,
    read_members,
    reproducible,
    without_thumbnail,
    write_package,
)
from vanban.docx.render import BodyStep, BrokenXmlError, DocxRenderer, Fragment

__all__ = [
    "BodyStep",
    "BrokenXmlError",
    "DocxRenderer",
    "Fragment",
    "Member",
    "read_members",
    "reproducible",
    "without_thumbnail",
    "write_package",
]
