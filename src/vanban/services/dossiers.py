"""Use cases for dossiers: create, show, advance through the workflow, export, the register.

Every change is one store transaction: the state change, the history entry, the documents
rendered for it and (on issue) the register number commit together or not at all. A second
person acting on the same dossier at the same moment waits for the first, then finds the
dossier already moved and is refused with a plain sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanban.documents.catalogue import MANIFEST_CACHE, TemplateCatalogue
from vanban.documents.data_source import DocumentData, load_document_data
from vanban.documents.pdf import PdfConverter
from vanban.errors import (
    NotPermittedError,
    WorkflowError,
)
from vanban.models import (
    DocumentRecord,
    DocumentRef,
    Dossier,
    DossierSummary,
    Event,
    RegisterEntry,
)
from vanban.services.dossier_documents import DossierDocuments, document_text, stored_data
from vanban.services.dossier_export import DOCX_MEDIA_TYPE, export_documents
from vanban.services.dossier_reader import DossierReader, DossierView
from vanban.services.workflows import workflow_definitions
from vanban.store import Store, StoreTx, open_store
from vanban.vietnamese import VIETNAM_TIME
from vanban.workflow import (
    Actor,
    DossierFacts,
    EventDefinition,
    Transition,
    WorkflowDefinition,
    WorkflowEngine,
)
from vanban.workspace import User, Workspace

if TYPE_CHECKING:  # loaded when a dossier is first rendered: `vanban list` never pays for it
    from vanban.documents.render import RenderedDocument, Renderer
    from vanban.services.award_check import Finding
    from vanban.services.awards import DossierDataMapping

Clock = Callable[[], dt.datetime]
# Called by advance() inside its transaction once the event is stored: more records that must
# commit (or roll back) with the state change, e.g. the archive record. May raise VanbanError.
InTransaction = Callable[[StoreTx, Dossier, Event], None]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class _Issue:
    """What numbering gave an event: the data with its numbers, and what the register needs."""

    data: dict[str, Any]
    number: int | None = None  # the main document's number
    issued_on: dt.date | None = None
    numbered: list[tuple[str, int]] = field(default_factory=list)  # (template, number)


@dataclass(frozen=True)
class _Change:
    """Who fired which transition, when, saying what."""

    user: User
    transition: Transition
    comment: str
    at: dt.datetime


@dataclass(frozen=True)
class _Plan:
    """An event worked out on a dossier as read, before the write lock."""

    definition: WorkflowDefinition
    transition: Transition
    data: dict[str, Any]  # the dossier's data after the event's patch
    # When it happens and what it renders; None for an event that gives numbers: its time
    # and documents are settled under the lock, with the numbers.
    at: dt.datetime | None = None
    rendered: list[RenderedDocument] | None = None


@dataclass(frozen=True)
class AdvanceResult:
    """What one event did."""

    dossier: Dossier
    event: Event
    documents: list[DocumentRecord] = field(default_factory=list)
    register_entry: RegisterEntry | None = None


class DossierService(DossierDocuments):
    """The dossier use cases of one workspace."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        store: Store | None = None,
        catalogue: TemplateCatalogue | None = None,
        renderer: Renderer | None = None,
        workflows: Mapping[str, WorkflowDefinition] | None = None,
        clock: Clock = _now,
        data_mappings: Mapping[str, Callable[[TemplateCatalogue], DossierDataMapping]]
        | None = None,
    ) -> None:
        self.workspace = workspace
        self.catalogue = catalogue or TemplateCatalogue(cache=workspace.root / MANIFEST_CACHE)
        self._renderer = renderer
        self._workflows = workflows
        self.store = store or open_store(workspace.store_url)
        self.clock = clock
        self._data_mappings = data_mappings

    # Loaded on first use, so `vanban list` reads no manifest, workflow or template.

    @cached_property
    def renderer(self) -> Renderer:
        """The renderer (docxtpl and lxml are imported only when a document is rendered)."""
        if self._renderer is not None:
            return self._renderer
        from vanban.documents.render import shared_renderer

        return shared_renderer()

    @cached_property
    def workflows(self) -> dict[str, WorkflowDefinition]:
        """The workflows by name: the shipped ones, overridden by the workspace's own."""
        if self._workflows:
            return dict(self._workflows)
        known = [spec.id for spec in self.catalogue.list()]
        return workflow_definitions(self.workspace.root, known)

    @cached_property
    def engines(self) -> dict[str, WorkflowEngine]:
        """One state machine per workflow."""
        return {name: WorkflowEngine(definition) for name, definition in self.workflows.items()}

    @cached_property
    def mappings(self) -> dict[str, DossierDataMapping]:
        """Workflow name → how its dossier data becomes each template's data (by name only)."""
        from vanban.services.awards import DATA_MAPPINGS

        factories = DATA_MAPPINGS if self._data_mappings is None else self._data_mappings
        return {
            name: factory(self.catalogue)
            for name, factory in factories.items()
            if name in self.workflows
        }

    # ---- reading ---------------------------------------------------------------------------

    def workflow(self, name: str) -> WorkflowDefinition:
        """Return the workflow ``name`` or refuse naming the ones there are."""
        if name in self.workflows:
            return self.workflows[name]
        known = ", ".join(sorted(self.workflows))
        raise WorkflowError(
            f"Không có quy trình “{name}”. Các quy trình hiện có: {known}.",
            f"There is no workflow “{name}”. Available: {known}.",
        )

    def _reader(self) -> DossierReader:
        return DossierReader(
            self.workspace, store=self.store, definitions=self.workflows, catalogue=self.catalogue
        )

    def dossiers(
        self, *, state: str | None = None, workflow: str | None = None
    ) -> list[DossierSummary]:
        """Return the dossiers, optionally of one state and workflow."""
        return self._reader().dossiers(state=state, workflow=workflow)

    def show(self, dossier_id: int, user: User) -> DossierView:
        """Return one dossier with its documents and what ``user`` can do with it now."""
        return self._reader().show(dossier_id, user)

    def history(self, dossier_id: int) -> list[Event]:
        """Return the audit trail of a dossier, oldest first."""
        with self.store.read() as tx:
            tx.get_dossier(dossier_id)
            return tx.history(dossier_id)

    def register(self, year: int | None = None) -> list[RegisterEntry]:
        """Return the outgoing register of this organisation."""
        with self.store.read() as tx:
            return tx.register(year=year)

    # ---- changing ----------------------------------------------------------------------------

    def create(
        self, user: User, workflow_name: str, data_path: Path, title: str | None = None
    ) -> AdvanceResult:
        """Create a dossier in the workflow's initial state from a data file (YAML or .docx)."""
        definition = self.workflow(workflow_name)
        if "secretary" not in user.roles:
            raise NotPermittedError(
                f"Chỉ thư ký (secretary) mới lập hồ sơ mới; “{user.login}” không có vai trò này.",
                f"Only a secretary creates dossiers; “{user.login}” does not have that role.",
            )
        if data_path.suffix.lower() == ".docx":
            # Imported here: only a dossier started from a Word file needs the Word reader.
            from vanban.services.importing import import_data

            source = import_data(data_path, definition.document)
        else:
            source = load_document_data(data_path)
        self._refuse_other_kind(definition, source, patch=False)
        data = self._prepared(definition, source, data_path, {})
        values = self._validated(definition, data)
        now = self.clock()
        with self.store.transaction() as tx:
            dossier = tx.create_dossier(
                workflow=definition.name,
                title=title or str(values.get("trich_yeu", data_path.stem)),
                state=definition.initial,
                data=stored_data(data.values),
                created_by=user.login,
                at=now,
            )
            rendered = [self._render(definition, dossier.data, tx_source=str(data_path))]
            event, records = self._record(
                tx, dossier, definition, user, "create", None, dossier.state, "", now, rendered
            )
        return AdvanceResult(dossier, event, records)

    def advance(
        self,
        user: User,
        dossier_id: int,
        event_name: str,
        *,
        comment: str = "",
        patch_path: Path | None = None,
        in_transaction: InTransaction | None = None,
    ) -> AdvanceResult:
        """Fire ``event_name`` on a dossier: check, patch, render, number, record.

        Everything that needs no number is worked out on the dossier as read, before the
        write transaction; the transaction checks the dossier is still that version (or
        works the event out again), gives the numbers, renders what prints them and records
        it all, committed together or not at all.

        ``in_transaction`` runs last inside that transaction, with the updated dossier and the
        new history entry; whatever it raises rolls the whole event back.
        """
        patch = load_document_data(patch_path) if patch_path else None
        comment = comment.strip()
        with self.store.read() as tx:
            seen = tx.get_dossier(dossier_id)
            tx.require_untampered(dossier_id)  # an archived dossier set back to draft stays shut
        # Worked out before the write lock (which every other change waits for): the checks,
        # the patch and the documents that need no number, the rehearsal of the issue included.
        plan = self._plan(seen, user, event_name, comment, patch, patch_path)
        with self.store.transaction() as tx:
            dossier = tx.get_dossier(dossier_id)
            tx.require_untampered(dossier_id)
            if dossier.version != seen.version:  # changed meanwhile: worked out again, here
                plan = self._plan(dossier, user, event_name, comment, patch, patch_path)
            definition, event = plan.definition, plan.transition.event
            # A number and its date are taken together, under the lock, in the register's order.
            now = plan.at or self.clock()
            issue = self._number(tx, definition, event, plan.data, now)
            rendered = plan.rendered
            if rendered is None:  # the documents that print the numbers: the fast render, here
                rendered = self._rendered(definition, event, issue.data, now)
            change = _Change(user, plan.transition, comment, now)
            result = self._recorded(tx, dossier, definition, change, rendered, issue)
            if in_transaction is not None:
                in_transaction(tx, result.dossier, result.event)
        return result

    def _plan(
        self,
        dossier: Dossier,
        user: User,
        event_name: str,
        comment: str,
        patch: DocumentData | None,
        patch_path: Path | None,
    ) -> _Plan:
        """The event worked out on ``dossier`` as read: refused here if it cannot happen.

        An event that gives numbers leaves its documents to be rendered once the numbers are
        known; its templates are prepared (parsed, compiled) now.
        """
        definition = self.workflow(dossier.workflow)
        if patch is not None and patch_path is not None:
            self._refuse_other_kind(definition, patch, patch=True)
            patch = self._prepared(definition, patch, patch_path, dossier.data)
        transition = self.engines[dossier.workflow].fire(
            DossierFacts(dossier.state, dossier.created_by), _actor(user), event_name, comment
        )
        event = transition.event
        data = self._patched(definition, event, dossier.data, patch, patch_path)
        if event.number:
            for template in event.render:
                self.renderer.prepare(self.catalogue.get(template))
            return _Plan(definition, transition, data)
        now = self.clock()
        rendered = self._rendered(definition, event, data, now)
        return _Plan(definition, transition, data, now, rendered)

    def _number(
        self,
        tx: StoreTx,
        definition: WorkflowDefinition,
        event: EventDefinition,
        data: dict[str, Any],
        now: dt.datetime,
    ) -> _Issue:
        """Numbering: on an issuing event, each document's number from its body's sequence."""
        if not event.number:
            return _Issue(data)
        issued_on = now.astimezone(VIETNAM_TIME).date()
        # Each issuing body keeps its own sequence: the number belongs to the body named on
        # the document, which may differ from the workspace's default.
        numbered_data, numbered = self._numbered(
            definition,
            event,
            data,
            issued_on,
            lambda issuer, year: tx.allocate_number(
                organization=issuer, book=self.workspace.book, year=year
            ),
        )
        number = numbered_data.get("so") if isinstance(numbered_data.get("so"), int) else None
        return _Issue(numbered_data, number, issued_on, numbered)

    def _recorded(
        self,
        tx: StoreTx,
        dossier: Dossier,
        definition: WorkflowDefinition,
        change: _Change,
        rendered: Sequence[RenderedDocument],
        issue: _Issue,
    ) -> AdvanceResult:
        """Recording: the new state and data, the history entry, the documents and, on issue,
        the register entries."""
        transition = change.transition
        updated = tx.update_dossier(
            dossier,
            state=transition.to_state,
            data=issue.data,
            at=change.at,
            number=issue.number if issue.number is not None else dossier.number,
            issued_on=issue.issued_on or dossier.issued_on,
        )
        event, records = self._record(
            tx,
            updated,
            definition,
            change.user,
            transition.event.name,
            transition.from_state,
            transition.to_state,
            change.comment,
            change.at,
            rendered,
        )
        entry = None
        if issue.issued_on is not None:
            for template, allocated in issue.numbered:
                added = self._register_entry(
                    definition, template, updated, allocated, issue.issued_on
                )
                tx.add_register_entry(added, event.id)
                if template == definition.document:
                    entry = added
        return AdvanceResult(updated, event, records, entry)

    def export(
        self,
        dossier_id: int,
        folder: Path,
        *,
        pdf: bool = False,
        converter: PdfConverter | None = None,
    ) -> list[Path]:
        """Write the dossier's current documents into ``folder`` (see dossier_export)."""
        return export_documents(self.store, dossier_id, folder, pdf=pdf, converter=converter)

    def check_dossier(self, dossier_id: int) -> list[Finding]:
        """The cross-document check of a dossier's current documents (``check --dossier``)."""
        with self.store.read() as tx:
            dossier = tx.get_dossier(dossier_id)
            documents = tx.current_documents(dossier_id)
            texts = {
                record.template_id: document_text(tx.get_blob(record.sha256))
                for record in documents
                if record.media_type == DOCX_MEDIA_TYPE and record.template_id
            }
        mapping = self.mappings.get(dossier.workflow)
        if mapping is None:
            return []
        today = self.clock().astimezone(VIETNAM_TIME).date()
        return mapping.check({**self.workspace.award_settings, **dossier.data}, texts, today)

    # ---- helpers -----------------------------------------------------------------------------

    def _record(
        self,
        tx: StoreTx,
        dossier: Dossier,
        definition: WorkflowDefinition,
        user: User,
        event_name: str,
        from_state: str | None,
        to_state: str,
        comment: str,
        now: dt.datetime,
        rendered: Sequence[RenderedDocument],
    ) -> tuple[Event, list[DocumentRecord]]:
        """Write the history entry and the documents an event produced (inside ``tx``)."""
        names = [self._document_name(document.template_id, dossier) for document in rendered]
        event = tx.add_event(
            dossier_id=dossier.id,
            actor=user.login,
            event=event_name,
            from_state=from_state,
            to_state=to_state,
            comment=comment,
            at=now,
            documents=[DocumentRef(n, d.sha256) for n, d in zip(names, rendered, strict=True)],
        )
        records = [
            tx.add_document(
                dossier_id=dossier.id,
                event_id=event.id,
                name=name,
                template_id=document.template_id,
                media_type=DOCX_MEDIA_TYPE,
                content=document.content,
                at=now,
            )
            for name, document in zip(names, rendered, strict=True)
        ]
        return event, records

    @staticmethod
    def _document_name(template_id: str, dossier: Dossier) -> str:
        return f"{template_id}_{dossier.id:04d}.docx"


def _actor(user: User) -> Actor:
    return Actor(login=user.login, roles=user.roles)
