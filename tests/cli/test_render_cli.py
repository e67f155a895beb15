"""``vanban render`` through the real command line: the good path and every bad one."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, TEMPLATES, CliResult
from vanban.docx.reading import document_lines

Run = Callable[..., CliResult]
SAMPLE = SAMPLES / "ke_hoach_hkh_son_la_2024.yaml"


def _assert_refused(result: CliResult, *phrases: str) -> None:
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr + result.stdout
    message = result.stderr.strip()
    assert message, "a refusal must say why"
    for phrase in phrases:
        assert phrase in message


def test_render_writes_the_document(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "ke_hoach.docx"
    result = run_cli("render", "ke_hoach", SAMPLE, "-o", out)
    assert result.exit_code == 0
    assert "Đã soạn" in result.stdout
    assert "Số: 03/KH-HKH" in document_lines(out.read_bytes())


def test_render_json(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    result = run_cli("--json", "render", "ke_hoach", SAMPLE, "-o", out)
    payload = json.loads(result.stdout)
    assert payload["ok"] is True
    assert payload["output"] == str(out)
    assert len(payload["sha256"]) == 64


def _data(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "du_lieu.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = SAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        (GOOD.replace("trich_yeu:", "trich_yeu_cu:"), ["thiếu trường bắt buộc “trich_yeu”"]),
        (GOOD.replace("so: 3", "so: ba"), ["dòng", "“so” (Số văn bản)", "số nguyên dương"]),
        (GOOD.replace("ngay: 2024-01-29", "ngay: 2024-13-45"), ["“ngay”", "ngày có thật"]),
        (GOOD + "\n  sai_thut_le: [\n", ["không đọc được YAML", "dòng"]),
        ("- chỉ là\n- danh sách\n", ["bảng khóa"]),
    ],
    ids=["missing-field", "wrong-type", "bad-date", "invalid-yaml", "not-a-mapping"],
)
def test_bad_data_is_refused_and_nothing_is_written(
    run_cli: Run, tmp_path: Path, text: str, phrases: list[str]
) -> None:
    out = tmp_path / "out.docx"
    result = run_cli("render", "ke_hoach", _data(tmp_path, text), "-o", out)
    _assert_refused(result, "du_lieu.yaml", *phrases)
    assert list(tmp_path.iterdir()) == [tmp_path / "du_lieu.yaml"]


def test_unknown_template_lists_the_choices(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("render", "quyet_dinh_x", SAMPLE, "-o", tmp_path / "a.docx")
    _assert_refused(result, "Không có mẫu văn bản “quyet_dinh_x”", "ke_hoach", "cong_van")


def test_missing_data_file(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("render", "ke_hoach", tmp_path / "khong_co.yaml", "-o", tmp_path / "a.docx")
    _assert_refused(result, "Không tìm thấy tệp dữ liệu")


def test_output_in_a_missing_folder(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("render", "ke_hoach", SAMPLE, "-o", tmp_path / "khong_co" / "a.docx")
    _assert_refused(result, "không tồn tại")
    assert not (tmp_path / "khong_co").exists()


def test_output_must_be_docx(run_cli: Run, tmp_path: Path) -> None:
    _assert_refused(run_cli("render", "ke_hoach", SAMPLE, "-o", tmp_path / "a.pdf"), ".docx")


def _custom_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, docx: bytes | None) -> None:
    folder = tmp_path / "mau"
    folder.mkdir()
    shutil.copy(TEMPLATES / "ke_hoach.yaml", folder / "ke_hoach.yaml")
    if docx is not None:
        (folder / "ke_hoach.docx").write_bytes(docx)
    monkeypatch.setenv("VANBAN_TEMPLATES", str(folder))


@pytest.mark.parametrize(
    ("docx", "phrase"),
    [
        (None, "Không đọc được tệp mẫu"),
        (b"day khong phai docx", "không phải tệp .docx an toàn"),
        (b"PK\x03\x04 hong", "không phải tệp .docx an toàn"),
    ],
    ids=["missing", "text-file", "broken-zip"],
)
def test_unreadable_template(
    run_cli: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    docx: bytes | None,
    phrase: str,
) -> None:
    _custom_templates(tmp_path, monkeypatch, docx)
    out = tmp_path / "a.docx"
    _assert_refused(run_cli("render", "ke_hoach", SAMPLE, "-o", out), phrase)
    assert not out.exists()


def test_english_messages(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli(
        "--lang", "en", "render", "ke_hoach", tmp_path / "no.yaml", "-o", tmp_path / "a.docx"
    )
    _assert_refused(result, "does not exist")


def test_json_error_is_one_object(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("--json", "render", "nope", SAMPLE, "-o", tmp_path / "a.docx")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload == {"ok": False, "error": payload["error"], "exit_code": 1}
    assert "nope" in payload["error"]


def test_usage_error_exits_2(run_cli: Run) -> None:
    assert run_cli("render", "ke_hoach").exit_code == 2
