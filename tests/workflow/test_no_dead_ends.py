"""No dossier can get stuck: from every state of every shipped workflow a final state is reachable.

The walk uses the real engine: an event counts only when some user of the starter workspace's
roles may fire it now (a drafter never approves their own dossier; a reason is always given).
"""

from __future__ import annotations

import pytest

from tests.workflow.shared import WORKFLOWS
from vanban.workflow import Actor, DossierFacts, WorkflowDefinition, WorkflowEngine, load_workflows

DRAFTER = "minh"
# One person per role, as the starter vanban.toml has them; the drafter is the secretary.
PEOPLE = (
    Actor(DRAFTER, frozenset({"secretary"})),
    Actor("an", frozenset({"reviewer"})),
    Actor("huong", frozenset({"approver"})),
    Actor("lan", frozenset({"clerk"})),
)
SHIPPED = load_workflows(WORKFLOWS)


def _next_states(engine: WorkflowEngine, state: str) -> set[str]:
    found = set()
    for person in PEOPLE:
        facts = DossierFacts(state, DRAFTER)
        for event in engine.available_events(facts, person):
            found.add(engine.fire(facts, person, event.name, "Lý do trả lại").to_state)
    return found


def _reaches_an_end(definition: WorkflowDefinition, start: str) -> bool:
    engine = WorkflowEngine(definition)
    seen, todo = {start}, [start]
    while todo:
        state = todo.pop()
        if definition.states[state].final:
            return True
        for following in _next_states(engine, state) - seen:
            seen.add(following)
            todo.append(following)
    return False


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_every_state_of_a_shipped_workflow_can_reach_a_final_state(name: str) -> None:
    definition = SHIPPED[name]
    stuck = [
        state
        for state, spec in definition.states.items()
        if not spec.final and not _reaches_an_end(definition, state)
    ]
    assert stuck == []


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_an_approved_dossier_can_go_back_to_its_drafter(name: str) -> None:
    engine = WorkflowEngine(SHIPPED[name])
    for login in ("huong", "lan"):  # the approver and the clerk
        person = next(p for p in PEOPLE if p.login == login)
        moved = engine.fire(DossierFacts("approved", DRAFTER), person, "return", "Sai năm")
        assert moved.to_state == SHIPPED[name].initial
