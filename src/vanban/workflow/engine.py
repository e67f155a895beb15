"""Answering "which events may this user fire now, and why not" and firing them.

The state machine is a ``transitions.Machine`` built once per workflow definition. It stays
inside this module: callers see only WorkflowEngine, Actor, DossierFacts and Transition. The
engine changes nothing itself; it returns the Transition and the service stores it.
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


def _listing(events: list[EventDefinition]) -> tuple[str, str]:
    """Return the closing "what you can do now" sentence of every refusal."""
    if not events:
        return (
            "Hiện bạn không có việc nào để làm với hồ sơ này.",
            "There is nothing you can do with this dossier now.",
        )
    listed = ", ".join(event.describe() for event in events)
    return f"Bạn có thể: {listed}.", f"You can: {listed}."


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
    def _machine(self) -> Machine:
        from transitions import Machine

        definition, guards = self.definition, self._guards
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
                    "conditions": [_condition(guards[name]) for name in event.guards],
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
        definition = self.definition
        tail, tail_en = _listing(self.available_events(facts, actor))
        found = definition.events.get(event)
        if found is None:
            hint = closest(event, definition.events)
            guess = f" (có phải “{hint}”?)" if hint else ""
            guess_en = f" (did you mean “{hint}”?)" if hint else ""
            names = ", ".join(definition.events)
            raise NotFoundError(
                f"Quy trình “{definition.label}” không có việc “{event}”{guess}. "
                f"Các việc có: {names}. {tail}",
                f"The workflow “{definition.name}” has no event “{event}”{guess_en}. "
                f"Its events are: {names}. {tail_en}",
            )
        state = definition.states.get(facts.state)
        if state is None:
            raise WorkflowError(
                f"Hồ sơ đang ở trạng thái “{facts.state}”, trạng thái này không có trong quy trình "
                f"“{definition.label}”. Hãy báo quản trị viên kiểm tra tệp {definition.source}.",
                f"The dossier is in the state “{facts.state}”, which the workflow "
                f"“{definition.name}” does not have. Ask an administrator to check "
                f"{definition.source}.",
            )
        if facts.state not in found.sources:
            possible = definition.events_from(facts.state)
            if possible:
                listed = ", ".join(item.describe() for item in possible)
                after, after_en = f"Từ trạng thái này chỉ có: {listed}.", f"From it: {listed}."
            else:
                after = "Đây là trạng thái kết thúc, hồ sơ không còn việc nào."
                after_en = "It is a final state; nothing more can happen to the dossier."
            raise WorkflowError(
                f"Hồ sơ đang ở trạng thái “{state.label}” nên không thể {found.describe()}. "
                f"{after} {tail}",
                f"The dossier is in the state “{state.label}” ({state.name}), so "
                f"{found.describe()} is not possible. {after_en} {tail_en}",
            )
        if not actor.roles & found.roles:
            roles = sorted(found.roles)
            needed = ", ".join(f"{role} ({ROLES.get(role, role)})" for role in roles)
            if len(roles) == 1:
                need, lack = f"vai trò {needed}", "vai trò này"
                need_en, lack_en = f"the role {roles[0]}", "does not have it"
            else:
                need, lack = f"một trong các vai trò {needed}", "vai trò nào trong số đó"
                need_en, lack_en = f"one of the roles {', '.join(roles)}", "has none of them"
            raise NotPermittedError(
                f"Việc {found.describe()} cần {need}; tài khoản “{actor.login}” không có {lack}. "
                f"{tail}",
                f"The event {found.describe()} needs {need_en}; the user “{actor.login}” "
                f"{lack_en}. {tail_en}",
            )
        subject = _Subject(facts.state, GuardInput(facts=facts, actor=actor, comment=comment))
        if not self._machine.events[found.name].trigger(subject):
            refusal = subject.refusal or Refusal(
                "Điều kiện của việc này chưa được đáp ứng.", "This event's conditions are not met."
            )
            raise NotPermittedError(f"{refusal.vi} {tail}", f"{refusal.en} {tail_en}")
        return Transition(event=found, from_state=facts.state, to_state=subject.state)
