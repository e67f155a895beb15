"""``vanban new WORKFLOW FILE.docx``: a dossier started from the office's own Word file."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult
from tests.importing.office import CORPUS, build

Run = Callable[..., CliResult]


@pytest.fixture
def workspace(run_cli: Run, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    assert run_cli("init", "--training", folder).exit_code == 0
    return folder


def _word(folder: Path, name: str) -> Path:
    office = next(item for item in CORPUS if item.name == name)
    path = folder / f"{name}.docx"
    path.write_bytes(build(office))
    return path


def _counts(workspace: Path) -> tuple[int, int]:
    with sqlite3.connect(workspace / ".vanban" / "vanban.db") as db:
        dossiers = db.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0]
        events = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    return int(dossiers), int(events)


def test_a_word_file_starts_a_dossier(run_cli: Run, workspace: Path, tmp_path: Path) -> None:
    source = _word(tmp_path, "tat_ca")
    as_minh = ("--workspace", workspace, "--as", "minh")
    created = run_cli(*as_minh, "--json", "new", "ke_hoach", source)
    assert created.exit_code == 0, created.stdout + created.stderr
    dossier = json.loads(created.stdout)["dossier"]
    assert dossier["title"] == "Thực hiện phong trào học tập suốt đời năm 2024"
    exported = run_cli(*as_minh, "export", str(dossier["id"]), "-o", tmp_path / "out")
    assert exported.exit_code == 0, exported.stderr
    [document] = sorted((tmp_path / "out").glob("*.docx"))
    assert run_cli("check", document).exit_code == 0


def test_a_word_file_of_another_kind_is_refused(
    run_cli: Run, workspace: Path, tmp_path: Path
) -> None:
    source = _word(tmp_path, "bao_cao")
    run_cli("--workspace", workspace, "--as", "minh", "list")
    before = _counts(workspace)
    refused = run_cli("--workspace", workspace, "--as", "minh", "new", "ke_hoach", source)
    assert refused.exit_code == 1
    assert "mẫu “bao_cao”" in refused.stderr
    assert "ke_hoach" in refused.stderr
    assert _counts(workspace) == before
    garbage = tmp_path / "hong.docx"
    garbage.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    old = run_cli(
        "--workspace", workspace, "--as", "minh", "--lang", "en", "new", "ke_hoach", garbage
    )
    assert old.exit_code == 1
    assert "old Word file (.doc)" in old.stderr
    assert _counts(workspace) == before
