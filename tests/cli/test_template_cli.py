from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import CliResult

Run = Callable[..., CliResult]


def test_list(run_cli: Run) -> None:
    result = run_cli("template", "list")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        "bang_khen",
        "bao_cao",
        "bao_cao_thanh_tich_ca_nhan",
        "bao_cao_thanh_tich_tap_the",
        "bien_ban_hop_hoi_dong",
        "cong_van",
        "danh_sach_de_nghi_cap_tren",
        "danh_sach_khen_thuong",
        "giay_khen",
        "ke_hoach",
        "quyet_dinh",
        "quyet_dinh_khen_thuong",
        "to_trinh",
        "to_trinh_khen_thuong",
    ]
    assert "Mẫu 1.5" in result.stdout


def test_list_json_gives_abbreviations(run_cli: Run) -> None:
    payload = json.loads(run_cli("--json", "template", "list").stdout)
    assert {item["id"]: item["abbreviation"] for item in payload["templates"]} == {
        "bang_khen": None,  # printed on a blank: no number of its own
        "bao_cao": "BC",
        "bao_cao_thanh_tich_ca_nhan": "BC",
        "bao_cao_thanh_tich_tap_the": "BC",
        "bien_ban_hop_hoi_dong": "BB",
        "cong_van": None,
        "danh_sach_de_nghi_cap_tren": None,  # the referral list, attached to the same Tờ trình
        "danh_sach_khen_thuong": None,  # attached to a Tờ trình, cited by its number
        "giay_khen": None,
        "ke_hoach": "KH",
        "quyet_dinh": "QĐ",
        "quyet_dinh_khen_thuong": "QĐ",
        "to_trinh": "TTr",
        "to_trinh_khen_thuong": "TTr",
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
