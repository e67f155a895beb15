"""Tests for vanban.vietnamese.money: amounts in words, every expectation written by hand."""

from __future__ import annotations

import unicodedata

import pytest

from vanban.vietnamese import money_in_words

# (amount, expected) with the default style: four="tư", zero_tens="linh", unit="đồng".
DEFAULT_CASES = [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (4, "Bốn đồng"),
    (5, "Năm đồng"),
    (9, "Chín đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (19, "Mười chín đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (55, "Năm mươi lăm đồng"),
    (71, "Bảy mươi mốt đồng"),
    (94, "Chín mươi tư đồng"),
    (99, "Chín mươi chín đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (111, "Một trăm mười một đồng"),
    (114, "Một trăm mười bốn đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (205, "Hai trăm linh năm đồng"),
    (345, "Ba trăm bốn mươi lăm đồng"),
    (999, "Chín trăm chín mươi chín đồng"),
    (1_000, "Một nghìn đồng"),
    (1_001, "Một nghìn không trăm linh một đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (1_015, "Một nghìn không trăm mười lăm đồng"),
    (1_100, "Một nghìn một trăm đồng"),
    (2_024, "Hai nghìn không trăm hai mươi tư đồng"),
    (10_000, "Mười nghìn đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (21_000, "Hai mươi mốt nghìn đồng"),
    (45_000, "Bốn mươi lăm nghìn đồng"),
    (100_000, "Một trăm nghìn đồng"),
    (105_000, "Một trăm linh năm nghìn đồng"),
    (250_500, "Hai trăm năm mươi nghìn năm trăm đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_000_001, "Một triệu không trăm linh một đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (2_050_000, "Hai triệu không trăm năm mươi nghìn đồng"),
    (5_000_005, "Năm triệu không trăm linh năm đồng"),
    (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
    (12_345_678, "Mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám đồng"),
    (15_015_015, "Mười lăm triệu không trăm mười lăm nghìn không trăm mười lăm đồng"),
    (21_000_021, "Hai mươi mốt triệu không trăm hai mươi mốt đồng"),
    (100_000_000, "Một trăm triệu đồng"),
    (
        999_999_999,
        "Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn"
        " chín trăm chín mươi chín đồng",
    ),
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
    (1_000_000_100, "Một tỷ một trăm đồng"),
    (1_000_010_000, "Một tỷ không trăm mười nghìn đồng"),
    (6_100_000_000, "Sáu tỷ một trăm triệu đồng"),
    (2_004_000_000, "Hai tỷ không trăm linh bốn triệu đồng"),
    (45_000_000_000, "Bốn mươi lăm tỷ đồng"),
    (105_000_000_000, "Một trăm linh năm tỷ đồng"),
    (
        1_234_567_890,
        "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi đồng",
    ),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
    (1_234_000_000_000, "Một nghìn hai trăm ba mươi tư tỷ đồng"),
    (1_000_000_001_000, "Một nghìn tỷ không trăm linh một nghìn đồng"),
    (1_001_000_000_000, "Một nghìn không trăm linh một tỷ đồng"),
    (25_000_000_000_000, "Hai mươi lăm nghìn tỷ đồng"),
    (
        3_500_021_000_105,
        "Ba nghìn năm trăm tỷ không trăm hai mươi mốt triệu một trăm linh năm đồng",
    ),
    (
        123_456_789_012_345,
        "Một trăm hai mươi ba nghìn bốn trăm năm mươi sáu tỷ bảy trăm tám mươi chín triệu"
        " không trăm mười hai nghìn ba trăm bốn mươi lăm đồng",
    ),
    (
        999_999_999_999_999,
        "Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ"
        " chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn"
        " chín trăm chín mươi chín đồng",
    ),
    (1_000_000_000_000_000, "Một triệu tỷ đồng"),
    (1_000_000_000_000_001, "Một triệu tỷ không trăm linh một đồng"),
    (2_001_000_000_000_000, "Hai triệu không trăm linh một nghìn tỷ đồng"),
    (5_000_000_000_000_000, "Năm triệu tỷ đồng"),
    (
        999_999_999_999_999_999,
        "Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn"
        " chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu"
        " chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng",
    ),
]


@pytest.mark.parametrize(
    ("amount", "expected"), DEFAULT_CASES, ids=[f"{a:_}" for a, _ in DEFAULT_CASES]
)
def test_money_in_words_default_style(amount: int, expected: str) -> None:
    assert money_in_words(amount) == expected


# (amount, four, zero_tens, expected): both regional choices, alone and together.
STYLE_CASES = [
    (24, "bốn", "linh", "Hai mươi bốn đồng"),
    (94, "bốn", "linh", "Chín mươi bốn đồng"),
    (14, "bốn", "linh", "Mười bốn đồng"),
    (14, "tư", "linh", "Mười bốn đồng"),
    (1_234, "bốn", "linh", "Một nghìn hai trăm ba mươi bốn đồng"),
    (1_234, "tư", "linh", "Một nghìn hai trăm ba mươi tư đồng"),
    (104, "bốn", "linh", "Một trăm linh bốn đồng"),
    (105, "tư", "lẻ", "Một trăm lẻ năm đồng"),
    (101, "tư", "lẻ", "Một trăm lẻ một đồng"),
    (1_001, "tư", "lẻ", "Một nghìn không trăm lẻ một đồng"),
    (1_005_000, "tư", "lẻ", "Một triệu không trăm lẻ năm nghìn đồng"),
    (115, "tư", "lẻ", "Một trăm mười lăm đồng"),
    (2_024, "bốn", "lẻ", "Hai nghìn không trăm hai mươi bốn đồng"),
    (1_504, "bốn", "lẻ", "Một nghìn năm trăm lẻ bốn đồng"),
    (
        1_234_000_000_000,
        "bốn",
        "lẻ",
        "Một nghìn hai trăm ba mươi bốn tỷ đồng",
    ),
]


@pytest.mark.parametrize(
    ("amount", "four", "zero_tens", "expected"),
    STYLE_CASES,
    ids=[f"{a:_}-{f}-{z}" for a, f, z, _ in STYLE_CASES],
)
def test_money_in_words_styles(amount: int, four: str, zero_tens: str, expected: str) -> None:
    assert money_in_words(amount, four=four, zero_tens=zero_tens) == expected


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (1_500, "đô la Mỹ", "Một nghìn năm trăm đô la Mỹ"),
        (21, "", "Hai mươi mốt"),
        (0, "", "Không"),
    ],
    ids=["other-unit", "no-unit", "zero-no-unit"],
)
def test_money_in_words_unit(amount: int, unit: str, expected: str) -> None:
    assert money_in_words(amount, unit=unit) == expected


def test_money_in_words_accepts_decomposed_style_words() -> None:
    four = unicodedata.normalize("NFD", "bốn")
    zero_tens = unicodedata.normalize("NFD", "lẻ")
    assert money_in_words(104, four=four, zero_tens=zero_tens) == "Một trăm lẻ bốn đồng"
    assert money_in_words(24, four=four) == "Hai mươi bốn đồng"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"amount": -1},
        {"amount": -1_000_000},
        {"amount": 10**18},
        {"amount": 10**21},
        {"amount": 24, "four": "bon"},
        {"amount": 24, "four": "Tư"},
        {"amount": 24, "four": ""},
        {"amount": 105, "zero_tens": "le"},
        {"amount": 105, "zero_tens": "lẽ"},
        {"amount": 105, "zero_tens": "không"},
    ],
    ids=[
        "negative",
        "negative-million",
        "10^18",
        "10^21",
        "four-ascii",
        "four-capital",
        "four-empty",
        "zero-tens-ascii",
        "zero-tens-wrong-tone",
        "zero-tens-khong",
    ],
)
def test_money_in_words_rejects_bad_values(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"must be"):
        money_in_words(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "amount", [1.5, 100.0, "100", True], ids=["float", "int-float", "str", "bool"]
)
def test_money_in_words_rejects_non_int(amount: object) -> None:
    with pytest.raises(TypeError):
        money_in_words(amount)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "forbidden",
    ["mười tư", "mười mốt", "linh lăm", "linh mốt", "linh tư", "mươi một", "mươi năm", "  "],
    ids=[
        "muoi-tu",
        "muoi-mot",
        "linh-lam",
        "linh-mot",
        "linh-tu",
        "muoi-mot-2",
        "muoi-nam",
        "double-space",
    ],
)
def test_money_in_words_never_produces(forbidden: str) -> None:
    # An invariant sweep over every amount up to 2.100 and a band of inner groups.
    amounts = [*range(2_101), *range(1_000_000, 1_000_200), *range(10**12, 10**12 + 120_000, 1_000)]
    for amount in amounts:
        assert forbidden not in money_in_words(amount), amount
