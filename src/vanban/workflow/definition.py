"""What a loaded workflow is: its states, its events and the roles that may fire them.

These are plain frozen values built by ``loader``; nothing here reads files or runs events.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class StateDefinition:
    """One state a dossier can be in, with its Vietnamese label."""

    name: str
    label: str
    final: bool = False


@dataclass(frozen=True)
class EventDefinition:
    """One event (việc): from which states, to which state, who may fire it, what it produces."""

    name: str
    label: str
    sources: tuple[str, ...]
    dest: str
    roles: frozenset[str]
    guards: tuple[str, ...] = ()
    render: tuple[str, ...] = ()  # the templates this event renders, in order
    number: bool = False
    accepts_data: bool = False

    def describe(self) -> str:
        """Return "submit (Trình)", the way messages and diagrams name an event."""
        return f"{self.name} ({self.label})"


@dataclass(frozen=True)
class WorkflowDefinition:
    """A dossier kind's lifecycle as read from ``workflows/<name>.yaml``.

    ``states`` and ``events`` keep the order of the file, so lists and diagrams follow it.
    """

    name: str
    label: str
    document: str
    initial: str
    states: Mapping[str, StateDefinition]
    events: Mapping[str, EventDefinition]
    source: str

    def events_from(self, state: str) -> list[EventDefinition]:
        """Return the events whose sources include ``state``, in file order."""
        return [event for event in self.events.values() if state in event.sources]
