"""Nobody acts as someone else: --as and VANBAN_USER are claims, honoured only in training.

Issue 10 item 4: the drafter ran ``--as huong approve`` and history recorded the claimed name.
Here the operating-system account running the tests is mapped to the secretary; every claim to
be another person is refused and leaves the store unchanged.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, CliResult
from vanban.workspace import os_account

Run = Callable[..., CliResult]


def _office(run_cli: Run, folder: Path) -> Path:
    """A real (not training) workspace where the OS account running the tests is minh."""
    assert run_cli("init", folder).exit_code == 0
    config = folder / "vanban.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('login = "minh"', f'login = "minh"\naccount = "{os_account()}"'),
        encoding="utf-8",
    )
    data = SAMPLES.joinpath("ke_hoach_hkh_son_la_2024.yaml").read_text(encoding="utf-8")
    lines = [line for line in data.splitlines() if not line.startswith(("so:", "ngay:"))]
    (folder / "ke_hoach.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _rows(folder: Path) -> tuple[object, ...]:
    with sqlite3.connect(folder / ".vanban" / "vanban.db") as db:
        return (
            db.execute("SELECT id, state, version FROM dossiers").fetchall(),
            db.execute("SELECT actor, event FROM events ORDER BY id").fetchall(),
        )


def test_the_os_account_acts_and_claims_are_refused(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _office(run_cli, tmp_path / "office")
    ws = ("--workspace", folder)
    created = run_cli(*ws, "--json", "new", "ke_hoach", folder / "ke_hoach.yaml")
    assert created.exit_code == 0, created.stderr
    dossier = json.loads(created.stdout)["dossier"]["id"]
    assert run_cli(*ws, "--as", "minh", "submit", dossier).exit_code == 0  # minh is minh
    before = _rows(folder)
    assert before[1] == [("minh", "create"), ("minh", "submit")]

    refused = run_cli(*ws, "--as", "an", "review", dossier)
    assert refused.exit_code == 1
    assert "Không thể hành động với tư cách “an”" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _rows(folder) == before

    monkeypatch.setenv("VANBAN_USER", "huong")
    assert run_cli(*ws, "approve", dossier).exit_code == 1
    english = run_cli("--lang", "en", *ws, "review", dossier)
    assert "Cannot act as “huong”" in english.stderr
    monkeypatch.delenv("VANBAN_USER")
    # $USER is not who runs the process either.
    monkeypatch.setenv("USER", "an")
    monkeypatch.setenv("LOGNAME", "an")
    assert run_cli(*ws, "review", dossier).exit_code == 1  # minh may not review her own
    assert _rows(folder) == before


def test_an_unmapped_account_can_do_nothing(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "office"
    assert run_cli("init", folder).exit_code == 0
    config = folder / "vanban.toml"
    text = config.read_text(encoding="utf-8").replace('login = "minh"', 'login = "minh_x"')
    config.write_text(text.replace(f'"{os_account()}"', '"someone_else"'), encoding="utf-8")
    shown = run_cli("--workspace", folder, "--as", "huong", "show", "1")
    assert shown.exit_code == 1
    assert f"“{os_account()}” không gắn với người nào" in shown.stderr


def test_init_training_marks_the_workspace(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("--json", "init", "--training", tmp_path / "t")
    assert json.loads(result.stdout)["training"] is True
    assert "training = true" in (tmp_path / "t" / "vanban.toml").read_text(encoding="utf-8")
    assert "training = false" in _office(run_cli, tmp_path / "o").joinpath("vanban.toml").read_text(
        encoding="utf-8"
    )
