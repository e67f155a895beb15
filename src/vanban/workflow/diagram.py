"""Drawing a workflow as Mermaid ``stateDiagram-v2`` text (``vanban workflow graph NAME``)."""

from __future__ import annotations

from vanban.workflow.definition import WorkflowDefinition


def _quoted(label: str) -> str:
    # Mermaid has no escape for '"' inside a quoted description; its entity form is #quot;.
    return label.replace('"', "#quot;")


def mermaid(definition: WorkflowDefinition) -> str:
    """Return the diagram: state labels, the initial arrow, one line per (source, event), ends.

    The text follows the file's order of states and events, so it is stable for reviews.
    """
    lines = ["stateDiagram-v2"]
    lines += [f'    state "{_quoted(s.label)}" as {s.name}' for s in definition.states.values()]
    lines.append(f"    [*] --> {definition.initial}")
    for event in definition.events.values():
        for source in event.sources:
            lines.append(f"    {source} --> {event.dest}: {event.name} ({event.label})")
    lines += [f"    {s.name} --> [*]" for s in definition.states.values() if s.final]
    return "\n".join(lines) + "\n"
