"""Workflow definitions cached by file content: the same definitions, read again when edited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vanban.resources import shipped_dir
from vanban.workflow import load_workflow
from vanban.workflow.cache import cached_definitions

SHIPPED = sorted(shipped_dir("workflows").glob("*.yaml"))


def test_every_shipped_workflow_comes_back_from_the_cache_as_read(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "workflows.json"
    files = {path.stem: path for path in SHIPPED}
    first = cached_definitions(files, cache)
    assert cache.exists()
    again = cached_definitions(files, cache)
    for name, path in files.items():
        assert first[name] == load_workflow(path)
        assert again[name] == first[name]


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "ke_hoach.yaml"
    text = (shipped_dir("workflows") / "ke_hoach.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    cache = tmp_path / "workflows.json"
    before = cached_definitions({"ke_hoach": path}, cache)["ke_hoach"]
    path.write_text(
        text.replace(f"label: {before.label}\n", "label: Kế hoạch (sửa)\n", 1), encoding="utf-8"
    )
    after = cached_definitions({"ke_hoach": path}, cache)["ke_hoach"]
    assert after.label == "Kế hoạch (sửa)"
    assert len(json.loads(cache.read_text(encoding="utf-8"))) == 2


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"x": {"name": 1}}'])
def test_a_damaged_cache_is_ignored(tmp_path: Path, content: str) -> None:
    cache = tmp_path / "workflows.json"
    cache.write_text(content, encoding="utf-8")
    path = shipped_dir("workflows") / "ke_hoach.yaml"
    assert cached_definitions({"ke_hoach": path}, cache)["ke_hoach"] == load_workflow(path)


def test_a_cache_that_cannot_be_written_costs_only_the_parse(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    path = shipped_dir("workflows") / "ke_hoach.yaml"
    try:
        found = cached_definitions({"ke_hoach": path}, locked / "sub" / "workflows.json")
    finally:
        locked.chmod(0o700)
    assert found["ke_hoach"] == load_workflow(path)


def test_a_process_reads_a_file_again_when_its_text_changes(tmp_path: Path) -> None:
    # load_workflow keeps what it read by path and text: the same path with new text is new.
    path = tmp_path / "ke_hoach.yaml"
    text = (shipped_dir("workflows") / "ke_hoach.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = load_workflow(path)
    assert load_workflow(path) is first
    path.write_text(text.replace(f"label: {first.label}\n", "label: Đã sửa\n", 1), "utf-8")
    assert load_workflow(path).label == "Đã sửa"
