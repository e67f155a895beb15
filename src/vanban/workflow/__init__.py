"""Dossier workflows: loading workflows/*.yaml, and which events a user may fire now.

Pure: no database, no documents, no command line; see README.md in this folder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vanban.roles import ROLES
from vanban.workflow.definition import (
    EventDefinition,
    StateDefinition,
    WorkflowDefinition,
)
from vanban.workflow.diagram import mermaid
from vanban.workflow.engine import Transition, WorkflowEngine
from vanban.workflow.guards import GUARDS, Actor, DossierFacts, Guard, GuardInput, Refusal
from vanban.workflow.problems import InvalidWorkflowError, Problem

if TYPE_CHECKING:  # the YAML reader is loaded when a file is read: list and show read none
    from vanban.workflow.loader import load_workflow as load_workflow
    from vanban.workflow.loader import load_workflows as load_workflows

__all__ = [
    "GUARDS",
    "ROLES",
    "Actor",
    "DossierFacts",
    "EventDefinition",
    "Guard",
    "GuardInput",
    "InvalidWorkflowError",
    "Problem",
    "Refusal",
    "StateDefinition",
    "Transition",
    "WorkflowDefinition",
    "WorkflowEngine",
    "load_workflow",
    "load_workflows",
    "mermaid",
]


def __getattr__(name: str) -> Any:
    if name in ("load_workflow", "load_workflows"):
        from vanban.workflow import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'vanban.workflow' has no attribute {name!r}")
