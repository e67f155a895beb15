"""``vanban template lint``: our templates are clean; each kind of broken template is caught."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import TEMPLATES, CliResult
from vanban.checker.template_checks import lint_templates

Run = Callable[..., CliResult]
OURS = ["ke_hoach", "bao_cao", "cong_van"]
SO_KY_HIEU = "<w:t>Số: {{ so_ky_hieu }}</w:t></w:r></w:p>"
CO_QUAN = "<w:t>{{ co_quan }}</w:t>"


def _copy(tmp_path: Path, body: Callable[[str], str] | None = None) -> Path:
    """Copy ke_hoach (.docx and manifest) into tmp_path, with its body XML changed."""
    target = tmp_path / "ke_hoach.docx"
    shutil.copy(TEMPLATES / "ke_hoach.yaml", tmp_path / "ke_hoach.yaml")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(TEMPLATES / "ke_hoach.docx") as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package,
    ):
        for name in source.namelist():
            content = source.read(name)
            if name == "word/document.xml" and body is not None:
                changed = body(content.decode("utf-8"))
                assert changed != content.decode("utf-8"), "the change must apply"
                content = changed.encode("utf-8")
            package.writestr(name, content)
    target.write_bytes(out.getvalue())
    return target


def _manifest(path: Path, change: Callable[[dict[str, object]], None]) -> None:
    manifest = path.with_suffix(".yaml")
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    change(data)
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _rules(path: Path) -> list[str]:
    (report,) = lint_templates(path)
    assert report.error is None, report.error
    return [finding.rule for finding in report.findings]


@pytest.mark.parametrize("template_id", OURS)
def test_our_templates_are_clean(template_id: str, run_cli: Run) -> None:
    result = run_cli("template", "lint", TEMPLATES / f"{template_id}.docx")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "1 mẫu, 0 vi phạm"


def test_a_tag_split_across_runs_is_fine(tmp_path: Path) -> None:
    # Word splits tags into runs all the time; docxtpl joins them.
    split = "<w:t>{{ co_</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>quan }}</w:t>"
    assert _rules(_copy(tmp_path, lambda xml: xml.replace(CO_QUAN, split))) == []


def _split_across_paragraphs(xml: str) -> str:
    return xml.replace(
        SO_KY_HIEU, "<w:t>Số: {{ so_ky</w:t></w:r></w:p><w:p><w:r><w:t>_hieu }}</w:t></w:r></w:p>"
    )


def _remove_required(data: dict[str, object]) -> None:
    fields = data["fields"]
    assert isinstance(fields, list)
    signature = next(field for field in fields if field["name"] == "ky")
    signature["example"] = {"chuc_vu": "CHỦ TỊCH"}  # no ho_ten: the example is invalid


def _add_unused(data: dict[str, object]) -> None:
    fields = data["fields"]
    assert isinstance(fields, list)
    fields.append({"name": "ghi_chu_noi_bo", "type": "text", "label": "Ghi chú", "example": "x"})


# Each case: how the body XML changes, how the manifest changes, every finding expected.
# A template that breaks usually also fails to render with its example; that is reported too.
Body = Callable[[str], str] | None
Manifest = Callable[[dict[str, object]], None] | None
SPLIT, SYNTAX, RENDER = "VANBAN-TPL-split-tag", "VANBAN-TPL-syntax", "VANBAN-TPL-render"
UNDECLARED, UNUSED, SANDBOX = (
    "VANBAN-TPL-undeclared",
    "VANBAN-TPL-unused-field",
    "VANBAN-TPL-sandbox",
)


def _co_quan(tag: str) -> Callable[[str], str]:
    return lambda xml: xml.replace(CO_QUAN, f"<w:t>{tag}</w:t>")


CASES: dict[str, tuple[Body, Manifest, list[str]]] = {
    "split-across-paragraphs": (_split_across_paragraphs, None, [SPLIT]),
    "mistyped-braces": (_co_quan("{ { co_quan }}"), None, [SPLIT]),
    "unclosed-block": (lambda xml: xml.replace("{%p endfor %}", "", 1), None, [SYNTAX, RENDER]),
    "bad-expression": (_co_quan("{{ co_quan + }}"), None, [SYNTAX, RENDER]),
    # dia_danh is a data field: the template gets dia_danh_ngay, so ngay and nam go unused.
    "data-field-not-context": (
        lambda xml: xml.replace("{{ dia_danh_ngay }}", "{{ dia_danh }}"),
        None,
        [UNDECLARED, UNUSED, UNUSED, RENDER],
    ),
    "unknown-variable": (_co_quan("{{ ten_co_quan }}"), None, [UNDECLARED, RENDER]),
    "unused-field": (None, _add_unused, [UNUSED]),
    "dunder": (_co_quan("{{ co_quan.__class__ }}"), None, [SANDBOX, RENDER]),
    "attr-filter": (_co_quan("{{ co_quan|attr('upper') }}"), None, [SANDBOX]),
    "mutating-call": (_co_quan("{{ can_cu.append('x') }}"), None, [SANDBOX, RENDER]),
    "removed-global": (_co_quan("{{ range(3) }}"), None, [SANDBOX, RENDER]),
    "example-does-not-validate": (None, _remove_required, [RENDER]),
}


@pytest.mark.parametrize("name", CASES)
def test_broken_template_is_caught(name: str, tmp_path: Path) -> None:
    body, manifest, expected = CASES[name]
    path = _copy(tmp_path, body)
    if manifest is not None:
        _manifest(path, manifest)
    assert _rules(path) == expected


def test_context_variables_derived_from_fields_are_not_flagged(tmp_path: Path) -> None:
    # so, ngay, dia_danh, ky_hieu_co_quan are never printed by name: so_ky_hieu and
    # dia_danh_ngay are, and lint must know they come from those fields.
    assert _rules(_copy(tmp_path)) == []


def test_cli_reports_and_exits_one(run_cli: Run, tmp_path: Path) -> None:
    path = _copy(tmp_path, _split_across_paragraphs)
    result = run_cli("template", "lint", path)
    assert result.exit_code == 1
    assert "[VANBAN-TPL-split-tag]" in result.stdout
    assert "“Số: {{ so_ky”" in result.stdout
    payload = json.loads(run_cli("--json", "template", "lint", path).stdout)
    assert payload["ok"] is False
    assert payload["templates"][0]["findings"][0]["rule"] == "VANBAN-TPL-split-tag"


def test_a_docx_without_manifest_is_refused(run_cli: Run, tmp_path: Path) -> None:
    lonely = tmp_path / "mau_rieng.docx"
    shutil.copy(TEMPLATES / "ke_hoach.docx", lonely)
    result = run_cli("template", "lint", lonely)
    assert result.exit_code == 1
    assert "Không có tệp mô tả (.yaml)" in result.stdout


def test_a_folder_lints_every_template_in_it(run_cli: Run, tmp_path: Path) -> None:
    for template_id in ("ke_hoach", "cong_van"):
        for suffix in (".docx", ".yaml"):
            shutil.copy(TEMPLATES / f"{template_id}{suffix}", tmp_path / f"{template_id}{suffix}")
    result = run_cli("template", "lint", tmp_path)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "2 mẫu, 0 vi phạm"


def test_default_lints_the_catalogue(run_cli: Run) -> None:
    result = run_cli("template", "lint")
    assert "Traceback" not in result.stdout + result.stderr
    for template_id in OURS:
        assert f"{template_id} (" in result.stdout
    assert " mẫu, " in result.stdout.splitlines()[-1]
