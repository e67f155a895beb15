"""A general Quyết định: the effect clause inside the last Điều, "Như Điều N" first."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from vanban.documents import load_document_data
from vanban.documents.catalogue import TemplateCatalogue
from vanban.documents.decision_context import build_quyet_dinh
from vanban.documents.validation import validate

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "quyet_dinh_hkh_son_la_2024.yaml"


def _texts(context: dict[str, Any]) -> list[str]:
    """The printed text of each body paragraph (the run XML without its tags)."""
    return [re.sub(r"<[^>]+>", "", str(item["noi_dung"])) for item in context["than"]]


def test_an_effect_clause_typed_after_the_articles_opens_the_last_one() -> None:
    spec = TemplateCatalogue().get("quyet_dinh")
    values = validate(spec, load_document_data(SAMPLE))
    last = values["noi_dung"][-1]
    values["noi_dung"] = [*values["noi_dung"][:-1], {"doan": ["Chánh Văn phòng thi hành."]}]
    values["ket_thuc"] = ["Quyết định này có hiệu lực kể từ ngày ký"]
    values["noi_nhan"] = ["Sở Giáo dục và Đào tạo"]
    context = build_quyet_dinh(spec, values)
    texts = _texts(context)
    assert texts[-1] == (
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng thi hành./."
    )
    assert context["noi_nhan"][:2] == ["- Như Điều 3;", "- Sở Giáo dục và Đào tạo;"]
    # The place name never splits at a line end.
    assert context["tham_quyen"] == "CHỦ TỊCH HỘI KHUYẾN HỌC TỈNH\xa0SƠN\xa0LA"
    assert last["doan"][0].startswith("Quyết định này có hiệu lực")


def test_nơi_nhận_that_already_names_the_article_is_kept() -> None:
    spec = TemplateCatalogue().get("quyet_dinh")
    values = validate(spec, load_document_data(SAMPLE))
    values["noi_nhan"] = ["Như Điều 3", "Sở Giáo dục và Đào tạo"]
    context = build_quyet_dinh(spec, values)
    assert context["noi_nhan"][:2] == ["- Như Điều 3;", "- Sở Giáo dục và Đào tạo;"]
