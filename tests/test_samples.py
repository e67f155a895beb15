"""Every sample renders to the seed's text (golden files) and to Nghị định 30 formatting.

Refresh the golden files after an intended change with ``VANBAN_UPDATE_GOLDEN=1 pytest``
and review the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from tests.conftest import GOLDEN
from vanban.documents.inspect import (
    Block,
    document_lines,
    effective_paragraph_value,
    effective_run_format,
    iter_blocks,
    open_docx,
    text_runs,
)
from vanban.services.documents import DocumentService, Sample

SERVICE = DocumentService()
SAMPLES = SERVICE.samples()
IDS = [sample.name for sample in SAMPLES]


@pytest.fixture(scope="module", params=SAMPLES, ids=IDS)
def rendered(request: pytest.FixtureRequest) -> tuple[Sample, bytes]:
    sample: Sample = request.param
    return sample, SERVICE.render(sample.template_id, sample.data_path).content


def test_every_seed_has_a_sample() -> None:
    seeds = {sample.seed for sample in SAMPLES if sample.seed}
    assert len(seeds) == 5


def test_text_matches_golden(rendered: tuple[Sample, bytes]) -> None:
    sample, content = rendered
    golden = GOLDEN / f"{sample.name}.txt"
    text = "\n".join(document_lines(content)) + "\n"
    if os.environ.get("VANBAN_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run with VANBAN_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


def _look(document: Any, block: Block) -> tuple[str | None, float | None, bool, bool]:
    runs = text_runs(block.paragraph)
    assert runs, f"no text in {block.text!r}"
    looks = {effective_run_format(document, block.paragraph, run) for run in runs}
    assert len(looks) == 1, f"mixed formatting in {block.text!r}: {looks}"
    look = looks.pop()
    return look.font, look.size_pt, look.bold, look.italic


def test_page_setup(rendered: tuple[Sample, bytes]) -> None:
    section = open_docx(rendered[1]).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    # Lengths are stored in twips, so 210 mm reads back as 210.01 mm.
    assert section.page_width.mm == pytest.approx(210, abs=0.1)
    assert section.page_height.mm == pytest.approx(297, abs=0.1)
    assert 20 <= round(section.top_margin.mm, 1) <= 25
    assert 20 <= round(section.bottom_margin.mm, 1) <= 25
    assert 30 <= round(section.left_margin.mm, 1) <= 35
    assert 15 <= round(section.right_margin.mm, 1) <= 20
    # Page numbers from page 2 on: a different, empty first-page header.
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text.strip() == ""
    assert 'instr="PAGE"' in section.header._element.xml or "PAGE" in section.header._element.xml


def test_every_run_is_times_new_roman_black(rendered: tuple[Sample, bytes]) -> None:
    document = open_docx(rendered[1])
    for block in iter_blocks(document):
        for run in text_runs(block.paragraph):
            assert effective_run_format(document, block.paragraph, run).font == "Times New Roman"
            assert run.font.color.rgb is None  # no direct colour: the default black applies
    defaults = document.styles.element.xml
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert f'{slot}="Times New Roman"' in defaults
    assert "Theme=" not in defaults.split("</w:docDefaults>")[0]


def test_header_table(rendered: tuple[Sample, bytes]) -> None:
    content = rendered[1]
    document = open_docx(content)
    cells: dict[tuple[int, int], list[Block]] = {}
    for block in iter_blocks(document):
        if block.table == 0 and block.text:
            cells.setdefault((block.row or 0, block.cell or 0), []).append(block)
    quoc_hieu, tieu_ngu = cells[(0, 1)]
    assert quoc_hieu.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert _look(document, quoc_hieu)[1:] == (12, True, False)
    assert tieu_ngu.text == "Độc lập - Tự do - Hạnh phúc"
    assert _look(document, tieu_ngu)[1:] == (13, True, False)
    agencies = cells[(0, 0)]
    issuing = agencies[-1]
    assert issuing.text == issuing.text.upper()
    assert _look(document, issuing)[1:] == (12, True, False)
    for parent in agencies[:-1]:
        assert _look(document, parent)[1:] == (12, False, False)
    number = cells[(1, 0)][0]
    assert number.text.startswith("Số:")
    assert _look(document, number)[1:] == (13, False, False)
    place_date = cells[(1, 1)][0]
    assert ", ngày " in place_date.text
    assert _look(document, place_date)[1:] == (13, False, True)
    # Rule lines: borders under the Tiêu ngữ and the issuing body.
    assert document.tables[0]._tbl.xml.count('<w:top w:val="single"') == 0  # the style holds it
    assert len(document.tables[0].rows) == 2


def test_title_body_and_signature(rendered: tuple[Sample, bytes]) -> None:
    sample, content = rendered
    document = open_docx(content)
    blocks = [block for block in iter_blocks(document) if block.text]
    body = [block for block in blocks if block.table is None]
    by_style: dict[str, list[Block]] = {}
    for block in body:
        by_style.setdefault(block.paragraph.style.name, []).append(block)
    if sample.template_id != "cong_van":
        type_name, subject = by_style["VB Tên loại"][0], by_style["VB Trích yếu"][0]
        assert type_name.text in ("KẾ HOẠCH", "BÁO CÁO")
        assert _look(document, type_name)[1:] == (14, True, False)
        assert (
            effective_paragraph_value(subject.paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        )
    for basis in by_style.get("VB Căn cứ", []):
        assert _look(document, basis)[1:] == (14, False, True)
    bases = [block.text for block in by_style.get("VB Căn cứ", [])]
    assert all(text.endswith(";") for text in bases[:-1])
    assert not bases or bases[-1].endswith(".")
    for block in by_style["VB Nội dung"]:
        paragraph = block.paragraph
        assert effective_paragraph_value(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        indent = effective_paragraph_value(paragraph, "first_line_indent")
        assert Mm(10) <= indent <= Mm(12.7)
        assert effective_paragraph_value(paragraph, "space_after").pt >= 6
        assert 1 <= effective_paragraph_value(paragraph, "line_spacing") <= 1.5
        sizes = {effective_run_format(document, paragraph, run).size_pt for run in paragraph.runs}
        assert sizes <= {13, 14}
    assert body[-1].text.endswith("./.") or by_style["VB Nội dung"][-1].text.endswith("./.")
    signature = [block for block in blocks if block.table == 1]
    recipients = [block for block in signature if block.cell == 0]
    assert recipients[0].text == "Nơi nhận:"
    assert _look(document, recipients[0])[1:] == (12, True, True)
    assert recipients[-1].text.startswith("- Lưu: VT")
    assert recipients[-1].text.endswith(".")
    assert all(_look(document, block)[1] == 11 for block in recipients[1:])
    signer = [block for block in signature if block.cell == 1]
    assert signer[0].text.split(" ")[0] in ("TM.", "KT.", "Q.", "TL.", "TUQ.")
    assert all(_look(document, block)[2] for block in signer if block.text[0] != "(")


def test_draft_leaves_number_and_date_blank() -> None:
    sample = next(s for s in SAMPLES if s.name == "ke_hoach_ubnd_ha_nam_2024")
    document = open_docx(SERVICE.render(sample.template_id, sample.data_path).content)
    raw = [cell.paragraphs[0].text for cell in document.tables[0].rows[1].cells]
    assert raw == ["Số:      /KH-UBND", "Hà Nam, ngày     tháng     năm 2024"]


def test_demo_renders_every_sample(tmp_path: Path) -> None:
    results = SERVICE.render_samples(tmp_path / "out")
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == sorted(
        f"{name}.docx" for name in IDS
    )
    assert len({result.sha256 for result in results}) == len(SAMPLES)
