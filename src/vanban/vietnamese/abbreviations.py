"""Document types and their abbreviations (Phụ lục III, Nghị định 30/2020/NĐ-CP).

The abbreviation goes into a document's number and symbol ("số, ký hiệu"), e.g.
"12/KH-UBND" for a Kế hoạch.  A Công văn has no abbreviation: its symbol is built from the
issuing body's abbreviation alone ("15/UBND-VP").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .text import nfc

__all__ = ["ALL_ABBREVIATIONS", "DOCUMENT_TYPES", "DocumentType", "abbreviation_for"]


@dataclass(frozen=True)
class DocumentType:
    """One administrative document type and its abbreviation (None for Công văn)."""

    name: str
    abbreviation: str | None


DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    DocumentType("Nghị quyết (cá biệt)", "NQ"),
    DocumentType("Quyết định (cá biệt)", "QĐ"),
    DocumentType("Chỉ thị", "CT"),
    DocumentType("Quy chế", "QC"),
    DocumentType("Quy định", "QyĐ"),
    DocumentType("Thông cáo", "TC"),
    DocumentType("Thông báo", "TB"),
    DocumentType("Hướng dẫn", "HD"),
    DocumentType("Chương trình", "CTr"),
    DocumentType("Kế hoạch", "KH"),
    DocumentType("Phương án", "PA"),
    DocumentType("Đề án", "ĐA"),
    DocumentType("Dự án", "DA"),
    DocumentType("Báo cáo", "BC"),
    DocumentType("Biên bản", "BB"),
    DocumentType("Tờ trình", "TTr"),
    DocumentType("Hợp đồng", "HĐ"),
    DocumentType("Công điện", "CĐ"),
    DocumentType("Bản ghi nhớ", "BGN"),
    DocumentType("Bản thỏa thuận", "BTT"),
    DocumentType("Giấy ủy quyền", "GUQ"),
    DocumentType("Giấy mời", "GM"),
    DocumentType("Giấy giới thiệu", "GGT"),
    DocumentType("Giấy nghỉ phép", "GNP"),
    DocumentType("Phiếu gửi", "PG"),
    DocumentType("Phiếu chuyển", "PC"),
    DocumentType("Phiếu báo", "PB"),
    # Copies of documents (Phụ lục III, part II).
    DocumentType("Bản sao y", "SY"),
    DocumentType("Bản trích sao", "TrS"),
    DocumentType("Bản sao lục", "SL"),
    DocumentType("Công văn", None),
)

ALL_ABBREVIATIONS: frozenset[str] = frozenset(
    t.abbreviation for t in DOCUMENT_TYPES if t.abbreviation is not None
)

# Tone marks, as they appear after NFD decomposition.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# In "oa", "oe" and "uy" the tone mark is written on either vowel ("thỏa"/"thoả",
# "ủy"/"uỷ"); both spellings are in everyday use, so lookups must accept both.
_SECOND_VOWEL_TONE = re.compile(f"([oO])([aAeE])([{_TONES}])|([uU])([yY])([{_TONES}])")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def _key(name: str) -> str:
    """Return a lookup key insensitive to case, Unicode form, spacing and tone placement."""
    decomposed = unicodedata.normalize("NFD", name)
    # Move a tone on the second vowel of oa/oe/uy onto the first (old style).
    moved = _SECOND_VOWEL_TONE.sub(
        lambda m: (m[1] + m[3] + m[2]) if m[1] else (m[4] + m[6] + m[5]), decomposed
    )
    return " ".join(nfc(moved).casefold().split())


def _build_index() -> dict[str, DocumentType]:
    """Index every type by its full name and by its name without "(cá biệt)"."""
    index: dict[str, DocumentType] = {}
    for doc_type in DOCUMENT_TYPES:
        index[_key(doc_type.name)] = doc_type
        # "Nghị quyết" alone must find "Nghị quyết (cá biệt)".
        index.setdefault(_key(_PARENTHESES.sub("", doc_type.name)), doc_type)
    return index


_INDEX = _build_index()


def abbreviation_for(type_name: str) -> str | None:
    """Return the abbreviation of the document type called ``type_name``.

    Matching ignores case, Unicode normal form, extra spaces, old/new tone placement
    ("thoả"/"thỏa") and a trailing "(cá biệt)": "kế hoạch" and "KẾ HOẠCH" give "KH",
    "Nghị quyết" gives "NQ".  "Công văn" gives None.

    Raises KeyError for a name not in Phụ lục III.
    """
    try:
        return _INDEX[_key(type_name)].abbreviation
    except KeyError:
        raise KeyError(
            f"unknown document type {type_name!r}: not in Phụ lục III of Nghị định 30/2020"
        ) from None
