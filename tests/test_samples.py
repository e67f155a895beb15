"""Every sample renders to the seed's text (golden files) and to Nghị định 30 formatting.

Refresh the golden files after an intended change with ``VANBAN_UPDATE_GOLDEN=1 pytest``
and review the diff like any other change. The formatting checks follow each template's
layout (LAYOUTS): portrait or landscape, which header, which signature block, which tables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Emu, Mm

from tests.conftest import GOLDEN
from tests.docx.crafting import attribute, children
from vanban.docx.oxml import element_of, find_path
from vanban.docx.reading import Block, document_lines, iter_blocks, open_docx
from vanban.docx.styles import Look, ParagraphLook, StyleSheet
from vanban.services.documents import DocumentService, Sample

SERVICE = DocumentService()
SAMPLES = SERVICE.samples()
IDS = [sample.name for sample in SAMPLES]
PREFIXES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")


@dataclass(frozen=True)
class Layout:
    """What a template's pages look like, for the formatting checks."""

    type_names: tuple[str, ...] = ()  # "VB Tên loại" paragraphs, in order
    landscape: bool = False
    header: str = "table"  # "table" (agency | Quốc hiệu), "quoc_hieu" (centred only), "none"
    number: bool = True  # "Số: …" in the header table
    place_date: bool = True  # the place-and-date line
    signature: str = "standard"  # "standard", "signer_only", "two_columns", "none"
    grid_tables: int = 0  # bordered tables, each with a heading row repeated on every page
    body_end: bool = True  # the text ends with "./."


_REPORT = Layout(("BÁO CÁO THÀNH TÍCH",), signature="two_columns", grid_tables=2, body_end=False)
_PRINT = Layout(landscape=True, header="none", signature="none", body_end=False)
LAYOUTS = {
    "ke_hoach": Layout(("KẾ HOẠCH",)),
    "bao_cao": Layout(("BÁO CÁO",)),
    "to_trinh": Layout(("TỜ TRÌNH",)),
    "quyet_dinh": Layout(("QUYẾT ĐỊNH",)),
    "cong_van": Layout(),
    "to_trinh_khen_thuong": Layout(("TỜ TRÌNH",)),
    "danh_sach_khen_thuong": Layout(
        ("DANH SÁCH",), True, number=False, place_date=False, signature="signer_only", grid_tables=1
    ),
    "danh_sach_de_nghi_cap_tren": Layout(
        ("DANH SÁCH",), True, number=False, place_date=False, signature="signer_only", grid_tables=1
    ),
    # The sample has no emulation title yet: "(Không có)" instead of the first table.
    "bao_cao_thanh_tich_ca_nhan": replace(_REPORT, header="quoc_hieu", grid_tables=1),
    "bao_cao_thanh_tich_tap_the": replace(_REPORT, number=False),
    "bien_ban_hop_hoi_dong": Layout(
        ("BIÊN BẢN",), place_date=False, signature="two_columns", grid_tables=1
    ),
    "quyet_dinh_khen_thuong": Layout(("QUYẾT ĐỊNH", "DANH SÁCH"), grid_tables=1),
    "bang_khen": _PRINT,
    "giay_khen": _PRINT,
}


# Samples whose body holds tables (the body tree's "bang"): how many.
BODY_TABLES = {"bao_cao_tong_ket_hkh_son_la_2023": 3}


def _layout(sample: Sample) -> Layout:
    layout = LAYOUTS[sample.template_id]
    return replace(layout, grid_tables=BODY_TABLES.get(sample.name, layout.grid_tables))


def test_every_template_has_a_layout_and_a_sample() -> None:
    assert {spec.id for spec in SERVICE.catalogue.list()} == set(LAYOUTS)
    assert {sample.template_id for sample in SAMPLES} == set(LAYOUTS)


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


def text_runs(paragraph: Any) -> list[Any]:
    """The runs of ``paragraph`` that print something."""
    return [run for run in paragraph.runs if run.text.strip()]


_LAST_SHEET: list[tuple[Any, StyleSheet]] = []


def _sheet(document: Any) -> StyleSheet:
    """The style sheet of ``document``, read once for the document a test is looking at."""
    if not _LAST_SHEET or _LAST_SHEET[0][0] is not document:
        _LAST_SHEET[:] = [(document, StyleSheet(document))]
    return _LAST_SHEET[0][1]


def _run_look(document: Any, paragraph: Any, run: Any) -> Look:
    """The effective look of a python-docx run, resolved as the checker resolves it."""
    return _sheet(document).run_look(element_of(paragraph), element_of(run), None, run.text)


def _paragraph_look(document: Any, paragraph: Any) -> ParagraphLook:
    return _sheet(document).paragraph_look(element_of(paragraph), None)


def _look(document: Any, block: Block) -> tuple[tuple[str, ...], float, bool, bool]:
    runs = text_runs(block.paragraph)
    assert runs, f"no text in {block.text!r}"
    looks = {
        (look.fonts, look.size_pt, look.bold, look.italic)
        for look in (_run_look(document, block.paragraph, run) for run in runs)
    }
    assert len(looks) == 1, f"mixed formatting in {block.text!r}: {looks}"
    return looks.pop()


def test_page_setup(rendered: tuple[Sample, bytes]) -> None:
    sample, content = rendered
    layout = _layout(sample)
    section = open_docx(content).sections[0]
    width, height = (297, 210) if layout.landscape else (210, 297)
    assert section.orientation == (WD_ORIENT.LANDSCAPE if layout.landscape else WD_ORIENT.PORTRAIT)
    # Lengths are stored in twips, so 210 mm reads back as 210.01 mm.
    assert section.page_width.mm == pytest.approx(width, abs=0.1)
    assert section.page_height.mm == pytest.approx(height, abs=0.1)
    if layout.header == "none":  # a print layout: positions are on the sheet, no page number
        assert section.header.is_linked_to_previous  # no header part at all
        assert "PAGE" not in open_docx(content).element.xml
        return
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
            assert _run_look(document, block.paragraph, run).fonts == ("Times New Roman",)
            assert run.font.color.rgb is None  # no direct colour: the default black applies
    defaults = document.styles.element.xml
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert f'{slot}="Times New Roman"' in defaults
    assert "Theme=" not in defaults.split("</w:docDefaults>")[0]


def _quoc_hieu(document: Any, quoc_hieu: Block, tieu_ngu: Block) -> None:
    assert quoc_hieu.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert _look(document, quoc_hieu)[1:] == (12, True, False)
    assert tieu_ngu.text == "Độc lập - Tự do - Hạnh phúc"
    assert _look(document, tieu_ngu)[1:] == (13, True, False)


def test_header_table(rendered: tuple[Sample, bytes]) -> None:
    sample, content = rendered
    layout = _layout(sample)
    document = open_docx(content)
    blocks = [block for block in iter_blocks(document) if block.text]
    if layout.header == "none":
        assert not any("CỘNG HÒA" in block.text for block in blocks)
        return
    if layout.header == "quoc_hieu":  # centred on the page, no agency, no number
        quoc_hieu, tieu_ngu, place_date = blocks[:3]
        assert quoc_hieu.table is None
        _quoc_hieu(document, quoc_hieu, tieu_ngu)
        assert ", ngày " in place_date.text
        assert _look(document, place_date)[1:] == (13, False, True)
        return
    cells: dict[tuple[int, int], list[Block]] = {}
    for block in blocks:
        if block.table == 0:
            cells.setdefault((block.row or 0, block.cell or 0), []).append(block)
    _quoc_hieu(document, *cells[(0, 1)])
    agencies = cells[(0, 0)]
    issuing = agencies[-1]
    assert issuing.text == issuing.text.upper()
    assert _look(document, issuing)[1:] == (12, True, False)
    for parent in agencies[:-1]:
        assert _look(document, parent)[1:] == (12, False, False)
    assert ((1, 0) in cells) == layout.number
    if layout.number:
        number = cells[(1, 0)][0]
        assert number.text.startswith("Số:")
        assert _look(document, number)[1:] == (13, False, False)
    assert ((1, 1) in cells) == layout.place_date
    if layout.place_date:
        place_date = cells[(1, 1)][0]
        assert ", ngày " in place_date.text
        assert _look(document, place_date)[1:] == (13, False, True)
    # Rule lines: borders under the Tiêu ngữ and the issuing body.
    assert document.tables[0]._tbl.xml.count('<w:top w:val="single"') == 0  # the style holds it
    rows = 2 if layout.number or layout.place_date else 1
    assert len(document.tables[0].rows) == rows


def _grid_tables(document: Any) -> list[Any]:
    return [table for table in document.tables if 'w:val="single"' in table._tbl.tblPr.xml]


def test_table_heading_row_repeats_on_every_page(rendered: tuple[Sample, bytes]) -> None:
    sample, content = rendered
    layout = _layout(sample)
    document = open_docx(content)
    tables = _grid_tables(document)
    assert len(tables) == layout.grid_tables
    text_widths = {
        Emu(section.page_width - section.left_margin - section.right_margin).twips
        for section in document.sections
    }
    for table in tables:
        rows = children(element_of(table), "w:tr")
        # The heading rows (one or more) lead the table and repeat on each page; no other does.
        heading = [find_path(row, "w:trPr", "w:tblHeader") is not None for row in rows]
        assert heading[0]
        assert heading == sorted(heading, reverse=True)
        assert all(find_path(row, "w:trPr", "w:cantSplit") is not None for row in rows)
        for cell in table.rows[0].cells:
            for paragraph in cell.paragraphs:
                run = text_runs(paragraph)[0]
                assert _run_look(document, paragraph, run).bold
        grid = find_path(element_of(table), "w:tblGrid")
        widths = sum(int(attribute(col, "w")) for col in children(grid, "w:gridCol"))
        # exactly the text line of its page (portrait, or the landscape pages of a wide table)
        assert min(abs(widths - width) for width in text_widths) <= 5
        cell_text = [p.text for cell in table.rows[0].cells for p in cell.paragraphs]
        assert cell_text[0] in ("STT", "Năm")


def _signature_table(document: Any) -> Any:
    """Return the table holding the signer's name (style "VB Họ tên")."""
    return next(
        table
        for table in document.tables
        if any(p.style.name == "VB Họ tên" for cell in table._cells for p in cell.paragraphs)
    )


def _check_recipients(document: Any, recipients: list[Block], filed: str = "- Lưu: VT") -> None:
    assert recipients[0].text == "Nơi nhận:"
    assert _look(document, recipients[0])[1:] == (12, True, True)
    assert recipients[-1].text.startswith(filed)
    assert recipients[-1].text.endswith(".")
    assert all(_look(document, block)[1] == 11 for block in recipients[1:])
    assert all(block.text.startswith("- ") for block in recipients[1:])


def _check_signature(document: Any, layout: Layout) -> None:
    table = _signature_table(document)
    inside = set(element_of(table).iter())
    blocks = [b for b in iter_blocks(document) if b.text and element_of(b.paragraph) in inside]
    if layout.signature in ("standard", "signer_only"):
        recipients = [block for block in blocks if block.cell == 0]
        signer = [block for block in blocks if block.cell == 1]
        if layout.signature == "standard":
            _check_recipients(document, recipients)
        else:  # an attachment: the signer only, no Nơi nhận of its own
            assert recipients == []
        authority = [block for block in signer if block.paragraph.style.name == "VB Quyền hạn"]
        assert authority[-1].text == authority[-1].text.upper()  # chức vụ
        assert all(block.text.split(" ")[0] in PREFIXES for block in authority[:-1])
        assert all(_look(document, block)[2] for block in signer if block.text[0] != "(")
        return
    # Two signature columns: headings, signing space and names as rows, names level.
    assert len(table.columns) == 2
    names = [block for block in blocks if block.paragraph.style.name == "VB Họ tên"]
    assert [block.cell for block in names] == [0, 1]
    assert names[0].row == names[1].row
    for block in blocks:
        if block.paragraph.style.name in ("VB Quyền hạn", "VB Họ tên"):
            assert _look(document, block)[1:3] == (14, True)
        if block.paragraph.style.name == "VB Quyền hạn":
            assert block.text == block.text.upper()
    below = [block for block in blocks if (block.row or 0) > (names[0].row or 0)]
    if below:  # Mẫu 1.9: Nơi nhận under THƯ KÝ, ending "- Lưu: VT, Hồ sơ."
        _check_recipients(document, below, "- Lưu: VT, Hồ sơ")
        headings = [b.text for b in blocks if b.paragraph.style.name == "VB Quyền hạn"]
        assert headings == ["THƯ KÝ", "CHỦ TỌA"]


def test_title_body_and_signature(rendered: tuple[Sample, bytes]) -> None:
    sample, content = rendered
    layout = _layout(sample)
    document = open_docx(content)
    blocks = [block for block in iter_blocks(document) if block.text]
    body = [block for block in blocks if block.table is None]
    by_style: dict[str, list[Block]] = {}
    for block in body:
        by_style.setdefault(block.paragraph.style.name, []).append(block)
    names = [block.text for block in by_style.get("VB Tên loại", [])]
    assert tuple(names) == layout.type_names
    for type_name in by_style.get("VB Tên loại", []):
        assert _look(document, type_name)[1:] == (14, True, False)
    for subject in by_style.get("VB Trích yếu", []):
        assert _paragraph_look(document, subject.paragraph).alignment == "center"
    for basis in by_style.get("VB Căn cứ", []):
        assert _look(document, basis)[1:] == (14, False, True)
    bases = [block.text for block in by_style.get("VB Căn cứ", [])]
    assert all(text.endswith(";") for text in bases[:-1])
    assert not bases or bases[-1].endswith(".")
    assert not any("98/2023" in text for text in bases)  # repealed: NĐ 152/2025 is cited
    for block in by_style.get("VB Nội dung", []):
        paragraph = block.paragraph
        look = _paragraph_look(document, paragraph)
        assert look.alignment == "both"
        assert Mm(10).twips <= look.first_line <= Mm(12.7).twips
        assert look.after >= 6 * 20
        assert look.line_rule == "auto"
        assert look.line is not None
        assert 1 <= look.line / 240 <= 1.5
        sizes = {_run_look(document, paragraph, run).size_pt for run in paragraph.runs}
        assert sizes <= {13, 14}
    if layout.body_end:
        assert body[-1].text.endswith("./.") or by_style["VB Nội dung"][-1].text.endswith("./.")
    if layout.signature != "none":
        _check_signature(document, layout)


def test_draft_leaves_number_and_date_blank() -> None:
    sample = next(s for s in SAMPLES if s.name == "ke_hoach_ubnd_ha_nam_2024")
    document = open_docx(SERVICE.render(sample.template_id, sample.data_path).content)
    raw = [
        cell.paragraphs[0].text.replace("\xa0", " ") for cell in document.tables[0].rows[1].cells
    ]
    assert raw == ["Số:      /KH-UBND", "Hà Nam, ngày       tháng       năm 2024"]


def test_demo_renders_every_sample(tmp_path: Path) -> None:
    results = SERVICE.render_samples(tmp_path / "out")
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == sorted(
        f"{name}.docx" for name in IDS
    )
    assert len({result.sha256 for result in results}) == len(SAMPLES)
