"""Word's list numbering read from real .docx files: own and style lists, bullets, no list."""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.importing.office import add_word_list
from vanban.docx.numbering import ListLevel, ListNumbering
from vanban.docx.styles import StyleSheet

LEVELS = (
    '<w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf02b"/></w:lvl>'
)


def _numbered(container: Any, text: str, num_id: str, level: int | None = None) -> Any:
    paragraph = container.add_paragraph(text)
    inner = f'<w:ilvl w:val="{level}"/>' if level is not None else ""
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}>{inner}<w:numId w:val="{num_id}"/></w:numPr>')
    )
    return paragraph


def _reopened(document: Any) -> tuple[ListNumbering, list[Any]]:
    buffer = io.BytesIO()
    document.save(buffer)
    reopened = docx.Document(io.BytesIO(buffer.getvalue()))
    lists = ListNumbering(reopened, StyleSheet(reopened))
    return lists, [paragraph._p for paragraph in reopened.paragraphs]


def test_each_paragraph_gets_the_level_its_list_defines() -> None:
    document = docx.Document()
    add_word_list(document, 90, LEVELS)
    _numbered(document, "NỘI DUNG", "90", 0)
    _numbered(document, "Tuyên truyền", "90", 1)
    _numbered(document, "cộng", "90", 2)
    _numbered(document, "no level given", "90")
    lists, paragraphs = _reopened(document)
    levels = [lists.level_of(paragraph) for paragraph in paragraphs]
    assert levels == [
        ListLevel("upperRoman", "%1."),
        ListLevel("decimal", "%1.%2."),
        ListLevel("bullet", "\uf02b"),
        ListLevel("upperRoman", "%1."),
    ]
    assert [level.numbers_shown for level in levels if level] == [1, 2, 0, 1]
    assert levels[2] is not None
    assert levels[2].glyph == "+"  # Symbol's "+", stored in the private use area as U+F02B


def test_a_style_puts_its_paragraphs_in_a_list_unless_they_leave_it() -> None:
    document = docx.Document()
    add_word_list(document, 91, LEVELS)
    style = document.styles.add_style("VB Numbered", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="91"/></w:numPr>')
    )
    document.add_paragraph("from the style", style=style)
    _numbered(document, "numId 0 leaves the list", "0").style = style
    document.add_paragraph("plain")
    _numbered(document, "a list nobody defined", "999", 0)
    lists, paragraphs = _reopened(document)
    assert [lists.level_of(paragraph) for paragraph in paragraphs] == [
        ListLevel("upperRoman", "%1."),
        None,
        None,
        None,
    ]


def test_a_document_without_a_numbering_part_has_no_lists() -> None:
    document = docx.Document()
    part = document.part
    numbering = part.numbering_part
    part.drop_rel(next(r for r, rel in part.rels.items() if rel.target_part is numbering))
    document.add_paragraph("I. typed by hand")
    lists, paragraphs = _reopened(document)
    assert [lists.level_of(paragraph) for paragraph in paragraphs] == [None]
