"""The template builders write what vanban's own readers (and python-docx) read back."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE

from vanban.docx.building import (
    Border,
    add_page_number_field,
    add_top_border,
    drop_unused_styles,
    drop_word_2010_style_copy,
    keep_row_on_one_page,
    name_font_in_every_style,
    no_space_between_same_style,
    place_in_page_frame,
    repeat_row_as_header,
    restart_page_numbering,
    set_alignment_value,
    set_complex_script_size,
    set_document_defaults,
    set_fixed_layout,
    set_indent,
    set_run_format_values,
    set_style_font,
)
from vanban.docx.frames import Frame, paragraph_frame
from vanban.docx.oxml import element_of, find_path, qn, section_properties, table_properties
from vanban.docx.reading import page_number_paragraphs, table_rows
from vanban.docx.styles import StyleSheet

FONT = "Times New Roman"


def test_defaults_and_style_fonts_print_as_asked() -> None:
    document = docx.Document()  # python-docx's own template: theme fonts, Calibri
    set_document_defaults(document.styles, font=FONT, size_pt=13, colour="1F1F1F", language="vi-VN")
    name_font_in_every_style(document.styles, FONT)
    heading = document.add_paragraph("Điều 1", style="Heading 1")
    plain = document.add_paragraph("Căn cứ Luật")
    sheet = StyleSheet(document)
    look = sheet.run_look(element_of(plain), element_of(plain.runs[0]), None, "Căn cứ Luật")
    assert (look.fonts, look.size_pt, look.colour) == ((FONT,), 13, "1F1F1F")
    heading_look = sheet.run_look(element_of(heading), element_of(heading.runs[0]), None, "Điều")
    assert heading_look.fonts == (FONT,)  # the theme font the heading style named is gone
    defaults = find_path(element_of(document.styles), "w:docDefaults", "w:rPrDefault", "w:rPr")
    language = defaults.find(qn("w:lang"))
    assert (language.get(qn("w:val")), language.get(qn("w:eastAsia"))) == ("vi-VN", "vi-VN")


def test_a_style_gets_its_font_its_complex_size_its_border_and_tight_spacing() -> None:
    document = docx.Document()
    style = document.styles.add_style("VB Thử", WD_STYLE_TYPE.PARAGRAPH)
    set_style_font(style, "Arial")
    set_complex_script_size(style, 12.5)
    add_top_border(style, Border("single", eighths_of_point=6, space_pt=1, colour="000000"))
    no_space_between_same_style(style)
    paragraph = document.add_paragraph("chữ", style="VB Thử")
    set_indent(paragraph, left="567", right="283")
    sheet = StyleSheet(document)
    layout = sheet.paragraph_look(element_of(paragraph), None)
    assert (layout.border_top, layout.contextual) == ("single", True)
    assert (layout.left, layout.right, layout.first_line) == (567, 283, 0)
    assert sheet.run_look(element_of(paragraph), element_of(paragraph.runs[0]), None, "chữ").fonts
    fonts = element_of(style).find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Arial"
    }
    size = element_of(style).find(f"{qn('w:rPr')}/{qn('w:szCs')}")
    assert size.get(qn("w:val")) == "25"


def test_border_attributes_leave_out_what_is_not_given() -> None:
    assert Border("nil").attributes() == {"val": "nil"}
    assert Border("single", 4, 0, "000000").attributes() == {
        "val": "single",
        "sz": "4",
        "space": "0",
        "color": "000000",
    }


def test_rows_repeat_and_stay_whole_and_the_layout_is_fixed() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    set_fixed_layout(table, (25.4, 50.8), Border("single", 4, 0, "000000"))
    repeat_row_as_header(table.rows[0])
    for row in table.rows:
        keep_row_on_one_page(row)
    assert table.autofit is False  # python-docx reads w:tblLayout fixed
    width = find_path(table_properties(table), "w:tblW")
    assert (width.get(qn("w:type")), width.get(qn("w:w"))) == ("dxa", str(1440 + 2880))
    rows = table_rows(element_of(table))
    assert [row.repeats_as_heading for row in rows] == [True, False]
    assert all(
        find_path(element_of(row), "w:trPr", "w:cantSplit") is not None for row in table.rows
    )


def test_a_page_number_field_and_a_restart() -> None:
    document = docx.Document()
    header = document.sections[0].header
    add_page_number_field(header.paragraphs[0], shown="2")
    found = page_number_paragraphs(element_of(header), lambda code: code.strip() == "PAGE")
    assert found == [element_of(header.paragraphs[0])]
    shown = [text.text for text in element_of(header.paragraphs[0]).iter(qn("w:t"))]
    assert shown == ["2"]  # what the field shows until Word updates it
    appendix = document.add_section()
    restart_page_numbering(appendix, at=3)
    numbering = section_properties(appendix).find(qn("w:pgNumType"))
    assert numbering.get(qn("w:start")) == "3"


def test_a_framed_paragraph_is_anchored_to_the_page_after_its_style() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Ông Nguyễn Văn A", style="Title")
    place_in_page_frame(paragraph, x="1701", y="2268", width="5000")
    set_alignment_value(paragraph, "{{ o.can }}")
    set_run_format_values(
        paragraph.runs[0], bold="{{ o.dam }}", italic="0", size_half_points="{{ o.co }}"
    )
    element = element_of(paragraph)
    assert paragraph_frame(element) == Frame(1701, 2268, 5000, page_anchored=True)
    properties = element.find(qn("w:pPr"))
    assert [child.tag for child in properties][:2] == [qn("w:pStyle"), qn("w:framePr")]
    assert properties.find(qn("w:jc")).get(qn("w:val")) == "{{ o.can }}"
    looks = element_of(paragraph.runs[0]).find(qn("w:rPr"))
    values = {child.tag: child.get(qn("w:val")) for child in looks}
    assert values == {
        qn("w:b"): "{{ o.dam }}",
        qn("w:i"): "0",
        qn("w:sz"): "{{ o.co }}",
        qn("w:szCs"): "{{ o.co }}",
    }


def _saved(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_unused_styles_go_and_every_used_one_stays_with_its_chain() -> None:
    document = docx.Document()  # python-docx's stock template: some 160 styles
    unused = document.styles.add_style("VB Chưa dùng", WD_STYLE_TYPE.PARAGRAPH)
    unused.base_style = document.styles["Quote"]
    heading = document.add_paragraph("I. MỤC ĐÍCH", style="Heading 2")
    heading.add_run(" thêm", style="Emphasis")
    document.add_table(rows=1, cols=1).style = "Light Grid Accent 1"
    document.sections[0].header.paragraphs[0].style = "Header"
    before = {style.name for style in document.styles}
    drop_unused_styles(document, keep=["VB Chưa dùng"])
    reopened = docx.Document(io.BytesIO(_saved(document)))
    after = {style.name for style in reopened.styles}
    used = {"Heading 2", "Emphasis", "Light Grid Accent 1", "Header"}
    chains = {"Normal", "Heading 2 Char", "Header Char", "Normal Table", "VB Chưa dùng", "Quote"}
    defaults = {"Default Paragraph Font", "No List"}
    assert used | chains | defaults <= after
    assert not {"Heading 1", "Heading 3", "Title", "Intense Quote", "Light List"} & after
    assert len(after) < len(before) / 3
    ids = {style.style_id for style in reopened.styles}
    for style in reopened.styles:  # nothing left points at a style that is gone
        for tag in ("w:basedOn", "w:link", "w:next"):
            found = find_path(element_of(style), tag)
            assert found is None or found.get(qn("w:val")) in ids
    paragraph = reopened.paragraphs[0]
    assert (paragraph.style and paragraph.style.name, paragraph.runs[1].style.name) == (
        "Heading 2",
        "Emphasis",
    )


def test_the_word_2010_style_copy_goes_with_its_relationship_and_content_type() -> None:
    document = docx.Document()
    assert b"stylesWithEffects" in _saved(document)
    drop_word_2010_style_copy(document)
    data = _saved(document)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "word/stylesWithEffects.xml" not in package.namelist()
        for member in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
            assert b"stylesWithEffects" not in package.read(member)
    assert docx.Document(io.BytesIO(data)).styles["Normal"].name == "Normal"
