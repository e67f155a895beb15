"""Amounts of money written out in Vietnamese words ("số tiền bằng chữ").

Rules (formal practice on invoices, contracts and payment orders):

* Digits: không một hai ba bốn năm sáu bảy tám chín.  10 is "mười", 20–90 are
  "<digit> mươi".
* The units digit after the tens: 1 is "mốt" after tens >= 2 (hai mươi mốt) but "một"
  after "mười" (mười một) and after zero tens (linh một); 5 is "lăm" after any non-zero
  tens (mười lăm, hai mươi lăm) but "năm" after zero tens (một trăm linh năm); 4 is
  ``four`` ("tư" or "bốn") after tens >= 2, always "bốn" after "mười" (mười bốn) and after
  zero tens (linh bốn).
* Zero tens before a non-zero unit is ``zero_tens`` ("linh" or "lẻ"): một trăm linh một.
* Three-digit groups are named nghìn (10^3), triệu (10^6) and tỷ (10^9).  Groups that
  are all zero are skipped: 6.100.000.000 → "Sáu tỷ một trăm triệu đồng".
* The leading (left-most) group is read as short as it is: 45.000 → "Bốn mươi lăm nghìn
  đồng".  Every later group is read with all three digits, so an inner zero hundreds
  digit is said: 1.005.000 → "Một triệu không trăm linh năm nghìn đồng", 1.001 → "Một
  nghìn không trăm linh một đồng".
* Above 10^9 the amount is read as ``amount // 10^9`` followed by "tỷ", then the
  remainder below 10^9.  The part before "tỷ" is itself read by these rules (it is the
  leading part, so unpadded), which gives "nghìn tỷ" and "triệu tỷ": 10^12 → "Một nghìn
  tỷ đồng", 1.234.000.000.000 → "Một nghìn hai trăm ba mươi tư tỷ đồng", 10^15 → "Một
  triệu tỷ đồng".  The remainder is never leading, so its first non-zero group is padded:
  1.000.000.001.000 → "Một nghìn tỷ không trăm linh một nghìn đồng".
* 0 is "Không đồng".  The result starts with a capital letter and ends with " " + unit
  (with an empty ``unit`` the words stand alone).

Hand-written rather than taken from num2words, whose Vietnamese output drops the "không
trăm" of inner groups.
"""

from __future__ import annotations

from typing import NamedTuple

from .text import nfc

__all__ = ["money_in_words"]

_MAX_AMOUNT = 10**18 - 1
"""Largest amount accepted: 999.999 triệu tỷ, one below "một tỷ tỷ"."""

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_FOURS = ("tư", "bốn")
_ZERO_TENS = ("linh", "lẻ")
_BILLION = 10**9
# Groups below one billion, largest first; the units group has no name.
_GROUPS = ((10**6, "triệu"), (10**3, "nghìn"), (1, ""))


class _Style(NamedTuple):
    """The two regional choices: "tư"/"bốn" after tens >= 2 and "linh"/"lẻ"."""

    four: str
    zero_tens: str


def money_in_words(
    amount: int, *, four: str = "tư", zero_tens: str = "linh", unit: str = "đồng"
) -> str:
    """Return ``amount`` written out in Vietnamese words, followed by ``unit``.

    ``1_005_000`` → "Một triệu không trăm linh năm nghìn đồng"; the rules are in the
    module docstring.

    Raises TypeError when ``amount`` is not an int (bools included), ValueError when it
    is negative or above 10^18 - 1, or when ``four`` is not "tư"/"bốn" or
    ``zero_tens`` not "linh"/"lẻ".
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"amount must be an int, got {type(amount).__name__}")
    if not 0 <= amount <= _MAX_AMOUNT:
        raise ValueError(f"amount must be between 0 and {_MAX_AMOUNT}, got {amount}")
    style = _Style(nfc(four), nfc(zero_tens))
    if style.four not in _FOURS:
        raise ValueError(f"four must be one of {_FOURS}, got {four!r}")
    if style.zero_tens not in _ZERO_TENS:
        raise ValueError(f"zero_tens must be one of {_ZERO_TENS}, got {zero_tens!r}")
    words = " ".join(_read(amount, style, leading=True)) if amount else _DIGITS[0]
    sentence = words[0].upper() + words[1:]
    return f"{sentence} {unit}" if unit else sentence


def _read(n: int, style: _Style, *, leading: bool) -> list[str]:
    """Words for ``n`` >= 1, split as (n // 10^9) "tỷ" + remainder."""
    billions, rest = divmod(n, _BILLION)
    words: list[str] = []
    if billions:
        words += _read(billions, style, leading=leading)
        words.append("tỷ")
        leading = False
    if rest:
        words += _read_below_billion(rest, style, leading=leading)
    return words


def _read_below_billion(n: int, style: _Style, *, leading: bool) -> list[str]:
    """Words for 1 <= ``n`` < 10^9, skipping all-zero groups."""
    words: list[str] = []
    for size, name in _GROUPS:
        group = n // size % 1000
        if not group:
            continue
        words += _read_group(group, style, padded=not leading)
        if name:
            words.append(name)
        leading = False
    return words


def _read_group(group: int, style: _Style, *, padded: bool) -> list[str]:
    """Words for one group 1..999; ``padded`` says a zero hundreds digit aloud."""
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if padded or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            # "linh"/"lẻ" only bridges a spoken hundreds digit: 105 vs a bare 5.
            if words:
                words.append(style.zero_tens)
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            # After "mười" only 5 changes (mười lăm); "mười tư" is not formal usage.
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append(_unit_after_tens(units, style))
    return words


def _unit_after_tens(units: int, style: _Style) -> str:
    """The units word after tens >= 2: mốt, tư/bốn, lăm, or the plain digit."""
    if units == 1:
        return "mốt"
    if units == 4:
        return style.four
    if units == 5:
        return "lăm"
    return _DIGITS[units]
