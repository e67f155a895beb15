"""``vanban advance ID amend --data PATCH.yaml``: what a patch changes, keeps and refuses."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, CliResult
from vanban.docx.reading import document_lines

Run = Callable[..., CliResult]
PLAN = SAMPLES / "ke_hoach_tap_huan_hkh_son_la_2022.yaml"
PATCH = SAMPLES / "sua_ke_hoach_tap_huan.yaml"


@pytest.fixture
def draft(run_cli: Run, tmp_path: Path) -> Path:
    """A training workspace holding dossier 1, a plan returned to its secretary."""
    folder = tmp_path / "ws"
    assert run_cli("init", "--training", folder).exit_code == 0
    assert _as(run_cli, folder, "minh")("new", "ke_hoach", PLAN).exit_code == 0
    return folder


def _as(run_cli: Run, workspace: Path, login: str) -> Callable[..., CliResult]:
    def run(*args: str | Path) -> CliResult:
        return run_cli("--workspace", workspace, "--as", login, *args)

    return run


def _lines(run_cli: Run, workspace: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "out"
    assert _as(run_cli, workspace, "minh")("export", 1, "-o", out).exit_code == 0
    return document_lines((out / "ke_hoach_0001.docx").read_bytes())


def _events(run_cli: Run, workspace: Path) -> list[str]:
    history = json.loads(_as(run_cli, workspace, "minh")("--json", "history", 1).stdout)
    return [event["event"] for event in history["history"]]


def test_the_sample_patch_replaces_the_list_and_keeps_the_rest(
    run_cli: Run, draft: Path, tmp_path: Path
) -> None:
    before = _lines(run_cli, draft, tmp_path / "before")
    result = _as(run_cli, draft, "minh")("advance", 1, "amend", "--data", PATCH)
    assert result.exit_code == 0, result.stderr
    after = _lines(run_cli, draft, tmp_path / "after")
    assert "- Sở Tài chính;" in after
    assert "- Sở Tài chính;" not in before
    # Everything the patch does not name is as it was: the title, the bases, the body.
    assert [line for line in after if not line.startswith("- ")] == [
        line for line in before if not line.startswith("- ")
    ]
    assert _events(run_cli, draft) == ["create", "amend"]


def test_a_list_in_a_patch_is_replaced_not_appended(
    run_cli: Run, draft: Path, tmp_path: Path
) -> None:
    patch = tmp_path / "sua.yaml"
    patch.write_text("noi_nhan:\n  - Sở Nội vụ\n", encoding="utf-8")
    assert _as(run_cli, draft, "minh")("advance", 1, "amend", "--data", patch).exit_code == 0
    lines = _lines(run_cli, draft, tmp_path)
    start = lines.index("Nơi nhận:")
    assert lines[start + 1 : start + 3] == ["- Sở Nội vụ;", "- Lưu: VT."]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", ["dòng 2 (mo_dau)", "bị cắt thành 3 đoạn ở dấu phẩy", "dấu nháy"]),
        ("en", ["line 2 (mo_dau)", "cut into 3 paragraphs at the commas", "quotes"]),
    ],
)
def test_a_mistake_in_a_patch_is_named_at_its_line_and_changes_nothing(
    run_cli: Run, draft: Path, tmp_path: Path, lang: str, expected: list[str]
) -> None:
    patch = tmp_path / "sua.yaml"
    patch.write_text(
        "# sửa đoạn mở đầu\nmo_dau: [Hội xây dựng kế hoạch, phối hợp các ngành, vận động]\n",
        encoding="utf-8",
    )
    result = _as(run_cli, draft, "minh")("--lang", lang, "advance", 1, "amend", "--data", patch)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr
    assert _events(run_cli, draft) == ["create"]
