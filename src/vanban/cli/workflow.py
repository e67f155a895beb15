"""``vanban workflow list | show NAME | graph NAME``."""

from __future__ import annotations

from pathlib import Path

import click

from vanban.cli.output import get_output
from vanban.cli.session import get_session
from vanban.errors import NotFoundError, WorkspaceError
from vanban.services.dossiers import workflow_definitions
from vanban.workflow import WorkflowDefinition, mermaid
from vanban.workspace import find_workspace_root


def _workflows(context: click.Context) -> dict[str, WorkflowDefinition]:
    try:
        root: Path | None = find_workspace_root(get_session(context).workspace_option)
    except WorkspaceError:
        root = None  # outside a workspace: the shipped workflows only
    return workflow_definitions(root)


def _get(context: click.Context, name: str) -> WorkflowDefinition:
    workflows = _workflows(context)
    if name not in workflows:
        known = ", ".join(sorted(workflows))
        raise NotFoundError(
            f"Không có quy trình “{name}”. Các quy trình hiện có: {known}.",
            f"There is no workflow “{name}”. Available: {known}.",
        )
    return workflows[name]


@click.group()
def workflow() -> None:
    """Các quy trình hồ sơ: trạng thái, việc, vai trò."""


@workflow.command("list")
@click.pass_context
def list_workflows(context: click.Context) -> None:
    """Liệt kê các quy trình."""
    output = get_output(context)
    workflows = _workflows(context)
    for name, definition in sorted(workflows.items()):
        output.say(
            f"{name:<12} {definition.label} — mẫu văn bản: {definition.document}",
            f"{name:<12} {definition.label} — template: {definition.document}",
        )
    output.emit(
        {
            "ok": True,
            "workflows": [
                {"name": d.name, "label": d.label, "document": d.document}
                for _, d in sorted(workflows.items())
            ],
        }
    )


@workflow.command("show")
@click.argument("name")
@click.pass_context
def show_workflow(context: click.Context, name: str) -> None:
    """Hiện trạng thái và các việc của quy trình NAME."""
    output = get_output(context)
    definition = _get(context, name)
    output.say(
        f"{definition.name}: {definition.label} (bắt đầu: {definition.initial})",
        f"{definition.name}: {definition.label} (starts at: {definition.initial})",
    )
    output.say("Trạng thái:", "States:")
    for state in definition.states.values():
        output.say(
            f"  {state.name:<10} {state.label}{' (kết thúc)' if state.final else ''}",
            f"  {state.name:<10} {state.label}{' (final)' if state.final else ''}",
        )
    output.say("Việc:", "Events:")
    for event in definition.events.values():
        roles = ", ".join(sorted(event.roles))
        sources = ", ".join(event.sources)
        output.line(f"  {event.name:<8} {event.label}: {sources} → {event.dest} [{roles}]")
    output.emit(
        {
            "ok": True,
            "name": definition.name,
            "label": definition.label,
            "initial": definition.initial,
            "states": [
                {"name": s.name, "label": s.label, "final": s.final}
                for s in definition.states.values()
            ],
            "events": [
                {
                    "name": e.name,
                    "label": e.label,
                    "from": list(e.sources),
                    "to": e.dest,
                    "roles": sorted(e.roles),
                    "guards": list(e.guards),
                }
                for e in definition.events.values()
            ],
        }
    )


@workflow.command("graph")
@click.argument("name")
@click.pass_context
def graph_workflow(context: click.Context, name: str) -> None:
    """In sơ đồ Mermaid (stateDiagram-v2) của quy trình NAME."""
    output = get_output(context)
    text = mermaid(_get(context, name))
    output.line(text)
    output.emit({"ok": True, "name": name, "mermaid": text})
