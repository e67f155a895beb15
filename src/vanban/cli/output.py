"""How the command line speaks: human text by default, one JSON object with ``--json``."""

from __future__ import annotations

import io
import json
import shutil
import sys
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import click


@dataclass
class Output:
    """The output settings of one command-line call."""

    lang: str = "vi"
    as_json: bool = False
    debug: bool = False

    def say(self, vi: str, en: str) -> None:
        """Print a human sentence in the chosen language (nothing in JSON mode)."""
        if not self.as_json:
            click.echo(en if self.lang == "en" else vi)

    def line(self, text: str) -> None:
        """Print a line of data (a table row, a field) in human mode."""
        if not self.as_json:
            click.echo(text)

    def table(
        self,
        rows: Sequence[Sequence[str]],
        *,
        header: Sequence[str] | None = None,
        right: Collection[int] = (),
        indent: int = 0,
    ) -> None:
        """Print ``rows`` as a table (rich.table) in human mode: each column as wide as its
        widest cell, two spaces between columns, no borders, no colour, no markup.

        In a terminal a long cell wraps inside its column; written to a pipe or a file (and in
        tests) a row stays on one line, so grep and scripts see whole rows.
        """
        if self.as_json or not (rows or header):
            return
        # Imported here: rich is loaded only by a command that prints a table, never by --help.
        from rich.console import Console
        from rich.table import Table

        table = Table(box=None, show_header=header is not None, header_style="", pad_edge=False)
        for index, name in enumerate(header or [""] * len(rows[0])):
            table.add_column(name, justify="right" if index in right else "left")
        for row in rows:
            table.add_row(*row)
        terminal = sys.stdout.isatty()
        width = shutil.get_terminal_size().columns if terminal else 10_000
        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=max(width - indent, 40),
            color_system=None,
            markup=False,
            highlight=False,
            emoji=False,
        )
        console.print(table)
        printed = buffer.getvalue().splitlines()
        click.echo("\n".join(" " * indent + line.rstrip() for line in printed))

    def emit(self, payload: dict[str, Any]) -> None:
        """Print the command's JSON result in JSON mode."""
        if self.as_json:
            click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))

    def error(self, message: str, exit_code: int) -> None:
        """Report a failure: JSON on stdout in JSON mode, else one message on stderr.

        The message is capped (see ``capped``): an error must not echo a 100 KB value back.
        """
        message = capped(message, self.lang)
        if self.as_json:
            click.echo(
                json.dumps(
                    {"ok": False, "error": message, "exit_code": exit_code}, ensure_ascii=False
                )
            )
        else:
            click.echo(message, file=sys.stderr)


# An error names the first problems and counts the rest; it never echoes a whole input back.
MAX_LINE_CHARS = 400
MAX_LINES = 25


def capped(message: str, lang: str = "vi") -> str:
    """Return ``message`` with each line cut to MAX_LINE_CHARS and at most MAX_LINES lines."""
    lines = [
        line if len(line) <= MAX_LINE_CHARS else line[: MAX_LINE_CHARS - 1] + "…"
        for line in message.splitlines()
    ]
    if len(lines) > MAX_LINES:
        rest = len(lines) - (MAX_LINES - 1)
        lines = lines[: MAX_LINES - 1]
        lines.append(f"  … và {rest} dòng khác." if lang == "vi" else f"  … and {rest} more lines.")
    return "\n".join(lines)


def get_output(context: click.Context) -> Output:
    """Return the Output of the call (kept on the root context's Session)."""
    holder = context.find_root().obj
    output = getattr(holder, "output", None)
    return output if isinstance(output, Output) else Output()
