"""``vanban workflow list | show NAME | graph NAME``."""

from __future__ import annotations

import click

from vanban.cli.output import get_output
from vanban.cli.session import get_session
from vanban.services.workflows import WorkflowService


def _service(context: click.Context) -> WorkflowService:
    return WorkflowService(get_session(context).workspace_option)


@click.group()
def workflow() -> None:
    """Các quy trình hồ sơ: trạng thái, việc, vai trò."""


@workflow.command("list")
@click.pass_context
def list_workflows(context: click.Context) -> None:
    """Liệt kê các quy trình."""
    output = get_output(context)
    workflows = _service(context).workflows()
    template = "template" if output.lang == "en" else "mẫu văn bản"
    output.table(
        [(d.name, f"{d.label} — {template}: {d.document}") for d in workflows],
    )
    output.emit(
        {
            "ok": True,
            "workflows": [
                {"name": d.name, "label": d.label, "document": d.document} for d in workflows
            ],
        }
    )


@workflow.command("show")
@click.argument("name")
@click.pass_context
def show_workflow(context: click.Context, name: str) -> None:
    """Hiện trạng thái và các việc của quy trình NAME."""
    output = get_output(context)
    definition = _service(context).get(name)
    output.say(
        f"{definition.name}: {definition.label} (bắt đầu: {definition.initial})",
        f"{definition.name}: {definition.label} (starts at: {definition.initial})",
    )
    final = " (final)" if output.lang == "en" else " (kết thúc)"
    output.say("Trạng thái:", "States:")
    output.table(
        [(s.name, f"{s.label}{final if s.final else ''}") for s in definition.states.values()],
        indent=2,
    )
    output.say("Việc:", "Events:")
    output.table(
        [
            (
                event.name,
                f"{event.label}: {', '.join(event.sources)} → {event.dest} "
                f"[{', '.join(sorted(event.roles))}]",
            )
            for event in definition.events.values()
        ],
        indent=2,
    )
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
    text = _service(context).diagram(name)
    output.line(text)
    output.emit({"ok": True, "name": name, "mermaid": text})
