"""How a dossier's documents are made: data mapped per template, rendered, numbered, checked.

The base of DossierService: everything here works on a dossier's data and the workspace's
catalogue, renderer and data mappings, never on the store, so the use cases (create,
advance, export) read as steps and this part can be read on its own; what it does for an
event that gives no number runs before the store's write lock is taken. It also rehearses
the issue: a forward event renders, in a dry run, what ``issue`` will render, and the award
dossier's cross-document check runs on those documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanban.documents.catalogue import TemplateCatalogue
from vanban.documents.data_source import DocumentData
from vanban.documents.fit import refusal, render_advice, resemblance
from vanban.documents.validation import validate
from vanban.errors import ValidationError, VanbanError, WorkflowError
from vanban.models import Dossier, RegisterEntry
from vanban.services.register_entry import register_entry
from vanban.vietnamese import VIETNAM_TIME
from vanban.workflow import EventDefinition, WorkflowDefinition
from vanban.workspace import Workspace

if TYPE_CHECKING:  # loaded when a dossier is first rendered: `vanban list` never pays for it
    from vanban.documents.render import RenderedDocument, Renderer
    from vanban.services.awards import DossierDataMapping

NUMBERS_KEY = "cap_so"  # template id → {"so", "ngay"}: each issued document's own number
# What the issue sets (so, ngay, each document's number in cap_so) and drops (the draft year).
_ISSUE_KEYS = ("so", "ngay", "nam", NUMBERS_KEY)

__all__ = ["DossierDocuments", "document_text", "stored_data"]


def document_text(content: bytes) -> str:
    """The text of a rendered .docx, one paragraph or cell per line (what checks read)."""
    from vanban.docx.reading import document_lines

    return "\n".join(document_lines(content))


def _json_ready(value: Any) -> Any:
    """Return ``value`` with dates as ISO text, so dossier data stores as JSON."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    return value


def stored_data(values: Mapping[str, Any]) -> dict[str, Any]:
    """Dossier data as stored: JSON-ready."""
    stored: dict[str, Any] = _json_ready(dict(values))
    return stored


class DossierDocuments:
    """Rendering, numbering and checking a dossier's documents (the service's base)."""

    workspace: Workspace
    catalogue: TemplateCatalogue
    clock: Callable[[], dt.datetime]

    @property
    def renderer(self) -> Renderer:
        """The renderer (the service loads it on first use)."""
        raise NotImplementedError

    @property
    def mappings(self) -> dict[str, DossierDataMapping]:
        """Workflow name → its data mapping (the service loads them on first use)."""
        raise NotImplementedError

    @property
    def workflows(self) -> dict[str, WorkflowDefinition]:
        """The workflows by name (the service loads them on first use)."""
        raise NotImplementedError

    def workflow(self, name: str) -> WorkflowDefinition:
        """The workflow ``name`` (the service refuses one it does not have)."""
        raise NotImplementedError

    # ---- data meant for another kind of dossier --------------------------------------------

    def _refuse_other_kind(
        self, definition: WorkflowDefinition, data: DocumentData, *, patch: bool
    ) -> None:
        """Refuse a data file (or patch) that reads as another template's or workflow's.

        A workflow with a data mapping keeps one section per template in its dossier file
        (and its nominee list under ``danh_sach``), so its own keys are all of those.
        """
        mapped = definition.name in self.mappings
        own = {definition.document}
        extra_keys: tuple[str, ...] = ()
        if mapped:
            from vanban.services.awards import LIST_KEY  # loaded with the mapping anyway

            own |= {template for event in definition.events.values() for template in event.render}
            extra_keys = (LIST_KEY,)
        found = resemblance(
            own,
            data.values,
            self.catalogue.list(),
            lines=data.lines,
            extra_keys=extra_keys,
            sections_expected=mapped and not patch,
        )
        if found is None:
            return
        target = (f"quy trình “{definition.name}”", f"the workflow “{definition.name}”")
        if patch:
            advice = (
                f"đây không phải bản sửa cho hồ sơ {definition.name}; hãy kiểm tra lại tệp",
                f"it is not a patch for a {definition.name} dossier; check the file",
            )
            raise refusal(found, data.source, target, advice)
        workflow = self._workflow_for(found.templates)
        if workflow:
            advice = (
                f"hãy dùng “vanban new {workflow} {data.source}”",
                f"use “vanban new {workflow} {data.source}”",
            )
        else:  # a template no workflow carries (a Tờ trình, a Giấy khen): one document
            advice = render_advice(found, data.source)
        raise refusal(found, data.source, target, advice)

    def _workflow_for(self, templates: tuple[str, ...]) -> str | None:
        """The workflow whose main document, or whose dossier's documents, these are."""
        for name, definition in self.workflows.items():
            if definition.document in templates:
                return name
        for name, definition in self.workflows.items():
            rendered = {t for event in definition.events.values() for t in event.render}
            if set(templates) <= rendered | {definition.document}:
                return name
        return None

    # ---- rehearsing the issue ------------------------------------------------------------------

    @staticmethod
    def _rehearses(definition: WorkflowDefinition, event: EventDefinition) -> bool:
        """True for an event that moves a dossier on towards its issue (submit, approve …)."""
        dest = definition.states[event.dest]
        return not (event.number or dest.final or event.dest == definition.initial)

    def _rehearse_issue(
        self, definition: WorkflowDefinition, data: Mapping[str, Any], now: dt.datetime
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """Render what ``issue`` will render, numbered as of today, and keep nothing.

        Whatever would refuse the issue later (a missing field, a year that disagrees) refuses
        this event now, while the secretary can still change the data.
        """
        today = now.astimezone(VIETNAM_TIME).date()
        trial, texts = dict(data), {}
        for event in definition.events.values():
            if not event.number:
                continue
            trial, _ = self._numbered(definition, event, data, today, lambda issuer, year: 1)
            for template in event.render:
                if not self._applies(definition, template, trial):
                    continue
                try:
                    rendered = self._render(definition, trial, template)
                    if definition.name in self.mappings:  # only a mapping's check reads them
                        texts[template] = document_text(rendered.content)
                except VanbanError as error:
                    raise ValidationError(
                        f"Hồ sơ chưa ban hành được: khi ban hành, “{template}” sẽ bị từ chối. "
                        f"{error.message.vi}",
                        f"The dossier could not be issued: at issue, “{template}” would be "
                        f"refused. {error.message.en}",
                    ) from error
        return trial, texts

    def _refuse_findings(
        self,
        definition: WorkflowDefinition,
        data: Mapping[str, Any],
        texts: Mapping[str, str],
        today: dt.date,
    ) -> None:
        """Refuse the event when the documents disagree with each other or with the state."""
        mapping = self.mappings.get(definition.name)
        if mapping is None:
            return
        settings = {**self.workspace.award_settings, **data}
        findings = [f for f in mapping.check(settings, texts, today) if not f.note]
        if findings:
            from vanban.services.award_check import DossierCheckError

            raise DossierCheckError(findings)

    # ---- patching and rendering an event's documents ------------------------------------

    def _patched(
        self,
        definition: WorkflowDefinition,
        event: EventDefinition,
        data: Mapping[str, Any],
        patch: DocumentData | None,
        patch_path: Path | None,
    ) -> dict[str, Any]:
        """Patching: the dossier's data with the ``--data`` patch applied and validated."""
        patched = dict(data)
        if patch is None:
            return patched
        if not event.accepts_data:
            raise WorkflowError(
                f"Việc “{event.name}” không nhận dữ liệu sửa đổi (--data). "
                "Chỉ sửa được khi hồ sơ còn là dự thảo.",
                f"The event “{event.name}” takes no data patch (--data). "
                "Data can be changed only while the dossier is a draft.",
            )
        patched.update(stored_data(patch.values))
        # The patch's own lines and spellings: a mistake in it is named at its line.
        self._validated(
            definition, DocumentData(patched, str(patch_path), patch.lines, patch.nodes)
        )
        return patched

    def _rendered(
        self,
        definition: WorkflowDefinition,
        event: EventDefinition,
        data: dict[str, Any],
        now: dt.datetime,
    ) -> list[RenderedDocument]:
        """Rendering: the event's documents, refused when an issued dossier's documents
        disagree with each other (an award dossier's cross-document check)."""
        rendered = [
            self._render(definition, data, template)
            for template in event.render
            if self._applies(definition, template, data)
        ]
        today = now.astimezone(VIETNAM_TIME).date()
        if self._rehearses(definition, event):
            trial, texts = self._rehearse_issue(definition, data, now)
            self._refuse_findings(definition, trial, texts, today)
        elif event.number and definition.name in self.mappings:
            texts = {d.template_id: document_text(d.content) for d in rendered}
            self._refuse_findings(definition, data, texts, today)
        return rendered

    def _numbered(
        self,
        definition: WorkflowDefinition,
        event: EventDefinition,
        data: Mapping[str, Any],
        day: dt.date,
        allocate: Callable[[str, int], int],
    ) -> tuple[dict[str, Any], list[tuple[str, int]]]:
        """Return ``data`` as issued on ``day`` and the numbers given, template by template.

        Every numbered document the event renders gets its own number in the register, in
        the event's order (a Biên bản before the Tờ trình and the Quyết định that cite it).
        The workflow's main document's number and date are ``so`` and ``ngay``; a workflow
        with a data mapping also keeps each document's in ``cap_so``. ``nam`` is only the
        year a draft prints before it has a date, so it goes: a plan approved in December is
        issued in January with January's date.
        """
        issued = {key: value for key, value in data.items() if key != "nam"}
        numbers = dict(issued.get(NUMBERS_KEY) or {})
        given: list[tuple[str, int]] = []
        for template in event.render:
            spec = self.catalogue.get(template)
            numbered_kind = spec.field("so") is not None and bool(spec.document_type)
            if not numbered_kind or not self._applies(definition, template, issued):
                continue
            issuer = self.issuer_of(self._template_data(definition, issued, template))
            number = allocate(issuer, day.year)
            given.append((template, number))
            numbers[template] = {"so": number, "ngay": day.isoformat()}
            if template == definition.document:
                issued.update(so=number, ngay=day.isoformat())
        if definition.name in self.mappings:
            issued[NUMBERS_KEY] = numbers
        return issued, given

    def _applies(
        self, definition: WorkflowDefinition, template_id: str, data: Mapping[str, Any]
    ) -> bool:
        mapping = self.mappings.get(definition.name)
        return mapping is None or mapping.applies(template_id, data)

    def _prepared(
        self,
        definition: WorkflowDefinition,
        data: DocumentData,
        source: Path,
        current: Mapping[str, Any],
    ) -> DocumentData:
        """Data (or a patch over ``current``) as the workflow's mapping stores it."""
        mapping = self.mappings.get(definition.name)
        if mapping is None:
            return data
        prepared = mapping.prepare(data.values, source, current)
        return DocumentData(prepared, data.source, data.lines)

    def _template_data(
        self, definition: WorkflowDefinition, data: Mapping[str, Any], template_id: str
    ) -> dict[str, Any]:
        """The data ``template_id`` renders from the dossier's data (the workflow's mapping)."""
        mapping = self.mappings.get(definition.name)
        if mapping is None:
            return dict(data)
        # The workspace's [awards] settings (base salary, vote threshold) unless the data says.
        return mapping.template_data(template_id, {**self.workspace.award_settings, **data})

    def _validated(self, definition: WorkflowDefinition, data: DocumentData) -> dict[str, Any]:
        spec = self.catalogue.get(definition.document)
        if definition.name in self.mappings:
            values = self._template_data(definition, data.values, spec.id)
            data = DocumentData(values, data.source)
        return validate(spec, data, self._defaults(data.values))

    def _render(
        self,
        definition: WorkflowDefinition,
        data: dict[str, Any],
        template_id: str | None = None,
        tx_source: str = "",
    ) -> RenderedDocument:
        """Render one of the dossier's documents from its data (the workflow's main one)."""
        spec = self.catalogue.get(template_id or definition.document)
        values = self._template_data(definition, data, spec.id)
        document = DocumentData(values, tx_source or f"hồ sơ ({definition.name})")
        return self.renderer.render(
            spec,
            document,
            self._defaults(values),
            today=self.clock().astimezone(VIETNAM_TIME).date(),
        )

    def unnumbered(self, dossier: Dossier) -> RenderedDocument:
        """The dossier's main document as it will be issued, before its number and date.

        What the leader signs: the number and date blanks stay open for the văn thư, and the
        year printed is this year's (``nam`` is only the draft's year).
        """
        data = {key: value for key, value in dossier.data.items() if key not in _ISSUE_KEYS}
        return self._render(self.workflow(dossier.workflow), data)

    def _defaults(self, data: Mapping[str, Any]) -> dict[str, Any]:
        return self.workspace.organization.document_defaults(data)

    def issuer_of(self, data: Mapping[str, Any]) -> str:
        """The body that issues a document with ``data`` (its own sequence of numbers)."""
        return str(data.get("ky_hieu_co_quan") or self.workspace.organization.abbreviation)

    def document_values(
        self, definition: WorkflowDefinition, data: Mapping[str, Any], template_id: str
    ) -> dict[str, Any]:
        """What ``template_id`` prints from the dossier's ``data``: its data (through the
        workflow's mapping) over the workspace's defaults (organisation, place)."""
        values = self._template_data(definition, data, template_id)
        return {**self._defaults(values), **values}

    def _register_entry(
        self,
        definition: WorkflowDefinition,
        template_id: str,
        dossier: Dossier,
        number: int,
        issued_on: dt.date,
    ) -> RegisterEntry:
        """The register line (Phụ lục IV) of one issued document of ``dossier`` (as issued)."""
        values = self.document_values(definition, dossier.data, template_id)
        return register_entry(
            self.catalogue.get(template_id),
            values,
            organization=self.issuer_of(values),
            book=self.workspace.book,
            number=number,
            issued_on=issued_on,
            dossier_id=dossier.id,
        )
