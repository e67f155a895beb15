"""The effective formatting of any .docx, resolved the way Word resolves it.

A run's look comes from the first of: its own properties, its character style and that
style's bases, the paragraph style and its bases, the table style, and the document
defaults; a paragraph's from its own properties, its style chain, the table style and the
defaults (``w:pPrDefault``, which Word's own template uses for the 8 pt space after). Theme
fonts (``w:asciiTheme``) win over named fonts at the same level and are looked up in the
theme part. It reads what Word, LibreOffice and other tools write (``w:start``/``w:end``
indents, "true"/"false" toggles, theme fonts) as well as our own templates, so it works on
the XML directly; it is the one resolver the checker, the importer and the tests use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE

from vanban.docx.oxml import find_path, is_on, is_on_value, parse_xml, qn, twips

DEFAULT_FONT = "Times New Roman"  # what Word uses when no level names a font
DEFAULT_SIZE_PT = 10.0  # what Word uses when no level gives a size
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_MAX_CHAIN = 32  # a style chain longer than this is a loop in a damaged file


@dataclass(frozen=True)
class Look:
    """How a piece of text prints."""

    fonts: tuple[str, ...]
    size_pt: float
    bold: bool
    italic: bool
    caps: bool
    colour: str
    hidden: bool


@dataclass(frozen=True)
class ParagraphLook:
    """How a paragraph is laid out (lengths in twips)."""

    alignment: str
    left: int
    right: int
    first_line: int
    before: int
    after: int
    line: int | None
    line_rule: str
    contextual: bool
    border_top: str  # the border's line style ("single", "double" …), "" when none
    border_bottom: str


class StyleSheet:
    """The styles, defaults and theme fonts of one document."""

    def __init__(self, document: Any) -> None:
        root = document.styles.element
        self._styles: dict[str, Any] = {}
        self.default_paragraph_style: str | None = None
        for style in root.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id is None:
                continue
            self._styles[style_id] = style
            if style.get(qn("w:type")) == "paragraph" and is_on_value(style.get(qn("w:default"))):
                self.default_paragraph_style = style_id
        defaults = root.find(qn("w:docDefaults"))
        self._run_defaults = find_path(defaults, "w:rPrDefault", "w:rPr")
        self._paragraph_defaults = find_path(defaults, "w:pPrDefault", "w:pPr")
        self.theme_fonts = _theme_fonts(document)

    def style_name(self, style_id: str | None) -> str:
        """Return the display name of a style id ("" when unknown)."""
        style = self._styles.get(style_id or "")
        name = style.find(qn("w:name")) if style is not None else None
        return str(name.get(qn("w:val"), "")) if name is not None else ""

    def chain(self, style_id: str | None) -> Iterator[Any]:
        """Yield a style and its bases, nearest first (stopping at loops)."""
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < _MAX_CHAIN:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                return
            yield style
            based_on = style.find(qn("w:basedOn"))
            style_id = based_on.get(qn("w:val")) if based_on is not None else None

    def paragraph_style(self, paragraph: Any) -> str | None:
        """Return the style id a paragraph uses (its own or the default paragraph style)."""
        style = find_path(paragraph, "w:pPr", "w:pStyle")
        if style is not None:
            return str(style.get(qn("w:val")))
        return self.default_paragraph_style

    def _sources(self, own: Any, style_ids: list[str | None], defaults: Any, tag: str) -> list[Any]:
        sources = [own] if own is not None else []
        for style_id in style_ids:
            sources += [s.find(qn(tag)) for s in self.chain(style_id)]
        sources.append(defaults)
        return [source for source in sources if source is not None]

    def run_look(self, paragraph: Any, run: Any, table_style: str | None, text: str) -> Look:
        """Return the look of ``text`` printed by ``run`` in ``paragraph``."""
        run_style = find_path(run, "w:rPr", "w:rStyle")
        style_ids = [
            run_style.get(qn("w:val")) if run_style is not None else None,
            self.paragraph_style(paragraph),
            table_style,
        ]
        sources = self._sources(run.find(qn("w:rPr")), style_ids, self._run_defaults, "w:rPr")
        return Look(
            fonts=self._fonts(sources, text),
            size_pt=_first_number(sources, "w:sz", DEFAULT_SIZE_PT * 2) / 2,
            bold=_first_toggle(sources, "w:b"),
            italic=_first_toggle(sources, "w:i"),
            caps=_first_toggle(sources, "w:caps"),
            colour=_colour(sources),
            hidden=_first_toggle(sources, "w:vanish"),
        )

    def _fonts(self, sources: list[Any], text: str) -> tuple[str, ...]:
        # Word prints ASCII characters in the "ascii" font and other Latin letters (all the
        # Vietnamese ones) in the "hAnsi" font; either may come from the theme.
        slots = []
        if any(ord(char) < 128 and not char.isspace() for char in text):
            slots.append("ascii")
        if any(ord(char) >= 128 and not char.isspace() for char in text):
            slots.append("hAnsi")
        return tuple(dict.fromkeys(self._font(sources, slot) for slot in slots))

    def _font(self, sources: list[Any], slot: str) -> str:
        for source in sources:
            fonts = source.find(qn("w:rFonts"))
            if fonts is None:
                continue
            theme = fonts.get(qn(f"w:{slot}Theme"))
            if theme:
                return self.theme_fonts.get("major" if theme.startswith("major") else "minor", "")
            named = fonts.get(qn(f"w:{slot}"))
            if named:
                return str(named)
        return DEFAULT_FONT

    def paragraph_look(self, paragraph: Any, table_style: str | None) -> ParagraphLook:
        """Return the layout of ``paragraph`` (in a table using ``table_style``, if any)."""
        style_ids = [self.paragraph_style(paragraph), table_style]
        sources = self._sources(
            paragraph.find(qn("w:pPr")), style_ids, self._paragraph_defaults, "w:pPr"
        )
        alignment = _first_child_attr(sources, "w:jc", "val") or "left"
        first_line = _first_indent(sources)
        return ParagraphLook(
            alignment={"start": "left", "end": "right", "distribute": "both"}.get(
                alignment, alignment
            ),
            left=twips(_first_child_attr(sources, "w:ind", "left", "start")),
            right=twips(_first_child_attr(sources, "w:ind", "right", "end")),
            first_line=first_line,
            before=_spacing(sources, "before"),
            after=_spacing(sources, "after"),
            line=_optional_twips(_first_child_attr(sources, "w:spacing", "line")),
            line_rule=_first_child_attr(sources, "w:spacing", "lineRule") or "auto",
            contextual=_first_toggle(sources, "w:contextualSpacing"),
            border_top=_border(sources, "top"),
            border_bottom=_border(sources, "bottom"),
        )


def _first_toggle(sources: list[Any], tag: str) -> bool:
    for source in sources:
        found = source.find(qn(tag))
        if found is not None:
            return is_on(found)
    return False


def _first_number(sources: list[Any], tag: str, default: float) -> float:
    for source in sources:
        found = source.find(qn(tag))
        if found is not None and found.get(qn("w:val")):
            try:
                return float(found.get(qn("w:val")))
            except ValueError:
                continue
    return default


def _colour(sources: list[Any]) -> str:
    for source in sources:
        found = source.find(qn("w:color"))
        if found is not None and found.get(qn("w:val")):
            return str(found.get(qn("w:val"))).upper()
    return "AUTO"


def _first_child_attr(sources: list[Any], tag: str, *names: str) -> str | None:
    # Each attribute of w:ind and w:spacing is inherited on its own.
    for source in sources:
        found = source.find(qn(tag))
        if found is None:
            continue
        for name in names:
            value = found.get(qn(f"w:{name}"))
            if value is not None:
                return str(value)
    return None


def _optional_twips(value: str | None) -> int | None:
    return twips(value) if value is not None else None


def _first_indent(sources: list[Any]) -> int:
    for source in sources:
        found = source.find(qn("w:ind"))
        if found is None:
            continue
        if found.get(qn("w:hanging")) is not None:
            return -twips(found.get(qn("w:hanging")))
        if found.get(qn("w:firstLine")) is not None:
            return twips(found.get(qn("w:firstLine")))
    return 0


def _spacing(sources: list[Any], side: str) -> int:
    for source in sources:
        found = source.find(qn("w:spacing"))
        if found is None:
            continue
        if is_on_value(found.get(qn(f"w:{side}Autospacing"))):
            return 280  # "auto" spacing is 14 pt in Word
        lines = found.get(qn(f"w:{side}Lines"))
        if lines is not None:
            return round(twips(lines) * 240 / 100)  # hundredths of a 12 pt line
        value = found.get(qn(f"w:{side}"))
        if value is not None:
            return twips(value)
    return 0


def _border(sources: list[Any], side: str) -> str:
    for source in sources:
        found = find_path(source, "w:pBdr", f"w:{side}")
        if found is not None:
            value = str(found.get(qn("w:val"), "nil"))
            return "" if value.lower() in ("nil", "none") else value
    return ""


def _theme_fonts(document: Any) -> dict[str, str]:
    """Return the theme's major and minor Latin fonts (empty when there is no theme)."""
    fonts: dict[str, str] = {}
    for relationship in document.part.rels.values():
        if relationship.reltype != RELATIONSHIP_TYPE.THEME or relationship.is_external:
            continue
        theme = parse_xml(relationship.target_part.blob)
        for kind in ("major", "minor"):
            latin = theme.find(f".//{_A}{kind}Font/{_A}latin")
            if latin is not None and latin.get("typeface"):
                fonts[kind] = str(latin.get("typeface"))
    return fonts
