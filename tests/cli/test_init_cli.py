"""``vanban init --training --sample-signing``: a workspace where signing can be practised."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult
from vanban.services.signing_samples import SAMPLE_PASSWORD
from vanban.workspace import load_workspace

Run = Callable[..., CliResult]


def test_sample_signing_declares_keys_for_the_leader_and_the_body(
    run_cli: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "tap_huan"
    result = run_cli("--json", "init", "--training", "--sample-signing", folder)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["sample_signing"] is True
    workspace = load_workspace(folder)
    assert workspace.training
    assert workspace.users["huong"].signing  # the starter's approver signs
    assert workspace.signing["organization_key"] == {"pkcs12": "signing/co_quan.p12"}
    assert sorted(p.name for p in (folder / "signing").iterdir()) == [
        "co_quan.p12",
        "con_dau.png",
        "huong.p12",
        "huong_chu_ky.png",
    ]
    assert (folder / "trust" / "vanban_ca_mau.pem").is_file()


def test_the_password_is_told_once_the_keys_exist(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("init", "--training", "--sample-signing", tmp_path / "w")
    assert result.exit_code == 0
    assert f"mật khẩu “{SAMPLE_PASSWORD}”" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("lang", "text"), [("vi", "hãy thêm --training"), ("en", "add --training")]
)
def test_sample_keys_outside_training_are_refused_and_nothing_is_written(
    run_cli: Run, tmp_path: Path, lang: str, text: str
) -> None:
    folder = tmp_path / "that"
    result = run_cli("--lang", lang, "init", "--sample-signing", folder)
    assert result.exit_code == 1
    assert text in result.stderr
    assert not folder.exists()
