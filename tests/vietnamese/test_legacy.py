"""Legacy Vietnamese encodings: every letter of each table, real phrases, and no false alarm."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vanban.datafile import plain, read_yaml
from vanban.vietnamese.legacy import detect, to_unicode

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# Our own statement of each layout, written as the letters in byte order, independent of
# the dictionaries in the module.
TCVN3_BASES = {0xA1: "ĂÂÊÔƠƯĐăâêôơưđ"}
TCVN3_TONED = (
    (0xB5, "àảãáạ"),
    (0xBB, "ằẳẵắ"),
    (0xC6, "ặầẩẫấậè"),
    (0xCE, "ẻẽéẹềểễếệìỉ"),
    (0xDC, "ĩíịò"),
    (0xE1, "ỏõóọồổỗốộờởỡớợù"),
    (0xF1, "ủũúụừửữứựỳỷỹýỵ"),
)
VNI_WORDS = {
    # letter: VNI spelling (base + marks), lowercase; uppercase follows by upper()
    "á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï",
    "ấ": "aá", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ậ": "aä", "â": "aâ",
    "ắ": "aé", "ằ": "aè", "ẳ": "aú", "ẵ": "aü", "ặ": "aë", "ă": "aê",
    "é": "eù", "è": "eø", "ẻ": "eû", "ẽ": "eõ", "ẹ": "eï",
    "ế": "eá", "ề": "eà", "ể": "eå", "ễ": "eã", "ệ": "eä", "ê": "eâ",
    "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
    "ó": "où", "ò": "oø", "ỏ": "oû", "õ": "oõ", "ọ": "oï",
    "ố": "oá", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ộ": "oä", "ô": "oâ",
    "ớ": "ôù", "ờ": "ôø", "ở": "ôû", "ỡ": "ôõ", "ợ": "ôï", "ơ": "ô",
    "ú": "uù", "ù": "uø", "ủ": "uû", "ũ": "uõ", "ụ": "uï",
    "ứ": "öù", "ừ": "öø", "ử": "öû", "ữ": "öõ", "ự": "öï", "ư": "ö",
    "ý": "yù", "ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ỵ": "î", "đ": "ñ",
}  # fmt: skip
ALL_LETTERS = sorted(set(VNI_WORDS) | {letter.upper() for letter in VNI_WORDS})


def test_tcvn3_letters_in_byte_order() -> None:
    for start, letters in (*TCVN3_BASES.items(), *TCVN3_TONED):
        surface = bytes(range(start, start + len(letters))).decode("latin-1")
        assert to_unicode(surface, "tcvn3") == letters, hex(start)


def test_tcvn3_gaps_are_left_alone() -> None:
    # 0xBA, 0xBF–0xC5, 0xCD, 0xD9–0xDB, 0xE0, 0xF0 hold no letter in TCVN3.
    gaps = bytes([0xBA, *range(0xBF, 0xC6), 0xCD, 0xD9, 0xDA, 0xDB, 0xE0, 0xF0])
    assert to_unicode(gaps.decode("latin-1"), "tcvn3") == gaps.decode("latin-1")


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_vni_every_letter_both_cases(letter: str) -> None:
    spelled = VNI_WORDS.get(letter) or VNI_WORDS[letter.lower()].upper()
    assert to_unicode(spelled, "vni") == letter


def test_viscii_every_letter_round_trips_through_its_bytes() -> None:
    # RFC 1456: VISCII holds all 134 precomposed Vietnamese letters in one byte each.
    letters = [chr(code) for code in range(0x1EA0, 0x1EFA)] + list("ĂăĐđĨĩŨũƠơƯư")
    letters += list("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
    assert len(letters) == 134
    from vanban.vietnamese.legacy import _VISCII_BYTES

    by_letter = {value: byte for byte, value in _VISCII_BYTES.items()}
    assert set(letters) <= set(by_letter) | set("ÀÁÂÃÈÉÊÌÍÒÓÔàáâãèéêìíòóôõùúýÙÚÝ")
    text = "".join(letters)
    surface = bytes(by_letter.get(letter, ord(letter)) for letter in text).decode("latin-1")
    assert to_unicode(surface, "viscii") == text


@pytest.mark.parametrize(
    ("typed", "encoding", "meant"),
    [
        ("Uû ban nh©n d©n", "tcvn3", "Uỷ ban nhân dân"),
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", "Độc lập - Tự do - Hạnh phúc"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "vni", "Độc lập - Tự do - Hạnh phúc"),
        ("Ñaø Naüng", "vni", "Đà Nẵng"),
        ("Cµng hòa xã hµi chü nghîa Vi®t Nam", "viscii", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Hà Nội".encode().decode("cp1252"), "utf8", "Hà Nội"),
        ("Kế hoạch năm 2024".encode().decode("cp1252"), "utf8", "Kế hoạch năm 2024"),
    ],
)
def test_real_phrases_are_found_and_converted(typed: str, encoding: str, meant: str) -> None:
    assert detect(typed) == encoding
    assert to_unicode(typed, encoding) == meant


@pytest.mark.parametrize(
    "text",
    ["Müller", "© 2024", "hoà bình", "Có", "Lò Thị Minh", "Ông Nguyễn Văn A", "«Cả nước»", "x"],
)
def test_unicode_and_foreign_text_is_not_flagged(text: str) -> None:
    assert detect(text) is None


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def test_no_shipped_sample_is_flagged() -> None:
    texts = [
        text
        for path in sorted(SAMPLES.rglob("*.yaml"))
        for text in _strings(plain(read_yaml(path.read_text(encoding="utf-8"), path.name).root))
    ]
    assert len(texts) > 300
    assert [text for text in texts if detect(text)] == []


def test_output_is_nfc() -> None:
    assert unicodedata.is_normalized("NFC", to_unicode("Uû ban", "tcvn3"))
