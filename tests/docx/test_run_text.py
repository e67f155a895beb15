"""Rewriting run text by the font Word draws it in: run fonts, style fonts, mixed paragraphs."""

from __future__ import annotations

import io

import docx

from vanban.docx.run_text import rewrite_docx_runs
from vanban.vietnamese.legacy import run_encoding, run_to_unicode, unicode_font


def _rewrite(document: docx.document.Document) -> tuple[docx.document.Document, list[str]]:
    buffer = io.BytesIO()
    document.save(buffer)
    content, changed = rewrite_docx_runs(
        buffer.getvalue(), run_encoding, run_to_unicode, unicode_font
    )
    return docx.Document(io.BytesIO(content)), [paragraph.text for paragraph in changed]


def test_the_font_of_the_style_decides_when_the_run_names_none() -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = ".VnTime"
    document.add_paragraph("Uû ban nh©n d©n tØnh")
    result, changed = _rewrite(document)
    assert result.paragraphs[0].text == "Uỷ ban nhân dân tỉnh"
    assert changed == ["Uỷ ban nhân dân tỉnh"]
    assert result.styles["Normal"].font.name == "Times New Roman"


def test_runs_of_a_paragraph_convert_each_by_its_own_font() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    for text, font in (
        ("Căn cứ ", "Times New Roman"),  # Unicode, left alone
        ("QuyÕt ®Þnh ", ".VnTime"),
        ("sè", ".VnTime"),  # same font: converted with the run before
        (" 15 cuûa ", "VNI-Times"),  # VNI: "của"
        ("ubnd", ".VnTimeH"),  # capitals font: prints "UBND"
    ):
        paragraph.add_run(text).font.name = font
    result, changed = _rewrite(document)
    runs = [run.text for run in result.paragraphs[0].runs]
    assert runs[:4] == ["Căn cứ ", "Quyết định ", "số", " 15 của "]
    assert runs[4] == "UBND"
    assert changed == ["Căn cứ Quyết định số 15 của UBND"]


def test_a_unicode_document_changes_nothing() -> None:
    document = docx.Document()
    document.add_paragraph("Ủy ban nhân dân tỉnh Sơn La").runs[0].font.name = ".VnTime"
    _, changed = _rewrite(document)
    assert changed == []
