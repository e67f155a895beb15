"""Reading a template the way docxtpl will: each part's tags as typed and as docxtpl sees them.

docxtpl joins a tag that Word split across runs (it deletes the XML between "{{" and "}}")
before Jinja compiles the part. A tag it cannot join (its halves in two paragraphs, or a
character typed between the braces) never reaches Jinja whole; comparing the tags in each
paragraph's text with the tags in docxtpl's patched XML finds exactly those.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateSyntaxError, nodes

from vanban.checker.findings import Location
from vanban.documents.environment import DocumentEnvironment
from vanban.docx.docxtpl_steps import patch
from vanban.docx.oxml import has_markup
from vanban.docx.reading import CORE_PROPERTIES, core_property_texts, paragraph_texts, story_parts

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
OPENING = re.compile(r"\{\{|\{%|\{#")
NEAR_MISS = re.compile(r"\{\s+[{%]|[%}]\s+\}")
_MARKER = re.compile(r"^(\{\{|\{%|\{#)-?(?:p|r|tr|tc)?\s")
_DOCXTPL_ONLY = re.compile(r"^\{%-?\s*(colspan|cellbg|vm|hm)\b")


def tag_key(tag: str) -> str:
    """Return a tag without its docxtpl marker (p, r, tr, tc), dashes or blanks, to compare."""
    cleaned = html.unescape(tag).translate(str.maketrans("“”‘’", "\"\"''"))
    cleaned = _MARKER.sub(r"\1 ", cleaned)
    cleaned = re.sub(r"^(\{\{|\{%)-", r"\1", cleaned)
    cleaned = re.sub(r"-(%\}|\}\})$", r"\1", cleaned)
    return re.sub(r"\s+", "", cleaned)


@dataclass(frozen=True)
class TypedTag:
    """A tag as it appears in a paragraph's text."""

    text: str
    where: Location


@dataclass
class Part:
    """One XML part of the template (body, a header or footer, or the document properties)."""

    name: str
    kind: str  # "body", "header", "footer", "properties"
    source: str  # what Jinja compiles: docxtpl's patched XML, or a property's text
    typed: list[TypedTag] = field(default_factory=list)
    unclosed: list[TypedTag] = field(default_factory=list)
    near_misses: list[TypedTag] = field(default_factory=list)
    tree: nodes.Template | None = None
    syntax_error: TemplateSyntaxError | None = None

    @property
    def seen(self) -> set[str]:
        """Keys of the tags Jinja will compile."""
        return {tag_key(tag) for tag in TAG.findall(self.source)}


def _scan(part: Part, texts: list[str]) -> None:
    for number, text in enumerate(texts, start=1):
        where = Location(part=part.kind, paragraph=number, text=text)
        covered = [(m.start(), m.end()) for m in TAG.finditer(text)]
        part.typed += [TypedTag(m.group(0), where) for m in TAG.finditer(text)]
        for opening in OPENING.finditer(text):
            if not any(start <= opening.start() < end for start, end in covered):
                part.unclosed.append(TypedTag(text[opening.start() :], where))
        part.near_misses += [TypedTag(m.group(0), where) for m in NEAR_MISS.finditer(text)]


def _compile(part: Part, environment: DocumentEnvironment) -> None:
    try:
        part.tree = environment.parse(part.source)
    except TemplateSyntaxError as error:
        part.syntax_error = error


def read_parts(data: bytes, environment: DocumentEnvironment) -> list[Part]:
    """Return the template parts docxtpl renders, scanned and compiled."""
    parts: list[Part] = []
    for name, kind, xml in story_parts(data):
        part = Part(name, kind, patch(xml))
        _scan(part, paragraph_texts(xml))
        parts.append(part)
    for text in core_property_texts(data):
        if OPENING.search(text):
            part = Part(CORE_PROPERTIES, "properties", text)
            _scan(part, [text])
            parts.append(part)
    for part in parts:
        _compile(part, environment)
    return parts


def lost_tags(part: Part) -> list[TypedTag]:
    """Return the typed tags that do not reach Jinja whole."""
    seen = part.seen
    return [
        tag
        for tag in part.typed
        if tag_key(tag.text) not in seen and not _DOCXTPL_ONLY.match(tag.text)
    ]


def tags_with_xml(part: Part) -> list[str]:
    """Return the compiled tags that contain XML: halves joined across paragraphs."""
    return [tag for tag in TAG.findall(part.source) if has_markup(tag)]


def where_used(parts: list[Part], name: str) -> Location:
    """Return the first paragraph whose tags mention ``name``."""
    word = re.compile(rf"\b{re.escape(name)}\b")
    for part in parts:
        for tag in part.typed:
            if word.search(tag.text):
                return tag.where
    return Location(part="document")


def attribute_names(tree: Any) -> list[tuple[str, str]]:
    """Return (kind, name) for every attribute, item and filter the template uses."""
    found: list[tuple[str, str]] = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        if isinstance(node, nodes.Getattr):
            found.append(("attribute", str(node.attr)))
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            found.append(("item", str(node.arg.value)))
        elif isinstance(node, nodes.Filter):
            found.append(("filter", str(node.name)))
    return found
