"""Jinja filters exposing the Vietnamese formatting helpers to document templates.

Filter names are Vietnamese so template authors read ``{{ ngay_ky | ngay_dai }}`` in their
own language.
"""

from __future__ import annotations

from collections.abc import Callable

from .dates import format_date_long, format_date_short
from .money import money_in_words
from .numbers import format_number, point_letter, to_roman
from .text import nfc, upper_vi

__all__ = ["JINJA_FILTERS"]

JINJA_FILTERS: dict[str, Callable[..., str]] = {
    "ngay_dai": format_date_long,
    "ngay_ngan": format_date_short,
    "so": format_number,
    "tien_bang_chu": money_in_words,
    "la_ma": to_roman,
    "chu_cai_diem": point_letter,
    "in_hoa": upper_vi,
    "nfc": nfc,
}
