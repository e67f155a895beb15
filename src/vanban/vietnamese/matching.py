"""Loose matching of names and the one "did you mean …?" of vanban.

A secretary types "Bằng khen tinh", "trich_yue" or "aproved"; every place that suggests the
name she meant folds both sides the same way (no diacritics, case, quotes, underscores or
extra spaces) and uses the same cut-off, so suggestions behave alike everywhere.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection

from .text import clean_controls

__all__ = ["SUGGEST_CUTOFF", "closest", "fold"]

# difflib's ratio above which a name counts as a typo of another; 0.7 suggests "trich_yeu"
# for "trich_yue" and "approved" for "aproved" but not "Bằng khen" for "Giấy khen".
SUGGEST_CUTOFF = 0.7

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({ch: " " for ch in "\"'“”‘’«»"})
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Return a loose key of ``text`` for matching names, headers and labels.

    Diacritics, case, quotes, underscores and spacing are dropped, so "Uỷ ban" and "Ủy ban"
    (old and new tone placement), NFD input and text typed without accents meet on one key.
    """
    cleaned = clean_controls(text, keep_newlines=False).translate(_D_STROKE)
    decomposed = unicodedata.normalize("NFKD", cleaned)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.translate(_QUOTES).replace("_", " ")).strip().casefold()


def closest(word: str, options: Collection[str]) -> str | None:
    """Return the option ``word`` was most likely meant to be, or None."""
    keyed = {fold(option): option for option in options}
    found = difflib.get_close_matches(fold(word), list(keyed), n=1, cutoff=SUGGEST_CUTOFF)
    return keyed[found[0]] if found else None
