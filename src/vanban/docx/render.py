"""Rendering a prepared template: only the Jinja parts, the rest copied as compressed bytes.

Per document this renders the compiled body (and any header, footer, footnotes or property
holding tags), applies docxtpl's finishing steps where they can change something, checks that
the result is well-formed XML, and writes the zip once. The steps and their order are
docxtpl's (template.py: render_xml_part, fix_tables, fix_docpr_ids, render_properties), so a
document reads the same as one rendered by DocxTemplate; tests/docx compares the two part by
part on every shipped template.
"""

from __future__ import annotations

import copy
import hashlib
import os
import pyexpat
import re
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from lxml import etree
from markupsafe import Markup

from vanban.docx.docxtpl_steps import fix_tables, patch, resolve_listing
from vanban.docx.package import Member, replace_members
from vanban.docx.template import (
    CORE_PROPERTIES,
    DOCUMENT,
    OXML_PARSER,
    BodyTemplate,
    PartTemplate,
    PreparedTemplate,
    PropertiesTemplate,
    prepare,
)

# docxtpl's resolve_listing rewrites only the text of <w:t> elements, and only where it holds
# one of these characters (a <w:t …> start tag, then no "<" up to one of them).
_LISTING_CHARACTERS = ("\n", "\t", "\a", "\f")
_TEXT_START = re.compile(r"<w:t(?: [^>]*)?>")
_PARAGRAPH_START = re.compile(r"<w:p(?: [^>]*)?>")
_ESCAPED_DELIMITERS = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
_CACHE_SIZE = 32
# A fragment stands in the rendered XML as a processing instruction (well-formed anywhere)
# naming its place in the render's list of fragments.
_FRAGMENT_MARK = "<?vanban-fragment "
_FRAGMENT = re.compile(r"<\?vanban-fragment (\d+)\?>")
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


class BrokenXmlError(ValueError):
    """A template rendered into XML that is not well-formed (a tag left open by an {% if %})."""


@dataclass(frozen=True)
class BodyStep:
    """A change made to the rendered body tree, needed only when ``marker`` is in its XML."""

    marker: str
    apply: Callable[[Any], None]


class Fragment:
    """OOXML that vanban built itself, escaped by construction, which a template prints whole.

    A 1000-row table is most of its document: the renderer prints a short placeholder in its
    stead, runs the checks (line-break rewriting, well-formedness) on the template's own
    output, and puts the fragment in afterwards, instead of scanning its megabytes each time.
    A fragment holds no tab, line break, page break or control character (the builder
    rewrites or refuses them), so the checks would find nothing in it.

    It is kept as the UTF-8 bytes it is written with, so its megabytes are not copied into
    one more string of the whole body and encoded again. Printed by Jinja outside this
    renderer (docxtpl itself), it is its markup (``__html__``).
    """

    __slots__ = ("utf8",)

    def __init__(self, utf8: bytes) -> None:
        self.utf8 = utf8

    def __html__(self) -> str:
        """The markup, for a template printing the fragment with autoescaping on."""
        return self.utf8.decode("utf-8")

    __str__ = __html__


def _with_placeholders(value: Any, fragments: list[bytes]) -> Any:
    """Return ``value`` with each Fragment inside replaced by its placeholder (copies only the
    containers that hold one)."""
    if isinstance(value, str):
        return value
    if isinstance(value, Fragment):
        fragments.append(value.utf8)
        return Markup(f"{_FRAGMENT_MARK}{len(fragments) - 1}?>")
    if isinstance(value, dict):
        copied: dict[Any, Any] | None = None
        for key, item in value.items():
            new = _with_placeholders(item, fragments)
            if new is not item:
                copied = copied if copied is not None else dict(value)
                copied[key] = new
        return value if copied is None else copied
    if isinstance(value, list | tuple):
        replaced = [_with_placeholders(item, fragments) for item in value]
        if all(new is old for new, old in zip(replaced, value, strict=True)):
            return value
        return replaced if isinstance(value, list) else tuple(replaced)
    return value


def _put_fragments(xml: str, fragments: list[bytes]) -> str:
    if not fragments or _FRAGMENT_MARK not in xml:
        return xml
    return _FRAGMENT.sub(lambda match: fragments[int(match.group(1))].decode("utf-8"), xml)


class DocxRenderer:
    """Renders .docx templates in one Jinja environment, each template prepared once."""

    def __init__(self, environment: Environment, body_steps: tuple[BodyStep, ...] = ()) -> None:
        self.environment = environment
        self.body_steps = body_steps
        self._prepared: OrderedDict[str, PreparedTemplate] = OrderedDict()
        self._deflating: tuple[int, ThreadPoolExecutor] | None = None

    def _deflater(self) -> ThreadPoolExecutor:
        """The one thread that deflates bodies, started on first use; a forked process
        (a batch worker) starts its own, its parent's thread not being there."""
        if self._deflating is None or self._deflating[0] != os.getpid():
            self._deflating = (os.getpid(), ThreadPoolExecutor(1, "vanban-deflate"))
        return self._deflating[1]

    def prepared(self, template: bytes) -> PreparedTemplate:
        """The template ``template`` prepared for rendering (cached by its sha256)."""
        key = hashlib.sha256(template).hexdigest()
        found = self._prepared.get(key)
        if found is None:
            found = prepare(template, self.environment, patch)
            self._prepared[key] = found
            if len(self._prepared) > _CACHE_SIZE:
                self._prepared.popitem(last=False)
        else:
            self._prepared.move_to_end(key)
        return found

    def render(self, template: bytes, context: Mapping[str, Any]) -> bytes:
        """Render ``template`` with ``context`` into the bytes of a reproducible .docx."""
        prepared = self.prepared(template)
        fragments: list[bytes] = []
        values = {key: _with_placeholders(value, fragments) for key, value in context.items()}
        pieces, unchecked = _render_body(prepared.body, values, self.body_steps, fragments)
        # The body is deflated on the deflating thread while this one checks it and renders the
        # other parts: zlib lets go of the interpreter while it works, expat and Jinja do not,
        # so on a second core that work costs no time. Nothing is written unless all succeeds.
        deflated = self._deflater().submit(Member.of, DOCUMENT, pieces)
        changed: dict[str, bytes | Member] = {}
        try:
            if unchecked is not None:
                _check_well_formed(unchecked)
            for part in prepared.parts:
                changed[part.name] = _render_part(part, values, fragments)
            if prepared.core_properties is not None:
                changed[CORE_PROPERTIES] = _render_properties(prepared.core_properties, values)
        finally:
            wait([deflated])  # a failure here is raised once the thread is done with the body
        changed[DOCUMENT] = deflated.result()
        return replace_members(prepared.members, changed)


# python-docx (and so docxtpl) refuses a core property longer than this.
MAX_PROPERTY_CHARS = 255


def _render_properties(template: PropertiesTemplate, context: dict[str, Any]) -> bytes:
    # Through python-docx's own element class: the same setters (and 255-character limit)
    # as docxtpl's render_properties.
    from docx.opc.coreprops import CoreProperties

    element = copy.deepcopy(template.base)
    properties = CoreProperties(element)
    for name, compiled in template.compiled:
        setattr(properties, name, fitted_property(compiled.render(context)))
    return bytes(etree.tostring(element, encoding="UTF-8", standalone=True))


def fitted_property(text: str, limit: int = MAX_PROPERTY_CHARS) -> str:
    """``text`` as a document property holds it: at most ``limit`` characters.

    A longer text (a 300-character trích yếu in the title) is cut at the last word that fits
    and ends in “…”, instead of failing the render over metadata nobody typed.
    """
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if not text[limit - 1].isspace():
        space = head.rfind(" ")
        if space > limit // 2:
            head = head[:space]
    return head.rstrip(" ,;:-–") + "…"


def _render_jinja(compiled: Any, context: dict[str, Any]) -> str:
    # Undo the line breaks _compile put before each paragraph (docxtpl: \n<w:p([ >]) → <w:p\1).
    xml = str(compiled.render(context)).replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ")
    for escaped, delimiter in _ESCAPED_DELIMITERS:
        if escaped in xml:
            xml = xml.replace(escaped, delimiter)
    listing = _listing_texts(xml)
    if listing:
        # A value holding a line break, tab or page break becomes <w:br/>, <w:tab/>, … in its
        # own paragraph; docxtpl's rewrite runs on those paragraphs only, not on every one.
        xml = _resolve_listing(xml, listing)
    return xml


def _listing_texts(xml: str) -> list[int]:
    """Where each <w:t> element whose text holds a line break, tab, bell or form feed starts.

    The positions of <w:t(?: [^>]*)?>[^<]*[\\n\\t\\a\\f] matches, in order, found from the
    few such characters (a quick find each) instead of a regex walk over the whole XML: the
    element holding one starts at the last "<" before it.
    """
    found: list[int] = []
    for character in _LISTING_CHARACTERS:
        at = xml.find(character)
        while at >= 0:
            found.append(at)
            at = xml.find(character, at + 1)
    starts: list[int] = []
    for at in sorted(found):
        tag = xml.rfind("<", 0, at)
        if tag < 0 or (starts and starts[-1] == tag):
            continue
        start = _TEXT_START.match(xml, tag)
        if start is not None and start.end() <= at:  # in the text, not inside the tag
            starts.append(tag)
    return starts


def _resolve_listing(xml: str, listing: list[int]) -> str:
    """docxtpl's resolve_listing, applied only to the paragraphs that need it.

    It cuts the XML as <w:p(?: [^>]*)?>.*?</w:p> does: each paragraph runs from a start tag
    to the first </w:p> after it, and the next starts at the first start tag after that. So
    the paragraph holding a position starts at the first start tag after the last </w:p>
    before it, and no lazy regex has to walk a long document.
    """
    out: list[str] = []
    done = 0
    for text in listing:
        if text < done:
            continue  # in the paragraph just rewritten
        last_end = xml.rfind("</w:p>", done, text)
        start = _PARAGRAPH_START.search(xml, done if last_end < 0 else last_end + 6)
        if start is None or start.start() > text:
            continue  # not inside a paragraph: resolve_listing leaves it
        end = xml.find("</w:p>", start.end())
        if end < 0:
            break
        end += len("</w:p>")
        out += [
            xml[done : start.start()],
            resolve_listing(xml[start.start() : end]),
        ]
        done = end
    out.append(xml[done:])
    return "".join(out)


def _render_body(
    body: BodyTemplate,
    context: dict[str, Any],
    steps: tuple[BodyStep, ...],
    fragments: list[bytes],
) -> tuple[list[bytes], bytes | None]:
    """The rendered document.xml, as pieces in order (the fragments among them as they are),
    and, when it is still to be checked for well-formedness (_check_well_formed), the body
    as the check reads it (the template's own output, without the fragments)."""
    xml = _render_jinja(body.compiled, context)
    plain = _plain_body_tag(body, xml)
    unchecked = (body.prefix + plain + body.suffix).encode("utf-8")
    needed = [
        step
        for step in steps
        if step.marker in xml or any(step.marker.encode() in fragment for fragment in fragments)
    ]
    if body.needs_tree or needed:
        _check_well_formed(unchecked)  # before lxml reads it, which would say it less plainly
        tree = fix_tables(_put_fragments(xml, fragments))
        for number, drawing in enumerate(tree.iter(f"{{{_WP}}}docPr"), start=1001):
            drawing.set("id", str(number))
        for step in needed:
            step.apply(tree)
        plain = _plain_body_tag(body, etree.tostring(tree, encoding="unicode"))
        return [part.encode("utf-8") for part in (body.prefix, plain, body.suffix)], None
    texts = _FRAGMENT.split(plain) if fragments and _FRAGMENT_MARK in plain else [plain]
    pieces = [body.prefix.encode("utf-8")]
    for number, text in enumerate(texts):  # text, fragment number, text, …
        pieces.append(fragments[int(text)] if number % 2 else text.encode("utf-8"))
    pieces.append(body.suffix.encode("utf-8"))
    return pieces, unchecked


def _plain_body_tag(body: BodyTemplate, xml: str) -> str:
    if xml.startswith(body.start_tag):  # the document element declares the namespaces
        return "<w:body>" + xml[len(body.start_tag) :]
    return xml


def _render_part(part: PartTemplate, context: dict[str, Any], fragments: list[bytes]) -> bytes:
    content = _put_fragments(_render_jinja(part.compiled, context), fragments).encode("utf-8")
    if not part.reparse:
        return content
    try:
        element = etree.fromstring(content, OXML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise BrokenXmlError(f"{part.name}: {exc}") from exc
    return bytes(etree.tostring(element, encoding="UTF-8", standalone=True))


def _check_well_formed(document: bytes) -> None:
    # expat without handlers or namespace processing: a third of what building an lxml tree
    # costs. Tags and attributes are checked; the prefixes are the template's own.
    parser = pyexpat.ParserCreate()
    try:
        parser.Parse(document, True)
    except pyexpat.ExpatError as exc:
        raise BrokenXmlError(f"{DOCUMENT}: {exc}") from exc
