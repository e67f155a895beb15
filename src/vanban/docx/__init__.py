"""The OOXML layer: the one package that knows how a .docx is built inside.

After python-docx's own split between its ``oxml`` layer and its proxies, this package holds
the knowledge of element names, parts and zip members, so that ``documents``, ``checker`` and
``doc_templates`` (and ``importing``) work with documents, not with XML:

- ``oxml``: element names, attribute values, the elements behind python-docx's proxies;
- ``namespaces``: the namespaces and relationship types spelled without python-docx;
- ``styles``: the one effective-formatting resolver (direct → styles → defaults → theme);
- ``reading``: text in reading order and the element walk (body, tables with their rows,
  spans and merges, headers, footers);
- ``numbering``: Word's list numbering, the list level each paragraph is in;
- ``package_checks``: the checks a .docx package passes before anything opens it;
- ``sections``: page setup per section, and sections settled after a landscape table;
- ``docxtpl_steps``: docxtpl's XML patching, called without a template;
- ``building``: what doc_templates/ sets that python-docx has no call for (font slots,
  borders, a page-number field, fixed tables, rows kept whole, page frames), in document terms;
- ``package``, ``template``, ``render``: the reproducible writer and the fast render pipeline
  (a template prepared once, only its Jinja parts rendered, the zip written once);
- ``body_table``: the XML of body tables, written as text and printed as one fragment.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vanban.docx.package import Member as Member
    from vanban.docx.package import read_members as read_members
    from vanban.docx.package import reproducible as reproducible
    from vanban.docx.package import without_thumbnail as without_thumbnail
    from vanban.docx.package import write_package as write_package
    from vanban.docx.render import BodyStep as BodyStep
    from vanban.docx.render import BrokenXmlError as BrokenXmlError
    from vanban.docx.render import DocxRenderer as DocxRenderer
    from vanban.docx.render import Fragment as Fragment

# Loaded on first use: the page geometry (units) is read by commands that render nothing, and
# the renderer brings docxtpl and lxml with it.
_MODULE_OF = {
    "BodyStep": "vanban.docx.render",
    "BrokenXmlError": "vanban.docx.render",
    "DocxRenderer": "vanban.docx.render",
    "Fragment": "vanban.docx.render",
    "Member": "vanban.docx.package",
    "read_members": "vanban.docx.package",
    "reproducible": "vanban.docx.package",
    "without_thumbnail": "vanban.docx.package",
    "write_package": "vanban.docx.package",
}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'vanban.docx' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
