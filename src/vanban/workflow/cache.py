"""Workflow definitions read once per file content, kept as JSON for the commands that only read.

``vanban list`` prints a state label per dossier and ``vanban show`` one dossier's choices:
neither should parse and check YAML on every call. The definition of each file is stored in
the workspace's ``.vanban/cache/workflows.json`` under the sha256 of the file's bytes (and of
this module's format), so an edited file is simply read again; a missing, unreadable or
unwritable cache only costs the parse. The cache holds labels and names, never code: guards
are names looked up in the registry, as when the file itself is read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vanban.workflow.definition import EventDefinition, StateDefinition, WorkflowDefinition

FORMAT = "1"  # part of every key: a new format never reads an old entry
MAX_ENTRIES = 64


def _as_json(definition: WorkflowDefinition) -> dict[str, Any]:
    return {
        "name": definition.name,
        "label": definition.label,
        "document": definition.document,
        "initial": definition.initial,
        "source": definition.source,
        "states": [[s.name, s.label, s.final] for s in definition.states.values()],
        "events": [
            {
                "name": e.name,
                "label": e.label,
                "sources": list(e.sources),
                "dest": e.dest,
                "roles": sorted(e.roles),
                "guards": list(e.guards),
                "render": list(e.render),
                "number": e.number,
                "accepts_data": e.accepts_data,
            }
            for e in definition.events.values()
        ],
    }


def _from_json(value: dict[str, Any]) -> WorkflowDefinition:
    states = {
        name: StateDefinition(name, label, bool(final)) for name, label, final in value["states"]
    }
    events = {
        e["name"]: EventDefinition(
            name=e["name"],
            label=e["label"],
            sources=tuple(e["sources"]),
            dest=e["dest"],
            roles=frozenset(e["roles"]),
            guards=tuple(e["guards"]),
            render=tuple(e["render"]),
            number=bool(e["number"]),
            accepts_data=bool(e["accepts_data"]),
        )
        for e in value["events"]
    }
    return WorkflowDefinition(
        name=value["name"],
        label=value["label"],
        document=value["document"],
        initial=value["initial"],
        states=states,
        events=events,
        source=value["source"],
    )


def _read(cache: Path | None) -> dict[str, Any]:
    if cache is None:
        return {}
    try:
        entries = json.loads(cache.read_bytes())
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _write(cache: Path, entries: dict[str, Any]) -> None:
    kept = dict(list(entries.items())[-MAX_ENTRIES:])
    temporary = None
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=cache.parent, prefix=".workflows-")
        with os.fdopen(descriptor, "wb") as out:
            out.write(json.dumps(kept, ensure_ascii=False).encode("utf-8"))
        os.replace(temporary, cache)  # readers see the old file or the new one, whole
    except OSError:  # a read-only workspace: the next call reads the files again
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def cached_definitions(
    files: Mapping[str, Path], cache: Path | None
) -> dict[str, WorkflowDefinition]:
    """Return the definition of each workflow file in ``files`` (name → path), from ``cache``
    where its content was read before, else by reading (and checking) the file."""
    entries = _read(cache)
    result: dict[str, WorkflowDefinition] = {}
    changed = False
    for name, path in files.items():
        content = path.read_bytes()
        key = hashlib.sha256(FORMAT.encode() + b"\0" + content).hexdigest()
        entry = entries.get(key)
        definition = None
        if isinstance(entry, dict):
            try:
                definition = _from_json(entry)
            except (KeyError, TypeError, ValueError):
                definition = None
        if definition is None or definition.name != name:
            from vanban.workflow.loader import load_workflow

            definition = load_workflow(path)
            entries.pop(key, None)
            entries[key] = _as_json(definition)
            changed = True
        result[name] = definition
    if changed and cache is not None:
        _write(cache, entries)
    return result
