"""Answering "which events may this user fire now, and why not" and firing them.

The state machine is a ``transitions.Machine`` built once per workflow definition: it checks
the dossier's state, and each event's conditions check the role, then the registered guards.
It stays inside this module: callers see only WorkflowEngine, Actor, DossierFacts and
Transition. The engine changes nothing itself; it returns the Transition and the service
stores it. Why transitions stays: docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, cast

from vanban.errors import NotFoundError, NotPermittedError, WorkflowError
from vanban.roles import ROLES
from vanban.vietnamese import closest
from vanban.workflow.definition import EventDefinition, WorkflowDefinition
from vanban.workflow.guards import GUARDS, Actor, DossierFacts, Guard, GuardInput, Refusal

if TYPE_CHECKING:  # transitions is imported when an event is first fired: show needs none
    from transitions import EventData, Machine

__all__ = ["Actor", "DossierFacts", "Transition", "WorkflowEngine"]


@dataclass(frozen=True)
class Transition:
    """An event that may happen: the service now renders, numbers and stores as it says."""

    event: EventDefinition
    from_state: str
    to_state: str


class _Subject:
    """The stand-in model one ``fire`` call hands to the machine.

    The machine reads and sets ``state``; the guard conditions read ``given`` and leave their
    refusal in ``refusal``. Events are triggered through ``Machine.events`` so the machine
    never injects trigger methods anywhere.
    """

    def __init__(self, state: str, given: GuardInput) -> None:
        self.state = state
        self.given = given
        self.refusal: Refusal | None = None


def _condition(guard: Guard) -> Callable[[EventData], bool]:
    def check(event_data: EventData) -> bool:
        # Only fire() triggers events, always with a _Subject.
        subject = cast(_Subject, event_data.model)
        subject.refusal = guard.check(subject.given)
        return subject.refusal is None

    return check


def _role_condition(event: EventDefinition, needs: tuple[str, str]) -> Callable[[EventData], bool]:
    """The first condition of every event: the actor has one of its roles."""

    def check(event_data: EventData) -> bool:
        subject = cast(_Subject, event_data.model)
        actor = subject.given.actor
        if actor.roles & event.roles:
            return True
        subject.refusal = Refusal(
            needs[0].format(login=actor.login), needs[1].format(login=actor.login)
        )
        return False

    return check


def _listing(events: list[EventDefinition]) -> tuple[str, str]:
    """Return the closing "what you can do now" sentence of every refusal."""
    if not events:
        return (
            "Hiện bạn không có việc nào để làm với hồ sơ này.",
            "There is nothing you can do with this dossier now.",
        )
    listed = ", ".join(event.describe() for event in events)
    return f"Bạn có thể: {listed}.", f"You can: {listed}."


@dataclass(frozen=True)
class _Refusals:
    """The parts of every refusal that depend on the definition only, written once per
    workflow; only the user's login and what they can do now are filled in when refusing."""

    event_names: str  # "submit, amend, review, …"
    after_state: Mapping[str, tuple[str, str]]  # state → what can happen from it
    needs_role: Mapping[str, tuple[str, str]]  # event → "… cần vai trò …; tài khoản “{login}” …"

    @classmethod
    def of(cls, definition: WorkflowDefinition) -> _Refusals:
        after: dict[str, tuple[str, str]] = {}
        for state in definition.states:
            possible = definition.events_from(state)
            if possible:
                listed = ", ".join(item.describe() for item in possible)
                after[state] = (f"Từ trạng thái này chỉ có: {listed}.", f"From it: {listed}.")
            else:
                after[state] = (
                    "Đây là trạng thái kết thúc, hồ sơ không còn việc nào.",
                    "It is a final state; nothing more can happen to the dossier.",
                )
        return cls(
            event_names=", ".join(definition.events),
            after_state=after,
            needs_role={name: _needs_role(event) for name, event in definition.events.items()},
        )


def _needs_role(event: EventDefinition) -> tuple[str, str]:
    """The refusal for a missing role, with the user's login left open as ``{login}``."""
    roles = sorted(event.roles)
    needed = ", ".join(f"{role} ({ROLES.get(role, role)})" for role in roles)
    if len(roles) == 1:
        need, lack = f"vai trò {needed}", "vai trò này"
        need_en, lack_en = f"the role {roles[0]}", "does not have it"
    else:
        need, lack = f"một trong các vai trò {needed}", "vai trò nào trong số đó"
        need_en, lack_en = f"one of the roles {', '.join(roles)}", "has none of them"
    described = event.describe().replace("{", "{{").replace("}", "}}")
    return (
        f"Việc {described} cần {need}; tài khoản “{{login}}” không có {lack}.",
        f"The event {described} needs {need_en}; the user “{{login}}” {lack_en}.",
    )


class WorkflowEngine:
    """The events of one workflow, checked against role, state and the registered guards."""

    def __init__(
        self, definition: WorkflowDefinition, guards: Mapping[str, Guard] = GUARDS
    ) -> None:
        unknown = sorted(
            {name for event in definition.events.values() for name in event.guards} - set(guards)
        )
        if unknown:
            # A definition built in code (not through the loader) could name any guard.
            raise WorkflowError(
                f"Quy trình “{definition.label}” dùng điều kiện chưa đăng ký: "
                f"{', '.join(unknown)}. Hãy dùng một trong: {', '.join(guards)}.",
                f"The workflow “{definition.name}” uses unregistered guards: "
                f"{', '.join(unknown)}. Use one of: {', '.join(guards)}.",
            )
        self.definition = definition
        self._guards = guards

    @cached_property
    def _refusals(self) -> _Refusals:
        return _Refusals.of(self.definition)

    @cached_property
    def _machine(self) -> Machine:
        """The state machine: transitions checks the state; the conditions, in order, check
        the role and then each registered guard."""
        from transitions import Machine

        definition, guards, refusals = self.definition, self._guards, self._refusals
        return Machine(
            model=None,
            states=list(definition.states),
            initial=definition.initial,
            transitions=[
                {
                    "trigger": event.name,
                    "source": list(event.sources),
                    "dest": event.dest,
                    # Callables from the registry only: a string here would be resolved by
                    # transitions as a model attribute or a dotted import path.
                    "conditions": [
                        _role_condition(event, refusals.needs_role[event.name]),
                        *(_condition(guards[name]) for name in event.guards),
                    ],
                }
                for event in definition.events.values()
            ],
            auto_transitions=False,
            send_event=True,
        )

    def available_events(self, facts: DossierFacts, actor: Actor) -> list[EventDefinition]:
        """Return the events ``actor`` may fire now, in the workflow's order.

        An event is listed when the actor has one of its roles, the dossier's state is one of
        its sources and every guard that does not depend on user input passes; a guard such
        as ``has_comment`` is left to ``fire``, because the user can still satisfy it.
        """
        if facts.state not in self.definition.states:
            return []
        allowed = {event.name for event in self.definition.events_from(facts.state)}
        given = GuardInput(facts=facts, actor=actor)
        return [
            event
            for event in self.definition.events.values()
            if event.name in allowed
            and actor.roles & event.roles
            and all(
                self._guards[name].uses_input or self._guards[name].check(given) is None
                for name in event.guards
            )
        ]

    def fire(self, facts: DossierFacts, actor: Actor, event: str, comment: str = "") -> Transition:
        """Check that ``actor`` may fire ``event`` on the dossier now; return the Transition.

        Raises NotFoundError for an unknown event, WorkflowError when the dossier's state does
        not allow it, and NotPermittedError when a role is missing or a guard refuses. Every
        message ends with what this user can do now.
        """
        from transitions import MachineError

        definition = self.definition
        found = definition.events.get(event)
        if found is None:
            hint = closest(event, definition.events)
            guess = f" (có phải “{hint}”?)" if hint else ""
            guess_en = f" (did you mean “{hint}”?)" if hint else ""
            names = self._refusals.event_names
            tail, tail_en = self._tail(facts, actor)
            raise NotFoundError(
                f"Quy trình “{definition.label}” không có việc “{event}”{guess}. "
                f"Các việc có: {names}. {tail}",
                f"The workflow “{definition.name}” has no event “{event}”{guess_en}. "
                f"Its events are: {names}. {tail_en}",
            )
        state = definition.states.get(facts.state)
        if state is None:  # a stored state the file no longer has: the machine cannot start
            raise WorkflowError(
                f"Hồ sơ đang ở trạng thái “{facts.state}”, trạng thái này không có trong quy trình "
                f"“{definition.label}”. Hãy báo quản trị viên kiểm tra tệp {definition.source}.",
                f"The dossier is in the state “{facts.state}”, which the workflow "
                f"“{definition.name}” does not have. Ask an administrator to check "
                f"{definition.source}.",
            )
        subject = _Subject(facts.state, GuardInput(facts=facts, actor=actor, comment=comment))
        try:
            moved = self._machine.events[found.name].trigger(subject)
        except MachineError:  # transitions: the event does not start from this state
            after, after_en = self._refusals.after_state[facts.state]
            tail, tail_en = self._tail(facts, actor)
            raise WorkflowError(
                f"Hồ sơ đang ở trạng thái “{state.label}” nên không thể {found.describe()}. "
                f"{after} {tail}",
                f"The dossier is in the state “{state.label}” ({state.name}), so "
                f"{found.describe()} is not possible. {after_en} {tail_en}",
            ) from None
        if not moved:
            refusal = subject.refusal or Refusal(
                "Điều kiện của việc này chưa được đáp ứng.", "This event's conditions are not met."
            )
            tail, tail_en = self._tail(facts, actor)
            raise NotPermittedError(f"{refusal.vi} {tail}", f"{refusal.en} {tail_en}")
        return Transition(event=found, from_state=facts.state, to_state=subject.state)

    def _tail(self, facts: DossierFacts, actor: Actor) -> tuple[str, str]:
        """What ``actor`` can do with the dossier now: the last sentence of a refusal."""
        return _listing(self.available_events(facts, actor))
