"""Tests for vanban.vietnamese.text: NFC, Vietnamese upper-casing and ASCII slugs."""

from __future__ import annotations

import unicodedata

import pytest

from vanban.vietnamese import nfc, slugify, upper_vi


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_nfc_composes_decomposed_text() -> None:
    decomposed = nfd("Quyết định")
    assert decomposed != "Quyết định"
    assert nfc(decomposed) == "Quyết định"
    assert nfc("Quyết định") == "Quyết định"


UPPER_CASES = [
    ("hội khuyến học tỉnh sơn la", "HỘI KHUYẾN HỌC TỈNH SƠN LA"),
    ("đ", "Đ"),
    ("ủy ban nhân dân", "ỦY BAN NHÂN DÂN"),
    ("cộng hòa xã hội chủ nghĩa việt nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("độc lập - tự do - hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
    ("ưởng ỡ ặ ẫ ệ", "ƯỞNG Ỡ Ặ Ẫ Ệ"),
    ("ĐÃ VIẾT HOA", "ĐÃ VIẾT HOA"),
    ("Số 12/QĐ-UBND", "SỐ 12/QĐ-UBND"),
    ("", ""),
]


@pytest.mark.parametrize(
    ("text", "expected"), UPPER_CASES, ids=[e or "empty" for _, e in UPPER_CASES]
)
def test_upper_vi(text: str, expected: str) -> None:
    assert upper_vi(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), UPPER_CASES, ids=[e or "empty" for _, e in UPPER_CASES]
)
def test_upper_vi_on_nfd_input_returns_nfc(text: str, expected: str) -> None:
    result = upper_vi(nfd(text))
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


SLUG_CASES = [
    ("Quyết định số 12/QĐ-UBND", 80, "quyet-dinh-so-12-qd-ubnd"),
    ("Ủy ban nhân dân tỉnh Sơn La", 80, "uy-ban-nhan-dan-tinh-son-la"),
    ("Đường Điện Biên Phủ", 80, "duong-dien-bien-phu"),
    ("ươỡ ặ", 80, "uoo-a"),
    ("  --Hello,  World!! ", 80, "hello-world"),
    ("Báo cáo   năm 2024", 80, "bao-cao-nam-2024"),
    ("ﬁle²", 80, "file2"),
    ("", 80, "van-ban"),
    ("!!! ???", 80, "van-ban"),
    ("中文", 80, "van-ban"),
    ("con", 80, "con-"),
    ("CON", 80, "con-"),
    ("Prn", 80, "prn-"),
    ("aux", 80, "aux-"),
    ("nul", 80, "nul-"),
    ("com1", 80, "com1-"),
    ("COM9", 80, "com9-"),
    ("lpt1", 80, "lpt1-"),
    ("lpt9", 80, "lpt9-"),
    ("com0", 80, "com0"),
    ("console", 80, "console"),
    ("con.txt", 80, "con-txt"),
    ("abc def", 4, "abc"),
    ("abc def", 5, "abc-d"),
    ("kế hoạch", 2, "ke"),
    ("con", 3, "co"),
    ("", 4, "van"),
    ("a" * 100, 80, "a" * 80),
]


@pytest.mark.parametrize(
    ("text", "max_length", "expected"),
    SLUG_CASES,
    ids=[f"{t[:20] or 'empty'}-{n}" for t, n, _ in SLUG_CASES],
)
def test_slugify(text: str, max_length: int, expected: str) -> None:
    assert slugify(text, max_length) == expected


@pytest.mark.parametrize(
    "text",
    ["Quyết định số 12/QĐ-UBND", "Ủy ban nhân dân tỉnh Sơn La", "Đường Điện Biên Phủ"],
    ids=["quyet-dinh", "uy-ban", "duong"],
)
def test_slugify_nfd_input_matches_nfc(text: str) -> None:
    assert slugify(nfd(text)) == slugify(text)


def test_slugify_default_max_length_is_80() -> None:
    slug = slugify("Kế hoạch " * 20)
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert slug.startswith("ke-hoach-ke-hoach")


@pytest.mark.parametrize("max_length", [0, -5], ids=["zero", "negative"])
def test_slugify_rejects_bad_max_length(max_length: int) -> None:
    with pytest.raises(ValueError, match="max_length"):
        slugify("abc", max_length)
