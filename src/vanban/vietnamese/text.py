"""Unicode helpers for Vietnamese text: NFC normalisation, upper-casing and ASCII slugs.

Vietnamese letters can carry two diacritics (``ộ`` = o + circumflex + dot below), so the
same word can arrive precomposed (NFC) or decomposed (NFD, common from macOS file names and
some input methods).  Everything here normalises to NFC first so comparisons and output
are stable regardless of where the text came from.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["CONTROL_TO_SPACE", "clean_controls", "nfc", "slugify", "upper_vi"]

# The one table of control characters: C0 (but newline, kept apart below), DEL and C1. In a
# .docx, docxtpl turns \t, \a and \f into tabs, paragraphs and page breaks, and most of the
# others are not allowed in XML at all; C1 characters only ever come from broken encodings.
CONTROL_TO_SPACE = {code: " " for code in (*range(32), *range(0x7F, 0xA0)) if code != 10}
_NEWLINE_TO_SPACE = {**CONTROL_TO_SPACE, 10: " "}

_NON_SLUG = re.compile(r"[^a-z0-9]+")

# Device names Windows refuses as file names, with or without an extension.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)

# U+0111/U+0110 (đ/Đ) are separate letters, not d + a mark, so NFKD leaves them alone.
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})

_FALLBACK_SLUG = "van-ban"


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normalisation form C (precomposed)."""
    return unicodedata.normalize("NFC", text)


def clean_controls(text: str, *, keep_newlines: bool) -> str:
    """Return ``text`` in NFC with every control character a space (newlines kept if asked)."""
    return nfc(text).translate(CONTROL_TO_SPACE if keep_newlines else _NEWLINE_TO_SPACE)


def upper_vi(text: str) -> str:
    """Upper-case Vietnamese text and return it in NFC.

    ``"hội khuyến học tỉnh sơn la"`` becomes ``"HỘI KHUYẾN HỌC TỈNH SƠN LA"`` whether the
    input was NFC or NFD.
    """
    # Normalising again after upper() recomposes anything upper() left decomposed.
    return nfc(nfc(text).upper())


def slugify(text: str, max_length: int = 80) -> str:
    """Return an ASCII slug (``[a-z0-9-]``) of ``text``, safe as a file name on any OS.

    Diacritics are dropped (``"Quyết định"`` → ``"quyet-dinh"``), ``đ`` becomes ``d``,
    every run of other characters becomes one ``-``, and the result is cut to at most
    ``max_length`` characters without a trailing ``-``.  Windows device names (``con``,
    ``com1``, …) get a ``-`` appended; an empty result becomes ``"van-ban"`` (also cut to
    ``max_length``).

    Raises ValueError when ``max_length`` is smaller than 1.
    """
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    ascii_text = _strip_marks(nfc(text).translate(_D_STROKE))
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    slug = _cut(slug, max_length)
    if not slug:
        return _cut(_FALLBACK_SLUG, max_length)
    if slug in _WINDOWS_RESERVED:
        if len(slug) < max_length:
            return slug + "-"
        # No room for the "-": one character shorter is never a reserved name.
        return _cut(slug[:-1], max_length)
    return slug


def _strip_marks(text: str) -> str:
    """Decompose compatibly (NFKD) and drop every combining mark."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _cut(slug: str, max_length: int) -> str:
    """Truncate ``slug`` to ``max_length`` characters, never ending on a ``-``."""
    return slug[:max_length].rstrip("-")
