"""The committed templates are exactly what doc_templates/build.py produces."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx

from doc_templates.build import build_all
from doc_templates.layout import house_styles
from tests.conftest import TEMPLATES
from vanban.docx.building import drop_unused_styles


def test_committed_templates_match_the_build_script(tmp_path: Path) -> None:
    written = build_all(tmp_path)
    assert {path.name for path in written} == {
        path.name for path in TEMPLATES.iterdir() if path.suffix in (".docx", ".yaml")
    }
    for path in written:
        assert path.read_bytes() == (TEMPLATES / path.name).read_bytes(), (
            f"{path.name} is stale: run `make templates` and commit the result"
        )


def test_templates_carry_only_the_styles_they_use_and_the_house_styles() -> None:
    for path in sorted(TEMPLATES.glob("*.docx")):
        with zipfile.ZipFile(path) as package:
            assert "word/stylesWithEffects.xml" not in package.namelist(), path.name
        document = docx.Document(str(path))
        names = {style.name for style in document.styles}
        drop_unused_styles(document, keep=house_styles(document))
        assert {style.name for style in document.styles} == names, path.name
