"""Spreadsheet cells that cannot run: text cells in .xlsx, the OWASP CSV-injection rule in .csv.

A value a person typed (a signer's name, a recipient) must never become a live formula in a
register or list someone opens in Excel or LibreOffice: ``=HYPERLINK(…)``, ``+cmd|…``,
``@SUM(…)``. OWASP's rule: a cell beginning with = + - @ tab or carriage return is prefixed
with a single quote in CSV. In .xlsx every text cell is written as a string cell, and one that
begins so also carries Excel's quote prefix, so editing it later keeps it text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: object) -> str:
    """Return ``value`` as CSV cell text that no spreadsheet reads as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def append_inert_row(sheet: Any, values: Sequence[object]) -> None:
    """Append ``values`` as a row of ``sheet`` (openpyxl) in which no cell is a formula.

    Numbers stay numbers; every text value is a string cell, whatever it begins with.
    """
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl would store "=…" as a formula
            if cell.value.startswith(FORMULA_STARTS):
                cell.quotePrefix = True
