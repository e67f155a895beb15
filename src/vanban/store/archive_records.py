"""StoreTx's records of the signed archive: attachments (signed PDFs) and archive records.

Mixed into ``StoreTx`` (so callers write ``tx.add_attachment(...)``); kept apart to hold
``transaction.py`` to one screenful per concern. Like the rest of StoreTx it never commits.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection, RowMapping

from vanban.errors import NotFoundError, StoreError
from vanban.models import DocumentRecord
from vanban.store.schema import archive_records, attachments, documents
from vanban.store.times import as_utc


@dataclass(frozen=True)
class AttachmentRecord:
    """A signed (or scanned) PDF of an issued document, kept byte for byte as a blob."""

    id: int
    dossier_id: int
    event_id: int
    name: str
    sha256: str
    size: int
    pages: int
    signed: bool
    signatures: tuple[dict[str, Any], ...]  # one summary per signature, in signing order
    attached_by: str
    attached_at: dt.datetime


@dataclass(frozen=True)
class ArchiveRecord:
    """What ``vanban archive`` recorded about a dossier (NĐ 30 PL VI metadata)."""

    dossier_id: int
    event_id: int
    file_code: str  # mã hồ sơ
    title: str
    number_and_symbol: str
    issued_on: dt.date | None
    subject: str  # trích yếu
    signer: str
    retention: str  # thời hạn lưu trữ: "Vĩnh viễn" or "N năm"
    page_total: int
    files: tuple[dict[str, Any], ...]  # name, kind, sha256, size, pages of every archived file
    metadata: dict[str, Any]
    archived_by: str
    archived_at: dt.datetime


class ArchiveRecords:
    """The attachment and archive-record methods of StoreTx."""

    connection: Connection

    if TYPE_CHECKING:
        # Provided by StoreTx, into which this class is mixed.
        def put_blob(self, content: bytes) -> str: ...

    # ---- attachments ---------------------------------------------------------------------------

    def add_attachment(
        self,
        *,
        dossier_id: int,
        event_id: int,
        name: str,
        content: bytes,
        pages: int,
        signatures: Sequence[dict[str, Any]],
        attached_by: str,
        at: dt.datetime,
    ) -> AttachmentRecord:
        """Store a PDF's bytes as a blob and record it as an attachment of a dossier.

        ``signatures`` empty means the file carries no signature (a scanned paper copy).
        """
        at = as_utc(at)
        summaries = tuple(dict(summary) for summary in signatures)
        sha256 = self.put_blob(content)
        result = self.connection.execute(
            insert(attachments).values(
                dossier_id=dossier_id,
                event_id=event_id,
                name=name,
                sha256=sha256,
                size=len(content),
                pages=pages,
                signed=bool(summaries),
                signatures_json=_json(list(summaries)),
                attached_by=attached_by,
                attached_at=at,
            )
        )
        key = result.inserted_primary_key
        assert key is not None  # a single-row insert into a table with an id
        return AttachmentRecord(
            id=int(key[0]),
            dossier_id=dossier_id,
            event_id=event_id,
            name=name,
            sha256=sha256,
            size=len(content),
            pages=pages,
            signed=bool(summaries),
            signatures=summaries,
            attached_by=attached_by,
            attached_at=at,
        )

    def attachments(self, dossier_id: int) -> list[AttachmentRecord]:
        """Return a dossier's attachments, oldest first."""
        query = (
            select(attachments)
            .where(attachments.c.dossier_id == dossier_id)
            .order_by(attachments.c.id)
        )
        return [_attachment(row) for row in self.connection.execute(query).mappings()]

    def attachments_with_content(self, sha256: str) -> list[AttachmentRecord]:
        """Return every attachment, of any dossier, whose bytes have the sha256 ``sha256``."""
        query = select(attachments).where(attachments.c.sha256 == sha256).order_by(attachments.c.id)
        return [_attachment(row) for row in self.connection.execute(query).mappings()]

    def document_versions(self, dossier_id: int) -> list[DocumentRecord]:
        """Return every stored document of a dossier, each version, oldest first."""
        query = (
            select(documents).where(documents.c.dossier_id == dossier_id).order_by(documents.c.id)
        )
        return [DocumentRecord(**row) for row in self.connection.execute(query).mappings()]

    # ---- archive records -----------------------------------------------------------------------

    def add_archive_record(self, record: ArchiveRecord) -> None:
        """Write the archive record of a dossier (one per dossier, never changed)."""
        self.connection.execute(
            insert(archive_records).values(
                dossier_id=record.dossier_id,
                event_id=record.event_id,
                file_code=record.file_code,
                title=record.title,
                number_and_symbol=record.number_and_symbol,
                issued_on=record.issued_on,
                subject=record.subject,
                signer=record.signer,
                retention=record.retention,
                page_total=record.page_total,
                files_json=_json(list(record.files)),
                metadata_json=_json(record.metadata),
                archived_by=record.archived_by,
                archived_at=as_utc(record.archived_at),
            )
        )

    def archive_record(self, dossier_id: int) -> ArchiveRecord | None:
        """Return the archive record of a dossier, or None when it was never archived."""
        row = (
            self.connection.execute(
                select(archive_records).where(archive_records.c.dossier_id == dossier_id)
            )
            .mappings()
            .one_or_none()
        )
        return None if row is None else _archive_record(row)

    def require_archive_record(self, dossier_id: int) -> ArchiveRecord:
        """Return the archive record of a dossier; NotFoundError when it was never archived."""
        record = self.archive_record(dossier_id)
        if record is None:
            raise NotFoundError(
                f"Hồ sơ số {dossier_id} chưa được lưu trữ. "
                f"Hãy lưu trữ trước bằng “vanban archive {dossier_id}”.",
                f"Dossier {dossier_id} has not been archived. "
                f"Archive it first with “vanban archive {dossier_id}”.",
            )
        return record


def _attachment(row: RowMapping) -> AttachmentRecord:
    return AttachmentRecord(
        id=row["id"],
        dossier_id=row["dossier_id"],
        event_id=row["event_id"],
        name=row["name"],
        sha256=row["sha256"],
        size=row["size"],
        pages=row["pages"],
        signed=bool(row["signed"]),
        signatures=tuple(json.loads(row["signatures_json"])),
        attached_by=row["attached_by"],
        attached_at=row["attached_at"],
    )


def _archive_record(row: RowMapping) -> ArchiveRecord:
    return ArchiveRecord(
        dossier_id=row["dossier_id"],
        event_id=row["event_id"],
        file_code=row["file_code"],
        title=row["title"],
        number_and_symbol=row["number_and_symbol"],
        issued_on=row["issued_on"],
        subject=row["subject"],
        signer=row["signer"],
        retention=row["retention"],
        page_total=row["page_total"],
        files=tuple(json.loads(row["files_json"])),
        metadata=json.loads(row["metadata_json"]),
        archived_by=row["archived_by"],
        archived_at=row["archived_at"],
    )


def _json(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise StoreError(
            f"Thông tin lưu trữ có giá trị không lưu được ({exc}). "
            "Đây là lỗi của vanban; hãy báo cho người phát triển.",
            f"The archive information holds a value that cannot be stored ({exc}). "
            "This is a bug in vanban; please report it.",
        ) from exc
