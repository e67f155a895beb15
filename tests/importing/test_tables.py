"""A body table read back through vanban.docx's table rows, as other tools write them."""

from __future__ import annotations

import io
import zipfile

from tests.docx.repack import repack
from tests.importing.shared import SERVICE
from vanban.importing import import_docx

SAMPLE = "bao_cao_tong_ket_hkh_son_la_2023"  # a report with a table whose headings span columns


def _with_document_xml(content: bytes, change: tuple[str, str]) -> bytes:
    before = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode("utf-8")
    assert change[0] in before
    return repack(content, replace={"word/document.xml": before.replace(*change).encode("utf-8")})


def test_a_span_written_as_a_decimal_reads_as_the_same_table() -> None:
    sample = next(s for s in SERVICE.samples() if s.name == SAMPLE)
    content = SERVICE.render(sample.template_id, sample.data_path).content
    other_tool = _with_document_xml(
        content, ('<w:gridSpan w:val="2"/>', '<w:gridSpan w:val="2.0"/>')
    )
    expected = import_docx(content, f"{SAMPLE}.docx").data
    assert any("bang" in str(item) for item in expected["noi_dung"])
    # "2.0" stopped `vanban import` with a traceback (int("2.0")); the checker read it as 2.
    assert import_docx(other_tool, f"{SAMPLE}.docx").data == expected
