from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import CliResult

Run = Callable[..., CliResult]


def test_list(run_cli: Run) -> None:
    result = run_cli("template", "list")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        "bao_cao",
        "cong_van",
        "ke_hoach",
    ]
    assert "Mẫu 1.5" in result.stdout


def test_list_json_gives_abbreviations(run_cli: Run) -> None:
    payload = json.loads(run_cli("--json", "template", "list").stdout)
    assert {item["id"]: item["abbreviation"] for item in payload["templates"]} == {
        "bao_cao": "BC",
        "cong_van": None,
        "ke_hoach": "KH",
    }


def test_show_fields_labels_and_examples(run_cli: Run) -> None:
    result = run_cli("template", "show", "ke_hoach")
    assert result.exit_code == 0
    assert "trich_yeu" in result.stdout
    assert "Trích yếu nội dung" in result.stdout
    assert "bắt buộc" in result.stdout
    assert "ví dụ:" in result.stdout


def test_show_json_and_english(run_cli: Run) -> None:
    payload = json.loads(run_cli("--json", "template", "show", "cong_van").stdout)
    fields = {field["name"]: field for field in payload["fields"]}
    assert fields["kinh_gui"]["required"] is True
    assert "ky_hieu_don_vi" in fields
    assert "Subject line" in run_cli("--lang", "en", "template", "show", "ke_hoach").stdout


def test_show_unknown(run_cli: Run) -> None:
    result = run_cli("template", "show", "khong_co")
    assert result.exit_code == 1
    assert "Không có mẫu văn bản" in result.stderr
