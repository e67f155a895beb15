"""Tables printed by the command line (rich.table): aligned, plain, one row per line in a pipe."""

from __future__ import annotations

import subprocess
import sys


def _printed(code: str) -> str:
    """What a table prints to a pipe (not a terminal), from a fresh interpreter."""
    program = f"from vanban.cli.output import Output\n{code}\n"
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_columns_are_as_wide_as_their_widest_cell() -> None:
    text = _printed(
        "Output().table([('draft', 'Dự thảo'), ('submitted', 'Đã trình')], "
        "header=('Tên', 'Nhãn'), right=(), indent=2)"
    )
    assert text.splitlines() == [
        "  Tên        Nhãn",
        "  draft      Dự thảo",
        "  submitted  Đã trình",
    ]


def test_a_long_row_stays_on_one_line_and_markup_is_text() -> None:
    long = "x" * 300
    text = _printed(f"Output().table([('a', '[bold]{long}[/bold]'), ('[red]b', 'c')])")
    assert text.splitlines() == [  # no wrapping in a pipe, no markup, no colour codes
        f"a       [bold]{long}[/bold]",
        "[red]b  c",
    ]


def test_nothing_in_json_mode() -> None:
    assert _printed("Output(as_json=True).table([('a', 'b')], header=('x', 'y'))") == ""


def test_right_aligned_numbers() -> None:
    text = _printed("Output().table([('1', 'a'), ('12', 'b')], header=('Số', 'Tên'), right=(0,))")
    assert text.splitlines() == ["Số  Tên", " 1  a", "12  b"]
