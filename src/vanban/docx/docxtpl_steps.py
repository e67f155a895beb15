"""docxtpl's pure XML steps, called on their own: patching, listings, table repair.

``DocxTemplate.patch_xml``, ``resolve_listing`` and ``fix_tables`` take XML and return XML
(or a tree) without reading anything of the instance they are called on. They are called
here on an instance made without ``__init__``: no template file, no python-docx document,
nothing opened, and no stand-in package pretending to be a template.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docxtpl import DocxTemplate, RichText

_STEPS = object.__new__(DocxTemplate)


def patch(xml: str) -> str:
    """docxtpl's patching of template XML into plain Jinja (split tags joined, {%tr %} …)."""
    return str(DocxTemplate.patch_xml(_STEPS, xml))


def resolve_listing(xml: str) -> str:
    """docxtpl's rewriting of tabs, line and page breaks typed into rendered text."""
    return str(DocxTemplate.resolve_listing(_STEPS, xml))


def fix_tables(xml: str) -> Any:
    """docxtpl's repair of a rendered body's table grids; returns the parsed tree."""
    return DocxTemplate.fix_tables(_STEPS, xml)


def plain_rich_text(text: str) -> RichText:
    """``RichText(text)``: one run of unformatted text, the markup RichText.add writes for it
    (escaped by html.escape), without the call's argument handling, for hundreds of
    paragraphs a document."""
    result = RichText()
    if text:
        result.xml = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    return result
