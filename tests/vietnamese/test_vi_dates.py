"""Tests for vanban.vietnamese.dates: decree padding rules, short form, place-date line."""

from __future__ import annotations

import datetime

import pytest

from vanban.vietnamese import format_date_long, format_date_short, format_place_date

D = datetime.date

# Day 15 in every month: only January and February get a leading zero.
MONTH_CASES = [
    (D(2024, 1, 15), "ngày 15 tháng 01 năm 2024"),
    (D(2024, 2, 15), "ngày 15 tháng 02 năm 2024"),
    (D(2024, 3, 15), "ngày 15 tháng 3 năm 2024"),
    (D(2024, 4, 15), "ngày 15 tháng 4 năm 2024"),
    (D(2024, 5, 15), "ngày 15 tháng 5 năm 2024"),
    (D(2024, 6, 15), "ngày 15 tháng 6 năm 2024"),
    (D(2024, 7, 15), "ngày 15 tháng 7 năm 2024"),
    (D(2024, 8, 15), "ngày 15 tháng 8 năm 2024"),
    (D(2024, 9, 15), "ngày 15 tháng 9 năm 2024"),
    (D(2024, 10, 15), "ngày 15 tháng 10 năm 2024"),
    (D(2024, 11, 15), "ngày 15 tháng 11 năm 2024"),
    (D(2024, 12, 15), "ngày 15 tháng 12 năm 2024"),
]

# Days 1, 9, 10 and 31 in a padded month (January) and an unpadded one (December).
DAY_CASES = [
    (D(2024, 1, 1), "ngày 01 tháng 01 năm 2024"),
    (D(2024, 1, 9), "ngày 09 tháng 01 năm 2024"),
    (D(2024, 1, 10), "ngày 10 tháng 01 năm 2024"),
    (D(2024, 1, 31), "ngày 31 tháng 01 năm 2024"),
    (D(2023, 12, 1), "ngày 01 tháng 12 năm 2023"),
    (D(2023, 12, 9), "ngày 09 tháng 12 năm 2023"),
    (D(2023, 12, 10), "ngày 10 tháng 12 năm 2023"),
    (D(2023, 12, 31), "ngày 31 tháng 12 năm 2023"),
    (D(2019, 6, 5), "ngày 05 tháng 6 năm 2019"),
    (D(2022, 5, 17), "ngày 17 tháng 5 năm 2022"),
    (D(2024, 2, 9), "ngày 09 tháng 02 năm 2024"),
    (D(2024, 1, 29), "ngày 29 tháng 01 năm 2024"),
]


@pytest.mark.parametrize(
    ("day", "expected"),
    MONTH_CASES + DAY_CASES,
    ids=[d.isoformat() for d, _ in MONTH_CASES + DAY_CASES],
)
def test_format_date_long(day: datetime.date, expected: str) -> None:
    assert format_date_long(day) == expected


def test_format_date_long_accepts_datetime() -> None:
    assert format_date_long(datetime.datetime(2024, 2, 3, 14, 30)) == "ngày 03 tháng 02 năm 2024"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2024, 1, 29), "29/01/2024"),
        (D(2019, 6, 5), "05/06/2019"),
        (D(2023, 12, 31), "31/12/2023"),
        (D(2024, 11, 9), "09/11/2024"),
    ],
    ids=["jan", "jun", "dec", "nov"],
)
def test_format_date_short(day: datetime.date, expected: str) -> None:
    assert format_date_short(day) == expected


@pytest.mark.parametrize(
    ("place", "day", "year", "expected"),
    [
        ("Sơn La", D(2024, 1, 29), None, "Sơn La, ngày 29 tháng 01 năm 2024"),
        ("Hà Nội", D(2019, 6, 5), 2019, "Hà Nội, ngày 05 tháng 6 năm 2019"),
        ("  Sơn La ", D(2024, 1, 29), None, "Sơn La, ngày 29 tháng 01 năm 2024"),
        (None, D(2024, 1, 29), None, "ngày 29 tháng 01 năm 2024"),
        ("", D(2024, 1, 29), None, "ngày 29 tháng 01 năm 2024"),
        ("   ", D(2024, 1, 29), None, "ngày 29 tháng 01 năm 2024"),
        ("Sơn La", None, 2024, "Sơn La, ngày       tháng       năm 2024"),
        (None, None, 2025, "ngày       tháng       năm 2025"),
        ("", None, 2025, "ngày       tháng       năm 2025"),
    ],
    ids=[
        "place-day",
        "place-day-matching-year",
        "place-stripped",
        "no-place",
        "empty-place",
        "blank-place",
        "draft",
        "draft-no-place",
        "draft-empty-place",
    ],
)
def test_format_place_date(
    place: str | None, day: datetime.date | None, year: int | None, expected: str
) -> None:
    assert format_place_date(place, day, year) == expected


def test_draft_blanks_are_seven_spaces_wide_enough_for_two_digits() -> None:
    blank = " " * 7
    assert format_place_date("Sơn La", None, 2024) == f"Sơn La, ngày{blank}tháng{blank}năm 2024"


@pytest.mark.parametrize(
    ("place", "day", "year"),
    [("Sơn La", None, None), (None, None, None), ("Sơn La", D(2024, 1, 29), 2023)],
    ids=["draft-without-year", "draft-without-anything", "year-contradicts-day"],
)
def test_format_place_date_errors(
    place: str | None, day: datetime.date | None, year: int | None
) -> None:
    with pytest.raises(ValueError, match="year"):
        format_place_date(place, day, year)
