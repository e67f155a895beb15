"""A document re-saved by LibreOffice (.docx → .odt → .docx) imports to the same data.

Offices pass files between Word and LibreOffice; the re-saved file has other styles, other
run boundaries and LibreOffice's own numbering and table XML, but the same document.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.importing.office import CORPUS, build
from tests.importing.shared import SERVICE, canonical, written
from vanban.documents import parse_document_data
from vanban.docx.reading import document_lines
from vanban.importing import import_docx
from vanban.importing.yaml_text import dump

SAMPLES = [
    s for s in SERVICE.samples() if s.template_id in ("ke_hoach", "bao_cao", "to_trinh", "cong_van")
]
OFFICES = [office for office in CORPUS if office.name in ("word_danh_so", "tat_ca", "cong_van")]


def _convert(soffice: str, profile: Path, target: str, folder: Path, files: list[Path]) -> None:
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    command += ["--convert-to", target, "--outdir", str(folder), *map(str, files)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def resaved(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every sample and three office documents, each through .odt and back to .docx."""
    folder = tmp_path_factory.mktemp("odt")
    profile = tmp_path_factory.mktemp("profile")
    originals = {
        **{s.name: SERVICE.render(s.template_id, s.data_path).content for s in SAMPLES},
        **{office.name: build(office) for office in OFFICES},
    }
    out: dict[str, bytes] = {}
    for name, content in originals.items():
        (folder / f"{name}.docx").write_bytes(content)
    # One LibreOffice start per direction for the whole set.
    docx = [folder / f"{name}.docx" for name in originals]
    _convert(soffice, profile, "odt", folder / "odt", docx)
    odt = [folder / "odt" / f"{name}.odt" for name in originals]
    _convert(soffice, profile, "docx:MS Word 2007 XML", folder / "back", odt)
    for name in originals:
        path = folder / "back" / f"{name}.docx"
        assert path.exists(), f"LibreOffice did not write {path.name}"
        out[name] = path.read_bytes()
    return out


@pytest.mark.parametrize("sample", SAMPLES, ids=[sample.name for sample in SAMPLES])
def test_resaved_sample_imports_to_the_same_data_and_text(
    sample: object, resaved: dict[str, bytes]
) -> None:
    from vanban.services.documents import Sample

    assert isinstance(sample, Sample)
    imported = import_docx(resaved[sample.name], f"{sample.name}.docx")
    original = import_docx(
        SERVICE.render(sample.template_id, sample.data_path).content, f"{sample.name}.docx"
    )
    assert imported.unplaced == []
    assert canonical(written(imported)) == canonical(written(original))
    spec = SERVICE.catalogue.get(sample.template_id)
    again = SERVICE.renderer.render(spec, parse_document_data(dump(imported.data), "x.yaml"))
    first = SERVICE.render(sample.template_id, sample.data_path).content
    assert document_lines(again.content) == document_lines(first)


@pytest.mark.parametrize("office", OFFICES, ids=[office.name for office in OFFICES])
def test_resaved_office_document_imports_to_the_same_data(
    office: object, resaved: dict[str, bytes]
) -> None:
    from tests.importing.office import Office

    assert isinstance(office, Office)
    before = import_docx(build(office), f"{office.name}.docx")
    after = import_docx(resaved[office.name], f"{office.name}.docx")
    assert canonical(written(after)) == canonical(written(before))
