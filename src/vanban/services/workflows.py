"""Use cases of ``vanban workflow``: the workflows a workspace runs, one of them, its diagram.

Inside a workspace, its own ``workflows/*.yaml`` override the shipped ones; outside one, the
shipped workflows are listed.
"""

from __future__ import annotations

from pathlib import Path

from vanban.errors import NotFoundError, WorkspaceError
from vanban.services.dossiers import workflow_definitions
from vanban.workflow import WorkflowDefinition, mermaid
from vanban.workspace import find_workspace_root

__all__ = ["WorkflowService"]


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
