"""Every shipped plan, report and letter: rendered, imported, rendered again, unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOLDEN
from tests.importing.shared import SERVICE, canonical, written
from vanban.documents import load_document_data, parse_document_data
from vanban.docx.reading import document_lines
from vanban.importing import import_docx
from vanban.importing.yaml_text import dump

SAMPLES = [
    s for s in SERVICE.samples() if s.template_id in ("ke_hoach", "bao_cao", "to_trinh", "cong_van")
]


@pytest.mark.parametrize("sample", SAMPLES, ids=[sample.name for sample in SAMPLES])
def test_sample_round_trips_to_the_same_data_and_text(sample: object) -> None:
    from vanban.services.documents import Sample

    assert isinstance(sample, Sample)
    first = SERVICE.render(sample.template_id, sample.data_path).content
    imported = import_docx(first, f"{sample.name}.docx")
    assert imported.template_id == sample.template_id
    assert imported.unplaced == []
    original = load_document_data(sample.data_path).values
    assert canonical(written(imported)) == canonical(original)
    spec = SERVICE.catalogue.get(sample.template_id)
    again = SERVICE.renderer.render(spec, parse_document_data(dump(imported.data), "x.yaml"))
    golden = GOLDEN / f"{sample.name}.txt"
    assert "\n".join(document_lines(again.content)) + "\n" == golden.read_text(encoding="utf-8")
    if "bang:" not in sample.data_path.read_text(encoding="utf-8"):
        assert again.content == first  # the same bytes, not only the same text


def test_the_seed_samples_are_all_covered() -> None:
    seeds = {sample.seed for sample in SAMPLES if sample.seed}
    assert len(seeds) == 5
    assert Path(GOLDEN).is_dir()
