"""How the command line speaks: human text by default, one JSON object with ``--json``."""

from __future__ import annotations

import json
import sys
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
