"""Rewriting the text of a .docx run by run, each run with the font Word draws it in.

Legacy Vietnamese text is tied to its font: ".VnTime" draws TCVN3 bytes, "VNI-Times" draws
VNI's, Times New Roman draws Unicode. A document may mix them run by run (a paragraph pasted
from an old file into a new one), so text is rewritten per group of consecutive runs of one
font, never per paragraph. The caller decides what a group's text is and how it converts;
this module only knows where runs, their text and their fonts are in the XML.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from lxml import etree

from vanban.docx.namespaces import W

__all__ = ["RewrittenParagraph", "rewrite_docx_runs", "rewrite_part_runs"]

# The parts that hold printed text (styles.xml holds fonts only).
TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
STYLES = "word/styles.xml"

# Given a group's text and font: the encoding it is in, or None to leave it alone.
Choose = Callable[[str, "str | None"], "str | None"]
# Given text, its encoding and font: the Unicode text.
Convert = Callable[[str, str, "str | None"], str]
# Given a font name: the font to write instead (or the same name).
Refont = Callable[[str], str]


@dataclass(frozen=True)
class RewrittenParagraph:
    """A paragraph whose text changed: its new text and the encodings it was read from."""

    text: str
    encodings: tuple[str, ...]


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _parse(xml: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(xml, parser)


def _font_of(properties: etree._Element | None) -> str | None:
    fonts = properties.find(_w("rFonts")) if properties is not None else None
    if fonts is None:
        return None
    # hAnsi is the font of the bytes above 0x7F, where legacy letters live.
    font: str | None = fonts.get(_w("hAnsi")) or fonts.get(_w("ascii"))
    return font


class _StyleFonts:
    """The font each style gives its text, following basedOn, and the document default."""

    def __init__(self, styles_xml: bytes | None) -> None:
        self.fonts: dict[str, str | None] = {}
        self.based_on: dict[str, str] = {}
        self.default_paragraph: str | None = None
        self.default_font: str | None = None
        if styles_xml is None:
            return
        root = _parse(styles_xml)
        defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        self.default_font = _font_of(defaults)
        for style in root.iter(_w("style")):
            style_id = style.get(_w("styleId"))
            if style_id is None:
                continue
            self.fonts[style_id] = _font_of(style.find(_w("rPr")))
            based = style.find(_w("basedOn"))
            if based is not None and based.get(_w("val")):
                self.based_on[style_id] = based.get(_w("val"))
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
                self.default_paragraph = style_id

    def of(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen:
            seen.add(style_id)
            font = self.fonts.get(style_id)
            if font:
                return font
            style_id = self.based_on.get(style_id)
        return None


def _style_id(properties: etree._Element | None, tag: str) -> str | None:
    found = properties.find(_w(tag)) if properties is not None else None
    return found.get(_w("val")) if found is not None else None


def _own_runs(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The runs of ``paragraph`` itself (hyperlinks, insertions), not of text boxes in it."""
    for run in paragraph.iter(_w("r")):
        if next(run.iterancestors(_w("p")), None) is paragraph:
            yield run


def _groups(
    paragraph: etree._Element, styles: _StyleFonts
) -> list[tuple[str | None, list[etree._Element]]]:
    """Consecutive text nodes of ``paragraph`` grouped by the font they are drawn in."""
    paragraph_style = _style_id(paragraph.find(_w("pPr")), "pStyle") or styles.default_paragraph
    base = styles.of(paragraph_style) or styles.default_font
    groups: list[tuple[str | None, list[etree._Element]]] = []
    for run in _own_runs(paragraph):
        properties = run.find(_w("rPr"))
        font = _font_of(properties) or styles.of(_style_id(properties, "rStyle")) or base
        texts = [node for node in run.iter(_w("t")) if node.text]
        if not texts:
            continue
        if groups and groups[-1][0] == font:
            groups[-1][1].extend(texts)
        else:
            groups.append((font, texts))
    return groups


def _common(left: str, right: str) -> int:
    size = 0
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        size += 1
    return size


def _share(nodes: list[etree._Element], convert: Callable[[str], str]) -> str:
    """Convert the text of ``nodes`` as one string and give each node its share back.

    A VNI letter may be split across runs (its base in one, its mark in the next): each
    node keeps what the conversion of the text up to its end agrees with, so a letter whose
    mark is in the next run moves whole into that run.
    """
    pieces = [node.text or "" for node in nodes]
    whole = convert("".join(pieces))
    start = 0
    end = 0
    for index, node in enumerate(nodes):
        end += len(pieces[index])
        if index == len(nodes) - 1:
            cut = len(whole)
        else:
            prefix = convert("".join(pieces)[:end])
            cut = max(start, _common(prefix, whole))
        node.text = whole[start:cut]
        if node.text != node.text.strip():
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        start = cut
    return whole


def _convert_with(convert: Convert, encoding: str, font: str | None, text: str) -> str:
    return convert(text, encoding, font)


def rewrite_part_runs(
    xml: bytes, styles_xml: bytes | None, choose: Choose, convert: Convert, refont: Refont
) -> tuple[bytes, list[RewrittenParagraph]]:
    """Rewrite the runs of one part (document, header …); return it and what changed."""
    root = _parse(xml)
    styles = _StyleFonts(styles_xml)
    changed: list[RewrittenParagraph] = []
    for paragraph in root.iter(_w("p")):
        encodings: list[str] = []
        texts: list[str] = []
        for font, nodes in _groups(paragraph, styles):
            before = "".join(node.text or "" for node in nodes)
            encoding = choose(before, font)
            if encoding is None:
                texts.append(before)
                continue
            after = _share(nodes, partial(_convert_with, convert, encoding, font))
            texts.append(after)
            if after != before and encoding not in encodings:
                encodings.append(encoding)
        if encodings:
            changed.append(RewrittenParagraph("".join(texts), tuple(encodings)))
    _refont(root, refont)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), changed


def _refont(root: etree._Element, refont: Refont) -> None:
    for fonts in root.iter(_w("rFonts")):
        for attribute, value in fonts.attrib.items():
            replaced = refont(value)
            if replaced != value:
                fonts.set(attribute, replaced)


def rewrite_docx_runs(
    raw: bytes, choose: Choose, convert: Convert, refont: Refont
) -> tuple[bytes, list[RewrittenParagraph]]:
    """Rewrite the text of every text part of the .docx ``raw``, run group by run group.

    ``raw`` must already have passed the package checks (vanban.docx.package_checks). Fonts are
    replaced by ``refont`` in the text parts and in styles.xml. Returns the new package and the
    paragraphs whose text changed, in order.
    """
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        names = source.namelist()
        styles_xml = source.read(STYLES) if STYLES in names else None
        contents: dict[str, bytes] = {}
        changed: list[RewrittenParagraph] = []
        for name in names:
            content = source.read(name)
            if TEXT_PARTS.match(name):
                content, paragraphs = rewrite_part_runs(
                    content, styles_xml, choose, convert, refont
                )
                changed += paragraphs
            elif name == STYLES:
                root = _parse(content)
                _refont(root, refont)
                content = etree.tostring(
                    root, xml_declaration=True, encoding="UTF-8", standalone=True
                )
            contents[name] = content
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for member in source.infolist():
                target.writestr(member, contents[member.filename])
    return buffer.getvalue(), changed
