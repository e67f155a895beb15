"""``vanban check`` through the command line: output, JSON, rule choice, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.checker.corpus import CASES, PLAN, build, rendered
from tests.conftest import CliResult

Run = Callable[..., CliResult]
MARGINS = next(case for case in CASES if case.name == "left-margin-25")
DATE = next(case for case in CASES if case.name == "date-month-1")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {"good": rendered(PLAN), "margins": build(MARGINS), "date": build(DATE)}
    written = {}
    for name, content in paths.items():
        written[name] = tmp_path / f"{name}.docx"
        written[name].write_bytes(content)
    return written


def test_clean_file_exits_zero(run_cli: Run, files: dict[str, Path]) -> None:
    result = run_cli("check", files["good"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "1 tệp, 0 vi phạm"


def test_findings_exit_one_with_rule_reference_found_expected_and_place(
    run_cli: Run, files: dict[str, Path]
) -> None:
    result = run_cli("check", files["good"], files["margins"], files["date"])
    assert result.exit_code == 1
    out = result.stdout
    assert "[ND30-PL1-1.1-margins]" in out
    assert "khoản 3 Mục I Phần I Phụ lục I" in out
    assert "thấy: lề trái 25 mm; cần: lề trái 30–35 mm" in out
    assert "ở: thiết lập trang (mục 1)" in out
    assert "[ND30-PL1-1.2-dia-danh-ngay]" in out
    assert "tháng “1” (cần “01”)" in out
    assert "ở: bảng 1, hàng 2, cột 2: “Sơn La, ngày 29 tháng 1 năm 2024”" in out
    assert out.splitlines()[-1] == "3 tệp, 2 vi phạm"


def test_english(run_cli: Run, files: dict[str, Path]) -> None:
    result = run_cli("--lang", "en", "check", files["margins"])
    assert "found: left margin 25 mm; expected: left margin 30–35 mm" in result.stdout
    assert "Appendix I, Part I, Section I, item 3" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 file, 1 violation"


def test_json(run_cli: Run, files: dict[str, Path]) -> None:
    result = run_cli("--json", "check", files["good"], files["date"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert payload["summary"] == {
        "files": 2,
        "violations": 1,
        "unreadable": 0,
        "text": "2 tệp, 1 vi phạm",
    }
    good, bad = payload["files"]
    assert good == {
        "file": str(files["good"]),
        "ok": True,
        "error": None,
        "findings": [],
        "form": "van_ban",
    }
    finding = bad["findings"][0]
    assert finding["rule"] == "ND30-PL1-1.2-dia-danh-ngay"
    assert finding["reference"] == "điểm b, c khoản 4 Mục II Phần I Phụ lục I"
    assert finding["where"] == {
        "part": "table",
        "table": 1,
        "row": 2,
        "cell": 2,
        "text": "Sơn La, ngày 29 tháng 1 năm 2024",
    }
    assert {"title", "found", "expected", "where_text"} <= set(finding)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--select", "ND30-PL1-1.1"], ["ND30-PL1-1.1-margins"]),
        (["--select", "nd30-pl1-1.2-dia-danh"], ["ND30-PL1-1.2-dia-danh-ngay"]),
        (["--ignore", "ND30-PL1-1.1-margins"], ["ND30-PL1-1.2-dia-danh-ngay"]),
        (["--ignore", "ND30-PL1-1.1,ND30-PL1-1.2-dia"], []),
        (["--select", "ND30-PL1-1.2", "--ignore", "ND30-PL1-1.2-dia-danh-ngay"], []),
    ],
    ids=["select-section", "select-lower-case", "ignore-one", "ignore-two", "select-and-ignore"],
)
def test_select_and_ignore_by_prefix(
    options: list[str], expected: list[str], run_cli: Run, files: dict[str, Path]
) -> None:
    result = run_cli("--json", "check", *options, files["margins"], files["date"])
    payload = json.loads(result.stdout)
    found = [f["rule"] for report in payload["files"] for f in report["findings"]]
    assert found == expected
    assert result.exit_code == (1 if expected else 0)


def test_unknown_prefix_is_refused(run_cli: Run, files: dict[str, Path]) -> None:
    result = run_cli("check", "--select", "ND31", files["good"])
    assert result.exit_code == 1
    assert "Không có quy tắc nào có mã bắt đầu bằng “ND31”" in result.stderr


def test_no_file_is_refused(run_cli: Run) -> None:
    result = run_cli("check")
    assert result.exit_code == 1
    assert "Hãy chỉ ra ít nhất một tệp .docx" in result.stderr


def test_list_rules(run_cli: Run) -> None:
    result = run_cli("check", "--list-rules", "--select", "ND30-PL1-1.1")
    assert result.exit_code == 0
    assert "ND30-PL1-1.1-margins" in result.stdout
    assert "ND30-PL1-1.2" not in result.stdout
    payload = json.loads(run_cli("--json", "check", "--list-rules").stdout)
    assert len(payload["rules"]) >= 30


def test_check_never_writes(run_cli: Run, files: dict[str, Path]) -> None:
    before = {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in files.values()}
    run_cli("check", *files.values())
    assert before == {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in files.values()}
    assert sorted(p.name for p in files["good"].parent.iterdir()) == sorted(
        p.name for p in files.values()
    )


def test_a_certificate_is_judged_by_the_rules_of_a_blank(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "giay_khen.docx"
    path.write_bytes(rendered("giay_khen_hkh_son_la_2025"))
    result = run_cli("--json", "check", path)
    assert result.exit_code == 0, result.stdout
    (report,) = json.loads(result.stdout)["files"]
    assert report["form"] == "phoi_khen"
    assert report["findings"] == []
