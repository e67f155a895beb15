"""An error names the first problems and counts the rest; it never echoes an input back whole
(issue 10 item 8: a 100 KB value gave a 200 KB message, 4 990 bad rows 32 KB)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES, CliResult
from vanban.cli.output import MAX_LINE_CHARS, MAX_LINES, capped

Run = Callable[..., CliResult]


def test_a_huge_bad_value_gives_a_short_message(run_cli: Run, tmp_path: Path) -> None:
    data = yaml.safe_load(SAMPLES.joinpath("ke_hoach_hkh_son_la_2024.yaml").read_text("utf-8"))
    data["ngay"] = "x" * 100_000
    data["ky_hieu_co_quan"] = "H K H " * 20_000
    path = tmp_path / "xau.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli("render", "ke_hoach", path, "-o", tmp_path / "x.docx")
    assert result.exit_code == 1
    assert len(result.stderr) < 5_000
    as_json = run_cli("--json", "render", "ke_hoach", path, "-o", tmp_path / "x.docx")
    assert len(json.loads(as_json.stdout)["error"]) < 5_000


def test_thousands_of_bad_rows_give_a_short_message(run_cli: Run, tmp_path: Path) -> None:
    rows = [{"ho_ten": f"Người {index}", "loai": "Cá nhân"} for index in range(4_990)]
    path = tmp_path / "ds.yaml"
    path.write_text(yaml.safe_dump({"danh_sach": rows}, allow_unicode=True), encoding="utf-8")
    result = run_cli("batch", "giay_khen", "--data", path, "-o", tmp_path / "gk")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) <= MAX_LINES
    assert len(result.stderr) < MAX_LINES * (MAX_LINE_CHARS + 2)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30_000), st.sampled_from(["vi", "en"]))
def test_any_message_is_capped(message: str, lang: str) -> None:
    shown = capped(message, lang)
    assert len(shown.splitlines()) <= MAX_LINES
    assert all(len(line) <= MAX_LINE_CHARS for line in shown.splitlines())
