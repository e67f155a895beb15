from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from docxtpl import RichText

from vanban.documents import TemplateCatalogue
from vanban.documents.context import build_context, rich
from vanban.documents.markup import parse_emphasis
from vanban.documents.symbol import number_and_symbol
from vanban.documents.text_metrics import text_width_pt

BASE: dict[str, Any] = {
    "co_quan": "hội khuyến học tỉnh sơn la",
    "ky_hieu_co_quan": "HKH",
    "dia_danh": "Sơn La",
    "trich_yeu": "Thử",
    "noi_dung": [{"doan": ["Nội dung"]}],
    "ky": {"thay_mat": "hội khuyến học tỉnh", "chuc_vu": "chủ tịch", "ho_ten": "Mai Thu Hương"},
}


def _context(template: str = "ke_hoach", **values: Any) -> dict[str, Any]:
    spec = TemplateCatalogue().get(template)
    return build_context(spec, {**BASE, **values}, today=dt.date(2024, 5, 1))


@pytest.mark.parametrize(
    ("template", "values", "expected"),
    [
        ("ke_hoach", {"so": 3}, "03/KH-HKH"),
        ("ke_hoach", {"so": 10}, "10/KH-HKH"),
        ("bao_cao", {"so": 148}, "148/BC-HKH"),
        ("ke_hoach", {}, "     /KH-HKH"),
        ("cong_van", {"so": 5, "ky_hieu_don_vi": "VP"}, "05/HKH-VP"),
        ("cong_van", {"so": 5}, "05/HKH"),
    ],
    ids=["leading-zero", "ten", "report", "draft", "cong-van", "cong-van-no-unit"],
)
def test_number_and_symbol(template: str, values: dict[str, Any], expected: str) -> None:
    spec = TemplateCatalogue().get(template)
    assert number_and_symbol(spec, {**BASE, **values}) == expected


def test_place_and_date_issued_and_draft() -> None:
    assert _context(ngay=dt.date(2024, 1, 29))["dia_danh_ngay"] == (
        "Sơn La, ngày 29 tháng 01 năm 2024"
    )
    assert _context(nam=2023)["dia_danh_ngay"] == "Sơn La, ngày       tháng       năm 2023"
    assert _context()["dia_danh_ngay"].endswith("năm 2024")  # the current year by default


def test_agency_and_signature_upper_case() -> None:
    context = _context()
    # The place name stays on one line: "TỈNH SƠN LA" is joined by non-breaking spaces.
    assert context["co_quan"] == "HỘI KHUYẾN HỌC TỈNH\xa0SƠN\xa0LA"
    assert context["ky"]["quyen_han"] == ["TM. HỘI KHUYẾN HỌC TỈNH"]
    assert context["ky"]["chuc_vu"] == "CHỦ TỊCH"
    assert context["ky"]["ho_ten"] == "Mai\xa0Thu\xa0Hương"


def test_on_behalf_and_deputy_lines_in_order() -> None:
    ky = {"ky_thay": "chủ tịch", "thay_mat": "ủy ban nhân dân", "chuc_vu": "PCT", "ho_ten": "A"}
    assert _context(ky=ky)["ky"]["quyen_han"] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]


def test_legal_bases_punctuation() -> None:
    assert _context(can_cu=["Căn cứ A.", "Căn cứ B;", "Căn cứ C"])["can_cu"] == [
        "Căn cứ A;",
        "Căn cứ B;",
        "Căn cứ C.",
    ]


def test_distribution_ends_with_filing_line_vt_first() -> None:
    lines = _context(noi_nhan=["- TW Hội (b/c);", "UBND tỉnh."], luu=["VP", "VT"])["noi_nhan"]
    assert lines == ["- TW Hội (b/c);", "- UBND tỉnh;", "- Lưu: VT, VP."]
    assert _context()["noi_nhan"] == ["- Lưu: VT."]


def test_recipients_one_inline_several_as_dashes() -> None:
    one = _context(kinh_gui=["Sở Nội vụ"])
    assert one["kinh_gui"] == [{"dau": True, "noi_dung": "Sở Nội vụ."}]
    assert one["noi_nhan"][0] == "- Như trên;"
    several = _context(kinh_gui=["A", "B", "C"])["kinh_gui"]
    assert [line["noi_dung"] for line in several] == ["- A;", "- B;", "- C."]
    assert [line["dau"] for line in several] == [True, False, False]


def test_rules_are_a_third_to_a_half_of_the_text() -> None:
    rules = _context(co_quan="HỘI KHUYẾN HỌC\nTỈNH SƠN LA")["duong_ke"]
    cell_twips = (67.0 - 2 * 1.9) * 1440 / 25.4
    line_twips = text_width_pt("HỘI KHUYẾN HỌC", 12, bold=True) * 20
    length = cell_twips - rules["co_quan"]["trai"] - rules["co_quan"]["phai"]
    assert line_twips / 3 <= length <= line_twips / 2
    assert rules["co_quan"]["trai"] == rules["co_quan"]["phai"]  # centred


@pytest.mark.parametrize(
    "text",
    ["", "Nội dung", "A & B < C > D \"E\" 'F'", "  hai  khoảng  ", "**đậm** và *nghiêng*", "5\\*"],
)
def test_a_paragraph_is_the_runs_docxtpl_writes(text: str) -> None:
    # A plain paragraph is written directly, skipping RichText.add: the same markup.
    expected = RichText()
    for span in parse_emphasis(text):
        expected.add(span.text, bold=span.bold, italic=span.italic)
    assert rich(text).xml == expected.xml
