"""A click group that imports a command's module only when that command runs.

``vanban --help`` lists every command with its short help, read from the table below, so
answering it imports none of them: no SQLAlchemy, pyHanko, openpyxl, docxtpl or lxml.
tests/cli/test_lazy.py proves each row's short help is the one the command itself declares,
so the table cannot drift from the docstrings.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import click


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives (module and attribute) and the one line ``--help`` shows for it."""

    module: str
    attribute: str
    short_help: str


class LazyGroup(click.Group):
    """A group whose commands are imported from their modules on first use."""

    def __init__(
        self, *args: object, lazy_commands: dict[str, LazyCommand] | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, loaded or not, sorted."""
        return sorted({*self.commands, *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return the command, importing its module the first time it is asked for."""
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            self.commands[cmd_name] = load(cmd_name, self.lazy_commands[cmd_name])
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands as click does, standing in for the ones not imported yet."""
        loaded = self.commands
        try:
            self.commands = {
                **{name: _stand_in(name, entry) for name, entry in self.lazy_commands.items()},
                **loaded,
            }
            super().format_commands(ctx, formatter)
        finally:
            self.commands = loaded


def _stand_in(name: str, entry: LazyCommand) -> click.Command:
    # click shortens the stand-in's help exactly as it would shorten the real command's.
    return click.Command(name, help=entry.short_help)


def load(name: str, entry: LazyCommand) -> click.Command:
    """Import the command ``entry`` names (a module of our own package, never user text)."""
    command = getattr(importlib.import_module(entry.module), entry.attribute)
    if not isinstance(command, click.Command) or command.name != name:
        raise TypeError(f"{entry.module}.{entry.attribute} is not the command {name!r}")
    return command
