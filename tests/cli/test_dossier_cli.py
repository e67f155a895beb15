"""Dossiers through the command line on a real SQLite workspace: the path and every refusal."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import SAMPLES, CliResult
from vanban.docx.reading import document_lines

Run = Callable[..., CliResult]
EXTRA_USER = """
[[users]]
login = "tuan"
full_name = "Đỗ Văn Tuấn"
roles = ["secretary", "approver"]
"""


@pytest.fixture
def workspace(run_cli: Run, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    assert run_cli("init", "--training", folder).exit_code == 0
    with (folder / "vanban.toml").open("a", encoding="utf-8") as handle:
        handle.write(EXTRA_USER)
    data = SAMPLES.joinpath("ke_hoach_hkh_son_la_2024.yaml").read_text(encoding="utf-8")
    lines = [line for line in data.splitlines() if not line.startswith(("so:", "ngay:"))]
    (folder / "ke_hoach.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _as(run_cli: Run, workspace: Path, login: str) -> Callable[..., CliResult]:
    def run(*args: str | Path) -> CliResult:
        return run_cli("--workspace", workspace, "--as", login, *args)

    return run


def _snapshot(workspace: Path) -> tuple[object, ...]:
    with sqlite3.connect(workspace / ".vanban" / "vanban.db") as db:
        return tuple(
            tuple(db.execute(query).fetchall())
            for query in (
                "SELECT id, state, version, number FROM dossiers ORDER BY id",
                "SELECT COUNT(*) FROM events",
                "SELECT COUNT(*) FROM documents",
                "SELECT COUNT(*) FROM register",
            )
        )


def _new(run_cli: Run, workspace: Path, login: str = "minh") -> int:
    result = _as(run_cli, workspace, login)(
        "--json", "new", "ke_hoach", workspace / "ke_hoach.yaml"
    )
    assert result.exit_code == 0, result.stderr
    return int(json.loads(result.stdout)["dossier"]["id"])


def test_whole_lifecycle_with_a_return(run_cli: Run, workspace: Path, tmp_path: Path) -> None:
    minh, an = _as(run_cli, workspace, "minh"), _as(run_cli, workspace, "an")
    huong, lan = _as(run_cli, workspace, "huong"), _as(run_cli, workspace, "lan")
    dossier = _new(run_cli, workspace)
    assert minh("submit", dossier).exit_code == 0
    assert an("return", dossier, "--comment", "Bổ sung nơi nhận.").exit_code == 0
    shown = minh("show", dossier)
    assert "Ý kiến trả lại" in shown.stdout
    assert "Bổ sung nơi nhận." in shown.stdout
    patch = workspace / "sua.yaml"
    patch.write_text("noi_nhan: [TW Hội KHVN (b/c), Sở Nội vụ]\n", encoding="utf-8")
    assert minh("advance", dossier, "amend", "--data", patch).exit_code == 0
    assert minh("submit", dossier).exit_code == 0
    assert an("review", dossier).exit_code == 0
    assert huong("approve", dossier).exit_code == 0
    issued = lan("--json", "issue", dossier)
    assert issued.exit_code == 0, issued.stderr
    payload = json.loads(issued.stdout)
    assert payload["register"]["number_and_symbol"] == "01/KH-HKH"
    out = tmp_path / "out"
    assert lan("export", dossier, "-o", out).exit_code == 0
    lines = document_lines((out / f"ke_hoach_{dossier:04d}.docx").read_bytes())
    assert "Số: 01/KH-HKH" in lines
    assert "- Sở Nội vụ;" in lines
    history = json.loads(minh("--json", "history", dossier).stdout)["history"]
    assert [event["event"] for event in history] == [
        "create",
        "submit",
        "return",
        "amend",
        "submit",
        "review",
        "approve",
        "issue",
    ]
    assert history[2]["actor"] == "an"
    assert history[2]["comment"] == "Bổ sung nơi nhận."
    assert len(history[-1]["documents"][0]["sha256"]) == 64
    states = json.loads(minh("--json", "list", "--state", "issued").stdout)["dossiers"]
    assert [item["id"] for item in states] == [dossier]


def test_list_shows_the_newest_page_and_says_how_many_are_left(
    run_cli: Run, workspace: Path
) -> None:
    ids = [_new(run_cli, workspace) for _ in range(3)]
    minh = _as(run_cli, workspace, "minh")
    page = minh("list", "--limit", "2")
    assert page.exit_code == 0
    rows = page.stdout.splitlines()
    assert [int(row.split()[0]) for row in rows[:2]] == [ids[2], ids[1]]
    assert rows[2] == "… và 1 hồ sơ cũ hơn (tổng 3): thêm --all để xem tất cả, hoặc --limit N."
    assert len(rows) == 3
    listed = json.loads(minh("--json", "list", "--limit", "2").stdout)
    assert [item["id"] for item in listed["dossiers"]] == [ids[2], ids[1]]  # the same page
    assert listed["total"] == 3
    every = minh("list", "--all", "--limit", "1").stdout.splitlines()
    assert [int(row.split()[0]) for row in every] == ids[::-1]  # --all wins, no footer
    assert minh("--lang", "en", "list", "--limit", "1").stdout.splitlines()[-1] == (
        "… and 2 older dossiers (3 in all): add --all to see them all, or --limit N."
    )
    refused = minh("list", "--limit", "0")
    assert refused.exit_code == 2
    assert "Traceback" not in refused.stderr


def test_register_list_and_export(run_cli: Run, workspace: Path, tmp_path: Path) -> None:
    for _ in range(2):
        dossier = _new(run_cli, workspace)
        for login, event in (
            ("minh", "submit"),
            ("an", "review"),
            ("huong", "approve"),
            ("lan", "issue"),
        ):
            assert _as(run_cli, workspace, login)(event, dossier).exit_code == 0
    lan = _as(run_cli, workspace, "lan")
    rows = json.loads(lan("--json", "register", "list").stdout)["rows"]
    assert [row[0] for row in rows] == ["01/KH-HKH", "02/KH-HKH"]
    assert lan("register", "list", "--export", tmp_path / "so.xlsx").exit_code == 0
    sheet = load_workbook(tmp_path / "so.xlsx").active
    assert sheet["A1"].value == "Số, ký hiệu văn bản"
    assert sheet["J1"].value == "Ghi chú"
    assert sheet["A3"].value == "01/KH-HKH"
    assert lan("register", "list", "--export", tmp_path / "so.csv").exit_code == 0
    with (tmp_path / "so.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert len(table[0]) == 10
    assert table[2][3] == "Mai Thu Hương"


def _refused(result: CliResult, phrase: str) -> None:
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert phrase in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


def test_refusals_change_nothing(run_cli: Run, workspace: Path) -> None:
    dossier = _new(run_cli, workspace)
    own = _new(run_cli, workspace, "tuan")
    minh, an = _as(run_cli, workspace, "minh"), _as(run_cli, workspace, "an")
    tuan = _as(run_cli, workspace, "tuan")
    assert minh("submit", dossier).exit_code == 0
    for login, event in (("tuan", "submit"), ("an", "review")):
        assert _as(run_cli, workspace, login)(event, own).exit_code == 0
    before = _snapshot(workspace)
    cases = [
        (minh("show", 999), "Không có hồ sơ số 999"),
        (minh("advance", dossier, "aprove"), "không có việc “aprove”"),
        (minh("approve", dossier), "Từ trạng thái này chỉ có"),
        (_as(run_cli, workspace, "ke_la")("show", dossier), "không có trong vanban.toml"),
        (minh("review", dossier), "reviewer"),
        (an("return", dossier), "--comment"),
        (tuan("approve", own), "không được tự"),
        (an("review", dossier, "--data", workspace / "ke_hoach.yaml"), "--data"),
    ]
    for result, phrase in cases:
        _refused(result, phrase)
    assert _snapshot(workspace) == before


def test_corrupt_configuration_and_workflow(run_cli: Run, workspace: Path) -> None:
    dossier = _new(run_cli, workspace)
    before = _snapshot(workspace)
    config = workspace / "vanban.toml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace("[organization]", "[organization"), encoding="utf-8")
    _refused(_as(run_cli, workspace, "minh")("submit", dossier), "TOML")
    config.write_text(good, encoding="utf-8")
    (workspace / "workflows").mkdir()
    (workspace / "workflows" / "ke_hoach.yaml").write_text(
        "version: 1\nname: ke_hoach\ninitial: nhap\nstates: {}\nevents: {}\n", encoding="utf-8"
    )
    result = _as(run_cli, workspace, "minh")("submit", dossier)
    assert result.exit_code == 1
    assert "workflows/ke_hoach.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(workspace) == before


def test_english_refusal(run_cli: Run, workspace: Path) -> None:
    result = run_cli("--lang", "en", "--workspace", workspace, "--as", "minh", "show", 42)
    _refused(result, "42")
    assert "Không" not in result.stderr


def test_no_workspace(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VANBAN_HOME", raising=False)
    _refused(run_cli("list"), "vanban init")


def test_workflow_commands(run_cli: Run) -> None:
    assert "ke_hoach" in run_cli("workflow", "list").stdout
    shown = run_cli("workflow", "show", "ke_hoach")
    assert "Dự thảo" in shown.stdout
    graph = run_cli("workflow", "graph", "ke_hoach").stdout
    assert graph.startswith("stateDiagram-v2")
    assert "draft --> submitted" in graph
    _refused(run_cli("workflow", "show", "khong_co"), "khong_co")
