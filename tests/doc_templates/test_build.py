"""The committed templates are exactly what doc_templates/build.py produces."""

from __future__ import annotations

from pathlib import Path

from doc_templates.build import build_all
from tests.conftest import TEMPLATES


def test_committed_templates_match_the_build_script(tmp_path: Path) -> None:
    written = build_all(tmp_path)
    assert {path.name for path in written} == {
        path.name for path in TEMPLATES.iterdir() if path.suffix in (".docx", ".yaml")
    }
    for path in written:
        assert path.read_bytes() == (TEMPLATES / path.name).read_bytes(), (
            f"{path.name} is stale: run `make templates` and commit the result"
        )
