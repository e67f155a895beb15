"""Our own documents, and the same documents resaved by LibreOffice, have no findings."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from vanban.checker import check_bytes, check_path
from vanban.services.documents import DocumentService, Sample

SERVICE = DocumentService()
# `vanban check` applies Nghị định 30/2020; certificates printed on blanks and the forms of
# other decrees (Nghị định 152/2025) are samples too, but not administrative documents.
ND30 = "Nghị định 30/2020"
SAMPLES = [s for s in SERVICE.samples() if ND30 in SERVICE.catalogue.get(s.template_id).form]
TEMPLATES = sorted({sample.template_id for sample in SAMPLES})


def _render(sample: Sample) -> bytes:
    return SERVICE.render(sample.template_id, sample.data_path).content


def _describe(findings: object) -> str:
    return "\n".join(
        f"{f.rule}: {f.found.vi} ({f.where.describe()})"
        for f in findings  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("sample", SAMPLES, ids=[sample.name for sample in SAMPLES])
def test_every_sample_has_no_findings(sample: Sample) -> None:
    report = check_bytes(_render(sample), f"{sample.name}.docx")
    assert report.error is None
    assert report.findings == (), _describe(report.findings)


def test_every_nd30_template_has_a_sample() -> None:
    nd30 = {spec.id for spec in SERVICE.catalogue.list() if ND30 in spec.form}
    assert {"ke_hoach", "bao_cao", "cong_van"} <= nd30
    assert nd30 == set(TEMPLATES)


@pytest.mark.parametrize("name", ["ke_hoach_hkh_son_la_2024", "cong_van_hkh_son_la_2024"])
def test_document_resaved_by_libreoffice_has_no_findings(
    name: str, soffice: str, tmp_path: Path
) -> None:
    sample = next(item for item in SAMPLES if item.name == name)
    source = tmp_path / "in" / f"{name}.docx"
    source.parent.mkdir()
    source.write_bytes(_render(sample))
    out = tmp_path / "out"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    converted = out / f"{name}.docx"
    assert converted.read_bytes() != source.read_bytes()
    report = check_path(converted)
    assert report.error is None
    assert report.findings == (), _describe(report.findings)
