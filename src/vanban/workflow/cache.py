"""Workflow definitions checked once per file content, kept as JSON for the next command.

Every command that looks at a dossier or changes one needs the workflows; none should parse
YAML and import the schema (pydantic) to check files that were found sound before. The
definition of each file is kept in the workspace's ``.vanban/cache/workflows.json`` (see
vanban.content_cache) under the sha256 of the file's bytes, the template names its
``document`` and ``render`` were checked against (none given is its own key: not checked),
the code that checks it (the workflow package, the YAML reader, the roles) and this module's
format. The cache holds labels and names, never code: guards are names looked up in the
registry, as when the file itself is read.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from vanban.content_cache import WORKSPACE_CACHES, ContentCache, code_digest
from vanban.workflow.definition import EventDefinition, StateDefinition, WorkflowDefinition

FORMAT = "2"  # part of every key: a new format never reads an old entry
WORKSPACE_CACHE = WORKSPACE_CACHES / "workflows.json"  # inside the workspace root
# The code that reads and checks a file (the YAML reader, the schema, the references, the
# registered guards, the roles): read as bytes, not imported, so a hit imports none of it.
_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def _checker_digest() -> str:
    sources = [*_PACKAGE.glob("*.py"), *_PACKAGE.parent.glob("datafile/*.py")]
    return code_digest([*sources, _PACKAGE.parent / "roles.py"])


def _context(known_templates: Collection[str] | None) -> list[Any]:
    """What, besides a file's bytes, decides whether it is sound and what it defines."""
    templates = None if known_templates is None else sorted(set(known_templates))
    return [FORMAT, _checker_digest(), templates]


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


def definitions_of(
    paths: Sequence[Path], cache: Path | None, known_templates: Collection[str] | None = None
) -> dict[Path, WorkflowDefinition]:
    """Return the definition of each workflow file of ``paths``: from ``cache`` where the same
    content was found sound against the same ``known_templates``, else by reading and checking
    it. One InvalidWorkflowError names the mistakes of every file found wrong; none is stored."""
    cache_file = ContentCache(cache, _context(known_templates))
    result: dict[Path, WorkflowDefinition] = {}
    keys: dict[Path, str] = {}
    for path in paths:
        key = keys[path] = cache_file.key(path.read_bytes())
        definition = cache_file.get(key, _from_json)
        if definition is not None and definition.name == path.stem:
            result[path] = definition
    missing = [path for path in paths if path not in result]
    if missing:
        # Only now the YAML reader and the schema (pydantic) are imported.
        from vanban.workflow.loader import load_workflow_files

        for path, definition in load_workflow_files(missing, known_templates).items():
            result[path] = definition
            if cache_file.key(path.read_bytes()) == keys[path]:  # not edited while being read
                cache_file.put(keys[path], _as_json(definition))
        cache_file.save()
    return {path: result[path] for path in paths}


def cached_definitions(
    files: Mapping[str, Path], cache: Path | None, known_templates: Collection[str] | None = None
) -> dict[str, WorkflowDefinition]:
    """Return the definition of each workflow file in ``files`` (name → path), from ``cache``
    where its content was read before, else by reading (and checking) the file."""
    found = definitions_of(list(files.values()), cache, known_templates)
    return {name: found[path] for name, path in files.items()}
