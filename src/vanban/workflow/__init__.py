"""Dossier workflows: loading workflows/*.yaml, and which events a user may fire now.

Pure: no database, no documents, no command line; see README.md in this folder.
"""

from __future__ import annotations

from vanban.workflow.definition import (
    ROLES,
    EventDefinition,
    StateDefinition,
    WorkflowDefinition,
)
from vanban.workflow.diagram import mermaid
from vanban.workflow.engine import Transition, WorkflowEngine
from vanban.workflow.guards import GUARDS, Actor, DossierFacts, Guard, GuardInput, Refusal
from vanban.workflow.loader import load_workflow, load_workflows
from vanban.workflow.problems import InvalidWorkflowError, Problem

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
