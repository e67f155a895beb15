"""A manifest read again by the same process: the same spec for the same text, new for new."""

from __future__ import annotations

import shutil
from pathlib import Path

from vanban.documents.catalogue import TemplateCatalogue, default_folders, load_manifest


def test_a_manifest_is_parsed_once_per_text(tmp_path: Path) -> None:
    shipped = default_folders()[-1]
    path = tmp_path / "cong_van.yaml"
    shutil.copy(shipped / "cong_van.yaml", path)
    first = load_manifest(path)
    assert load_manifest(path) is first
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"title: {first.title}", "title: Công văn (sửa)", 1), "utf-8")
    assert load_manifest(path).title == "Công văn (sửa)"
    assert TemplateCatalogue([tmp_path]).get("cong_van").title == "Công văn (sửa)"
