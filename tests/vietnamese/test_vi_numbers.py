"""Tests for vanban.vietnamese.numbers: grouped numerals, Roman numerals, letters, ordinals."""

from __future__ import annotations

import decimal

import pytest

from vanban.vietnamese import format_number, ordinal_word, point_letter, to_roman

Dec = decimal.Decimal

NUMBER_CASES: list[tuple[int | float | decimal.Decimal, int | None, str]] = [
    (0, None, "0"),
    (7, None, "7"),
    (999, None, "999"),
    (1_000, None, "1.000"),
    (1_234_567, None, "1.234.567"),
    (-2_340_000, None, "-2.340.000"),
    (1.27, None, "1,27"),
    (0.5, None, "0,5"),
    (-1234.75, None, "-1.234,75"),
    (3.0, None, "3"),
    (-0.0, None, "0"),
    (1e23, None, "100.000.000.000.000.000.000.000"),
    (1e-7, None, "0,0000001"),
    (Dec("1.50"), None, "1,50"),
    (Dec("-1234567.891"), None, "-1.234.567,891"),
    (Dec("1E+3"), None, "1.000"),
    (1234.5, 2, "1.234,50"),
    (1_234, 2, "1.234,00"),
    (1234.5, 0, "1.235"),
    (2.675, 2, "2,68"),
    (0.125, 2, "0,13"),
    (-0.001, 2, "0,00"),
    (Dec("1234567.891"), 1, "1.234.567,9"),
    (10**30, 2, "1.000.000.000.000.000.000.000.000.000.000,00"),
]


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    NUMBER_CASES,
    ids=[f"{v!r}-{d}" for v, d, _ in NUMBER_CASES],
)
def test_format_number(
    value: int | float | decimal.Decimal, decimals: int | None, expected: str
) -> None:
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "error"),
    [
        (float("nan"), None, ValueError),
        (float("inf"), None, ValueError),
        (Dec("NaN"), None, ValueError),
        (Dec("-Infinity"), 2, ValueError),
        (1.5, -1, ValueError),
        (True, None, TypeError),
        ("12", None, TypeError),
    ],
    ids=["nan", "inf", "decimal-nan", "decimal-inf", "negative-decimals", "bool", "str"],
)
def test_format_number_errors(value: object, decimals: int | None, error: type[Exception]) -> None:
    with pytest.raises(error):
        format_number(value, decimals)  # type: ignore[arg-type]


ROMAN_CASES = [
    (1, "I"),
    (4, "IV"),
    (9, "IX"),
    (14, "XIV"),
    (40, "XL"),
    (90, "XC"),
    (400, "CD"),
    (1994, "MCMXCIV"),
    (2024, "MMXXIV"),
    (3999, "MMMCMXCIX"),
]


@pytest.mark.parametrize(("n", "expected"), ROMAN_CASES, ids=[str(n) for n, _ in ROMAN_CASES])
def test_to_roman(n: int, expected: str) -> None:
    assert to_roman(n) == expected


@pytest.mark.parametrize("n", [0, -1, 4000], ids=["zero", "negative", "4000"])
def test_to_roman_out_of_range(n: int) -> None:
    with pytest.raises(ValueError, match="3999"):
        to_roman(n)


POINT_LETTERS = [
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
]


@pytest.mark.parametrize(
    ("n", "expected"),
    list(enumerate(POINT_LETTERS, start=1)),
    ids=[f"{n}-{c}" for n, c in enumerate(POINT_LETTERS, start=1)],
)
def test_point_letter(n: int, expected: str) -> None:
    assert point_letter(n) == expected


@pytest.mark.parametrize("n", [0, -1, 24], ids=["zero", "negative", "24"])
def test_point_letter_out_of_range(n: int) -> None:
    with pytest.raises(ValueError, match="23"):
        point_letter(n)


ORDINALS = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"]


@pytest.mark.parametrize(
    ("n", "expected"),
    list(enumerate(ORDINALS, start=1)),
    ids=[str(n) for n in range(1, 11)],
)
def test_ordinal_word(n: int, expected: str) -> None:
    assert ordinal_word(n) == expected


@pytest.mark.parametrize("n", [0, 11], ids=["zero", "11"])
def test_ordinal_word_out_of_range(n: int) -> None:
    with pytest.raises(ValueError, match=r"1\.\.10"):
        ordinal_word(n)


@pytest.mark.parametrize(
    "func", [to_roman, point_letter, ordinal_word], ids=["roman", "letter", "ordinal"]
)
def test_integer_helpers_reject_non_int(func: object) -> None:
    with pytest.raises(TypeError):
        func(2.0)  # type: ignore[operator]
    with pytest.raises(TypeError):
        func(True)  # type: ignore[operator]
