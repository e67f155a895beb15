"""Our own documents, and the same documents resaved by LibreOffice, have no findings."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from vanban.checker import check_bytes, check_path
from vanban.services.documents import DocumentService, Sample

SERVICE = DocumentService()
# Every form vanban ships is checked by the rules of its own form: Phụ lục I documents, the
# Nghị định 152/2025 reports, and certificates printed on a blank.
SAMPLES = list(SERVICE.samples())
TEMPLATES = sorted({sample.template_id for sample in SAMPLES})
CERTIFICATES = {"bang_khen", "giay_khen"}


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
    assert report.form == ("phoi_khen" if sample.template_id in CERTIFICATES else "van_ban")


def test_every_template_has_a_sample() -> None:
    shipped = {spec.id for spec in SERVICE.catalogue.list()}
    assert {"ke_hoach", "bao_cao_thanh_tich_ca_nhan", "giay_khen"} <= shipped
    assert shipped == set(TEMPLATES)


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
