"""Data written for another kind of document is refused with what it looks like."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, CliResult
from vanban.datafile import plain, read_yaml
from vanban.documents import TemplateCatalogue, load_document_data
from vanban.documents.fit import other_kind
from vanban.documents.validation import validate
from vanban.errors import ValidationError

Run = Callable[..., CliResult]
INDEX = plain(read_yaml((SAMPLES / "index.yaml").read_text(encoding="utf-8"), "i").root)
PLANS = ["ke_hoach_hkh_son_la_2024.yaml"]


@pytest.mark.parametrize("name", PLANS)
def test_a_plan_is_refused_as_a_report(name: str) -> None:
    data = load_document_data(SAMPLES / name)
    with pytest.raises(ValidationError) as caught:
        validate(TemplateCatalogue().get("bao_cao"), data, fit_kind=True)
    message = caught.value.text()
    assert "(ket_thuc): dữ liệu này viết cho một Kế hoạch" in message
    assert "Trên đây là Kế hoạch" in message
    assert "không phải Báo cáo" in message
    assert "quy trình “ke_hoach”" in message


def test_every_sample_fits_its_own_template() -> None:
    for item in INDEX["samples"]:
        values = plain(read_yaml((SAMPLES / item["file"]).read_text(encoding="utf-8"), "s").root)
        assert other_kind(item["template"], values) is None, item["file"]


def test_a_report_naming_a_plan_it_carries_out_is_still_a_report() -> None:
    values = {
        "mo_dau": "UBND huyện ban hành Kế hoạch số 12/KH-UBND; Hội báo cáo kết quả như sau:",
        "ket_thuc": "Trên đây là báo cáo kết quả thực hiện Kế hoạch số 12/KH-HKH.",
    }
    assert other_kind("bao_cao", values) is None
    assert other_kind("ke_hoach", values) is not None


def test_a_plan_is_refused_in_a_report_dossier(run_cli: Run, tmp_path: Path) -> None:
    assert run_cli("init", "--training", tmp_path).exit_code == 0
    result = run_cli("--workspace", tmp_path, "--as", "minh", "new", "bao_cao", SAMPLES / PLANS[0])
    assert result.exit_code == 1
    assert "viết cho một Kế hoạch" in result.stderr
    listed = run_cli("--workspace", tmp_path, "--as", "minh", "--json", "list")
    assert '"dossiers": []' in listed.stdout
