"""The guards a workflow may name, and the facts they look at.

A workflow YAML names guards (``guards: [not_drafter]``); the names are looked up in
``GUARDS`` and nowhere else. A name is never imported as a dotted path, because whoever can
edit a workflow file must not be able to run arbitrary code (``os.system``) through it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Actor:
    """The user firing an event: their login and their roles from vanban.toml."""

    login: str
    roles: frozenset[str]


@dataclass(frozen=True)
class DossierFacts:
    """What the engine needs to know about a dossier: its state and who created it."""

    state: str
    created_by: str


@dataclass(frozen=True)
class GuardInput:
    """Everything a guard may look at when an actor fires an event."""

    facts: DossierFacts
    actor: Actor
    comment: str = ""


@dataclass(frozen=True)
class Refusal:
    """Why a guard says no, in Vietnamese and English: what is wrong and what to do."""

    vi: str
    en: str


@dataclass(frozen=True)
class Guard:
    """A named check on an event.

    ``uses_input`` is true when the check depends on what the user types with the event (the
    comment): such a guard cannot hide an event from the list of what a user may do now,
    because the user can still satisfy it.
    """

    name: str
    check: Callable[[GuardInput], Refusal | None]
    uses_input: bool = False


def _not_drafter(given: GuardInput) -> Refusal | None:
    if given.actor.login != given.facts.created_by:
        return None
    return Refusal(
        "Người soạn hồ sơ không được tự thẩm định hay phê duyệt hồ sơ của mình. "
        "Hãy nhờ người khác có vai trò phù hợp.",
        "Whoever drafted a dossier may not review or approve it themselves. "
        "Ask someone else with the right role.",
    )


def _has_comment(given: GuardInput) -> Refusal | None:
    if given.comment.strip():
        return None
    return Refusal(
        "Hãy ghi lý do bằng --comment khi trả lại hoặc không duyệt hồ sơ.",
        "Give the reason with --comment when returning or rejecting a dossier.",
    )


def _registry(*guards: Guard) -> Mapping[str, Guard]:
    return MappingProxyType({guard.name: guard for guard in guards})


# Separation of duties (who drafts does not approve) and the reviewer's comments on return.
GUARDS: Mapping[str, Guard] = _registry(
    Guard("not_drafter", _not_drafter),
    Guard("has_comment", _has_comment, uses_input=True),
)
