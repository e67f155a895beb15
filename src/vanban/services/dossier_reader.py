"""Looking at dossiers (list and show) with the store and the cached workflow definitions only.

Changing a dossier needs the renderer, the templates and the state machines
(services/dossiers.py); looking at ten thousand of them needs none of these, so ``vanban list``
and ``vanban show`` load this module and answer in about the time Python takes to import
SQLAlchemy (benchmarks/startup.py). Workflow files are read through workflow.cache: parsed
once per content, then taken from the workspace's ``.vanban/cache``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vanban.errors import WorkflowError
from vanban.models import DocumentRecord, Dossier, DossierSummary, Event
from vanban.resources import shipped_dir
from vanban.store import Store, open_store
from vanban.workflow.cache import WORKSPACE_CACHE, cached_definitions
from vanban.workflow.definition import EventDefinition, WorkflowDefinition
from vanban.workflow.engine import WorkflowEngine
from vanban.workflow.guards import Actor, DossierFacts
from vanban.workspace import User, Workspace

if TYPE_CHECKING:
    from vanban.documents.catalogue import TemplateCatalogue


@dataclass(frozen=True)
class DossierView:
    """A dossier as ``vanban show`` presents it."""

    dossier: Dossier
    workflow: WorkflowDefinition
    documents: list[DocumentRecord]
    available: list[EventDefinition]
    last_return: Event | None

    number_and_symbol: str = ""  # "03/KH-HKH" once issued

    @property
    def state_label(self) -> str:
        """The Vietnamese label of the current state."""
        return self.workflow.states[self.dossier.state].label


@dataclass(frozen=True)
class DossierPage:
    """A page of dossiers, newest first, and how many match in all."""

    dossiers: list[DossierSummary]
    total: int


def workflow_files(workspace_root: Path | None) -> dict[str, Path]:
    """The workflow files by name: the shipped ones, overridden by the workspace's own."""
    files = {path.stem: path for path in sorted(shipped_dir("workflows").glob("*.yaml"))}
    local = workspace_root / "workflows" if workspace_root is not None else None
    if local is not None and local.is_dir():
        files.update({path.stem: path for path in sorted(local.glob("*.yaml"))})
    return files


class DossierReader:
    """The reading use cases of one workspace.

    ``definitions``, when given, are the workflows to use (DossierService passes the ones it
    checked against the templates); otherwise each is read from its file through the cache.
    """

    def __init__(
        self,
        workspace: Workspace,
        *,
        store: Store | None = None,
        definitions: Mapping[str, WorkflowDefinition] | None = None,
        catalogue: TemplateCatalogue | None = None,
    ) -> None:
        self.workspace = workspace
        self.store = store or open_store(workspace.store_url)
        self._definitions = definitions
        self._catalogue = catalogue

    def definitions(self, names: Collection[str]) -> dict[str, WorkflowDefinition]:
        """The definitions of the workflows ``names`` that exist (others are left out)."""
        if self._definitions is not None:
            return {name: self._definitions[name] for name in names if name in self._definitions}
        files = workflow_files(self.workspace.root)
        wanted = {name: files[name] for name in names if name in files}
        root = self.workspace.root
        return cached_definitions(wanted, root / WORKSPACE_CACHE if root is not None else None)

    def definition(self, name: str) -> WorkflowDefinition:
        """The workflow ``name``, or the refusal naming the ones there are."""
        found = self.definitions([name]).get(name)
        if found is not None:
            return found
        known = self._definitions or workflow_files(self.workspace.root)
        listed = ", ".join(sorted(known))
        raise WorkflowError(
            f"Không có quy trình “{name}”. Các quy trình hiện có: {listed}.",
            f"There is no workflow “{name}”. Available: {listed}.",
        )

    def dossiers(
        self, *, state: str | None = None, workflow: str | None = None
    ) -> list[DossierSummary]:
        """Return the dossiers, optionally of one state and workflow."""
        with self.store.read() as tx:
            return tx.list_dossiers(state=state, workflow=workflow)

    def newest(
        self, *, state: str | None = None, workflow: str | None = None, limit: int | None = None
    ) -> DossierPage:
        """The newest ``limit`` dossiers (all when None), newest first, and how many there are.

        What ``vanban list`` shows: a secretary with ten thousand dossiers looks for the recent
        ones, and one page of them is read from the store, not all ten thousand.
        """
        with self.store.read() as tx:
            shown = tx.list_dossiers(state=state, workflow=workflow, newest_first=True, limit=limit)
            if limit is None or len(shown) < limit:
                return DossierPage(shown, len(shown))
            return DossierPage(shown, tx.count_dossiers(state=state, workflow=workflow))

    def state_labels(self, dossiers: Collection[DossierSummary]) -> dict[tuple[str, str], str]:
        """(workflow, state) → the state's Vietnamese label, for the dossiers given."""
        definitions = self.definitions({dossier.workflow for dossier in dossiers})
        return {
            (name, state.name): state.label
            for name, definition in definitions.items()
            for state in definition.states.values()
        }

    def show(self, dossier_id: int, user: User) -> DossierView:
        """Return one dossier with its documents and what ``user`` can do with it now."""
        with self.store.read() as tx:
            dossier = tx.get_dossier(dossier_id)
            documents = tx.current_documents(dossier_id)
            history = tx.history(dossier_id)
        returns = [event for event in history if event.event == "return"]
        definition = self.definition(dossier.workflow)
        symbol = ""
        if dossier.number is not None:  # the templates are read only for a numbered dossier
            from vanban.documents.catalogue import MANIFEST_CACHE, TemplateCatalogue
            from vanban.documents.symbol import number_and_symbol

            defaults = self.workspace.organization.document_defaults(dossier.data)
            values = {**defaults, **dossier.data}
            cache = self.workspace.root / MANIFEST_CACHE
            catalogue = self._catalogue or TemplateCatalogue(cache=cache)
            symbol = number_and_symbol(catalogue.get(definition.document), values)
        return DossierView(
            dossier=dossier,
            workflow=definition,
            documents=documents,
            available=WorkflowEngine(definition).available_events(
                DossierFacts(dossier.state, dossier.created_by),
                Actor(login=user.login, roles=user.roles),
            ),
            last_return=returns[-1] if returns and dossier.state == "draft" else None,
            number_and_symbol=symbol,
        )
