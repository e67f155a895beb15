"""Reading a store cannot crash or be refused for no reason (issue 10 items 9 and 10).

Every command taking a dossier ID answers an ID no store can hold with a sentence (SQLite
could not even compare it: a traceback); a workspace nobody may write to can still be read.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES, CliResult

Run = Callable[..., CliResult]

# Every command that takes a dossier ID, with the user allowed to try it.
ID_COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("minh", ("show",)),
    ("minh", ("history",)),
    ("minh", ("export", "{id}", "-o", "{out}")),
    ("minh", ("submit",)),
    ("minh", ("advance", "{id}", "submit")),
    ("an", ("review",)),
    ("an", ("return", "{id}", "--comment", "sai")),
    ("huong", ("approve",)),
    ("huong", ("reject", "{id}", "--comment", "không")),
    ("lan", ("issue",)),
    ("lan", ("attach", "{id}", "{pdf}")),
    ("lan", ("archive",)),
    ("lan", ("archive", "verify")),
    ("lan", ("archive", "export", "{id}", "-o", "{out}")),
    ("huong", ("sign",)),
    ("minh", ("check", "--dossier")),
)


@pytest.fixture(scope="module")
def training(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ids") / "ws"
    from vanban.cli import main

    assert main(["init", "--training", str(folder)]) == 0
    shutil.copy(SAMPLES / "ke_hoach_hkh_son_la_2024.yaml", folder / "k.yaml")
    (folder / "a.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return folder


def _arguments(words: tuple[str, ...], dossier_id: int, folder: Path) -> list[str]:
    if not any("{id}" in word for word in words):
        words = (*words, "{id}")
    values = {"id": str(dossier_id), "out": str(folder / "out"), "pdf": str(folder / "a.pdf")}
    return [word.format(**values) for word in words]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(ID_COMMANDS),
    st.one_of(st.integers(min_value=2**63), st.just(10**22), st.just(0)),
    st.sampled_from(["vi", "en"]),
)
def test_an_id_no_store_can_hold_is_a_sentence(
    run_cli: Run,
    training: Path,
    command: tuple[str, tuple[str, ...]],
    dossier_id: int,
    lang: str,
) -> None:
    login, words = command
    args = _arguments(words, dossier_id, training)
    result = run_cli("--lang", lang, "--workspace", training, "--as", login, *args)
    assert result.exit_code == 1, (args, result.stderr)
    assert "Traceback" not in result.stderr
    expected = "There is no dossier" if lang == "en" else "Không có hồ sơ số"
    assert f"{expected} {dossier_id}" in result.stderr
    assert not (training / "out").exists()


def test_a_huge_year_lists_an_empty_register(run_cli: Run, training: Path) -> None:
    result = run_cli(
        "--json", "--workspace", training, "--as", "lan", "register", "list", "--year", 10**22
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == []


# ---- a workspace nobody may write to -------------------------------------------------------


# Root may write anywhere; without these capabilities it is held to the permission bits, as
# anyone else is (the files stay its own, so the interpreter under /root is still reachable).
DROP_OVERRIDES = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner")


def _as_reader(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run vanban as someone held to the file permissions."""
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root needs setpriv (util-linux) to honour file permissions")
        prefix = DROP_OVERRIDES
    return subprocess.run(
        [*prefix, sys.executable, "-m", "vanban", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=120,
        check=False,
    )


def _make_read_only(folder: Path) -> None:
    for path in (*folder.rglob("*"), folder):
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@pytest.mark.parametrize("dirty", [False, True], ids=["closed", "wal-left-behind"])
def test_a_read_only_workspace_can_still_be_read(run_cli: Run, tmp_path: Path, dirty: bool) -> None:
    folder = tmp_path / "ws"
    assert run_cli("init", "--training", folder).exit_code == 0
    data = SAMPLES / "ke_hoach_hkh_son_la_2024.yaml"
    ws = ("--workspace", folder)
    assert run_cli(*ws, "--as", "minh", "new", "ke_hoach", data).exit_code == 0
    if dirty:
        # A store whose writer left its -wal and -shm files (changes not yet checkpointed).
        import sqlite3

        keep = sqlite3.connect(folder / ".vanban" / "vanban.db")
        keep.execute("PRAGMA wal_autocheckpoint = 0")
        keep.execute("UPDATE dossiers SET title = title")  # a write that stays in the WAL
        keep.commit()
        shutil.copytree(folder / ".vanban", tmp_path / "copy")
        keep.close()
        shutil.rmtree(folder / ".vanban")
        (tmp_path / "copy").rename(folder / ".vanban")
        assert (folder / ".vanban" / "vanban.db-wal").exists()
    _make_read_only(folder)
    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    printed = {}
    for args in (["list"], ["show", "1"], ["history", "1"], ["register", "list"]):
        result = _as_reader(["--workspace", str(folder), "--as", "minh", *args], tmp_path)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
        printed[args[0]] = result.stdout
    assert "ke_hoach_0001.docx" in printed["show"]
    changed = _as_reader(["--workspace", str(folder), "--as", "minh", "submit", "1"], tmp_path)
    assert changed.returncode == 1
    assert "chỉ cho đọc" in changed.stderr, changed.stderr
    assert {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()} == before
    _make_writable(folder)  # so that pytest can clean up


def _make_writable(folder: Path) -> None:
    for path in (folder, *folder.rglob("*")):
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
