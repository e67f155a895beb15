"""Tests for vanban.vietnamese.abbreviations: the Phụ lục III table and lookups."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest

from vanban.vietnamese import (
    ALL_ABBREVIATIONS,
    DOCUMENT_TYPES,
    DocumentType,
    abbreviation_for,
)

# Phụ lục III, Nghị định 30/2020/NĐ-CP, in the decree's order, then Công văn.
EXPECTED_TABLE = [
    ("Nghị quyết (cá biệt)", "NQ"),
    ("Quyết định (cá biệt)", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"),
    ("Công điện", "CĐ"),
    ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"),
    ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
    ("Phiếu báo", "PB"),
    ("Bản sao y", "SY"),
    ("Bản trích sao", "TrS"),
    ("Bản sao lục", "SL"),
    ("Công văn", None),
]


def test_document_types_is_the_full_table_in_order() -> None:
    assert [(t.name, t.abbreviation) for t in DOCUMENT_TYPES] == EXPECTED_TABLE
    assert len(DOCUMENT_TYPES) == 31
    assert sum(t.abbreviation is not None for t in DOCUMENT_TYPES) == 30
    assert all(isinstance(t, DocumentType) for t in DOCUMENT_TYPES)


def test_table_text_is_nfc() -> None:
    for doc_type in DOCUMENT_TYPES:
        assert unicodedata.is_normalized("NFC", doc_type.name)
        assert unicodedata.is_normalized("NFC", doc_type.abbreviation or "")


def test_all_abbreviations() -> None:
    expected = {abbr for _, abbr in EXPECTED_TABLE if abbr is not None}
    assert expected == ALL_ABBREVIATIONS
    assert len(ALL_ABBREVIATIONS) == 30
    assert isinstance(ALL_ABBREVIATIONS, frozenset)


def test_document_type_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DOCUMENT_TYPES[0].abbreviation = "X"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "expected"), EXPECTED_TABLE, ids=[name for name, _ in EXPECTED_TABLE]
)
def test_abbreviation_for_every_name(name: str, expected: str | None) -> None:
    assert abbreviation_for(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Tờ trình", "TTr"),
        ("Chương trình", "CTr"),
        ("Quy định", "QyĐ"),
        ("Bản trích sao", "TrS"),
    ],
    ids=["TTr", "CTr", "QyD", "TrS"],
)
def test_mixed_case_abbreviations(name: str, expected: str) -> None:
    assert abbreviation_for(name) == expected
    assert expected in ALL_ABBREVIATIONS


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kế hoạch", "KH"),
        ("KẾ HOẠCH", "KH"),
        (unicodedata.normalize("NFD", "Kế hoạch"), "KH"),
        (unicodedata.normalize("NFD", "KẾ HOẠCH"), "KH"),
        ("  kế   hoạch ", "KH"),
        ("tờ trình", "TTr"),
        ("QUY ĐỊNH", "QyĐ"),
        ("đề án", "ĐA"),
        ("Nghị quyết", "NQ"),
        ("quyết định", "QĐ"),
        ("QUYẾT ĐỊNH (CÁ BIỆT)", "QĐ"),
        ("Bản thoả thuận", "BTT"),
        ("Giấy uỷ quyền", "GUQ"),
        ("CÔNG VĂN", None),
        ("công văn", None),
    ],
    ids=[
        "lower",
        "upper",
        "nfd",
        "nfd-upper",
        "spaces",
        "lower-TTr",
        "upper-QyD",
        "lower-DA",
        "without-ca-biet",
        "qd-without-ca-biet",
        "upper-with-ca-biet",
        "old-tone-thoa",
        "old-tone-uy",
        "cong-van-upper",
        "cong-van-lower",
    ],
)
def test_abbreviation_for_is_forgiving(name: str, expected: str | None) -> None:
    assert abbreviation_for(name) == expected


@pytest.mark.parametrize(
    "name", ["Luật", "", "Ke hoach", "Quyết"], ids=["luat", "empty", "no-diacritics", "partial"]
)
def test_abbreviation_for_unknown(name: str) -> None:
    with pytest.raises(KeyError, match="unknown document type"):
        abbreviation_for(name)
