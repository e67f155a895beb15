"""Use cases of ``vanban workflow``: the workflows a workspace runs, one of them, its diagram.

Inside a workspace, its own ``workflows/*.yaml`` override the shipped ones; outside one, the
shipped workflows are listed.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from vanban.errors import NotFoundError, WorkspaceError
from vanban.resources import shipped_dir
from vanban.workflow import WorkflowDefinition, mermaid
from vanban.workflow.cache import WORKSPACE_CACHE, definitions_of
from vanban.workspace import find_workspace_root

__all__ = ["WorkflowService", "workflow_definitions"]


def workflow_definitions(
    workspace_root: Path | None, known_templates: Collection[str] | None = None
) -> dict[str, WorkflowDefinition]:
    """Return the shipped workflows, overridden by the workspace's own ``workflows/*.yaml``.

    Every file is checked (against ``known_templates`` when given), through the workspace's
    cache: a file found sound before, with the same content and templates, is not read again.
    """
    paths = sorted(shipped_dir("workflows").glob("*.yaml"))
    local = workspace_root / "workflows" if workspace_root is not None else None
    if local is not None and local.is_dir():
        paths += sorted(local.glob("*.yaml"))
    cache = workspace_root / WORKSPACE_CACHE if workspace_root is not None else None
    found = definitions_of(paths, cache, known_templates)
    return {path.stem: found[path] for path in paths}  # a workspace's own file comes last


class WorkflowService:
    """The workflows seen from a folder (``--workspace``, or the current one)."""

    def __init__(self, workspace_option: Path | None) -> None:
        try:
            root: Path | None = find_workspace_root(workspace_option)
        except WorkspaceError:
            root = None  # outside a workspace: the shipped workflows only
        self.definitions = workflow_definitions(root)

    def workflows(self) -> list[WorkflowDefinition]:
        """Every workflow, by name."""
        return [self.definitions[name] for name in sorted(self.definitions)]

    def get(self, name: str) -> WorkflowDefinition:
        """The workflow ``name``, or a refusal naming the ones there are."""
        if name not in self.definitions:
            known = ", ".join(sorted(self.definitions))
            raise NotFoundError(
                f"Không có quy trình “{name}”. Các quy trình hiện có: {known}.",
                f"There is no workflow “{name}”. Available: {known}.",
            )
        return self.definitions[name]

    def diagram(self, name: str) -> str:
        """The Mermaid state diagram of the workflow ``name``."""
        return mermaid(self.get(name))
