"""Documents typed the way offices type them import to the expected data and re-lay cleanly."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from tests.importing.office import CORPUS, EXPECTED_PLAN_TREE, RECIPIENTS, Office, build
from tests.importing.shared import SERVICE, kept_in_order, plain, source_lines, words, written
from vanban.checker import run_rules
from vanban.checker.inspection import inspect_docx
from vanban.documents import parse_document_data
from vanban.docx.reading import document_lines
from vanban.importing import describe, import_docx
from vanban.importing.document import TABLE_NOTE
from vanban.importing.yaml_text import Noted, dump

IDS = [office.name for office in CORPUS]


FIGURES_TABLE = {
    "cot": [
        {"ten": "STT"},
        {"ten": "Xã, thị trấn"},
        {"ten": "Số hội viên", "kieu": "so"},
        {"ten": "Tỷ lệ (%)", "kieu": "so", "thap_phan": 1},
    ],
    "dong": [["Thị trấn Ít Ong", 1250, 24.5], ["Xã Chiềng San", 980, 21.0]],
    "co_chu": 14.0,  # the office's own size is kept
}


@pytest.mark.parametrize("office", CORPUS, ids=IDS)
def test_office_document_imports_to_the_expected_data(office: Office) -> None:
    document = import_docx(build(office), f"{office.name}.docx")
    data = document.data
    assert document.unplaced == []
    assert data["co_quan_chu_quan"] == "UBND TỈNH SƠN LA"
    assert data["co_quan"] == "UBND HUYỆN MƯỜNG LA"
    assert data["ky_hieu_co_quan"] == "UBND"
    assert data["dia_danh"] == "Mường La"
    if "        /" in office.number:
        assert "so" not in data
        assert "ngay" not in data
        assert data["nam"] == 2024
    else:
        assert (data["so"], data["ngay"]) == (
            int(office.number.split()[1].split("/")[0]),
            "2024-03-05",
        )
    assert (
        data["can_cu"] == [basis.rstrip(";.") for basis in office.bases]
        if office.bases
        else "can_cu" not in data
    )
    assert data["mo_dau"] == ["Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện như sau:"]
    tree = plain(data["noi_dung"])
    expected = EXPECTED_PLAN_TREE
    if office.table:
        assert tree[1]["muc"][1].pop("bang") == FIGURES_TABLE
    if office.emphasis:
        assert tree[0]["muc"][1]["doan"] == [
            "Triển khai **kịp thời**, đồng bộ, *tiết kiệm* và hiệu quả."
        ]
        tree[0]["muc"][1]["doan"] = expected[0]["muc"][1]["doan"]
    assert tree == expected
    assert data["danh_so"] == ["I", "1", "a"]
    assert data["ket_thuc"] == [
        "Trên đây là Kế hoạch thực hiện của Ủy ban nhân dân huyện, đề nghị các cơ quan, "
        "đơn vị triển khai thực hiện" + office.closing_mark
    ]
    signer = {"chuc_vu": "PHÓ CHỦ TỊCH", "ho_ten": "Lò Văn Thành"}
    if office.signature != "plain":
        signer = {"thay_mat": "ỦY BAN NHÂN DÂN", "ky_thay": "CHỦ TỊCH", **signer}
    assert data["ky"] == signer
    recipients = RECIPIENTS[1:] if not office.type_name else RECIPIENTS
    assert (data["noi_nhan"], data["luu"]) == (recipients, ["VT", "VP"])
    if office.type_name:
        assert data["trich_yeu"] == "Thực hiện phong trào học tập suốt đời năm 2024"
        assert (
            document.template_id
            == {"KẾ HOẠCH": "ke_hoach", "BÁO CÁO": "bao_cao", "TỜ TRÌNH": "to_trinh"}[
                office.type_name
            ]
        )
    else:
        assert document.template_id == "cong_van"
        assert data["trich_yeu"] == "tổ chức hội nghị tập huấn năm 2024"
        assert (data["ky_hieu_co_quan"], data["ky_hieu_don_vi"]) == ("UBND", "VP")
        assert data["kinh_gui"] == ["Ủy ban nhân dân các xã, thị trấn"]


@pytest.mark.parametrize("office", CORPUS, ids=IDS)
def test_office_document_re_laid_keeps_its_words_and_passes_the_checker(office: Office) -> None:
    source = build(office)
    document = import_docx(source, f"{office.name}.docx")
    assert written(document) == plain(document.data)  # the YAML reads back as written
    spec = SERVICE.catalogue.get(document.template_id)
    result = SERVICE.renderer.render(spec, parse_document_data(dump(document.data), "x.yaml"))
    assert run_rules(result.content, "fixed.docx") == []
    # Words are counted in what the office saw: a legacy document's Unicode twin.
    before = source_lines(inspect_docx(build(replace(office, encoding=None)), "x").paras)
    after = words(document_lines(result.content))
    assert kept_in_order(before, after) >= 0.98
    assert len(CORPUS) >= 12


def test_a_table_vanban_cannot_lay_out_is_kept_row_by_row_with_a_comment() -> None:
    from docx import Document

    office = next(item for item in CORPUS if item.name == "bang_so_lieu")
    document = Document(io.BytesIO(build(office)))
    figures = document.tables[1]
    figures.cell(1, 2).merge(figures.cell(1, 3))  # a merged cell inside the data
    buffer = io.BytesIO()
    document.save(buffer)
    data = import_docx(buffer.getvalue(), "gop_o.docx").data
    kept = data["noi_dung"][1]["muc"][1]["doan"]
    assert [item.comment for item in kept if isinstance(item, Noted)] == [TABLE_NOTE] * 3
    assert kept[-2].value == "1 | Thị trấn Ít Ong | 1.250 24,5"


def test_the_original_had_the_faults_the_corpus_was_built_with() -> None:
    wrong = next(office for office in CORPUS if office.name == "le_sai")
    rules = {finding.rule for finding in run_rules(build(wrong), "le_sai.docx")}
    assert any("margin" in rule or "le" in rule for rule in rules), rules


LEGACY = [office for office in CORPUS if office.encoding]


@pytest.mark.parametrize("office", LEGACY, ids=[office.name for office in LEGACY])
def test_legacy_text_imports_as_its_unicode_twin_and_is_reported(office: Office) -> None:
    document = import_docx(build(office), f"{office.name}.docx")
    twin = import_docx(build(replace(office, encoding=None)), "unicode.docx")
    assert twin.converted == []
    assert document.data == twin.data
    encodings = {code for item in document.converted for code in item.encodings}
    assert encodings == {"vni" if office.encoding == "vni" else "tcvn3"}
    fields = {item.field for item in document.converted}
    if office.encoding == "mixed":  # only the odd-length runs were typed in TCVN3
        texts = {item.text for item in document.converted}
        assert "1. Mục đích" in texts
        assert "1. Yêu cầu" not in texts
        assert "Độc lập - Tự do - Hạnh phúc" in texts  # printed by vanban itself
        assert fields == {"co_quan", "(thể thức)", "can_cu", "noi_dung", "ket_thuc"} | {
            "noi_nhan",
            "ky",
        }
        return
    assert {"co_quan", "trich_yeu", "can_cu", "mo_dau", "noi_dung", "ky", "noi_nhan"} <= fields
    described = " ".join(message.vi for message in describe(document))
    assert "đã chuyển sang Unicode: co_quan_chu_quan, co_quan" in described


def test_a_vni_letter_split_across_runs_is_joined() -> None:
    from docx import Document

    from tests.importing.legacy_office import VNI_FONT

    source = Document(io.BytesIO(build(next(item for item in LEGACY if item.name == "vni"))))
    paragraph = next(p for p in source.paragraphs if p.text.startswith("Trieån khai kòp"))
    for run in paragraph.runs:
        run._r.getparent().remove(run._r)
    # "Triển": the base "e" ends one run, its mark "å" is a run of its own.
    for text in ("Trie", "å", "n khai kòp thôøi, ñoàng boä, tieát kieäm vaø hieäu quaû."):
        paragraph.add_run(text).font.name = VNI_FONT
    buffer = io.BytesIO()
    source.save(buffer)
    data = import_docx(buffer.getvalue(), "tach.docx").data
    assert data["noi_dung"][0]["muc"][1]["doan"] == [
        "Triển khai kịp thời, đồng bộ, tiết kiệm và hiệu quả."
    ]
