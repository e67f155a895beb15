"""The coefficient table as data: the shipped file, and every mistake a table can have."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from vanban.awards import (
    AwardForm,
    CoefficientTable,
    default_coefficients,
    load_coefficients,
    parse_coefficients,
)
from vanban.awards.coefficient_file import DATA_FILE
from vanban.errors import ValidationError

GOOD_ROW = """\
  lao_dong_tien_tien:
    ten: Lao động tiên tiến
    nhom: danh_hieu_thi_dua
    tham_quyen: Chủ tịch Ủy ban nhân dân cấp xã
    ca_nhan: 0.3
    tap_the: null
    can_cu: Điều 50 khoản 1 Nghị định 152/2025/NĐ-CP
"""


def _table(rows: str) -> str:
    return "can_cu_chung: Nghị định số 152/2025/NĐ-CP\nhinh_thuc:\n" + rows


def _problems(text: str) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_coefficients(text, "bang.yaml")
    return caught.value.text("vi")


def test_the_shipped_table_loads_with_an_article_for_every_row() -> None:
    table = default_coefficients()
    assert table is default_coefficients()  # read once
    assert len(table) == 18
    assert table.basis == "Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ"
    for form in table:
        assert form.article.startswith(("Điều 50 khoản", "Điều 54 khoản")), form.key
        assert form.individual is not None or form.collective is not None
        assert form.group in ("danh_hieu_thi_dua", "hinh_thuc_khen_thuong")
        assert form.authority


def test_the_forms_a_province_and_below_award_are_all_there() -> None:
    table = default_coefficients()
    for name in (
        "Bằng khen của Chủ tịch UBND cấp tỉnh",
        "Giấy khen của Chủ tịch UBND cấp xã",
        "Giấy khen của Giám đốc sở",
        "Cờ thi đua cấp tỉnh",
        "Tập thể lao động xuất sắc",
        "Tập thể lao động tiên tiến",
        "Chiến sĩ thi đua cấp tỉnh",
        "Chiến sĩ thi đua cơ sở",
        "Lao động tiên tiến",
        "Thôn văn hóa",
    ):
        assert table.find(name) is not None, name


def test_what_the_reference_leaves_unconfirmed_is_marked_in_the_data() -> None:
    unconfirmed = {form.key for form in default_coefficients() if form.unconfirmed}
    assert unconfirmed == {
        "bang_khen_quan_khu_dhqg",
        "giay_khen_chu_tich_ubnd_xa",
        "giay_khen_giam_doc_so",
        "giay_khen_hoi_khuyen_hoc_tinh",
    }


def test_coefficients_are_exact_decimals() -> None:
    form = default_coefficients().get("lao_dong_tien_tien")
    assert form.individual == Decimal("0.3")
    assert isinstance(form.individual, Decimal)
    assert form.collective is None


def test_a_minimal_table_parses(tmp_path: Path) -> None:
    path = tmp_path / "bang.yaml"
    path.write_text(_table(GOOD_ROW), encoding="utf-8")
    table = load_coefficients(path)
    assert [form.key for form in table] == ["lao_dong_tien_tien"]
    assert table.source == str(path)


def test_a_coefficient_may_be_written_with_a_decimal_comma() -> None:
    table = parse_coefficients(_table(GOOD_ROW.replace("0.3", '"0,3"')), "bang.yaml")
    assert table.get("Lao động tiên tiến").individual == Decimal("0.3")


@pytest.mark.parametrize(
    ("row", "line", "says"),
    [
        (GOOD_ROW.replace("    tap_the: null\n", ""), 3, "thiếu khóa “tap_the”"),
        (GOOD_ROW.replace("ca_nhan: 0.3", "ca_nhan: null"), 3, "không có hệ số nào"),
        (GOOD_ROW.replace("ca_nhan: 0.3", "ca_nhan: -1"), 7, "phải là một số dương"),
        (GOOD_ROW.replace("ca_nhan: 0.3", "ca_nhan: 0"), 7, "phải là một số dương"),
        (GOOD_ROW.replace("ca_nhan: 0.3", "ca_nhan: nhiều"), 7, "không phải “nhiều”"),
        (GOOD_ROW.replace("ca_nhan: 0.3", "ca_nhan: [1]"), 7, "phải là một số dương"),
        (GOOD_ROW.replace("tap_the: null", "tap_the: 0.3"), 8, "phải cao hơn hệ số cá nhân"),
        (GOOD_ROW.replace("danh_hieu_thi_dua", "danh_hieu"), 5, "“nhom” phải là một trong"),
        (GOOD_ROW.replace("    ten: Lao động tiên tiến\n", ""), 3, "thiếu tên"),
        (GOOD_ROW.replace("can_cu:", "can_cu_:"), 9, "có phải “can_cu”?"),
        (GOOD_ROW.replace("lao_dong_tien_tien:", "Lao-động:"), 3, "phải viết thường"),
        (GOOD_ROW + "    ca_nhan: 0.5\n", 10, "xuất hiện hai lần (lần đầu ở dòng 7)"),
    ],
)
def test_each_mistake_is_reported_with_its_line(row: str, line: int, says: str) -> None:
    message = _problems(_table(row))
    assert f"dòng {line}: " in message
    assert says in message


def test_every_mistake_is_reported_at_once() -> None:
    second = GOOD_ROW.replace("lao_dong_tien_tien:", "chien_si:").replace(
        "ca_nhan: 0.3", "ca_nhan: abc"
    )
    third = (
        GOOD_ROW.replace("lao_dong_tien_tien:", "lao_dong_2:")
        .replace("ten: Lao động tiên tiến", "ten: Chiến sĩ tiên tiến")
        .replace("    tap_the: null\n", "")
    )
    message = _problems(_table(GOOD_ROW + second + third))
    assert message.startswith("Bảng hệ số “bang.yaml” có 2 lỗi")
    assert "dòng 14: “chien_si”: “ca_nhan” phải là một số dương" in message
    assert "dòng 17: “lao_dong_2” thiếu khóa “tap_the”" in message


def test_two_forms_may_not_share_a_name() -> None:
    second = GOOD_ROW.replace("lao_dong_tien_tien:", "lao_dong_2:").replace(
        "ten: Lao động tiên tiến", "ten: LAO ĐỘNG  TIÊN TIẾN"
    )
    message = _problems(_table(GOOD_ROW + second))
    assert "dòng 10: “LAO ĐỘNG TIÊN TIẾN” của “lao_dong_2” trùng với" in message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "thiếu bảng “hinh_thuc”"),
        ("hinh_thuc: [1, 2]\n", "thiếu bảng “hinh_thuc”"),
        ("hinh_thuc: {}\n", "bảng “hinh_thuc” trống"),
        ("hinh_thuc:\n  a: 1\n", "“a” phải là một bảng các trường"),
        (_table(GOOD_ROW) + "phien_ban: 2\n", "khóa “phien_ban” không được dùng ở đây"),
    ],
)
def test_a_table_without_usable_forms_is_refused(text: str, says: str) -> None:
    assert says in _problems(text)


def test_a_file_that_is_not_yaml_names_the_line() -> None:
    with pytest.raises(ValidationError, match=r"bang\.yaml, dòng 3: không đọc được YAML"):
        parse_coefficients("hinh_thuc:\n  a:\n b: [\n", "bang.yaml")


def test_a_missing_file_is_a_validation_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="Không tìm thấy bảng hệ số"):
        load_coefficients(tmp_path / "khong_co.yaml")


def test_the_data_file_ships_inside_the_package() -> None:
    assert DATA_FILE.parent.name == "awards"
    assert DATA_FILE.is_file()


def test_a_table_built_in_code_refuses_ambiguous_names() -> None:
    def form(key: str, name: str) -> AwardForm:
        return AwardForm(key, name, "danh_hieu_thi_dua", "x", Decimal(1), None, "Điều 50")

    with pytest.raises(ValidationError, match="vừa là tên của"):
        CoefficientTable([form("a", "Lao động tiên tiến"), form("b", "lao dong tien tien")])


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Giấy khen của Chủ tịch Hội Khuyến học tỉnh Điện Biên", "giay_khen_hoi_khuyen_hoc_tinh"),
        ("Giấy khen của Chủ tịch UBND xã Chiềng Cơi", "giay_khen_chu_tich_ubnd_xa"),
        ("Giấy khen của Chủ tịch Ủy ban nhân dân phường 5", "giay_khen_chu_tich_ubnd_xa"),
        ("Bằng khen của Chủ tịch UBND tỉnh Lai Châu", "bang_khen_chu_tich_ubnd_tinh"),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Hà Nội", "bang_khen_chu_tich_ubnd_tinh"),
        ("Cờ thi đua của UBND tỉnh Cao Bằng", "co_thi_dua_tinh"),
    ],
)
def test_a_form_naming_the_issuers_place_matches_its_kind_of_issuer(text: str, key: str) -> None:
    found = default_coefficients().resolve(text)
    assert found is not None
    assert found.form.key == key
    assert found.title == text  # printed as written, with the place


@pytest.mark.parametrize(
    "text",
    [
        "Giấy khen của Chủ tịch Hội Khuyến học tỉnh và tiền thưởng",  # not a place name
        "Giấy khen của Chủ tịch Hội Nông dân tỉnh Điện Biên",
        "Giấy khen của Chủ tịch Hội Khuyến học",
    ],
)
def test_text_that_is_not_a_form_and_a_place_is_not_matched(text: str) -> None:
    assert default_coefficients().resolve(text) is None


def test_no_place_name_lives_in_the_coefficient_data() -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    for place in ("Sơn La", "Điện Biên", "Chiềng", "Hà Nội"):
        assert place not in text
