"""Award templates as rendered .docx: builder registry, appendix section, certificate frames."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import SAMPLES
from tests.docx.crafting import attribute
from vanban.documents import Renderer, TemplateCatalogue, load_document_data, parse_document_data
from vanban.documents.builders import CONTEXT_BUILDERS
from vanban.documents.layout import mm_to_twips
from vanban.docx.oxml import element_of, find_path, section_properties
from vanban.docx.reading import document_lines, normalise, open_docx
from vanban.errors import TemplateError

FOLDER = SAMPLES / "khen_thuong_mau"
# The award dossier's templates: each has a builder of its own (the general Quyết định's
# builder is not an award one).
AWARD_TEMPLATES = [
    spec.id for spec in TemplateCatalogue().list() if spec.context not in ("standard", "quyet_dinh")
]


def _render(template: str, sample: str) -> bytes:
    spec = TemplateCatalogue().get(template)
    data = load_document_data(FOLDER / sample)
    return Renderer().render(spec, data, today=dt.date(2025, 11, 20)).content


def test_every_manifest_names_a_registered_builder() -> None:
    used = {spec.context for spec in TemplateCatalogue().list()}
    assert used <= set(CONTEXT_BUILDERS)
    assert len(AWARD_TEMPLATES) == 9


def test_unknown_builder_is_a_template_error(tmp_path: Path) -> None:
    source = TemplateCatalogue().get("to_trinh_khen_thuong")
    shutil.copy(source.docx_path, tmp_path)
    manifest = source.docx_path.with_suffix(".yaml").read_text(encoding="utf-8")
    (tmp_path / "to_trinh_khen_thuong.yaml").write_text(
        manifest.replace("context: to_trinh_khen_thuong", "context: khong_co"), encoding="utf-8"
    )
    spec = TemplateCatalogue([tmp_path]).get("to_trinh_khen_thuong")
    data = load_document_data(FOLDER / "to_trinh_khen_thuong_hkh_son_la_2025.yaml")
    with pytest.raises(TemplateError) as caught:
        Renderer().render(spec, data)
    assert "bộ dựng ngữ cảnh “khong_co”" in caught.value.text()
    assert "quyet_dinh_khen_thuong" in caught.value.text()  # the known ones are listed


@pytest.mark.parametrize("template", AWARD_TEMPLATES)
def test_manifest_example_renders(template: str) -> None:
    spec = TemplateCatalogue().get(template)
    text = yaml.safe_dump(spec.example_data(), allow_unicode=True)
    content = Renderer().render(spec, parse_document_data(text, "vi_du.yaml")).content
    assert document_lines(content)


def test_decision_list_is_an_appendix_numbered_on_its_own() -> None:
    content = _render("quyet_dinh_khen_thuong", "quyet_dinh_khen_thuong_hkh_son_la_2025.yaml")
    document = open_docx(content)
    assert len(document.sections) == 2
    decision, appendix = document.sections
    # A new page whose numbers start again at 1, with none on its first page (as on page 1).
    assert appendix.start_type == 2  # WD_SECTION.NEW_PAGE
    numbering = find_path(section_properties(appendix), "w:pgNumType")
    assert numbering is not None
    assert attribute(numbering, "start") == "1"
    assert appendix.different_first_page_header_footer
    assert decision.different_first_page_header_footer
    lines = document_lines(content)
    assert lines.index("DANH SÁCH") > lines.index("Mai Thu Hương")
    assert lines[-2:] == ["Tổng cộng", "8.490.000"]


def test_same_data_gives_the_same_bytes() -> None:
    sample = "bien_ban_hoi_dong_tdkt_hkh_son_la_2025.yaml"
    assert _render("bien_ban_hop_hoi_dong", sample) == _render("bien_ban_hop_hoi_dong", sample)


def test_certificate_items_are_page_anchored_frames() -> None:
    content = _render("bang_khen", "bang_khen_son_la_2025.yaml")
    document = open_docx(content)
    section = document.sections[0]
    assert section.header.is_linked_to_previous  # no header part: no page number
    assert find_path(section_properties(section), "w:titlePg") is None
    frames = {
        normalise(paragraph.text): find_path(element_of(paragraph), "w:pPr", "w:framePr")
        for paragraph in document.paragraphs
        if find_path(element_of(paragraph), "w:pPr", "w:framePr") is not None
    }
    assert list(frames) == [
        "Hội Khuyến học huyện Thuận Châu",
        "Huyện Thuận Châu",
        "Đã có thành tích xuất sắc trong phong trào “Cả nước thi đua xây dựng xã hội học tập, "
        "đẩy mạnh học tập suốt đời”, giai đoạn 2023 - 2025",
        "Quyết định số: 2875/QĐ-UBND",
        "Số vào sổ: 1247",
        "Sơn La, ngày 05 tháng 12 năm 2025",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "Cầm Văn Hòa",  # the signer's name under the title
    ]
    name = frames["Hội Khuyến học huyện Thuận Châu"]
    # The sample moves the name to y = 89 mm in 24 pt; x and width stay the manifest's.
    assert attribute(name, "x") == str(mm_to_twips(30))
    assert attribute(name, "y") == str(mm_to_twips(89))
    assert attribute(name, "w") == str(mm_to_twips(237))
    assert (attribute(name, "hAnchor"), attribute(name, "vAnchor")) == ("page", "page")
    run = next(
        p for p in document.paragraphs if normalise(p.text) == "Hội Khuyến học huyện Thuận Châu"
    ).runs[0]
    assert run.font.size.pt == 24
    assert run.font.bold
    last = element_of(document.paragraphs[-1])
    assert find_path(last, "w:pPr", "w:framePr") is None  # ends with a plain one
