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
from .matching import SUGGEST_CUTOFF, closest, fold
from .money import money_in_words
from .numbers import format_number, ordinal_word, point_letter, to_roman
from .text import CONTROL_TO_SPACE, clean_controls, nfc, slugify, upper_vi

__all__ = [
    "ALL_ABBREVIATIONS",
    "CONTROL_TO_SPACE",
    "DOCUMENT_TYPES",
    "JINJA_FILTERS",
    "SUGGEST_CUTOFF",
    "VIETNAM_TIME",
    "DocumentType",
    "abbreviation_for",
    "clean_controls",
    "closest",
    "fold",
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
