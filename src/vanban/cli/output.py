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
        """Report a failure: JSON on stdout in JSON mode, else one message on stderr."""
        if self.as_json:
            click.echo(
                json.dumps(
                    {"ok": False, "error": message, "exit_code": exit_code}, ensure_ascii=False
                )
            )
        else:
            click.echo(message, file=sys.stderr)


def get_output(context: click.Context) -> Output:
    """Return the Output of the call (kept on the root context's Session)."""
    holder = context.find_root().obj
    output = getattr(holder, "output", None)
    return output if isinstance(output, Output) else Output()
