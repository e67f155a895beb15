"""The workflows of a workspace, checked once per content: the next command reads the cache,
an edited file or another set of templates is checked again with the usual message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_lazy import _imported_by
from tests.conftest import CliResult
from vanban.documents.catalogue import MANIFEST_CACHE, TemplateCatalogue
from vanban.resources import shipped_dir
from vanban.services.workflows import workflow_definitions
from vanban.workflow import InvalidWorkflowError, load_workflow, load_workflows
from vanban.workflow.cache import WORKSPACE_CACHE
from vanban.workflow.loader import load_workflow_files

Run = Callable[..., CliResult]
DATA = """\
trich_yeu: Đăng ký chỉ tiêu thi đua năm 2024
kinh_gui: [Hội Khuyến học các huyện]
mo_dau: Đề nghị các đơn vị đăng ký chỉ tiêu thi đua./.
ky: {ky_thay: CHỦ TỊCH, chuc_vu: PHÓ CHỦ TỊCH, ho_ten: Lò Văn Minh}
"""
SHIPPED = shipped_dir("workflows")
TEMPLATES = [spec.id for spec in TemplateCatalogue().list()]


def _workspace(run_cli: Run, tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "ws"
    assert run_cli("init", "--training", folder).exit_code == 0
    data = tmp_path / "cong_van.yaml"
    data.write_text(DATA, encoding="utf-8")
    return folder, data


def _entries(folder: Path) -> dict[str, object]:
    entries: dict[str, object] = json.loads((folder / WORKSPACE_CACHE).read_bytes())
    return entries


def test_the_next_command_on_an_unchanged_workspace_imports_no_schema(
    run_cli: Run, tmp_path: Path
) -> None:
    folder, data = _workspace(run_cli, tmp_path)
    ws = ("--workspace", str(folder), "--as", "minh")
    # The first command checks every workflow file against the templates (the probe sees it)…
    assert "pydantic" in _imported_by(*ws, "new", "cong_van", str(data), watched=("pydantic",))
    assert run_cli(*ws, "list").stdout.count("Dự thảo") == 1
    # The template manifests it read are kept by content too, one entry each.
    manifests = json.loads((folder / MANIFEST_CACHE).read_bytes())
    assert sorted(entry["id"] for entry in manifests.values()) == sorted(TEMPLATES)
    # …the next ones, which change dossiers, take the definitions from the workspace's cache.
    assert _imported_by(*ws, "new", "cong_van", str(data), watched=("pydantic",)) == set()
    assert _imported_by(*ws, "submit", "1", watched=("pydantic",)) == set()
    assert run_cli(*ws, "show", "1").stdout.count("Đã trình") >= 1


def test_an_edited_workflow_is_checked_again_and_refused_as_without_cache(
    run_cli: Run, tmp_path: Path
) -> None:
    folder, data = _workspace(run_cli, tmp_path)
    local = folder / "workflows" / "cong_van.yaml"
    local.parent.mkdir()
    text = (SHIPPED / "cong_van.yaml").read_text(encoding="utf-8")
    local.write_text(text.replace("label: Công văn\n", "label: Công văn của Hội\n", 1), "utf-8")
    ws = ("--workspace", folder, "--as", "minh")
    assert run_cli(*ws, "new", "cong_van", data).exit_code == 0
    assert run_cli(*ws, "show", "1").stdout.count("Công văn của Hội") >= 1
    cached = _entries(folder)

    local.write_text(text.replace("roles: [secretary]", "roles: [boss]", 1), "utf-8")
    refused = run_cli(*ws, "new", "cong_van", data)
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert "boss" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _entries(folder) == cached  # a file found wrong is never stored

    (folder / WORKSPACE_CACHE).unlink()  # the same refusal, word for word, without a cache
    assert run_cli(*ws, "new", "cong_van", data) == refused
    assert run_cli(*ws, "--lang", "en", "new", "cong_van", data).stderr.count("boss") >= 1


def test_the_templates_a_workflow_names_are_part_of_the_key(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "workflows").mkdir(parents=True)
    own = root / "workflows" / "cong_van.yaml"
    text = (SHIPPED / "cong_van.yaml").read_text(encoding="utf-8")
    own.write_text(text.replace("label: Công văn\n", "label: Công văn của Hội\n", 1), "utf-8")
    found = workflow_definitions(root, TEMPLATES)
    assert found == load_workflows(SHIPPED, TEMPLATES) | {"cong_van": load_workflow(own)}
    assert found["cong_van"].label == "Công văn của Hội"
    before = len(_entries(root))

    # A template added: the same files, checked again under another key.
    assert workflow_definitions(root, [*TEMPLATES, "to_trinh_moi"]) == found
    assert len(_entries(root)) == before + len(found) + 1  # the shipped cong_van and our own

    # The template the workflow names is gone: refused as if there were no cache.
    without = [name for name in TEMPLATES if name != "cong_van"]
    with pytest.raises(InvalidWorkflowError) as cached:
        workflow_definitions(root, without)
    with pytest.raises(InvalidWorkflowError) as direct:
        load_workflow_files([*sorted(SHIPPED.glob("*.yaml")), own], without)
    assert cached.value.text("vi") == direct.value.text("vi")
    assert cached.value.text("en") == direct.value.text("en")
    assert "cong_van" in cached.value.text("en")


def test_a_cache_that_cannot_be_read_or_written_costs_only_the_parse(
    run_cli: Run, tmp_path: Path
) -> None:
    folder, data = _workspace(run_cli, tmp_path)
    # The caches' places are taken by folders: neither read nor replaced, even by root, as in
    # a workspace on a read-only share.
    for cache in (WORKSPACE_CACHE, MANIFEST_CACHE):
        (folder / cache).mkdir(parents=True)
    ws = ("--workspace", folder, "--as", "minh")
    assert run_cli(*ws, "new", "cong_van", data).exit_code == 0
    assert run_cli(*ws, "submit", "1").exit_code == 0
    assert run_cli(*ws, "show", "1").stdout.count("Đã trình") >= 1
    for cache in (WORKSPACE_CACHE, MANIFEST_CACHE):
        assert list((folder / cache).iterdir()) == []
    names = sorted(p.name for p in (folder / WORKSPACE_CACHE).parent.iterdir())
    assert names == ["manifests.json", "workflows.json"]
