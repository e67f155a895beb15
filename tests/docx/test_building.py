"""The template builders write what vanban's own readers (and python-docx) read back."""

from __future__ import annotations

import docx
from docx.enum.style import WD_STYLE_TYPE

from vanban.docx.building import (
    Border,
    add_page_number_field,
    add_top_border,
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
