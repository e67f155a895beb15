"""Names, numbers and dates kept on one line with non-breaking spaces and hyphens."""

from __future__ import annotations

import random
import re

import pytest

from vanban.vietnamese import unbreakable
from vanban.vietnamese.unbreakable import (
    NB_HYPHEN,
    NBSP,
    keep_name_together,
    keep_together,
    keep_together_all,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HỘI KHUYẾN HỌC TỈNH SƠN LA", f"HỘI KHUYẾN HỌC TỈNH{NBSP}SƠN{NBSP}LA"),
        ("HỘI KHUYẾN HỌC\nTỈNH SƠN LA", f"HỘI KHUYẾN HỌC\nTỈNH{NBSP}SƠN{NBSP}LA"),
        ("trên địa bàn tỉnh Sơn La.", f"trên địa bàn tỉnh{NBSP}Sơn{NBSP}La."),
        ("UBND THÀNH PHỐ HỒ CHÍ MINH", f"UBND THÀNH{NBSP}PHỐ{NBSP}HỒ{NBSP}CHÍ{NBSP}MINH"),
        ("Xã Chiềng Khương, huyện Sông Mã", f"Xã{NBSP}Chiềng{NBSP}Khương, huyện{NBSP}Sông{NBSP}Mã"),
        ("Số 03/KH-HKH", f"Số{NBSP}03/KH{NB_HYPHEN}HKH"),
        ("ngày 15 tháng 12 năm 2023", f"ngày{NBSP}15 tháng{NBSP}12 năm{NBSP}2023"),
        ("giai đoạn 2021-2030", f"giai đoạn 2021{NB_HYPHEN}2030"),
        ("giai đoạn 2021- 2030", f"giai đoạn 2021{NB_HYPHEN}{NBSP}2030"),
    ],
)
def test_units_are_joined(text: str, expected: str) -> None:
    assert keep_together(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "xây dựng xã hội học tập",  # "xã hội" is society, not a commune
        "XÂY DỰNG XÃ HỘI HỌC TẬP",
        "các tỉnh miền núi",  # no place name follows
        "số lượng lớn",
        "điểm 2 - 3",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert keep_together(text) == text


def test_a_name_is_one_unit() -> None:
    assert keep_name_together(" Mai Thu  Hương ") == f"Mai{NBSP}Thu{NBSP}Hương"


def _whole_text_subs(text: str) -> str:
    """keep_together as each pattern's sub over the whole text: what the quick scans must give."""
    digits = unbreakable._DIGIT.search(text) is not None
    if digits and "-" in text:
        text = unbreakable._RANGE.sub(unbreakable._range, text)
        if "/" in text:
            text = unbreakable._SYMBOL.sub(lambda m: m.group(0).replace("-", NB_HYPHEN), text)
    text = unbreakable._PLACE.sub(unbreakable._glue, text)
    return unbreakable._NUMBERED_WORD.sub(unbreakable._numbered, text) if digits else text


_PIECES = (
    *' \n\t(“"-/.,;:0123456789aAxX',
    *("xã", "Xã", "XÃ", "tỉnh", "TỈNH", "thành phố", "THÀNH\nPHỐ", "thị xã", "thị trấn"),
    *("huyện", "quận", "phường", "hội", "HỘI", " Sơn", " La", " Hồ", " Chí", " Minh"),
    *("số", "Số", "ngày", "tháng", "năm", "điều", "ĐIỀU", "ĐİỀU", "đıều", "ſố", "khoản"),
    *("mục", "phụ lục", "Phụ\nlục", "2021", "2030", "1373/QĐ-TTg", "03/KH-HKH", NBSP),
)


def test_the_quick_scans_give_what_whole_text_subs_give() -> None:
    generator = random.Random(2024)
    for _ in range(5_000):
        text = "".join(generator.choice(_PIECES) for _ in range(generator.randint(1, 20)))
        assert keep_together(text) == _whole_text_subs(text), text


def test_every_character_the_patterns_fold_lowers_to_its_letter() -> None:
    # A unit's first word, and a numbered word, is found in text.lower(); a character the
    # case-insensitive pattern takes for one of its letters must lower to that letter, or to
    # several characters (which changes the text's length and sends it the slow way), or be
    # one of _UNLOWERED_FOLDS, which send a numbered word the slow way too (never a place).
    place = set("".join(unbreakable._PLACE_STARTS))
    numbered = set("".join(unbreakable._NUMBERED_STARTS))
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    pattern = "".join(sorted(place | numbered))
    odd = set()
    for char in set(re.findall(f"(?i:[{pattern}])", everything)):
        lowered = char.lower()
        for letter in place | numbered:
            folds = re.fullmatch(f"(?i:{re.escape(letter)})", char)
            if folds and len(lowered) == 1 and lowered != letter:
                assert letter not in place, char
                odd.add(char)
    assert odd == set(unbreakable._UNLOWERED_FOLDS)


def test_a_document_at_once_gives_what_each_paragraph_gives() -> None:
    # keep_together_all joins the paragraphs with U+2029; a match must never run from one
    # paragraph into the next, and a paragraph must begin as a text does (lookbehinds).
    generator = random.Random(2025)
    pieces = (*_PIECES, unbreakable._SEPARATOR, "İ", "\u2028")
    for _ in range(2_000):
        texts = [
            "".join(generator.choice((*_PIECES, "\u2028")) for _ in range(generator.randint(0, 12)))
            for _ in range(generator.randint(0, 6))
        ]
        assert keep_together_all(texts) == [keep_together(text) for text in texts], texts
    for _ in range(500):  # a typed separator or a letter that lowers longer: one by one
        texts = ["".join(generator.choice(pieces) for _ in range(8)) for _ in range(3)]
        assert keep_together_all(texts) == [keep_together(text) for text in texts], texts


def test_paragraphs_joined_do_not_glue_across_their_ends() -> None:
    texts = ["thuộc tỉnh", "Sơn La có 12 huyện", "số", "12 đơn vị năm", "2024-", "2025"]
    assert keep_together_all(texts) == [
        "thuộc tỉnh",
        "Sơn La có 12 huyện",
        "số",
        "12 đơn vị năm",
        "2024-",
        "2025",
    ]
