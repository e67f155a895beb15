"""Every shipped plan, report and letter: rendered, imported, rendered again, unchanged."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tests.conftest import GOLDEN
from tests.importing.shared import SERVICE, canonical, written
from vanban.documents import load_document_data, parse_document_data
from vanban.docx.reading import document_lines
from vanban.importing import import_docx
from vanban.importing.yaml_text import dump

SAMPLES = [
    s
    for s in SERVICE.samples()
    if s.template_id in ("ke_hoach", "bao_cao", "to_trinh", "cong_van", "quyet_dinh")
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


LEVELS = """\
co_quan: HỘI KHUYẾN HỌC TỈNH SƠN LA
ky_hieu_co_quan: HKH
dia_danh: Sơn La
trich_yeu: Tập huấn năm 2024
nam: 2024
danh_so: ["I", "1", "1.1", "a"]
noi_dung:
  - tieu_de: NỘI DUNG
    muc:
      - tieu_de: Tuyên truyền
        muc:
          - tieu_de: Hội nghị quán triệt
            muc:
              - tieu_de: Cấp **tỉnh**
                doan: ["Tổ chức tại Hội trường tỉnh."]
              - doan: ["*Cả đoạn in nghiêng, không phải đề mục.*"]
          - doan: ["**Cả đoạn in đậm** và phần thường."]
      - tieu_de: Kiểm tra
        doan: ["Định kỳ."]
ket_thuc: Trên đây là Kế hoạch tập huấn.
ky: {chuc_vu: CHỦ TỊCH, ho_ten: Mai Thu Hương}
luu: [VT]
"""


def test_every_heading_level_prints_in_its_own_look_and_reads_back() -> None:
    from docx import Document

    spec = SERVICE.catalogue.get("ke_hoach")
    rendered = SERVICE.renderer.render(spec, parse_document_data(LEVELS, "cap.yaml")).content
    numbered = [
        (paragraph.text.split(" ", 1)[0], paragraph.style.name if paragraph.style else "")
        for paragraph in Document(io.BytesIO(rendered)).paragraphs
        if re.match(r"^([IV]+\.|\d+(\.\d+)*\.|[a-zđ]\)) ", paragraph.text)
    ]
    assert numbered == [
        ("I.", "VB Đề mục"),
        ("1.", "VB Đề mục"),
        ("1.1.", "VB Đề mục đậm nghiêng"),
        ("a)", "VB Đề mục nghiêng"),
        ("b)", "VB Nội dung"),
        ("1.2.", "VB Nội dung"),
        ("2.", "VB Đề mục"),
    ]
    imported = import_docx(rendered, "cap.docx")
    assert imported.unplaced == []
    original = parse_document_data(LEVELS, "cap.yaml").values
    assert canonical(written(imported)) == canonical(original)
