"""Checking a parsed workflow file: every mistake, with its key path, line and fix.

An office administrator edits these files by hand. One run must name every mistake, so the
file is corrected once rather than once per run; the checks go on after each problem and
only build a WorkflowDefinition when there is none. The format is in docs/workflow-format.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from vanban.datafile import Located
from vanban.roles import ROLES
from vanban.vietnamese import closest
from vanban.workflow.definition import (
    EventDefinition,
    StateDefinition,
    WorkflowDefinition,
)
from vanban.workflow.guards import GUARDS, Guard
from vanban.workflow.problems import Problem, choices

FORMAT_VERSION = 1
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_TOP_KEYS = ("version", "name", "label", "document", "initial", "states", "events")
_STATE_KEYS = ("label",)
_STATE_OPTIONAL = ("final",)
_EVENT_KEYS = ("label", "from", "to", "roles")
_EVENT_OPTIONAL = ("guards", "render", "number", "data")


class _Checker:
    """Walks one file's values, collecting problems and the parts that are right."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems

    def add(self, at: Located, vi: str, en: str) -> None:
        # Items of a list share the list's path: the message quotes the item itself.
        keys = tuple(part for part in at.key_path if isinstance(part, str))
        self.problems.append(Problem(at.line, vi, en, self.source, keys))

    def mapping(
        self,
        at: Located,
        what: tuple[str, str],
        required: Collection[str] = (),
        optional: Collection[str] | None = (),
    ) -> dict[str, Located] | None:
        """Return the entries of a mapping; ``optional=None`` allows any key (a table of names)."""
        if not isinstance(at.value, dict):
            example = f"các khóa {', '.join(required)}" if required else "mỗi tên một dòng"
            example_en = f"the keys {', '.join(required)}" if required else "one name per line"
            self.add(
                at,
                f"{what[0]} phải là một bảng “khóa: giá trị”; hãy viết {example}",
                f"{what[1]} must be a “key: value” mapping; write {example_en}",
            )
            return None
        entries: dict[str, Located] = at.value
        missing = [key for key in required if key not in entries]
        if optional is not None:
            allowed = (*required, *optional)
            for key, value in entries.items():
                if key in allowed:
                    continue
                vi, en = choices(key, allowed)
                self.add(
                    value, f"khóa “{key}” không dùng ở đây; {vi}", f"unknown key “{key}”; {en}"
                )
                # "lable" for a missing "label" is one mistake, not two.
                missing = [name for name in missing if name != closest(key, allowed)]
        for key in missing:
            self.add(
                at,
                f"thiếu khóa “{key}”; hãy thêm “{key}: …” (xem docs/workflow-format.md)",
                f"the key “{key}” is missing; add “{key}: …” (see docs/workflow-format.md)",
            )
        return entries

    def text(self, at: Located | None, what: str, what_en: str) -> str | None:
        if at is None:
            return None
        if not isinstance(at.value, str) or not at.value.strip():
            self.add(at, f"{what} phải là một đoạn chữ", f"{what_en} must be text")
            return None
        return unicodedata.normalize("NFC", at.value).strip()

    def name(self, at: Located | None, what: str, what_en: str) -> str | None:
        text = self.text(at, what, what_en)
        if at is None or text is None:
            return None
        if not _NAME.match(text):
            self.add(
                at,
                f"{what} “{text}” phải viết thường, không dấu, nối bằng “_” (ví dụ “da_duyet”)",
                f"{what_en} “{text}” must be lower-case ASCII joined by “_” (e.g. “da_duyet”)",
            )
            return None
        return text

    def flag(self, at: Located | None, what: str) -> bool:
        if at is None:
            return False
        if not isinstance(at.value, bool):
            self.add(
                at,
                f"“{what}” phải là true hoặc false, không phải “{at.value}”",
                f"“{what}” must be true or false, not “{at.value}”",
            )
            return False
        return at.value

    def name_list(self, at: Located | None, what: str, what_en: str) -> list[tuple[Located, str]]:
        """Return (where, name) for a name or a list of names; "draft" means ["draft"]."""
        if at is None:
            return []
        items = at.value if isinstance(at.value, list) else [at]
        if not items:
            self.add(at, f"{what} đang để trống", f"{what_en} is empty")
        named = [(item, self.text(item, what, what_en)) for item in items]
        return [(item, name) for item, name in named if name is not None]

    def member(self, at: Located, name: str, options: Collection[str], kind: _Kind) -> bool:
        if name in options:
            return True
        vi, en = choices(name, list(options))
        self.add(
            at,
            f"{kind.what} “{name}” không có trong {kind.within}; {vi}",
            f"{kind.what_en} “{name}” is not in {kind.within_en}; {en}",
        )
        return False


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


def _states(checker: _Checker, states: Located | None) -> dict[str, StateDefinition]:
    result: dict[str, StateDefinition] = {}
    if states is None:
        return result
    entries = checker.mapping(states, ("“states”", "“states”"), optional=None)
    if entries is not None and not entries:
        checker.add(states, "chưa có trạng thái nào", "there are no states")
    for key, value in (entries or {}).items():
        checker.name(Located(key, value.key_path, value.line), "tên trạng thái", "state name")
        fields = checker.mapping(
            value, (f"trạng thái “{key}”", f"the state “{key}”"), _STATE_KEYS, _STATE_OPTIONAL
        )
        fields = fields if fields is not None else {}
        label = checker.text(fields.get("label"), "“label”", "“label”")
        final = checker.flag(fields.get("final"), "final")
        # Kept even when its name or label is wrong, so that the events naming it are not
        # reported too; any problem means no definition is built, so the placeholder label
        # never leaves this module.
        result[key] = StateDefinition(name=key, label=label or "", final=final)
    return result


def _event(
    checker: _Checker,
    key: str,
    value: Located,
    states: Mapping[str, StateDefinition],
    guards: Mapping[str, Guard],
    document: str | None,
    known_templates: Collection[str] | None,
) -> EventDefinition | None:
    """Check one event; return it when its from/to are sound enough for the graph checks.

    Other mistakes (label, roles, guards) are recorded but still return the event, so one
    wrong role does not also make its destination look unreachable.
    """
    checker.name(Located(key, value.key_path, value.line), "tên việc", "event name")
    fields = checker.mapping(
        value, (f"việc “{key}”", f"the event “{key}”"), _EVENT_KEYS, _EVENT_OPTIONAL
    )
    if fields is None:
        return None
    label = checker.text(fields.get("label"), "“label”", "“label”")
    sound = "from" in fields
    sources: list[str] = []
    for at, state in checker.name_list(fields.get("from"), "“from”", "“from”"):
        if not checker.member(at, state, states, _STATE):
            sound = False
        elif states[state].final:
            checker.add(
                at,
                f"“{state}” là trạng thái kết thúc (final: true) nên không có việc nào đi ra; "
                f"hãy bỏ “{state}” khỏi from hoặc bỏ final: true",
                f"“{state}” is a final state (final: true), so no event may leave it; "
                f"remove “{state}” from “from” or drop final: true",
            )
            sound = False
        elif state not in sources:
            sources.append(state)
    dest = checker.text(fields.get("to"), "“to”", "“to”")
    if dest is not None and not checker.member(fields["to"], dest, states, _STATE):
        dest = None
    roles = frozenset(
        role
        for at, role in checker.name_list(fields.get("roles"), "“roles”", "“roles”")
        if checker.member(at, role, ROLES, _ROLE)
    )
    # Only registered names: a dotted path such as "os.system" is just an unknown guard.
    guard_names = tuple(
        guard
        for at, guard in checker.name_list(fields.get("guards"), "“guards”", "“guards”")
        if checker.member(at, guard, guards, _GUARD)
    )
    render = _render_list(checker, fields.get("render"), document, known_templates)
    number = checker.flag(fields.get("number"), "number")
    accepts_data = checker.flag(fields.get("data"), "data")
    if not sound or not sources or dest is None:
        return None
    return EventDefinition(
        name=key,
        label=label or "",
        sources=tuple(sources),
        dest=dest,
        roles=roles,
        guards=guard_names,
        render=render,
        number=number,
        accepts_data=accepts_data,
    )


def _render_list(
    checker: _Checker,
    at: Located | None,
    document: str | None,
    known_templates: Collection[str] | None,
) -> tuple[str, ...]:
    """Return the templates an event renders: ``true`` means the workflow's document."""
    if at is None or at.value is False:
        return ()
    if at.value is True:
        return (document,) if document else ()
    names = []
    for item_at, template in checker.name_list(at, "“render”", "“render”"):
        if known_templates is None or checker.member(
            item_at, template, sorted(known_templates), _TEMPLATE
        ):
            names.append(template)
    return tuple(names)


def _check_graph(
    checker: _Checker,
    states_at: Located,
    initial: str,
    states: Mapping[str, StateDefinition],
    events: Mapping[str, EventDefinition],
) -> None:
    """Every state must be reachable from ``initial``, and only final states may be dead ends."""
    entries: dict[str, Located] = states_at.value
    reached = {initial}
    frontier = [initial]
    while frontier:
        current = frontier.pop()
        for event in events.values():
            if current in event.sources and event.dest not in reached:
                reached.add(event.dest)
                frontier.append(event.dest)
    for name, state in states.items():
        if name not in reached:
            checker.add(
                entries[name],
                f"không thể tới trạng thái “{name}” từ trạng thái ban đầu “{initial}”; "
                f"hãy thêm một việc có to: {name} hoặc bỏ trạng thái này",
                f"the state “{name}” cannot be reached from the initial state “{initial}”; "
                f"add an event with to: {name} or remove the state",
            )
        elif not state.final and not any(name in event.sources for event in events.values()):
            checker.add(
                entries[name],
                f"trạng thái “{name}” không có việc nào đi ra nên hồ sơ sẽ kẹt ở đây; "
                f"hãy thêm một việc có from: [{name}] hoặc ghi final: true",
                f"no event leaves the state “{name}”, so a dossier would be stuck there; "
                f"add an event with from: [{name}] or mark it final: true",
            )


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
    checker = _Checker(source, problems)
    top = checker.mapping(root, ("Tệp quy trình", "A workflow file"), _TOP_KEYS)
    if top is None:
        return None
    version = top.get("version")
    if version is not None and (type(version.value) is not int or version.value != FORMAT_VERSION):
        checker.add(
            version,
            f"phiên bản “{version.value}” không được hỗ trợ; hãy ghi version: {FORMAT_VERSION}",
            f"version “{version.value}” is not supported; write version: {FORMAT_VERSION}",
        )
    name = checker.name(top.get("name"), "tên quy trình", "the workflow name")
    if name is not None and name != stem:
        checker.add(
            top["name"],
            f"tên “{name}” phải trùng tên tệp “{stem}”; hãy ghi name: {stem} hoặc đổi tên tệp",
            f"the name “{name}” must match the file name “{stem}”; write name: {stem} "
            "or rename the file",
        )
    label = checker.text(top.get("label"), "“label”", "“label”")
    document = checker.text(top.get("document"), "“document”", "“document”")
    if document is not None and known_templates is not None:
        checker.member(top["document"], document, sorted(known_templates), _TEMPLATE)
    states = _states(checker, top.get("states"))
    initial = checker.text(top.get("initial"), "“initial”", "“initial”")
    if initial is not None and not checker.member(top["initial"], initial, states, _STATE):
        initial = None
    events: dict[str, EventDefinition] = {}
    # The graph checks would only repeat other mistakes as "unreachable" when part of the
    # graph is unknown, so they run only on a sound graph.
    sound = initial is not None
    events_at = top.get("events")
    entries = None
    if events_at is not None:
        entries = checker.mapping(events_at, ("“events”", "“events”"), optional=None)
    if events_at is not None and entries is not None and not entries:
        checker.add(events_at, "chưa có việc nào", "there are no events")
    for key, value in (entries or {}).items():
        event = _event(checker, key, value, states, guards, document, known_templates)
        if event is None:
            sound = False
        else:
            events[key] = event
    if sound and initial is not None and entries:
        _check_graph(checker, top["states"], initial, states, events)
    if len(problems) > count:
        return None
    if name is None or label is None or document is None or initial is None:
        return None  # each of these already added a problem; this tells mypy so
    return WorkflowDefinition(
        name=name,
        label=label,
        document=document,
        initial=initial,
        states=MappingProxyType(states),
        events=MappingProxyType(events),
        source=source,
    )
