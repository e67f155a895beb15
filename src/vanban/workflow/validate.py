"""Checking a parsed workflow file: every mistake, with its key path, line and fix.

An office administrator edits these files by hand. One run must name every mistake, so the
file is corrected once rather than once per run. The shape of the file is checked by the
pydantic schema of schema.py; what refers to what (a state named in ``from``, a role, a
registered guard, a known template, a state reached from the initial one) is checked here,
after it, on the parts the schema found sound, so one mistake is not reported again as a
cascade of others. The format is in docs/workflow-format.md.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from vanban.datafile import Located
from vanban.errors import KeyPath
from vanban.roles import ROLES
from vanban.workflow.definition import EventDefinition, StateDefinition, WorkflowDefinition
from vanban.workflow.guards import GUARDS, Guard
from vanban.workflow.problems import Problem, choices
from vanban.workflow.schema import FileProblems, Loc, check_shape

# ---- what refers to what ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    """How messages name a kind of name and the list it must come from."""

    what: str
    what_en: str
    within: str
    within_en: str


_STATE = _Kind("trạng thái", "the state", "states", "states")
_ROLE = _Kind("vai trò", "the role", "các vai trò của vanban", "vanban's roles")
_GUARD = _Kind("điều kiện", "the guard", "các điều kiện đã đăng ký", "the registered guards")
_TEMPLATE = _Kind("mẫu văn bản", "the template", "doc_templates", "doc_templates")


class _References:
    """Checks names against what they name, where the schema found the value sound."""

    def __init__(self, problems: FileProblems, bad: list[Loc]) -> None:
        self.problems = problems
        self.bad = bad  # where the schema found errors

    def sound(self, loc: Loc) -> bool:
        """True when the schema found nothing wrong at ``loc`` or inside it."""
        return not any(bad[: len(loc)] == loc for bad in self.bad)

    def text(self, loc: Loc) -> str | None:
        """The text at ``loc``, stripped, when it is there and sound."""
        at = self.problems.node(loc)
        if at.key_path != loc or not self.sound(loc) or not isinstance(at.value, str):
            return None
        return at.value.strip()

    def names(self, loc: Loc) -> Iterator[tuple[Located, str]]:
        """(where, name) for each sound name of the name or list of names at ``loc``."""
        at = self.problems.node(loc)
        if at.key_path != loc or loc in self.bad:
            return
        items = at.value if isinstance(at.value, list) else [at]
        for index, item in enumerate(items):
            if self.sound((*loc, index)) and isinstance(item.value, str):
                yield item, item.value.strip()

    def member(self, at: Located, name: str, options: Collection[str], kind: _Kind) -> bool:
        if name in options:
            return True
        vi, en = choices(name, list(options))
        self.problems.add(
            at,
            f"{kind.what} “{name}” không có trong {kind.within}; {vi}",
            f"{kind.what_en} “{name}” is not in {kind.within_en}; {en}",
        )
        return False


def _states(refs: _References, root: Located) -> dict[str, StateDefinition]:
    """Every state the file names, even one whose name or label is wrong, so that the events
    naming it are not reported too; any problem means no definition is built."""
    states = root.value.get("states") if isinstance(root.value, dict) else None
    if states is None or not isinstance(states.value, dict):
        return {}
    return {
        key: StateDefinition(
            name=key,
            label=refs.text(("states", key, "label")) or "",
            final=isinstance(value.value, dict) and _flag(value.value.get("final")),
        )
        for key, value in states.value.items()
    }


def _event(
    refs: _References,
    key: str,
    states: Mapping[str, StateDefinition],
    guards: Mapping[str, Guard],
    document: str | None,
    known_templates: Collection[str] | None,
) -> EventDefinition | None:
    """Check what one event names; return it when its from/to are sound enough for the
    graph checks. A wrong role or guard is reported but still returns the event, so that its
    destination does not also look unreachable."""
    at = ("events", key)
    fields = refs.problems.node(at).value
    if refs.problems.node(at).key_path != at or not isinstance(fields, dict):
        return None
    sound = "from" in fields and (*at, "from") not in refs.bad
    sources: list[str] = []
    for where, state in refs.names((*at, "from")):
        if not refs.member(where, state, states, _STATE):
            sound = False
        elif states[state].final:
            refs.problems.add(
                where,
                f"“{state}” là trạng thái kết thúc (final: true) nên không có việc nào đi ra; "
                f"hãy bỏ “{state}” khỏi from hoặc bỏ final: true",
                f"“{state}” is a final state (final: true), so no event may leave it; "
                f"remove “{state}” from “from” or drop final: true",
            )
            sound = False
        elif state not in sources:
            sources.append(state)
    dest = refs.text((*at, "to"))
    if dest is not None and not refs.member(fields["to"], dest, states, _STATE):
        dest = None
    roles = frozenset(
        role for where, role in refs.names((*at, "roles")) if refs.member(where, role, ROLES, _ROLE)
    )
    # Only registered names: a dotted path such as "os.system" is just an unknown guard.
    guard_names = tuple(
        guard
        for where, guard in refs.names((*at, "guards"))
        if refs.member(where, guard, guards, _GUARD)
    )
    render = _render(refs, fields.get("render"), (*at, "render"), document, known_templates)
    if not sound or not sources or dest is None:
        return None
    return EventDefinition(
        name=key,
        label=refs.text((*at, "label")) or "",
        sources=tuple(sources),
        dest=dest,
        roles=roles,
        guards=guard_names,
        render=render,
        number=_flag(fields.get("number")),
        accepts_data=_flag(fields.get("data")),
    )


def _flag(at: Located | None) -> bool:
    return at is not None and at.value is True


def _render(
    refs: _References,
    at: Located | None,
    loc: tuple[str, ...],
    document: str | None,
    known_templates: Collection[str] | None,
) -> tuple[str, ...]:
    """The templates an event renders: ``true`` means the workflow's document."""
    if at is None or at.value is False:
        return ()
    if at.value is True:
        return (document,) if document else ()
    return tuple(
        template
        for where, template in refs.names(loc)
        if known_templates is None
        or refs.member(where, template, sorted(known_templates), _TEMPLATE)
    )


def _check_graph(
    refs: _References,
    initial: str,
    states: Mapping[str, StateDefinition],
    events: Mapping[str, EventDefinition],
) -> None:
    """Every state must be reachable from ``initial``, and only final states may be dead ends."""
    reached = {initial}
    frontier = [initial]
    while frontier:
        current = frontier.pop()
        for event in events.values():
            if current in event.sources and event.dest not in reached:
                reached.add(event.dest)
                frontier.append(event.dest)
    for name, state in states.items():
        at = refs.problems.node(("states", name))
        if name not in reached:
            refs.problems.add(
                at,
                f"không thể tới trạng thái “{name}” từ trạng thái ban đầu “{initial}”; "
                f"hãy thêm một việc có to: {name} hoặc bỏ trạng thái này",
                f"the state “{name}” cannot be reached from the initial state “{initial}”; "
                f"add an event with to: {name} or remove the state",
            )
        elif not state.final and not any(name in event.sources for event in events.values()):
            refs.problems.add(
                at,
                f"trạng thái “{name}” không có việc nào đi ra nên hồ sơ sẽ kẹt ở đây; "
                f"hãy thêm một việc có from: [{name}] hoặc ghi final: true",
                f"no event leaves the state “{name}”, so a dossier would be stuck there; "
                f"add an event with from: [{name}] or mark it final: true",
            )


def _paths(at: Located) -> Iterator[KeyPath]:
    """Every key path of the file, in the order it is written (list items share one)."""
    yield tuple(part for part in at.key_path if isinstance(part, str))
    if isinstance(at.value, dict):
        children: list[Located] = list(at.value.values())
    else:
        children = at.value if isinstance(at.value, list) else []
    for child in children:
        yield from _paths(child)


def check_workflow(
    root: Located,
    source: str,
    stem: str,
    problems: list[Problem],
    known_templates: Collection[str] | None = None,
    guards: Mapping[str, Guard] = GUARDS,
) -> WorkflowDefinition | None:
    """Check parsed values of one file; append every problem; the definition when none."""
    count = len(problems)
    found = FileProblems(root, source, problems)
    schema, bad = check_shape(root, found)
    refs = _References(found, bad)
    if not isinstance(root.value, dict):
        return None
    name = refs.text(("name",))
    if name is not None and name != stem:
        found.add(
            found.node(("name",)),
            f"tên “{name}” phải trùng tên tệp “{stem}”; hãy ghi name: {stem} hoặc đổi tên tệp",
            f"the name “{name}” must match the file name “{stem}”; write name: {stem} "
            "or rename the file",
        )
    document = refs.text(("document",))
    if document is not None and known_templates is not None:
        refs.member(found.node(("document",)), document, sorted(known_templates), _TEMPLATE)
    states = _states(refs, root)
    initial = refs.text(("initial",))
    if initial is not None and not refs.member(found.node(("initial",)), initial, states, _STATE):
        initial = None
    # The graph checks would only repeat other mistakes as "unreachable" when part of the
    # graph is unknown, so they run only on a sound graph.
    sound = initial is not None
    events: dict[str, EventDefinition] = {}
    table = root.value.get("events")
    for key in table.value if table is not None and isinstance(table.value, dict) else {}:
        event = _event(refs, key, states, guards, document, known_templates)
        if event is None:
            sound = False
        else:
            events[key] = event
    if sound and initial is not None and events:
        _check_graph(refs, initial, states, events)
    # Top to bottom and, on one line ({label: …, from: …}), left to right, as the file reads.
    order: dict[KeyPath, int] = {}
    for path in _paths(root):
        order.setdefault(path, len(order))
    problems[count:] = sorted(
        problems[count:], key=lambda problem: (problem.line or 0, order.get(problem.key_path, 0))
    )
    if schema is None or len(problems) > count:
        return None
    return WorkflowDefinition(
        name=schema.name,
        label=schema.label,
        document=schema.document,
        initial=schema.initial,
        states=MappingProxyType(states),
        events=MappingProxyType(events),
        source=source,
    )
