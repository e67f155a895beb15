"""A .docx template prepared once: its members kept compressed, its Jinja parts compiled.

What docxtpl does on every render — open the package through python-docx, serialise the
body, run its ~20 regex patch passes, compile the result as Jinja — depends only on the
template's bytes, so it is done here once per template (cached by content by the caller).
Only the parts that hold Jinja are prepared: the document body, the headers and footers that
contain tags, footnotes with tags, and the core properties. Everything else is copied as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, Template
from lxml import etree

from vanban.docx.namespaces import W
from vanban.docx.package import Member, read_members

DOCUMENT = "word/document.xml"
CORE_PROPERTIES = "docProps/core.xml"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
_CONTENT_TYPES = "[Content_Types].xml"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_HEADER_FOOTER = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
}
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_MARKERS = (b"{{", b"{%", b"{#")
# docxtpl renders these core properties (render_properties) through Jinja.
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
# Cell-level tags add or drop cells, and repeated drawings repeat their ids: for these the body
# is reparsed after rendering to repair the table grid and renumber the ids, as docxtpl does.
_NEEDS_TREE = re.compile(r"{%-?\s*(?:tc|colspan|cellbg|hm|vm)\b|wp:docPr")
# python-docx reads every part with this parser; the prepared XML is what it would serialise.
OXML_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def has_jinja(content: bytes) -> bool:
    """True when ``content`` holds a Jinja tag ({{ }}, {% %} or {# #})."""
    return any(marker in content for marker in _MARKERS)


@dataclass(frozen=True)
class BodyTemplate:
    """document.xml split around its body; the body compiled as one Jinja template."""

    prefix: str  # the document up to <w:body>, XML declaration included
    suffix: str  # from </w:body> on
    start_tag: str  # <w:body …> as serialised alone, with the namespace declarations
    compiled: Template
    needs_tree: bool


@dataclass(frozen=True)
class PartTemplate:
    """A header, footer or footnotes part that holds Jinja."""

    name: str
    compiled: Template
    reparse: bool  # headers and footers go back through the XML parser, as docxtpl does


@dataclass(frozen=True)
class PropertiesTemplate:
    """core.xml with the six properties docxtpl renders: the constant ones already set, the
    ones holding Jinja compiled (render_properties sets all six, creating missing elements)."""

    base: Any  # the CT_CoreProperties element; copied for each render
    compiled: tuple[tuple[str, Template], ...]


@dataclass(frozen=True)
class PreparedTemplate:
    """Everything a render needs that depends only on the template's bytes."""

    members: dict[str, Member]
    body: BodyTemplate
    parts: tuple[PartTemplate, ...]
    core_properties: PropertiesTemplate | None  # when core.xml holds Jinja


def prepare(data: bytes, environment: Environment, patch: Any) -> PreparedTemplate:
    """Prepare the template ``data`` for rendering in ``environment``.

    ``patch`` is docxtpl's XML patching (str → str), the step that turns Word's split runs
    and the {%tr %}/{%p %}/{{r }} prefixes into plain Jinja.
    """
    members = read_members(data)
    if DOCUMENT not in members:
        raise ValueError("the package has no word/document.xml")
    parts = []
    for name in _headers_and_footers(members):
        xml = etree.tostring(
            etree.fromstring(members[name].content(), OXML_PARSER), encoding="unicode"
        )
        parts.append(PartTemplate(name, _compile(xml, environment, patch), True))
    for name in _footnotes(members):
        source = members[name].content().decode("utf-8")
        parts.append(PartTemplate(name, _compile(source, environment, patch), False))
    core = members.get(CORE_PROPERTIES)
    core_content = core.content() if core is not None else b""
    return PreparedTemplate(
        members=members,
        body=_body(members[DOCUMENT].content(), environment, patch),
        parts=tuple(parts),
        core_properties=_properties(core_content, environment) if has_jinja(core_content) else None,
    )


def _properties(content: bytes, environment: Environment) -> PropertiesTemplate:
    from docx.opc.coreprops import CoreProperties
    from docx.oxml.parser import parse_xml

    element = parse_xml(content)
    properties = CoreProperties(element)
    compiled = []
    for name in PROPERTIES:
        source = getattr(properties, name)
        if has_jinja(source.encode("utf-8")):
            # A property is plain text that python-docx escapes when it writes the XML:
            # autoescaping it as well printed “&#34;” for every quotation mark.
            plain = f"{{% autoescape false %}}{source}{{% endautoescape %}}"
            compiled.append((name, environment.from_string(plain)))
        else:  # Jinja would print it as it is
            setattr(properties, name, source)
    return PropertiesTemplate(element, tuple(compiled))


def _compile(xml: str, environment: Environment, patch: Any) -> Template:
    # docxtpl puts each paragraph on its own line so Jinja's line numbers mean something.
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", str(patch(xml)))
    return environment.from_string(source)


def _body(document: bytes, environment: Environment, patch: Any) -> BodyTemplate:
    root = etree.fromstring(document, OXML_PARSER)
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise ValueError("word/document.xml has no body")
    body_xml = etree.tostring(body, encoding="unicode")
    start_tag = body_xml[: body_xml.index(">") + 1]
    compiled = _compile(body_xml, environment, patch)
    root.replace(body, etree.Element(body.tag))
    shell = etree.tostring(root, encoding="UTF-8", standalone=True).decode("utf-8")
    prefix, _, suffix = shell.partition("<w:body/>")
    if not suffix or "<w:body/>" in suffix:
        raise ValueError("word/document.xml could not be split around its body")
    return BodyTemplate(
        prefix=prefix,
        suffix=suffix,
        start_tag=start_tag,
        compiled=compiled,
        needs_tree=bool(_NEEDS_TREE.search(body_xml)),
    )


def _headers_and_footers(members: dict[str, Member]) -> list[str]:
    rels = members.get(_DOCUMENT_RELS)
    if rels is None:
        return []
    names = []
    for rel in etree.fromstring(rels.content()).iter(f"{{{_RELS}}}Relationship"):
        if rel.get("Type") in _HEADER_FOOTER and rel.get("TargetMode") != "External":
            name = _part_name("word", rel.get("Target", ""))
            if name in members and has_jinja(members[name].content()):
                names.append(name)
    return names


def _footnotes(members: dict[str, Member]) -> list[str]:
    types = members.get(_CONTENT_TYPES)
    if types is None:
        return []
    names = []
    for override in etree.fromstring(types.content()).iter(f"{{{_TYPES}}}Override"):
        name = override.get("PartName", "").lstrip("/")
        footnotes = override.get("ContentType") == _FOOTNOTES and name in members
        if footnotes and has_jinja(members[name].content()):
            names.append(name)
    return names


def _part_name(base: str, target: str) -> str:
    """Resolve a relationship target ("header1.xml", "../word/x.xml", "/word/x.xml")."""
    parts = [] if target.startswith("/") else base.split("/")
    for piece in target.lstrip("/").split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)
