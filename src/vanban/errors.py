"""The one error hierarchy of vanban: every failure a user can meet is a VanbanError.

Each error carries an exit code and a message in Vietnamese (with an English twin for
``--lang en``). The command line catches ``VanbanError`` once; library code never prints
or exits.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """A user-facing sentence in Vietnamese and English."""

    vi: str
    en: str

    def in_language(self, lang: str) -> str:
        """Return the message in ``lang`` ("vi" or "en"); Vietnamese for anything else."""
        return self.en if lang == "en" else self.vi


class VanbanError(Exception):
    """Base of every error vanban reports to a user; exit code 1 unless a subclass says so."""

    exit_code: int = 1

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi)
        self.message = Message(vi=vi, en=en)

    def text(self, lang: str = "vi") -> str:
        """Return the message in the given language."""
        return self.message.in_language(lang)


class ValidationError(VanbanError):
    """Document data does not satisfy the template's manifest, or is not readable."""


class TemplateError(VanbanError):
    """A template is unknown, unreadable, unsafe, or fails while rendering."""


class OutputError(VanbanError):
    """A result cannot be written where the user asked."""


class WorkspaceError(VanbanError):
    """The workspace (vanban.toml, .vanban/) is missing or invalid."""


class WorkflowError(VanbanError):
    """A workflow definition is invalid or an event cannot happen."""


class NotPermittedError(WorkflowError):
    """The acting user may not fire this event."""


class NotFoundError(VanbanError):
    """A dossier, template, workflow or record that was asked for does not exist."""


class ConflictError(VanbanError):
    """Someone else changed the same thing first; nothing was written."""


class StoreError(VanbanError):
    """The store refused or failed a change; nothing was written."""


class NumberingError(StoreError):
    """The outgoing register could not allocate a number."""


class IntegrityError(VanbanError):
    """A stored or archived file no longer matches its record."""

    exit_code = 3
