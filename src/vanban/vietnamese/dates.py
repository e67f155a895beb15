"""Date formatting in the forms prescribed by Nghị định 30/2020 (Phụ lục I).

The decree asks for days below 10 and for the months 1 and 2 to be written with a leading
zero ("ngày 05 tháng 02 năm 2024") while months 3–12 are not padded ("tháng 6").  The
usual reason given: a bare "1" or "2" could be turned into "11" or "12" after signing,
whereas no other month can be extended into a valid month that way.
"""

from __future__ import annotations

import datetime

__all__ = ["VIETNAM_TIME", "format_date_long", "format_date_short", "format_place_date"]

# Vietnam keeps UTC+7 all year (no daylight saving): the date printed on a document and the
# times shown to people are Vietnamese time whatever the server's zone.
VIETNAM_TIME = datetime.timezone(datetime.timedelta(hours=7), "ICT")

# A blank in a draft is wide enough to write the day or month by hand after signing, and for
# the signing step to print "29" or "11" in it with a space's room on either side: with five
# spaces the filled line read "ngày 29tháng 11" (13 pt italic: a space is 3.25 pt, two
# digits 13 pt).
_DRAFT_BLANK = " " * 7


def format_date_long(day: datetime.date) -> str:
    """Return ``day`` as ``"ngày 29 tháng 01 năm 2024"`` (decree padding rules)."""
    return f"ngày {day.day:02d} tháng {_month(day.month)} năm {day.year}"


def format_date_short(day: datetime.date) -> str:
    """Return ``day`` as ``"29/01/2024"`` (dd/mm/yyyy, always zero-padded)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_place_date(place: str | None, day: datetime.date | None, year: int | None = None) -> str:
    """Return the place-and-date line, e.g. ``"Sơn La, ngày 29 tháng 01 năm 2024"``.

    When ``day`` is None the document is a draft and the day and month are left blank for
    the signer: ``"Sơn La, ngày       tháng       năm 2024"``; ``year`` is then required.
    When ``day`` is given, ``year`` may be omitted; if given it must equal ``day.year``.
    A None, empty or blank ``place`` drops the ``"Place, "`` prefix.

    Raises ValueError when ``day`` is None and ``year`` is missing, or when ``year``
    contradicts ``day``.
    """
    if day is None:
        if year is None:
            raise ValueError("year is required when day is None (draft date line)")
        date_text = f"ngày{_DRAFT_BLANK}tháng{_DRAFT_BLANK}năm {year}"
    else:
        if year is not None and year != day.year:
            raise ValueError(f"year {year} contradicts day {day.isoformat()}")
        date_text = format_date_long(day)
    if place is None or not place.strip():
        return date_text
    return f"{place.strip()}, {date_text}"


def _month(month: int) -> str:
    """Return the month number, zero-padded only for January and February."""
    return f"{month:02d}" if month <= 2 else str(month)
