"""Number formatting for Vietnamese documents: grouped numerals, Roman numerals, letters.

Vietnamese uses "." to group thousands and "," as the decimal mark (1.234.567,5).  Parts
are numbered with Roman numerals ("Phần I") or ordinal words ("Phần thứ nhất"), and points
("điểm") inside a clause with the letters of the Vietnamese alphabet (a, b, c, d, đ, …).
"""

from __future__ import annotations

import decimal
import math

__all__ = ["format_number", "ordinal_word", "point_letter", "to_roman"]

# The Vietnamese alphabet without the letters that carry a diacritic other than đ
# (ă â ê ô ơ ư) and without f j w z, which are not Vietnamese letters.
_POINT_LETTERS = (
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
)

_ORDINAL_WORDS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")

_ROMAN_VALUES = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def format_number(value: int | float | decimal.Decimal, decimals: int | None = None) -> str:
    """Format ``value`` with "." between thousands and "," as the decimal mark.

    Without ``decimals``: ints get no decimal part (``1234567`` → ``"1.234.567"``), floats
    print the digits of their shortest repr (``1.27`` → ``"1,27"``; an integral float such
    as ``3.0`` prints ``"3"``), Decimals keep their own exponent (``Decimal("1.50")`` →
    ``"1,50"``).  With ``decimals``: any value, int included, is rounded half-up to exactly
    that many decimal places (``1234.5, 2`` → ``"1.234,50"``).  Negative zero prints
    without a sign.

    Raises TypeError for bools and other non-numbers, ValueError for NaN, infinities and a
    negative ``decimals``.
    """
    number = _to_decimal(value)
    if decimals is not None:
        if decimals < 0:
            raise ValueError(f"decimals must be >= 0, got {decimals}")
        # Enough precision that quantize never fails on large values.
        precision = max(28, number.adjusted() + decimals + 2)
        with decimal.localcontext(decimal.Context(prec=precision)):
            number = number.quantize(
                decimal.Decimal(1).scaleb(-decimals), rounding=decimal.ROUND_HALF_UP
            )
    text = format(number, "f")
    negative = text.startswith("-")
    integer_part, _, fraction = text.lstrip("-").partition(".")
    grouped = _group_thousands(integer_part)
    result = f"{grouped},{fraction}" if fraction else grouped
    # "-0" and "-0,00" would read as a (meaningless) negative amount.
    if negative and any(ch not in "0" for ch in integer_part + fraction):
        return "-" + result
    return result


def to_roman(n: int) -> str:
    """Return ``n`` (1..3999) in upper-case Roman numerals, e.g. ``14`` → ``"XIV"``."""
    _check_int(n)
    if not 1 <= n <= 3999:
        raise ValueError(f"Roman numerals cover 1..3999, got {n}")
    parts: list[str] = []
    for value, symbol in _ROMAN_VALUES:
        count, n = divmod(n, value)
        parts.append(symbol * count)
    return "".join(parts)


def point_letter(n: int) -> str:
    """Return the ``n``-th (1-based) letter used to number points ("điểm"): a b c d đ e …

    Raises ValueError outside 1..23 (the alphabet has 23 such letters).
    """
    _check_int(n)
    if not 1 <= n <= len(_POINT_LETTERS):
        raise ValueError(f"point letters cover 1..{len(_POINT_LETTERS)}, got {n}")
    return _POINT_LETTERS[n - 1]


def ordinal_word(n: int) -> str:
    """Return the ordinal word for "Phần thứ …": 1 → "nhất", 4 → "tư", 10 → "mười".

    Raises ValueError outside 1..10.
    """
    _check_int(n)
    if not 1 <= n <= len(_ORDINAL_WORDS):
        raise ValueError(f"ordinal words cover 1..{len(_ORDINAL_WORDS)}, got {n}")
    return _ORDINAL_WORDS[n - 1]


def _to_decimal(value: int | float | decimal.Decimal) -> decimal.Decimal:
    """Convert ``value`` to an exact Decimal carrying the digits it should print."""
    # bool is an int subclass, but True printing as "1" is always a caller mistake.
    if isinstance(value, bool) or not isinstance(value, int | float | decimal.Decimal):
        raise TypeError(f"expected int, float or Decimal, got {type(value).__name__}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot format {value!r}")
        # repr gives the shortest digits that round-trip, so 1.27 stays 1.27 rather than
        # the binary expansion 1.270000000000000017763568394002504646778106689453125.
        shortest = decimal.Decimal(repr(value))
        # "3.0" is repr's spelling of an integral float, not a significant decimal place.
        return shortest.to_integral_value() if value.is_integer() else shortest
    if isinstance(value, decimal.Decimal) and not value.is_finite():
        raise ValueError(f"cannot format {value!r}")
    return decimal.Decimal(value)


def _group_thousands(digits: str) -> str:
    """Insert "." between groups of three digits, counting from the right."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)


def _check_int(n: int) -> None:
    """Reject non-ints (and bools) so that ``to_roman(2.0)`` fails loudly."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected int, got {type(n).__name__}")
