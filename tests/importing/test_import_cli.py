"""``vanban import`` and ``vanban fix`` on the command line: good files, bad files, no overwrite."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.checker.test_bad_input import CASES as BAD_PACKAGES
from tests.conftest import CliResult
from tests.docx.crafting import add_text_box
from tests.importing.office import CORPUS, build
from vanban.docx.reading import document_lines

Run = Callable[..., CliResult]
NOT_A_DOCUMENT = "Báo cáo tài chính quý I\nKhông có tiêu đề hay quốc hiệu."


def _office(tmp_path: Path, name: str = "tat_ca") -> Path:
    office = next(item for item in CORPUS if item.name == name)
    path = tmp_path / f"{name}.docx"
    path.write_bytes(build(office))
    return path


def _plain_docx(tmp_path: Path) -> Path:
    from docx import Document

    document = Document()
    for line in NOT_A_DOCUMENT.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "ghi_chu.docx"
    document.save(str(path))
    return path


def test_import_writes_data_that_renders(run_cli: Run, tmp_path: Path) -> None:
    source, data = _office(tmp_path), tmp_path / "du_lieu.yaml"
    result = run_cli("import", source, "-o", data)
    assert result.exit_code == 0, result.stderr
    assert "vanban render ke_hoach" in result.stdout
    loaded = yaml.safe_load(data.read_text(encoding="utf-8"))
    assert loaded["ky"]["ho_ten"] == "Lò Văn Thành"
    rendered = run_cli("render", "ke_hoach", data, "-o", tmp_path / "moi.docx")
    assert rendered.exit_code == 0, rendered.stderr
    assert run_cli("check", tmp_path / "moi.docx").exit_code == 0


def test_import_never_overwrites_unless_forced(run_cli: Run, tmp_path: Path) -> None:
    source, data = _office(tmp_path), tmp_path / "du_lieu.yaml"
    data.write_text("# của tôi\n", encoding="utf-8")
    refused = run_cli("import", source, "-o", data)
    assert refused.exit_code == 1
    assert "không ghi đè" in refused.stderr
    assert "--force" in refused.stderr
    assert data.read_text(encoding="utf-8") == "# của tôi\n"
    assert run_cli("import", source, "-o", data, "--force").exit_code == 0
    assert "ho_ten" in data.read_text(encoding="utf-8")


def test_import_without_output_prints_the_yaml(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("import", _office(tmp_path, "cong_van"))
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["ky_hieu_don_vi"] == "VP"


def test_fix_re_lays_and_says_what_it_changed(run_cli: Run, tmp_path: Path) -> None:
    source, target = _office(tmp_path), tmp_path / "dung_the_thuc.docx"
    before = source.read_bytes()
    result = run_cli("fix", source, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert "Đã sửa:" in result.stdout
    assert "lề" in result.stdout.lower()  # the margins were wrong
    assert "còn 0 vi phạm" in result.stdout
    assert source.read_bytes() == before
    assert run_cli("check", target).exit_code == 0
    english = run_cli("--lang", "en", "--json", "fix", source, "-o", target, "--force")
    payload = json.loads(english.stdout)
    assert payload["ok"] is True
    assert payload["fixed"]
    assert payload["template"] == "ke_hoach"


def test_legacy_text_is_converted_and_reported(run_cli: Run, tmp_path: Path) -> None:
    source, data = _office(tmp_path, "tcvn3"), tmp_path / "du_lieu.yaml"
    result = run_cli("import", source, "-o", data)
    assert result.exit_code == 0, result.stderr
    said = "đoạn gõ bằng bảng mã TCVN3 (ABC, phông .Vn) đã chuyển sang Unicode: co_quan_chu_quan"
    assert said in result.stdout
    text = data.read_text(encoding="utf-8")
    assert "# 36 " + said in text  # the data file says it too
    assert yaml.safe_load(text)["co_quan"] == "UBND HUYỆN MƯỜNG LA"
    fixed = run_cli(
        "--lang", "en", "--json", "fix", _office(tmp_path, "vni"), "-o", tmp_path / "a.docx"
    )
    payload = json.loads(fixed.stdout)
    assert payload["ok"] is True, payload
    assert payload["remaining"] == []
    assert {"field": "trich_yeu", "encodings": ["vni"]} in [
        {key: item[key] for key in ("field", "encodings")} for item in payload["converted"]
    ]
    assert any(
        item["text"] == "Thực hiện phong trào học tập suốt đời năm 2024"
        for item in payload["converted"]
    )


BAD = {
    **{name: (build_bytes, phrase) for name, (build_bytes, phrase) in BAD_PACKAGES.items()},
}


@pytest.mark.parametrize("command", ["import", "fix"])
@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_refused_and_nothing_written(
    name: str, command: str, run_cli: Run, tmp_path: Path
) -> None:
    build_bytes, phrase = BAD[name]
    source = tmp_path / f"{name}.docx"
    source.write_bytes(build_bytes())
    target = tmp_path / ("ra.yaml" if command == "import" else "ra.docx")
    started = time.monotonic()
    result = run_cli(command, source, "-o", target)
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert phrase in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == [source]


@pytest.mark.parametrize("command", ["import", "fix"])
def test_a_document_of_no_known_kind_is_refused(command: str, run_cli: Run, tmp_path: Path) -> None:
    source = _plain_docx(tmp_path)
    target = tmp_path / ("ra.yaml" if command == "import" else "ra.docx")
    result = run_cli(command, source, "-o", target)
    assert result.exit_code == 1
    assert "không phải kế hoạch, báo cáo, công văn" in result.stderr
    assert not target.exists()
    english = run_cli("--lang", "en", command, source, "-o", target)
    assert "is not a plan, report, letter" in english.stderr
    old_word = tmp_path / "cu.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    refused = run_cli("--lang", "en", command, old_word, "-o", target)
    assert refused.exit_code == 1
    assert "old Word file (.doc)" in refused.stderr
    assert not target.exists()


def test_missing_source_and_folder(run_cli: Run, tmp_path: Path) -> None:
    missing = run_cli("import", tmp_path / "khong_co.docx", "-o", tmp_path / "a.yaml")
    assert missing.exit_code == 1
    assert "Không đọc được tệp" in missing.stderr
    folder = run_cli("import", tmp_path, "-o", tmp_path / "a.yaml")
    assert folder.exit_code == 1
    assert "thư mục" in folder.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_decision_typed_in_word_imports_as_articles_and_is_re_laid(
    run_cli: Run, tmp_path: Path
) -> None:
    from tests.importing.office import DECISION_BODY, EXPECTED_DECISION_TREE, Office

    decision = Office(
        "quyet_dinh",
        type_name="QUYẾT ĐỊNH",
        number="Số: 88/QĐ-UBND",
        authority="CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MƯỜNG LA",
        decides=True,
        body=DECISION_BODY,
        margins_mm=(15, 15, 20, 10),
    )
    source = tmp_path / "quyet_dinh.docx"
    source.write_bytes(build(decision))
    data = tmp_path / "qd.yaml"
    imported = run_cli("import", source, "-o", data)
    assert imported.exit_code == 0, imported.stderr
    assert "vanban render quyet_dinh" in imported.stdout
    loaded = yaml.safe_load(data.read_text(encoding="utf-8"))
    assert loaded["tham_quyen"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MƯỜNG LA"
    assert loaded["can_cu"][0].startswith("Căn cứ Quyết định số 1315/QĐ-TTg")
    assert "mo_dau" not in loaded  # "QUYẾT ĐỊNH:" is the template's own line
    assert "ket_thuc" not in loaded  # the lines after Điều 3 stay in Điều 3
    assert loaded["danh_so"] == ["dieu", "1"]
    assert loaded["noi_dung"] == EXPECTED_DECISION_TREE
    target = tmp_path / "moi.docx"
    fixed = run_cli("fix", source, "-o", target)
    assert fixed.exit_code == 0, fixed.stderr
    assert "còn 0 vi phạm" in fixed.stdout
    assert "lề" in fixed.stdout.lower()  # the margins were wrong
    lines = document_lines(target.read_bytes())
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MƯỜNG LA" in lines
    assert lines[lines.index("QUYẾT ĐỊNH:") + 1].startswith("Điều 1. Thành lập Tổ kiểm tra")
    # The effect clause opens Điều 3 and the article ends the text; "Như Điều 3" heads Nơi nhận.
    assert (
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng HĐND và UBND huyện "
        "và các ông, bà có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    ) in lines
    assert "- Như Điều 3;" in lines
    assert "- Như trên;" not in lines  # the office's "Như trên" meant those of Điều 3


def test_import_keeps_text_typed_in_a_text_box(run_cli: Run, tmp_path: Path) -> None:
    from docx import Document

    source, data = _office(tmp_path), tmp_path / "du_lieu.yaml"
    document = Document(str(source))
    add_text_box(document.paragraphs[-1], ["DỰ THẢO LẦN 2", "Gửi kèm phụ lục"], inside=["Mật"])
    document.save(str(source))
    result = run_cli("import", source, "-o", data)
    assert result.exit_code == 0, result.stderr
    assert "3 đoạn gõ trong khung văn bản (text box)" in result.stdout
    written = data.read_text(encoding="utf-8")
    loaded = yaml.safe_load(written)
    assert loaded["ket_thuc"][-3:] == ["DỰ THẢO LẦN 2", "Gửi kèm phụ lục", "Mật"]
    note = "# một đoạn gõ trong khung văn bản (text box) của văn bản gốc: hãy kiểm tra vị trí."
    assert written.count(note) == 3  # each line once: Word's VML copy of the box is not read
    assert loaded["ky"]["ho_ten"] == "Lò Văn Thành"  # the rest reads as without the box
