"""The element walk of tables: own rows only, heading rows, spans and vertical merges."""

from __future__ import annotations

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.docx.crafting import add_text_box
from vanban.docx.reading import (
    body_items,
    outermost_table,
    paragraph_text,
    table_rows,
    text_box_paragraphs,
)


def test_rows_know_their_heading_mark_and_cells_their_span_and_merge() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Nhóm"  # one cell over two columns
    table.cell(1, 2).merge(table.cell(2, 2)).text = "Ghi chú"  # one cell over two rows
    nested = table.cell(2, 0).add_table(rows=2, cols=1)
    nested.cell(1, 0).text = "inner"
    rows = table_rows(table._tbl)
    assert [row.repeats_as_heading for row in rows] == [True, False, False]
    assert [[cell.span for cell in row.cells] for row in rows] == [[2, 1], [1, 1, 1], [1, 1, 1]]
    merged = [[cell.merged_from_above for cell in row.cells] for row in rows]
    assert merged == [[False, False], [False, False, False], [False, False, True]]
    assert [(cell.row, cell.cell) for cell in rows[0].cells] == [(0, 0), (0, 1)]
    inner = nested.cell(1, 0).paragraphs[0]._p
    assert outermost_table(inner) is table._tbl
    assert inner in rows[2].cells[0].paragraphs  # the nested table's text is its outer cell's


def test_text_boxes_are_read_once_in_order_choice_not_fallback() -> None:
    document = docx.Document()
    document.add_paragraph("Thân văn bản")
    add_text_box(document.add_paragraph("Trước khung"), ["DỰ THẢO", "Lần 2"], inside=["Mật"])
    add_text_box(document.add_paragraph(), ["Ghi chú cuối"])
    body = document.element.body
    texts = [paragraph_text(paragraph) for paragraph in text_box_paragraphs(body)]
    assert texts == ["DỰ THẢO", "Lần 2", "Mật", "Ghi chú cuối"]
    # The body's walk still leaves text boxes out: they print beside its flow.
    assert [paragraph_text(p) for p in body_items(body)] == ["Thân văn bản", "Trước khung", ""]
