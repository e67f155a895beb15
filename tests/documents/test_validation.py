from __future__ import annotations

import datetime as dt

import pytest

from vanban.documents import TemplateCatalogue, parse_document_data
from vanban.documents.validation import validate
from vanban.errors import ValidationError

GOOD = """\
co_quan: HỘI KHUYẾN HỌC TỈNH SƠN LA
ky_hieu_co_quan: HKH
dia_danh: Sơn La
trich_yeu: Kế hoạch thử
noi_dung:
  - tieu_de: Mục đích
    doan: [Một đoạn.]
ky: {thay_mat: HỘI KHUYẾN HỌC TỈNH, chuc_vu: CHỦ TỊCH, ho_ten: Mai Thu Hương}
"""


def _validate(text: str, template: str = "ke_hoach") -> dict[str, object]:
    spec = TemplateCatalogue().get(template)
    return validate(spec, parse_document_data(text, "du_lieu.yaml"))


def _error(text: str, template: str = "ke_hoach") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        _validate(text, template)
    return caught.value


def test_good_data_passes_and_is_nfc() -> None:
    decomposed = GOOD.replace("Kế hoạch thử", "Ke\u0302\u0301 hoa\u0323ch thử")
    assert _validate(decomposed)["trich_yeu"] == "Kế hoạch thử"


def test_missing_required_field_names_field_and_label() -> None:
    error = _error(GOOD.replace("trich_yeu: Kế hoạch thử\n", ""))
    assert "du_lieu.yaml" in error.text()
    assert "“trich_yeu” (Trích yếu nội dung)" in error.text()
    assert "required field “trich_yeu”" in error.text("en")


def test_wrong_type_names_line() -> None:
    error = _error(GOOD + "so: ba\n")
    assert "du_lieu.yaml, dòng 9" in error.text()
    assert "số nguyên dương" in error.text()


def test_numbered_document_needs_a_date() -> None:
    assert "phải có ngày ban hành" in _error(GOOD + "so: 3\n").text()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-01-29", dt.date(2024, 1, 29)), ("29/01/2024", dt.date(2024, 1, 29))],
    ids=["iso", "vietnamese"],
)
def test_dates_in_both_spellings(value: str, expected: dt.date) -> None:
    assert _validate(GOOD + f"ngay: '{value}'\n")["ngay"] == expected


def test_impossible_date_is_refused() -> None:
    assert "ngày có thật" in _error(GOOD + "ngay: 2024-02-30\n").text()


def test_unknown_key_suggests_the_close_one() -> None:
    error = _error(GOOD + "trich_yue: x\n")
    assert "Có phải ý bạn là “trich_yeu”?" in error.text()


def test_all_problems_are_reported_at_once() -> None:
    error = _error(GOOD.replace("dia_danh: Sơn La\n", "") + "so: 0\nngay: hôm qua\n")
    assert "có 3 lỗi" in error.text()


def test_body_item_errors_carry_their_path_and_line() -> None:
    text = GOOD + "danh_so: [I, x]\n"
    error = _error(text.replace("    doan: [Một đoạn.]", "    doan: [Một đoạn.]\n    phu_luc: 1"))
    assert "Dữ liệu trong du_lieu.yaml có 2 lỗi" in error.text()
    assert "  - dòng 8 (noi_dung[1].phu_luc): " in error.text()
    assert "noi_dung[1].phu_luc" in error.text()
    assert "kiểu đánh số “x”" in error.text()


def test_signature_prefix_rules() -> None:
    both = GOOD.replace("{thay_mat: HỘI KHUYẾN HỌC TỈNH,", "{thay_mat: UBND, thua_lenh: X,")
    assert "chỉ được có một trong" in _error(both).text()
    deputy = GOOD.replace("{thay_mat: HỘI KHUYẾN HỌC TỈNH,", "{thay_mat: UBND, ky_thay: CT,")
    assert _validate(deputy)["ky"] == {
        "thay_mat": "UBND",
        "ky_thay": "CT",
        "chuc_vu": "CHỦ TỊCH",
        "ho_ten": "Mai Thu Hương",
    }


def test_agency_code_has_no_spaces() -> None:
    assert "không có dấu cách" in _error(GOOD.replace("HKH", "H KH")).text()


def test_cong_van_requires_recipients() -> None:
    error = _error(GOOD.replace("noi_dung:", "mo_dau: x\nnoi_dung:"), "cong_van")
    assert "“kinh_gui”" in error.text()
