"""A manifest whose fields do not fit the context builder it names is a sentence that names the
template and the builder, in `render` and in `template lint` (issue 10 item 9: a KeyError
traceback)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, TEMPLATES, CliResult
from vanban.documents.builders import CONTEXT_BUILDERS

Run = Callable[..., CliResult]


@pytest.mark.parametrize("builder", sorted(set(CONTEXT_BUILDERS) - {"standard"}))
def test_a_plan_manifest_naming_another_builder(
    builder: str, run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mau"
    folder.mkdir()
    shutil.copy(TEMPLATES / "ke_hoach.docx", folder)
    manifest = (TEMPLATES / "ke_hoach.yaml").read_text(encoding="utf-8")
    (folder / "ke_hoach.yaml").write_text(f"{manifest}context: {builder}\n", encoding="utf-8")
    monkeypatch.setenv("VANBAN_TEMPLATES", str(folder))
    out = tmp_path / "out.docx"
    result = run_cli("render", "ke_hoach", SAMPLES / "ke_hoach_hkh_son_la_2024.yaml", "-o", out)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    # The template and its builder named, or the data's problem as that builder sees it.
    named = "“ke_hoach”" in result.stderr and f"“{builder}”" in result.stderr
    assert named or "Hãy sửa dữ liệu" in result.stderr, result.stderr
    assert not out.exists()
    lint = run_cli("template", "lint", folder / "ke_hoach.docx")
    assert lint.exit_code == 1
    assert "Traceback" not in lint.stdout + lint.stderr
    said = lint.stdout + lint.stderr
    assert f"“{builder}”" in said or "Hãy sửa dữ liệu" in said
