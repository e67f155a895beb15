"""Pure Vietnamese-language helpers: text, dates, numbers, money in words, abbreviations.

Standard library only and free of IO, so templates, validators and the CLI can share them.
"""

from __future__ import annotations

from .abbreviations import (
    ALL_ABBREVIATIONS,
    DOCUMENT_TYPES,
    DocumentType,
    abbreviation_for,
)
from .dates import VIETNAM_TIME, format_date_long, format_date_short, format_place_date
from .filters import JINJA_FILTERS
from .money import money_in_words
from .numbers import format_number, ordinal_word, point_letter, to_roman
from .text import nfc, slugify, upper_vi

__all__ = [
    "ALL_ABBREVIATIONS",
    "DOCUMENT_TYPES",
    "JINJA_FILTERS",
    "VIETNAM_TIME",
    "DocumentType",
    "abbreviation_for",
    "format_date_long",
    "format_date_short",
    "format_number",
    "format_place_date",
    "money_in_words",
    "nfc",
    "ordinal_word",
    "point_letter",
    "slugify",
    "to_roman",
    "upper_vi",
]
