"""A body table's XML is written as text, exactly as lxml would serialise it, and printed whole."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from typing import Any

import docx
import pytest
from lxml import etree

from tests.documents.test_body_tables import TABLE, WIDE, _table
from vanban.documents.environment import make_environment
from vanban.documents.layout import A4_LANDSCAPE, A4_PORTRAIT
from vanban.docx import BrokenXmlError, DocxRenderer
from vanban.docx.body_table import W_NAMESPACE, escape_text, table_markup
from vanban.docx.render import Fragment

W = f"{{{W_NAMESPACE}}}"


def _as_lxml_writes_it(markup: str) -> str:
    """Parse ``markup`` (top-level elements) and serialise each element again with lxml."""
    wrapper = etree.fromstring(f'<wrapper xmlns:w="{W_NAMESPACE}">{markup}</wrapper>')
    return "".join(etree.tostring(child, encoding="unicode") for child in wrapper)


@pytest.mark.parametrize("text", [TABLE, WIDE])
@pytest.mark.parametrize("landscape", [False, True])
def test_the_markup_is_what_lxml_serialises(text: str, landscape: bool) -> None:
    table = dataclasses.replace(
        _table(text),
        title="Bảng <1> & “số liệu”",
        unit="người\r",
        numbered_columns=True,
    )
    markup = table_markup(
        table,
        opens_landscape=A4_PORTRAIT if landscape else None,
        closes_landscape=A4_LANDSCAPE if landscape else None,
    )
    assert isinstance(markup, Fragment)
    xml = markup.utf8.decode("utf-8")
    assert xml == str(markup) == _as_lxml_writes_it(xml)
    assert "Bảng &lt;1&gt; &amp; “số liệu”" in xml
    assert ('w:orient="landscape"' in xml) is landscape


def test_tabs_and_line_breaks_in_a_cell_become_words_tabs_and_breaks() -> None:
    table = _table()
    row = ("9", "Mai Sơn\nYên Châu", "1\t2", "3", "4")
    markup = table_markup(
        dataclasses.replace(table, rows=(*table.rows, row)),
        opens_landscape=None,
        closes_landscape=None,
    )
    wrapper = etree.fromstring(f'<wrapper xmlns:w="{W_NAMESPACE}">{markup}</wrapper>')
    last = wrapper.find(f"{W}tbl").findall(f"{W}tr")[-2]  # the totals row is last
    cells = last.findall(f"{W}tc")
    assert cells[1].find(f".//{W}br") is not None
    assert [t.text for t in cells[1].iter(f"{W}t")] == ["Mai Sơn", "Yên Châu"]
    runs = cells[2].findall(f".//{W}r")
    assert [run.find(f"{W}tab") is not None for run in runs] == [False, True, False]
    assert all(run.find(f"{W}rPr/{W}sz") is not None for run in runs)


def test_characters_xml_cannot_hold_are_refused() -> None:
    with pytest.raises(ValueError, match="XML compatible"):
        escape_text("tên\x01")
    assert escape_text("A & B < C > D") == "A &amp; B &lt; C &gt; D"


def _saved(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_fragment_is_printed_whole_and_a_broken_template_still_refused() -> None:
    markup = table_markup(_table(), opens_landscape=None, closes_landscape=None)
    renderer = DocxRenderer(make_environment())
    document = docx.Document()
    for text in ("Trước", "{{p bang }}", "Sau {{ bang|length }}"):
        document.add_paragraph(text)
    content = renderer.render(_saved(document), {"bang": markup})
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    table = str(markup)
    assert table[table.index("<w:tbl") + len(W_NAMESPACE) + 20 :] in body
    assert "vanban-fragment" not in body
    # The {% if %} opens in a cell and closes after the table: false drops the cell's end.
    broken = docx.Document()
    broken.add_table(rows=1, cols=1).cell(0, 0).text = "{% if flag %}trong bảng"
    broken.add_paragraph("{{p bang }}")
    broken.add_paragraph("ngoài bảng{% endif %}")
    assert renderer.render(_saved(broken), {"bang": markup, "flag": True})
    with pytest.raises(BrokenXmlError):
        renderer.render(_saved(broken), {"bang": markup, "flag": False})
