"""What the template builders set that python-docx has no call for, said in document terms.

doc_templates/ draws the shipped templates with python-docx; where python-docx stops (all four
font slots, borders, a page-number field, fixed table layouts, rows kept on one page, frames
anchored to the page, formatting whose value is a Jinja expression) it calls these builders,
so that the element names stay here. Each builder adds its element last where its container
already has children (as the templates were always built), so a rebuild is byte for byte the
same. Values are attribute text: a number, or a Jinja expression the template renders.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from vanban.docx.oxml import (
    child,
    descendants,
    element_of,
    find_path,
    is_on_value,
    new,
    paragraph_properties,
    qn,
    remove,
    row_properties,
    run_properties,
    same_element,
    section_properties,
    set_attributes,
    table_properties,
)
from vanban.docx.units import mm_to_twips

__all__ = [
    "Border",
    "add_page_number_field",
    "add_top_border",
    "drop_unused_styles",
    "drop_word_2010_style_copy",
    "keep_row_on_one_page",
    "name_font_in_every_style",
    "no_space_between_same_style",
    "place_in_page_frame",
    "remove",
    "repeat_row_as_header",
    "restart_page_numbering",
    "same_element",
    "set_alignment_value",
    "set_complex_script_size",
    "set_document_defaults",
    "set_fixed_layout",
    "set_indent",
    "set_run_format_values",
    "set_style_font",
]

_TABLE_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


@dataclass(frozen=True)
class Border:
    """A border line: its kind ("single", "nil" for none), width in eighths of a point,
    distance from the text in points, and colour (hex RGB)."""

    line: str
    eighths_of_point: int | None = None
    space_pt: int | None = None
    colour: str | None = None

    def attributes(self) -> dict[str, str]:
        """The border's attributes, in the order Word writes them; absent ones left out."""
        given = {
            "val": self.line,
            "sz": self.eighths_of_point,
            "space": self.space_pt,
            "color": self.colour,
        }
        return {name: str(value) for name, value in given.items() if value is not None}


def _name_font(properties: Any, font: str) -> None:
    """Put ``font`` on all four font slots of run properties and drop theme fonts, which
    would win over it."""
    fonts = child(properties, "w:rFonts", first=True)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    set_attributes(fonts, ascii=font, hAnsi=font, eastAsia=font, cs=font)


def _half_points(size_pt: float) -> str:
    return str(int(size_pt * 2))


def set_style_font(style: Any, font: str) -> None:
    """Name ``font`` on all four font slots of a style (Latin, East Asian, complex script),
    no theme font."""
    _name_font(run_properties(style), font)


def set_document_defaults(
    styles: Any, *, font: str, size_pt: float, colour: str, language: str
) -> None:
    """Set the document's default run formatting: font on every slot, size, colour, language
    (also for East Asian text)."""
    defaults = find_path(element_of(styles), "w:docDefaults", "w:rPrDefault", "w:rPr")
    _name_font(defaults, font)
    for tag in ("w:sz", "w:szCs"):
        set_attributes(child(defaults, tag), val=_half_points(size_pt))
    set_attributes(child(defaults, "w:color"), val=colour)
    set_attributes(child(defaults, "w:lang"), val=language, eastAsia=language)


def name_font_in_every_style(styles: Any, font: str) -> None:
    """Name ``font`` wherever a style of ``styles`` names a font, so no theme font is left."""
    for fonts in descendants(element_of(styles), "w:rFonts"):
        _name_font(fonts.getparent(), font)


def set_complex_script_size(style: Any, size_pt: float) -> None:
    """Give a style's complex-script text the same size as the rest (python-docx sets only
    the other)."""
    run_properties(style).append(new("w:szCs", val=_half_points(size_pt)))


def add_top_border(style: Any, border: Border) -> None:
    """Draw ``border`` above each paragraph of a style (or above one paragraph)."""
    borders = new("w:pBdr")
    borders.append(new("w:top", **border.attributes()))
    paragraph_properties(style).append(borders)


def no_space_between_same_style(style: Any) -> None:
    """Leave out the space before and after between paragraphs of the same style (Word's
    "don't add space between paragraphs of the same style")."""
    paragraph_properties(style).append(new("w:contextualSpacing"))


def set_indent(paragraph: Any, *, left: str, right: str, first_line: str = "0") -> None:
    """Indent a paragraph from both margins, in twips (or a Jinja expression giving them)."""
    paragraph_properties(paragraph).append(
        new("w:ind", left=left, right=right, firstLine=first_line)
    )


def add_page_number_field(paragraph: Any, *, shown: str) -> None:
    """Add a PAGE field to a paragraph; ``shown`` is what it shows until Word updates it."""
    text = new("w:t")
    text.text = shown
    run = new("w:r")
    run.append(text)
    field = new("w:fldSimple", instr="PAGE")
    field.append(run)
    element_of(paragraph).append(field)


def set_fixed_layout(table: Any, widths_mm: Sequence[float], border: Border) -> None:
    """Give a table fixed column widths summing to ``widths_mm`` (Word keeps them whatever
    the text) and ``border`` on every edge, inside ones too."""
    properties = table_properties(table)
    borders = new("w:tblBorders")
    for edge in _TABLE_EDGES:
        borders.append(new(f"w:{edge}", **border.attributes()))
    properties.append(borders)
    properties.append(new("w:tblLayout", type="fixed"))
    total = str(sum(mm_to_twips(value) for value in widths_mm))
    set_attributes(find_path(properties, "w:tblW"), type="dxa", w=total)


def keep_row_on_one_page(row: Any) -> None:
    """Never split a table row across two pages."""
    row_properties(row).append(new("w:cantSplit"))


def repeat_row_as_header(row: Any) -> None:
    """Repeat a table's (first) row at the top of every page the table runs onto."""
    row_properties(row).append(new("w:tblHeader"))


def restart_page_numbering(section: Any, *, at: int = 1) -> None:
    """Number a section's pages from ``at`` again."""
    section_properties(section).append(new("w:pgNumType", start=str(at)))


def place_in_page_frame(
    paragraph: Any, *, x: str, y: str, width: str, wrap: str = "around"
) -> None:
    """Set a paragraph in a frame at (``x``, ``y``) from the page's corner, ``width`` wide
    (twips, or Jinja expressions giving them); text wraps ``around`` it."""
    frame = new("w:framePr", w=width, wrap=wrap, vAnchor="page", hAnchor="page", x=x, y=y)
    paragraph_properties(paragraph).insert(1, frame)  # after w:pStyle, as the schema orders it


def set_alignment_value(paragraph: Any, value: str) -> None:
    """Align a paragraph by a raw value ("center", "both" …, or a Jinja expression giving
    one), which python-docx's enum cannot hold."""
    paragraph_properties(paragraph).append(new("w:jc", val=value))


def set_run_format_values(run: Any, *, bold: str, italic: str, size_half_points: str) -> None:
    """Set a run's bold, italic and size (half-points, complex script too) from raw values,
    Jinja expressions in a template, which python-docx's typed properties cannot hold."""
    looks = run_properties(run)
    for tag, value in (
        ("w:b", bold),
        ("w:i", italic),
        ("w:sz", size_half_points),
        ("w:szCs", size_half_points),
    ):
        looks.append(new(tag, val=value))


_STYLE_REFERENCES = ("w:pStyle", "w:rStyle", "w:tblStyle", "w:numStyleLink", "w:styleLink")
_STYLE_CHAIN = ("w:basedOn", "w:link", "w:next")
_WORD_2010_STYLES = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def drop_unused_styles(document: Any, *, keep: Iterable[str] = ()) -> None:
    """Remove every style definition that nothing in ``document`` uses.

    python-docx's stock template defines some 190 styles; a template uses about thirty, and
    every program that opens the file (LibreOffice, Word, python-docx) reads all of them, on
    every render and every PDF. Kept: the styles a paragraph, run, table or list of any part
    names (body, headers, footers, numbering), the default styles, the styles named in
    ``keep`` (display names), and every style those are based on, linked to or followed by.
    The latent-style list stays (it only says how Word shows its built-in styles).
    """
    sheet = element_of(document.styles)
    by_id = {style.get(qn("w:styleId")): style for style in sheet.findall(qn("w:style"))}
    kept_names = set(keep)
    wanted = {
        style_id
        for style_id, style in by_id.items()
        if is_on_value(style.get(qn("w:default"))) or _style_name(style) in kept_names
    }
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is None or element is sheet:
            continue
        for tag in _STYLE_REFERENCES:
            wanted.update(reference.get(qn("w:val")) for reference in descendants(element, tag))
    pending = list(wanted)
    while pending:  # the closure over basedOn, link and next
        style = by_id.get(pending.pop())
        for tag in _STYLE_CHAIN if style is not None else ():
            found = find_path(style, tag)
            if found is not None and found.get(qn("w:val")) not in wanted:
                wanted.add(found.get(qn("w:val")))
                pending.append(found.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in wanted:
            sheet.remove(style)


def _style_name(style: Any) -> str | None:
    name = find_path(style, "w:name")
    return None if name is None else str(name.get(qn("w:val")))


def drop_word_2010_style_copy(document: Any) -> None:
    """Remove stylesWithEffects.xml, the second copy of every style that Word 2010 wrote for
    Word 2007 (python-docx's stock template carries one, 430 KB). Word 2013 and later do not
    write it, and Word, LibreOffice and python-docx all read styles.xml; the part goes with
    its relationship and its content type, as python-docx saves only the parts it reaches."""
    relationships = document.part.rels
    for key in [key for key, found in relationships.items() if found.reltype == _WORD_2010_STYLES]:
        document.part.drop_rel(key)
