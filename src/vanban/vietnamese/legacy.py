"""Vietnamese text typed in a legacy encoding, found and converted to Unicode NFC.

Before Unicode, Vietnamese offices typed with font encodings: TCVN3 (the "ABC" .VnTime
fonts), VNI (VNI-Times) and the VISCII charset. Text copied out of such a document arrives
as Latin-1/Windows-1252 look-alikes: "Uû ban nh©n d©n" is TCVN3 for "Uỷ ban nhân dân",
"Coäng hoøa" is VNI for "Cộng hòa". A Unicode file saved as UTF-8 and read again as
Windows-1252 gives "HÃ  Ná»™i" for "Hà Nội" (double-encoded UTF-8). Printed in an official
document, any of these is damage that every later check misses.

``detect`` says which of these a text looks like (or None); ``to_unicode`` converts. The
tables are vanban's own, written from the published layouts (TCVN 5712:1993 for TCVN3, the
VNI-Windows layout, RFC 1456 for VISCII) and checked letter by letter in the tests.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = [
    "ENCODINGS",
    "LEGACY_NAMES",
    "LEGACY_NAMES_EN",
    "UNICODE_FONT",
    "detect",
    "font_encoding",
    "is_unicode_vietnamese",
    "run_encoding",
    "run_to_unicode",
    "to_unicode",
    "unicode_font",
]

ENCODINGS = ("tcvn3", "vni", "viscii", "utf8")
# How a message names each encoding.
LEGACY_NAMES = {
    "tcvn3": "TCVN3 (ABC, phông .Vn)",
    "vni": "VNI (phông VNI-)",
    "viscii": "VISCII",
    "utf8": "UTF-8 bị mã hóa hai lần",
}
LEGACY_NAMES_EN = {
    "tcvn3": "TCVN3 (ABC, .Vn fonts)",
    "vni": "VNI (VNI- fonts)",
    "viscii": "VISCII",
    "utf8": "UTF-8 encoded twice",
}

# Letters only Vietnamese uses: their presence means the text is already Unicode Vietnamese.
_VIETNAMESE_ONLY = frozenset("ĂăĐđĨĩŨũƠơƯư" + "".join(map(chr, range(0x1EA0, 0x1EFA))))
# Latin-1 letters Vietnamese also uses; every other Latin-1 letter or sign is a legacy trace.
_VIETNAMESE_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")

# TCVN3: one byte per letter. Uppercase toned letters do not exist in TCVN3 (headings use
# the .VnTimeH fonts, which draw the lowercase bytes as capitals).
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip

# VISCII (RFC 1456): the code point of every byte that differs from ASCII, 0x80–0xFF in
# order, then the six C0 controls it reuses.
_VISCII_HIGH = (
    "1EA0 1EAE 1EB0 1EB6 1EA4 1EA6 1EA8 1EAC 1EBC 1EB8 1EBE 1EC0 1EC2 1EC4 1EC6 1ED0 "
    "1ED2 1ED4 1ED6 1ED8 1EE2 1EDA 1EDC 1EDE 1ECA 1ECE 1ECC 1EC8 1EE6 0168 1EE4 1EF2 "
    "00D5 1EAF 1EB1 1EB7 1EA5 1EA7 1EA9 1EAD 1EBD 1EB9 1EBF 1EC1 1EC3 1EC5 1EC7 1ED1 "
    "1ED3 1ED5 1ED7 1EE0 01A0 1ED9 1EDD 1EDF 1ECB 1EF0 1EE8 1EEA 1EEC 01A1 1EDB 01AF "
    "00C0 00C1 00C2 00C3 1EA2 0102 1EB3 1EB5 00C8 00C9 00CA 1EBA 00CC 00CD 0128 1EF3 "
    "0110 1EE9 00D2 00D3 00D4 1EA1 1EF7 1EEB 1EED 00D9 00DA 1EF9 1EF5 00DD 1EE1 01B0 "
    "00E0 00E1 00E2 00E3 1EA3 0103 1EEF 1EAB 00E8 00E9 00EA 1EBB 00EC 00ED 0129 1EC9 "
    "0111 1EF1 00F2 00F3 00F4 00F5 1ECF 1ECD 1EE5 00F9 00FA 0169 1EE7 00FD 1EE3 1EEE"
)
_VISCII_BYTES = {0x80 + i: chr(int(code, 16)) for i, code in enumerate(_VISCII_HIGH.split())}
_VISCII_BYTES |= {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}

# VNI: a base letter followed by mark bytes. Rows: the bare vowel's tones (sắc, huyền, hỏi,
# ngã, nặng); then the vowel with its hat or horn and those tones.
_VNI_TONES = "ùøûõï"  # sắc huyền hỏi ngã nặng after a bare vowel
_VNI_HAT_TONES = "áàåãä"  # after a: â; after e: ê; after o: ô
_VNI_BREVE_TONES = "éèúüë"  # after a: ă
_TONED = {
    "a": "áàảãạ", "e": "éèẻẽẹ", "o": "óòỏõọ", "u": "úùủũụ", "y": "ýỳỷỹỵ",
    "â": "ấầẩẫậ", "ê": "ếềểễệ", "ô": "ốồổỗộ", "ă": "ắằẳẵặ", "ơ": "ớờởỡợ", "ư": "ứừửữự",
}  # fmt: skip


def _vni_lower() -> dict[str, str]:
    table: dict[str, str] = {}
    for vowel in "aeouy":
        for mark, letter in zip(_VNI_TONES, _TONED[vowel], strict=True):
            table[vowel + mark] = letter
    for vowel, hat in (("a", "â"), ("e", "ê"), ("o", "ô")):
        table[vowel + "â"] = hat
        for mark, letter in zip(_VNI_HAT_TONES, _TONED[hat], strict=True):
            table[vowel + mark] = letter
    table["aê"] = "ă"
    for mark, letter in zip(_VNI_BREVE_TONES, _TONED["ă"], strict=True):
        table["a" + mark] = letter
    for base, horn in (("ô", "ơ"), ("ö", "ư")):  # ô alone is ơ, ö alone is ư
        table[base] = horn
        for mark, letter in zip(_VNI_TONES, _TONED[horn], strict=True):
            table[base + mark] = letter
    # The i row is single bytes: í and ì are themselves, æ ó ò are ỉ ĩ ị; ỵ is î (y + ï is
    # kept too, as some converters wrote it); đ is ñ.
    table |= {"æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ñ": "đ", "iø": "ì", "iù": "í"}
    return table


def _vni_table() -> dict[str, str]:
    lower = _vni_lower()
    upper = {key.upper(): value.upper() for key, value in lower.items()}
    return {**lower, **upper}


_VNI = _vni_table()
_VNI_LONGEST = max(len(key) for key in _VNI)


def _surfaces(byte: int) -> Iterator[str]:
    """Yield how ``byte`` shows when legacy bytes are read as Latin-1 or as Windows-1252."""
    yield chr(byte)
    try:
        yield bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return


def _byte_map(table: dict[int, str]) -> dict[str, str]:
    return {surface: letter for byte, letter in table.items() for surface in _surfaces(byte)}


_TCVN3 = _byte_map(_TCVN3_BYTES)
_VISCII = _byte_map({b: c for b, c in _VISCII_BYTES.items() if chr(b) != c})


def _convert_sequences(text: str, table: dict[str, str], longest: int) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        for size in range(min(longest, len(text) - index), 0, -1):
            piece = text[index : index + size]
            if piece in table:
                out.append(table[piece])
                index += size
                break
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


def _cp1252_bytes(text: str) -> bytes | None:
    """Return the bytes ``text`` came from if it is UTF-8 read as Windows-1252 or Latin-1."""
    out = bytearray()
    for char in text:
        if ord(char) < 0x100:
            out.append(ord(char))
            continue
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            return None
    return bytes(out)


def _undouble(text: str) -> str | None:
    raw = _cp1252_bytes(text)
    if raw is None:  # typed Unicode (ơ, ư, ạ …) around a pasted piece: keep it as it is
        raw = b"".join(
            bytes([ord(char)]) if ord(char) < 0x100 else _cp1252_or_utf8(char) for char in text
        )
        return _undouble_damaged(raw, text)
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _undouble_damaged(raw, text)
    return fixed if fixed != text else None


def _cp1252_or_utf8(char: str) -> bytes:
    try:
        return char.encode("cp1252")
    except UnicodeEncodeError:
        return char.encode("utf-8")


def _undouble_damaged(raw: bytes, text: str) -> str | None:
    """Twice-encoded UTF-8 that lost bytes on the way (as pasted from a web page or e-mail).

    Windows-1252 has no character for 0x81, 0x8D, 0x8F, 0x90 and 0x9D, so "học" arrives as
    "há»c"; a no-break space (the second byte of "à") arrives as a space. The letters that
    survive are recovered and each lost one is shown as "�"; it counts only when it gains
    Vietnamese letters, at least twice as many as it loses.
    """
    fixed = raw.replace(b"\xc3 ", b"\xc3\xa0").decode("utf-8", errors="replace")
    gained = _vietnamese_letters(fixed) - _vietnamese_letters(text)
    lost = fixed.count("\ufffd")
    return fixed if gained >= 2 and lost * 2 <= gained else None


def to_unicode(text: str, encoding: str) -> str:
    """Return ``text`` (read from ``encoding``, one of ENCODINGS) as Unicode NFC."""
    if encoding == "tcvn3":
        converted = "".join(_TCVN3.get(char, char) for char in text)
    elif encoding == "viscii":
        converted = "".join(_VISCII.get(char, char) for char in text)
    elif encoding == "vni":
        converted = _convert_sequences(text, _VNI, _VNI_LONGEST)
    elif encoding == "utf8":
        converted = _undouble(text) or text
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}; use one of {ENCODINGS}")
    return unicodedata.normalize("NFC", converted)


def _traces(text: str) -> int:
    """Count characters a Unicode Vietnamese text would not contain (legacy look-alikes)."""
    return sum(
        1
        for char in text
        if (0x80 <= ord(char) <= 0xFF and char not in _VIETNAMESE_LATIN1 and char != "\xa0")
        or char in "ŒœŠšŽžŸƒ‚„†‡ˆ‰‹›˜™"
    )


def _vietnamese_letters(text: str) -> int:
    return sum(1 for char in text if char in _VIETNAMESE_ONLY)


_INITIAL = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?")
_FINAL = re.compile(r"(ng|nh|ch|[cmnpt])$")
# The vowel groups a Vietnamese syllable may have, without tone marks.
_NUCLEI = frozenset(
    (
        *("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"),
        *("ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă"),
        *("oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa"),
        *("ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi"),
        *("ươi", "ươu", "uya", "uyê", "uyu"),
    )
)
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _plausible(word: str) -> bool:
    """True when ``word`` is spelled like one Vietnamese syllable (at most one tone)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(1 for char in decomposed if char in _TONE_MARKS) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    if not bare.isalpha():
        return False
    rest = bare[_INITIAL.match(bare).end() :]  # type: ignore[union-attr]
    final = _FINAL.search(rest)
    nucleus = rest[: final.start()] if final else rest
    if nucleus not in _NUCLEI and nucleus[:-1] in _NUCLEI and nucleus[-1:] in "iyou":
        nucleus = nucleus[:-1]  # a vowel final: "tai", "sao", "cau"
    return nucleus in _NUCLEI


def _score(text: str) -> int:
    """Count the words of ``text`` that carry marks and read as Vietnamese syllables."""
    return sum(
        1 for word in text.split() if not word.isascii() and _plausible(word.strip(".,;:!?()\"'"))
    )


def is_unicode_vietnamese(text: str) -> bool:
    """True for text already in Unicode Vietnamese (or plain ASCII): nothing to convert."""
    return text.isascii() or (_vietnamese_letters(text) > 0 and not _traces(text))


def detect(text: str) -> str | None:
    """Return the legacy encoding ``text`` looks typed in, or None for plain Unicode.

    Text that already holds letters only Vietnamese uses (ă, đ, ơ, ư, ạ …) and no legacy
    trace is Unicode. Otherwise the text needs enough traces (two, or one in five letters,
    so a foreign name such as "Müller" is left alone); each encoding is tried and the one
    whose result has the most words spelled as Vietnamese syllables wins, TCVN3 first on a
    tie (it was by far the most used in offices).
    """
    if not text or text.isascii():
        return None
    traces = _traces(text)
    if _vietnamese_letters(text) and not traces:
        return None
    undoubled = _undouble(text)
    if undoubled is not None and _vietnamese_letters(undoubled) > _vietnamese_letters(text):
        return "utf8"
    letters = sum(1 for char in text if char.isalpha())
    if letters == 0 or (traces < 2 and traces * 5 < letters):
        return None
    best, best_score = None, _score(text)
    for encoding in ("tcvn3", "vni", "viscii"):
        converted = to_unicode(text, encoding)
        if _traces(converted) >= traces:
            continue
        score = _score(converted)
        # "© 2024" would read as "â 2024": one short word is not evidence enough.
        if score > best_score and (score >= 2 or _vietnamese_letters(converted)):
            best, best_score = encoding, score
    return best


# The fonts legacy text was typed in, and the encoding each draws: ".VnTime", ".VnArial",
# ".VnTimeH" (ABC, TCVN3); "VNI-Times", "VNI-Helve" (VNI). "VN Times" and "VnTime" are
# spellings older converters left behind.
_TCVN3_FONT = re.compile(r"^(\.vn|vn[ -]?time)", re.IGNORECASE)
_VNI_FONT = re.compile(r"^vni[- ]", re.IGNORECASE)
# The TCVN3 fonts whose name ends in "H" draw every letter as a capital: a heading typed in
# .VnTimeH as "céng hoµ" prints "CỘNG HOÀ" (TCVN3 has no toned capitals of its own).
_CAPITALS_FONT = re.compile(r"^\.vn.*h$", re.IGNORECASE)
UNICODE_FONT = "Times New Roman"


def font_encoding(font: str | None) -> str | None:
    """Return the legacy encoding the font ``font`` draws ("tcvn3", "vni"), or None."""
    if not font:
        return None
    if _TCVN3_FONT.match(font):
        return "tcvn3"
    if _VNI_FONT.match(font):
        return "vni"
    return None


def unicode_font(font: str) -> str:
    """Return the font converted text is shown in: a legacy font becomes Times New Roman."""
    return UNICODE_FONT if font_encoding(font) else font


def run_encoding(text: str, font: str | None) -> str | None:
    """Return the encoding ``text`` drawn in ``font`` is typed in, or None for Unicode.

    The font decides: what a .VnTime run holds is what .VnTime draws, unless the text
    already has letters only Unicode Vietnamese has (typed in Unicode, font left behind).
    Text in any other font is judged by ``detect``.
    """
    declared = font_encoding(font)
    if declared is None:
        return detect(text)
    if font and _CAPITALS_FONT.match(font) and not text.isupper():
        # Even plain letters print as capitals: "stt" typed in .VnTimeH reads "STT".
        return None if _vietnamese_letters(text) and not _traces(text) else declared
    return None if is_unicode_vietnamese(text) else declared


def run_to_unicode(text: str, encoding: str, font: str | None) -> str:
    """Return ``text`` (in ``encoding``, drawn in ``font``) as the Unicode NFC it prints as."""
    converted = to_unicode(text, encoding)
    if font and encoding == "tcvn3" and _CAPITALS_FONT.match(font):
        return unicodedata.normalize("NFC", converted.upper())
    return converted
