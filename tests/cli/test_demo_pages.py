"""Every document ``vanban demo`` writes passes ``vanban check`` with its pages laid out."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult

Run = Callable[..., CliResult]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice to lay pages out")
def test_every_demo_document_checks_clean_with_its_pages(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    demo = run_cli("--json", "demo", folder)
    assert demo.exit_code == 0, demo.stderr
    report = json.loads(demo.stdout)
    documents = sorted(
        {str(p) for p in report["issued_files"] if str(p).endswith(".docx")}
        | {str(p) for p in report["certificates"]}
    )
    # The issued plans, reports, the award dossier's five documents and the nine Giấy khen.
    assert len(documents) >= 18
    checked = run_cli("--json", "check", *documents)
    result = json.loads(checked.stdout)
    findings = [
        (Path(f["file"]).name, finding) for f in result["files"] for finding in f["findings"]
    ]
    assert findings == [], findings
    assert checked.exit_code == 0
    # The page rules ran on every file: none was skipped for want of a layout.
    assert [f["file"] for f in result["files"] if "skipped" in f] == []
