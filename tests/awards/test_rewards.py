"""Reward amounts: every row of the shipped table, the round-up rule, amounts in words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vanban.awards import (
    DEFAULT_BASE_SALARY,
    Recipient,
    default_coefficients,
    reward_amount,
    round_up,
    total,
)
from vanban.errors import ValidationError
from vanban.vietnamese import money_in_words

# (form key, recipient, coefficient, amount at 2.340.000 đ) — worked out by hand; the amount
# is base × coefficient rounded UP to the next 10.000 đ (NĐ 152/2025, Điều 49).
TABLE: list[tuple[str, Recipient, str, int]] = [
    ("bang_khen_thu_tuong", "individual", "3.5", 8_190_000),
    ("bang_khen_thu_tuong", "collective", "7", 16_380_000),
    ("bang_khen_chu_tich_ubnd_tinh", "individual", "1.5", 3_510_000),
    ("bang_khen_chu_tich_ubnd_tinh", "collective", "3", 7_020_000),
    ("bang_khen_bo_ban_nganh_trung_uong", "individual", "1.5", 3_510_000),
    ("bang_khen_bo_ban_nganh_trung_uong", "collective", "3", 7_020_000),
    ("bang_khen_quan_khu_dhqg", "individual", "1.0", 2_340_000),
    ("bang_khen_quan_khu_dhqg", "collective", "2", 4_680_000),
    ("giay_khen_chu_tich_ubnd_xa", "individual", "0.3", 710_000),  # 702.000 rounds up
    ("giay_khen_chu_tich_ubnd_xa", "collective", "0.6", 1_410_000),  # 1.404.000 rounds up
    ("giay_khen_giam_doc_so", "individual", "0.3", 710_000),
    ("giay_khen_giam_doc_so", "collective", "0.6", 1_410_000),
    ("giay_khen_hoi_khuyen_hoc_tinh", "individual", "0.3", 710_000),
    ("giay_khen_hoi_khuyen_hoc_tinh", "collective", "0.6", 1_410_000),
    ("chien_si_thi_dua_toan_quoc", "individual", "4.5", 10_530_000),
    ("chien_si_thi_dua_tinh", "individual", "3.0", 7_020_000),
    ("chien_si_thi_dua_co_so", "individual", "1.0", 2_340_000),
    ("lao_dong_tien_tien", "individual", "0.3", 710_000),
    ("co_thi_dua_chinh_phu", "collective", "12", 28_080_000),
    ("co_thi_dua_tinh", "collective", "8", 18_720_000),
    ("co_thi_dua_quan_khu_dhqg", "collective", "6", 14_040_000),
    ("tap_the_lao_dong_xuat_sac", "collective", "1.5", 3_510_000),
    ("tap_the_lao_dong_tien_tien", "collective", "0.8", 1_880_000),  # 1.872.000 rounds up
    ("xa_phuong_tieu_bieu", "collective", "2.0", 4_680_000),
    ("thon_to_dan_pho_van_hoa", "collective", "1.5", 3_510_000),
]


@pytest.mark.parametrize(("key", "recipient", "coefficient", "amount"), TABLE)
def test_every_row_of_the_table(
    key: str, recipient: Recipient, coefficient: str, amount: int
) -> None:
    reward = reward_amount(key, recipient)
    assert reward.coefficient == Decimal(coefficient)
    assert reward.amount == amount
    assert reward.amount % 10_000 == 0
    assert reward.base_salary == DEFAULT_BASE_SALARY == 2_340_000
    assert reward.article == reward.form.article
    assert reward.article.startswith("Điều 5")
    assert reward.article.endswith("Nghị định 152/2025/NĐ-CP")
    assert reward.in_words == money_in_words(amount)


def test_the_cases_cover_every_coefficient_in_the_table() -> None:
    covered = {(key, recipient) for key, recipient, _, _ in TABLE}
    in_table = {
        (form.key, recipient)
        for form in default_coefficients()
        for recipient in ("individual", "collective")
        if form.coefficient(recipient) is not None
    }
    assert covered == in_table


@pytest.mark.parametrize(
    ("key", "recipient", "unrounded", "amount", "words"),
    [
        # Already on a 10.000 boundary: unchanged.
        (
            "bang_khen_chu_tich_ubnd_tinh",
            "individual",
            3_510_000,
            3_510_000,
            "Ba triệu năm trăm mười nghìn đồng",
        ),
        # 0,3 × 2.340.000 = 702.000 → 710.000 (explainer articles wrongly print 702.000).
        ("lao_dong_tien_tien", "individual", 702_000, 710_000, "Bảy trăm mười nghìn đồng"),
        (
            "giay_khen_giam_doc_so",
            "collective",
            1_404_000,
            1_410_000,
            "Một triệu bốn trăm mười nghìn đồng",
        ),
        (
            "tap_the_lao_dong_tien_tien",
            "collective",
            1_872_000,
            1_880_000,
            "Một triệu tám trăm tám mươi nghìn đồng",
        ),
    ],
)
def test_rounding_up_to_ten_thousand(
    key: str, recipient: Recipient, unrounded: int, amount: int, words: str
) -> None:
    reward = reward_amount(key, recipient)
    assert reward.unrounded == unrounded
    assert (reward.amount, reward.in_words) == (amount, words)
    assert reward.amount_text == f"{amount:,}".replace(",", ".") + " đồng"


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        (0, 0),
        (1, 10_000),
        (9_999, 10_000),
        (10_000, 10_000),
        (10_001, 20_000),
        (702_000, 710_000),
        (709_999, 710_000),
        (710_000, 710_000),
        (Decimal("709999.5"), 710_000),
        (Decimal("3510000.0"), 3_510_000),
        (Decimal("3510001.5"), 3_520_000),
    ],
)
def test_round_up(amount: int | Decimal, rounded: int) -> None:
    assert round_up(amount) == rounded


@pytest.mark.parametrize(
    ("base", "key", "recipient", "amount"),
    [
        (2_000_000, "lao_dong_tien_tien", "individual", 600_000),  # exact, stays
        (1_800_000, "giay_khen_giam_doc_so", "individual", 540_000),
        (1_490_000, "giay_khen_giam_doc_so", "individual", 450_000),  # 447.000 → 450.000
        (2_340_001, "bang_khen_chu_tich_ubnd_tinh", "individual", 3_520_000),
        (2_530_000, "tap_the_lao_dong_tien_tien", "collective", 2_030_000),  # 2.024.000
    ],
)
def test_the_workspace_base_salary_is_used(
    base: int, key: str, recipient: Recipient, amount: int
) -> None:
    assert reward_amount(key, recipient, base_salary=base).amount == amount


@pytest.mark.parametrize(
    "spelling",
    [
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "Bằng khen của Chủ tịch UBND tỉnh",
        "bằng khen của chủ tịch ubnd cấp tỉnh",
        "  Bằng   khen của Chủ tịch  Uỷ ban nhân dân tỉnh ",  # old tone placement "Uỷ"
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh".encode().decode("utf-8"),
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh".replace("ằ", "a\u0306\u0300"),  # NFD
        "“Bằng khen của Chủ tịch UBND tỉnh”",
        "bang_khen_chu_tich_ubnd_tinh",
    ],
)
def test_a_form_is_found_however_it_is_written(spelling: str) -> None:
    reward = reward_amount(spelling, "individual")
    assert reward.form.key == "bang_khen_chu_tich_ubnd_tinh"
    assert reward.amount == 3_510_000


def test_total_and_total_in_words() -> None:
    rewards = [
        reward_amount("Bằng khen của Chủ tịch UBND tỉnh", "individual"),  # 3.510.000
        reward_amount("Giấy khen của Giám đốc sở", "individual"),  # 710.000
        reward_amount("Giấy khen của Giám đốc sở", "collective"),  # 1.410.000
    ]
    assert total(rewards) == 5_630_000
    assert money_in_words(total(rewards)) == "Năm triệu sáu trăm ba mươi nghìn đồng"
    thu_tuong = [
        reward_amount("bang_khen_thu_tuong", "collective"),
        reward_amount("bang_khen_thu_tuong", "individual"),
    ]
    assert total(thu_tuong) == 24_570_000
    assert money_in_words(total(thu_tuong)) == "Hai mươi tư triệu năm trăm bảy mươi nghìn đồng"
    assert total([]) == 0


def test_an_unknown_form_names_the_known_forms_and_a_likely_one() -> None:
    with pytest.raises(ValidationError) as caught:
        reward_amount("Bằng khen chủ tịch tỉnh", "individual")
    vi, en = caught.value.text("vi"), caught.value.text("en")
    assert "“Bằng khen chủ tịch tỉnh”" in vi
    assert "Có phải “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh”?" in vi
    assert "Did you mean “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh”?" in en
    for name in default_coefficients().names:
        assert name in vi


def test_an_unknown_form_without_a_close_match_still_lists_the_forms() -> None:
    with pytest.raises(ValidationError) as caught:
        reward_amount("Huân chương Lao động hạng Ba", "collective")
    assert "Có phải" not in caught.value.text("vi")
    assert "Lao động tiên tiến" in caught.value.text("vi")


@pytest.mark.parametrize(
    ("key", "recipient", "given"),
    [
        ("co_thi_dua_tinh", "individual", "tập thể"),
        ("tap_the_lao_dong_xuat_sac", "individual", "tập thể"),
        ("chien_si_thi_dua_co_so", "collective", "cá nhân"),
        ("lao_dong_tien_tien", "collective", "cá nhân"),
    ],
)
def test_a_form_not_given_to_that_recipient_is_refused(
    key: str, recipient: Recipient, given: str
) -> None:
    with pytest.raises(ValidationError, match=f"chỉ tặng cho {given}"):
        reward_amount(key, recipient)


@pytest.mark.parametrize("base", [0, -2_340_000, True])
def test_a_base_salary_must_be_a_positive_whole_number(base: int) -> None:
    with pytest.raises(ValidationError, match="Mức lương cơ sở"):
        reward_amount("lao_dong_tien_tien", "individual", base_salary=base)


def test_a_recipient_other_than_individual_or_collective_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="recipient"):
        reward_amount("lao_dong_tien_tien", "household")  # type: ignore[arg-type]


def test_an_award_form_object_is_accepted_as_is() -> None:
    form = default_coefficients().get("Cờ thi đua cấp tỉnh")
    assert reward_amount(form, "collective").amount == 18_720_000
