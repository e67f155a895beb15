"""Tests for vanban.vietnamese.filters: the Jinja filter table."""

from __future__ import annotations

import datetime

import pytest

from vanban.vietnamese import (
    JINJA_FILTERS,
    format_date_long,
    format_date_short,
    format_number,
    money_in_words,
    nfc,
    point_letter,
    to_roman,
    upper_vi,
)


def test_filter_table() -> None:
    assert {
        "ngay_dai": format_date_long,
        "ngay_ngan": format_date_short,
        "so": format_number,
        "tien_bang_chu": money_in_words,
        "la_ma": to_roman,
        "chu_cai_diem": point_letter,
        "in_hoa": upper_vi,
        "nfc": nfc,
    } == JINJA_FILTERS


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ d | ngay_dai }}", "ngày 09 tháng 02 năm 2024"),
        ("{{ d | ngay_ngan }}", "09/02/2024"),
        ("{{ 1234567 | so }}", "1.234.567"),
        ("{{ 1234.5 | so(2) }}", "1.234,50"),
        ("{{ 1005000 | tien_bang_chu }}", "Một triệu không trăm linh năm nghìn đồng"),
        ("{{ 105 | tien_bang_chu(zero_tens='lẻ') }}", "Một trăm lẻ năm đồng"),
        ("{{ 4 | la_ma }}", "IV"),
        ("{{ 5 | chu_cai_diem }}", "đ"),
        ("{{ 'sơn la' | in_hoa }}", "SƠN LA"),
    ],
    ids=[
        "ngay_dai",
        "ngay_ngan",
        "so",
        "so-decimals",
        "tien",
        "tien-le",
        "la_ma",
        "diem",
        "in_hoa",
    ],
)
def test_filters_in_jinja(source: str, expected: str) -> None:
    jinja2 = pytest.importorskip("jinja2")
    env = jinja2.Environment(autoescape=False)
    env.filters.update(JINJA_FILTERS)
    assert env.from_string(source).render(d=datetime.date(2024, 2, 9)) == expected
