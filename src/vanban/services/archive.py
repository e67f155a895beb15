"""Use cases of the signed archive: attach a signed PDF, archive a dossier, export a package.

Each change is one store transaction. ``attach`` checks the file (size, structure, every
signature) before taking the write lock, then stores the bytes, the attachment record and a
history entry together; ``archive`` fires the workflow's final ``archive`` event through
``DossierService.advance`` and writes the archive record inside that same transaction.
Checking stored files and packages again lives in ``archive_verify.py``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vanban.archive.metadata import (
    ArchivedFile,
    DossierFacts,
    build_metadata,
    default_retention,
    normalise_retention,
)
from vanban.archive.package import software_agent, write_package
from vanban.archive.pdf import MAX_PDF_BYTES, AttachmentError, PdfFile, read_pdf
from vanban.archive.signatures import (
    SignatureCheck,
    TrustRoots,
    load_trust_roots,
    validate_signatures,
)
from vanban.errors import IntegrityError, NotPermittedError, WorkflowError
from vanban.models import DocumentRef, Dossier, Event
from vanban.output_folder import is_plain_name
from vanban.services.dossiers import DossierService
from vanban.services.register_entry import issued_text
from vanban.store import StoreTx
from vanban.store.archive_records import ArchiveRecord, AttachmentRecord
from vanban.vietnamese import VIETNAM_TIME
from vanban.workspace import User

ATTACH_STATE = "issued"
ATTACH_EVENT = "attach"
ARCHIVE_EVENT = "archive"
CLERK = "clerk"
# Where each kind of archived file sits inside an exported package's data/ folder.
PACKAGE_FOLDERS = {"signed": "pdf", "scan": "pdf", "source": "sources"}

__all__ = [
    "ArchiveRecord",
    "ArchiveResult",
    "ArchiveService",
    "AttachResult",
    "AttachmentRecord",
    "SignatureCheck",
]


@dataclass(frozen=True)
class AttachResult:
    """What ``attach`` stored."""

    dossier: Dossier
    event: Event
    attachment: AttachmentRecord
    signatures: tuple[SignatureCheck, ...]


@dataclass(frozen=True)
class ArchiveResult:
    """What ``archive`` did: the final event and the archive record written with it."""

    dossier: Dossier
    event: Event
    record: ArchiveRecord


class ArchiveService:
    """The archive use cases of one workspace, on top of its DossierService."""

    def __init__(self, dossiers: DossierService, *, max_bytes: int = MAX_PDF_BYTES) -> None:
        self.dossiers = dossiers
        self.store = dossiers.store
        self.workspace = dossiers.workspace
        self.max_bytes = max_bytes

    def trust_roots(self) -> TrustRoots:
        """Return the trusted root certificates kept in ``<workspace>/trust/``."""
        return load_trust_roots(self.workspace.root)

    # ---- attach ----------------------------------------------------------------------------

    def attach(
        self, user: User, dossier_id: int, path: Path, *, unsigned: bool = False
    ) -> AttachResult:
        """Check the PDF at ``path`` and keep it, byte for byte, with an issued dossier."""
        require_clerk(user)
        # Cheap refusals first, so a wrong dossier is named before a large file is read.
        with self.store.read() as tx:
            self._require_attachable(tx.get_dossier(dossier_id))
        pdf = read_pdf(path, self.max_bytes)
        checks = tuple(validate_signatures(pdf.content, pdf.name, self.trust_roots()))
        judge(pdf.name, checks, unsigned)
        return self.keep(user, dossier_id, pdf, checks, ATTACH_EVENT, signed_comment(checks))

    def keep(
        self,
        user: User,
        dossier_id: int,
        pdf: PdfFile,
        checks: tuple[SignatureCheck, ...],
        event_name: str,
        comment: str,
    ) -> AttachResult:
        """Store a checked PDF of an issued dossier byte for byte, with its history entry.

        Used by ``attach`` (a file signed elsewhere) and by signing inside vanban.
        """
        sha256 = hashlib.sha256(pdf.content).hexdigest()
        now = self.dossiers.clock()
        with self.store.transaction() as tx:
            dossier = tx.get_dossier(dossier_id)
            self._require_attachable(dossier)
            _require_new(tx.attachments(dossier_id), dossier_id, pdf.name, sha256)
            _require_not_elsewhere(tx.attachments_with_content(sha256), dossier_id, pdf.name)
            # A new version, so that an archive racing this attach is refused, not half-seen.
            updated = tx.update_dossier(
                dossier,
                state=dossier.state,
                data=dossier.data,
                at=now,
                number=dossier.number,
                issued_on=dossier.issued_on,
            )
            event = tx.add_event(
                dossier_id=dossier_id,
                actor=user.login,
                event=event_name,
                from_state=dossier.state,
                to_state=dossier.state,
                comment=comment,
                at=now,
                documents=[DocumentRef(pdf.name, sha256)],
            )
            record = tx.add_attachment(
                dossier_id=dossier_id,
                event_id=event.id,
                name=pdf.name,
                content=pdf.content,
                pages=pdf.pages,
                signatures=[check.as_json() for check in checks],
                attached_by=user.login,
                at=now,
            )
        return AttachResult(updated, event, record, checks)

    def attachments(self, dossier_id: int) -> list[AttachmentRecord]:
        """Return the attachments of a dossier, oldest first."""
        with self.store.read() as tx:
            tx.get_dossier(dossier_id)
            return tx.attachments(dossier_id)

    def _require_attachable(self, dossier: Dossier) -> None:
        if dossier.state == ATTACH_STATE:
            return
        label = self.dossiers.workflow(dossier.workflow).states[dossier.state].label
        raise WorkflowError(
            f"Hồ sơ số {dossier.id} đang ở trạng thái “{label}”; chỉ đính kèm bản đã ký khi "
            "hồ sơ đã ban hành và chưa lưu trữ.",
            f"Dossier {dossier.id} is “{dossier.state}”; a signed copy can be attached only "
            "once the dossier is issued and before it is archived.",
        )

    # ---- archive ---------------------------------------------------------------------------

    def archive(
        self, user: User, dossier_id: int, *, retention: str | None = None, comment: str = ""
    ) -> ArchiveResult:
        """Fire the final ``archive`` event and record the archive metadata with it."""
        chosen = normalise_retention(retention) if retention is not None else None
        written: list[ArchiveRecord] = []

        def record(tx: StoreTx, dossier: Dossier, event: Event) -> None:
            written.append(self._archive_record(tx, dossier, event, chosen))

        result = self.dossiers.advance(
            user, dossier_id, ARCHIVE_EVENT, comment=comment, in_transaction=record
        )
        return ArchiveResult(result.dossier, result.event, written[0])

    def _archive_record(
        self, tx: StoreTx, dossier: Dossier, event: Event, retention: str | None
    ) -> ArchiveRecord:
        attachments = tx.attachments(dossier.id)
        if not attachments:
            raise WorkflowError(
                f"Hồ sơ số {dossier.id} chưa có bản đã ký nào. "
                "Hãy đính kèm bản đã ký bằng “vanban attach” trước khi lưu trữ.",
                f"Dossier {dossier.id} has no signed copy yet. "
                "Attach the signed copy with “vanban attach” before archiving.",
            )
        files = [
            ArchivedFile(
                a.name, "signed" if a.signed else "scan", a.sha256, a.size, a.pages, a.signatures
            )
            for a in attachments
        ] + [
            ArchivedFile(d.name, "source", d.sha256, d.size)
            for d in tx.current_documents(dossier.id)
        ]
        # The sha256 recorded is of the bytes as they are now, checked against their records.
        for archived in files:
            _require_match(
                dossier.id,
                archived.name,
                archived.sha256,
                tx.get_blob(archived.sha256, archived.name),
            )
        definition = self.dossiers.workflow(dossier.workflow)
        spec = self.dossiers.catalogue.get(definition.document)
        organization = self.workspace.organization
        # The main document's facts, read as the register reads them.
        values = self.dossiers.document_values(definition, dossier.data, spec.id)
        text = issued_text(spec, values)
        issuer = self.dossiers.issuer_of(values)
        facts = DossierFacts(
            organ_id=organization.abbreviation,
            organ_name=str(values.get("co_quan") or organization.name),
            dossier_id=dossier.id,
            title=dossier.title,
            type_name=spec.document_type,
            number_and_symbol=text.number_and_symbol if dossier.number else "",
            issued_on=dossier.issued_on,
            subject=text.subject,
            signer_position=text.signer_position,
            signer_name=text.signer_name,
            recipients=list(text.recipients),
            started_on=dossier.created_at.astimezone(VIETNAM_TIME).date(),
            archived_on=event.at.astimezone(VIETNAM_TIME).date(),
            retention=retention
            or default_retention(spec.document_type, issuer == organization.abbreviation),
            creator=self._full_name(dossier.created_by),
            files=files,
        )
        metadata = build_metadata(facts)
        record = ArchiveRecord(
            dossier_id=dossier.id,
            event_id=event.id,
            file_code=str(metadata["FileCode"]["Code"]),
            title=facts.title,
            number_and_symbol=facts.number_and_symbol,
            issued_on=facts.issued_on,
            subject=facts.subject,
            signer=facts.signer_name,
            retention=facts.retention,
            page_total=int(metadata["PageTotal"]),
            files=tuple(archived.as_json() for archived in files),
            metadata=metadata,
            archived_by=event.actor,
            archived_at=event.at,
        )
        tx.add_archive_record(record)
        return record

    def _full_name(self, login: str) -> str:
        user = self.workspace.users.get(login)
        return user.full_name if user is not None else login

    # ---- export ----------------------------------------------------------------------------

    def export(self, dossier_id: int, folder: Path) -> list[str]:
        """Write an archived dossier as a BagIt package at ``folder``; return its payload paths.

        Every file is checked against its recorded sha256 first: a changed file is never
        packaged (IntegrityError).
        """
        with self.store.read() as tx:
            dossier = tx.get_dossier(dossier_id)
            record = tx.require_archive_record(dossier_id)
            history = tx.history(dossier_id)
            payload: dict[str, bytes] = {}
            for entry in record.files:
                _require_plain_name(dossier_id, str(entry.get("FileName", "")))
                if str(entry.get("Kind")) not in PACKAGE_FOLDERS:
                    raise _tampered_record(dossier_id, f"Kind={entry.get('Kind')!r}")
                content = tx.get_blob(str(entry["Sha256"]), str(entry["FileName"]))
                _require_match(dossier_id, str(entry["FileName"]), str(entry["Sha256"]), content)
                payload[f"{PACKAGE_FOLDERS[str(entry['Kind'])]}/{entry['FileName']}"] = content
            # The head of the dossier's hash chain, kept outside the store: a later rewrite of
            # the store's history that recomputed every hash still differs from it.
            chain_head = tx.head_hash(dossier_id)
        payload["history.json"] = _json_bytes(
            {
                "dossier": {**dossier.as_json(), "data": dossier.data},
                "history": [e.as_json() for e in history],
                "chain_head": chain_head,
            }
        )
        payload["metadata.json"] = _json_bytes(record.metadata)
        organization = self.workspace.organization
        write_package(
            folder,
            payload,
            {
                "Source-Organization": " ".join(organization.name.split()),
                "External-Identifier": record.file_code,
                "External-Description": record.title,
                "Internal-Sender-Identifier": f"vanban dossier {dossier_id}",
                "Bagging-Date": self.dossiers.clock().astimezone(VIETNAM_TIME).date().isoformat(),
                "Bag-Software-Agent": software_agent(),
            },
        )
        return sorted(f"data/{relative}" for relative in payload)


def _require_plain_name(dossier_id: int, name: str) -> None:
    """Refuse a recorded file name that is not a plain name (it would leave the package)."""
    if not is_plain_name(name):
        raise _tampered_record(dossier_id, f"“{name[:80]}”")


def _tampered_record(dossier_id: int, what: str) -> IntegrityError:
    return IntegrityError(
        f"Hồ sơ lưu trữ của hồ sơ số {dossier_id} ghi một tệp không hợp lệ ({what}): bản ghi "
        "đã bị sửa ngoài vanban. Không có gì được ghi; hãy chạy “vanban archive verify "
        f"{dossier_id}”.",
        f"The archive record of dossier {dossier_id} lists an invalid file ({what}): it was "
        f"changed outside vanban. Nothing was written; run “vanban archive verify {dossier_id}”.",
    )


def require_clerk(user: User) -> None:
    if CLERK not in user.roles:
        raise NotPermittedError(
            f"Chỉ văn thư (clerk) mới đính kèm bản đã ký; “{user.login}” không có vai trò này.",
            f"Only a clerk attaches signed copies; “{user.login}” does not have that role.",
        )


def judge(name: str, checks: Sequence[SignatureCheck], unsigned: bool) -> None:
    """Refuse a file whose signatures show a change, or that is not what --unsigned says."""
    if not checks and not unsigned:
        raise AttachmentError(
            f"Không nhận tệp “{name}”: tệp không có chữ ký số nào. Nếu đây là bản quét của "
            "bản giấy đã ký, hãy đính kèm lại với tùy chọn --unsigned.",
            f"“{name}” refused: it carries no digital signature. If it is a scan of the signed "
            "paper copy, attach it again with --unsigned.",
        )
    if checks and unsigned:
        raise AttachmentError(
            f"Không nhận tệp “{name}” như bản quét: tệp có {len(checks)} chữ ký số. "
            "Hãy đính kèm lại mà không dùng --unsigned để chữ ký được kiểm tra.",
            f"“{name}” is not a scan: it carries {len(checks)} digital signature(s). "
            "Attach it again without --unsigned so that they are checked.",
        )
    for check in checks:
        problem = check.problem
        if problem is not None:
            raise AttachmentError(
                f"Không nhận tệp “{name}”: {problem.vi}. "
                "Hãy lấy lại đúng bản đã ký từ người ký (hoặc ký lại) rồi đính kèm.",
                f"“{name}” refused: {problem.en}. "
                "Get the signed copy again from the signer (or sign again), then attach it.",
            )


def _require_new(
    existing: Sequence[AttachmentRecord], dossier_id: int, name: str, sha256: str
) -> None:
    for attachment in existing:
        if attachment.sha256 == sha256:
            raise AttachmentError(
                f"Hồ sơ số {dossier_id} đã có tệp này (cùng nội dung) với tên “{attachment.name}”"
                "; không cần đính kèm lại.",
                f"Dossier {dossier_id} already holds this file (same content) as "
                f"“{attachment.name}”; there is no need to attach it again.",
            )
        if attachment.name == name:
            raise AttachmentError(
                f"Hồ sơ số {dossier_id} đã có một tệp đính kèm khác tên “{name}”, và tệp đã "
                "đính kèm không bị thay. Nếu đây là một bản khác, hãy đổi tên tệp rồi đính kèm.",
                f"Dossier {dossier_id} already holds a different attachment named “{name}”, "
                "and attachments are never replaced. If this is another copy, rename it first.",
            )


def _require_not_elsewhere(
    same_content: Sequence[AttachmentRecord], dossier_id: int, name: str
) -> None:
    """Refuse a file already attached to another dossier.

    A signed PDF is the original of one document, with that document's number: the same bytes
    in two dossiers mean one of them holds the wrong file (a clerk picked the wrong one).
    """
    for attachment in same_content:
        if attachment.dossier_id != dossier_id:
            raise AttachmentError(
                f"Không nhận tệp “{name}”: tệp này (cùng nội dung, sha256 "
                f"{attachment.sha256[:12]}…) đã được đính kèm vào hồ sơ số "
                f"{attachment.dossier_id} với tên “{attachment.name}”. Một bản đã ký là bản gốc "
                "của một văn bản duy nhất; hãy kiểm tra xem có chọn nhầm tệp không.",
                f"“{name}” refused: this file (same content, sha256 {attachment.sha256[:12]}…) is "
                f"already attached to dossier {attachment.dossier_id} as “{attachment.name}”. A "
                "signed copy is the original of one document only; check that you picked the "
                "right file.",
            )


def _require_match(dossier_id: int, name: str, sha256: str, content: bytes) -> None:
    if hashlib.sha256(content).hexdigest() != sha256:
        raise IntegrityError(
            f"Tệp “{name}” của hồ sơ số {dossier_id} không còn khớp với mã sha256 đã ghi. "
            "Chưa có gì được ghi; hãy chạy “vanban archive verify” rồi khôi phục tệp "
            "từ bản sao lưu.",
            f"The file “{name}” of dossier {dossier_id} no longer matches its recorded sha256. "
            "Nothing was written; run “vanban archive verify” and restore it from a backup.",
        )


def signed_comment(checks: Sequence[SignatureCheck]) -> str:
    if not checks:
        return "Bản quét, không có chữ ký số."
    signers = ", ".join(
        f"{check.signer or check.field} ({'tin cậy' if check.trusted else 'chưa tin cậy'})"
        for check in checks
    )
    return f"Bản đã ký số: {signers}."


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
