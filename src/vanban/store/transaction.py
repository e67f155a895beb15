"""StoreTx: every read and write of vanban's records, as SQL on one open transaction.

A StoreTx never commits: ``Store.transaction()`` commits or rolls back the whole unit, so a
state change, its history entry, its documents and its register number land together or not
at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, Text, func, insert, select, type_coerce, update
from sqlalchemy.engine import Connection, CursorResult, RowMapping

from vanban.errors import ConflictError, NotFoundError, StoreError
from vanban.errors import IntegrityError as TamperedError
from vanban.models import DocumentRecord, DocumentRef, Dossier, DossierSummary, Event
from vanban.store.archive_records import ArchiveRecords
from vanban.store.chain import (
    ChainProblem,
    chain_problems,
    dossier_matches_history,
    head_hash,
    seal_events,
)
from vanban.store.database import dialect_insert
from vanban.store.register_records import RegisterRecords
from vanban.store.schema import (
    MAX_ID,
    SUMMARY_COLUMNS,
    blobs,
    documents,
    dossiers,
    event_documents,
    events,
    utc_from_text,
)
from vanban.store.times import as_utc

_AS_TEXT = ("created_at", "updated_at", "issued_on")
_CREATED, _UPDATED, _ISSUED = (SUMMARY_COLUMNS.index(name) for name in _AS_TEXT)


def _summary(values: list[Any]) -> DossierSummary:
    """A DossierSummary from a summary row whose times were read as their stored text."""
    values[_CREATED] = utc_from_text(values[_CREATED])
    values[_UPDATED] = utc_from_text(values[_UPDATED])
    if values[_ISSUED] is not None:
        values[_ISSUED] = dt.date.fromisoformat(values[_ISSUED])
    return DossierSummary(*values)


class StoreTx(ArchiveRecords, RegisterRecords):
    """One transaction on the store; every method runs SQL on the same Connection.

    The attachment and archive-record methods come from ``archive_records.ArchiveRecords``,
    the numbering and register methods from ``register_records.RegisterRecords``.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        # Events added in this transaction, sealed into the hash chain just before commit.
        self.unsealed: list[int] = []

    # ---- dossiers ------------------------------------------------------------------------------

    def create_dossier(
        self,
        *,
        workflow: str,
        title: str,
        state: str,
        data: dict[str, Any],
        created_by: str,
        at: dt.datetime,
    ) -> Dossier:
        """Store a new dossier at version 1 and return it as stored."""
        at = as_utc(at)
        result = self.connection.execute(
            insert(dossiers).values(
                workflow=workflow,
                title=title,
                state=state,
                data_json=_to_json(data),
                created_by=created_by,
                created_at=at,
                updated_at=at,
                version=1,
            )
        )
        return self.get_dossier(_inserted_id(result))

    def get_dossier(self, dossier_id: int) -> Dossier:
        """Return the dossier ``dossier_id``; NotFoundError when there is none."""
        _require_storable(dossier_id)
        row = (
            self.connection.execute(select(dossiers).where(dossiers.c.id == dossier_id))
            .mappings()
            .one_or_none()
        )
        if row is None:
            raise _dossier_not_found(dossier_id)
        return _dossier(row)

    def list_dossiers(
        self,
        *,
        state: str | None = None,
        workflow: str | None = None,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[DossierSummary]:
        """Return the dossiers, optionally only those in ``state`` / of ``workflow``, by id.

        ``newest_first`` reverses the order, ``limit`` keeps that many (the first page). Their
        data is not read: a list of ten thousand dossiers stays a quick answer.
        """
        # The times are read as their stored text and parsed here: for ten thousand rows the
        # column types' per-value processing costs more than the query.
        summary = [
            type_coerce(dossiers.c[name], Text) if name in _AS_TEXT else dossiers.c[name]
            for name in SUMMARY_COLUMNS
        ]
        order = dossiers.c.id.desc() if newest_first else dossiers.c.id
        query = _filtered(select(*summary), state, workflow).order_by(order).limit(limit)
        # SUMMARY_COLUMNS lists DossierSummary's fields in order (tests/store checks it).
        return [_summary(list(row)) for row in self.connection.execute(query).all()]

    def count_dossiers(self, *, state: str | None = None, workflow: str | None = None) -> int:
        """How many dossiers there are, optionally only in ``state`` / of ``workflow``."""
        query = _filtered(select(func.count()).select_from(dossiers), state, workflow)
        return int(self.connection.execute(query).scalar_one())

    def update_dossier(
        self,
        dossier: Dossier,
        *,
        state: str,
        data: dict[str, Any],
        at: dt.datetime,
        number: int | None = None,
        issued_on: dt.date | None = None,
    ) -> Dossier:
        """Store a new state, data, number and date for ``dossier``; return the new version.

        ``number`` and ``issued_on`` are the new values, not patches: pass the old ones to keep
        them. The change applies only if the stored version is still ``dossier.version``;
        otherwise someone changed the dossier since it was read, and ConflictError is raised.
        """
        result = self.connection.execute(
            update(dossiers)
            .where(dossiers.c.id == dossier.id, dossiers.c.version == dossier.version)
            .values(
                state=state,
                data_json=_to_json(data),
                updated_at=as_utc(at),
                version=dossier.version + 1,
                number=number,
                issued_on=issued_on,
            )
        )
        if result.rowcount == 0:
            self.get_dossier(dossier.id)  # NotFoundError when it no longer exists at all
            raise ConflictError(
                f"Hồ sơ số {dossier.id} vừa được người khác thay đổi. "
                f"Hãy xem lại bằng “vanban show {dossier.id}” rồi thử lại.",
                f"Dossier {dossier.id} was just changed by someone else. "
                f"Look at it again with “vanban show {dossier.id}”, then retry.",
            )
        return self.get_dossier(dossier.id)

    # ---- history -------------------------------------------------------------------------------

    def add_event(
        self,
        *,
        dossier_id: int,
        actor: str,
        event: str,
        from_state: str | None,
        to_state: str,
        comment: str,
        at: dt.datetime,
        documents: Sequence[DocumentRef],
    ) -> Event:
        """Append one entry to a dossier's history, with the documents it produced."""
        at = as_utc(at)
        result = self.connection.execute(
            insert(events).values(
                dossier_id=dossier_id,
                actor=actor,
                event=event,
                from_state=from_state,
                to_state=to_state,
                comment=comment,
                at=at,
            )
        )
        event_id = _inserted_id(result)
        self.unsealed.append(event_id)
        refs = tuple(documents)
        if refs:
            self.connection.execute(
                insert(event_documents),
                [{"event_id": event_id, "name": ref.name, "sha256": ref.sha256} for ref in refs],
            )
        return Event(event_id, dossier_id, actor, event, from_state, to_state, comment, at, refs)

    def history(self, dossier_id: int) -> list[Event]:
        """Return a dossier's history, oldest first, each entry with its documents."""
        _require_storable(dossier_id)
        refs: dict[int, list[DocumentRef]] = {}
        linked = (
            select(event_documents)
            .join(events, events.c.id == event_documents.c.event_id)
            .where(events.c.dossier_id == dossier_id)
            .order_by(event_documents.c.id)
        )
        for row in self.connection.execute(linked).mappings():
            refs.setdefault(row["event_id"], []).append(DocumentRef(row["name"], row["sha256"]))
        query = select(events).where(events.c.dossier_id == dossier_id).order_by(events.c.id)
        return [
            Event(
                id=row["id"],
                dossier_id=row["dossier_id"],
                actor=row["actor"],
                event=row["event"],
                from_state=row["from_state"],
                to_state=row["to_state"],
                comment=row["comment"],
                at=row["at"],
                documents=tuple(refs.get(row["id"], ())),
            )
            for row in self.connection.execute(query).mappings()
        ]

    # ---- blobs and documents -------------------------------------------------------------------

    def put_blob(self, content: bytes) -> str:
        """Store ``content`` once under its sha256 (hex), which is returned."""
        sha256 = hashlib.sha256(content).hexdigest()
        exists = self.connection.execute(
            select(blobs.c.sha256).where(blobs.c.sha256 == sha256)
        ).first()
        if exists is None:
            # ON CONFLICT DO NOTHING: a concurrent writer (PostgreSQL) may store it first.
            self.connection.execute(
                dialect_insert(self.connection.dialect.name, blobs)
                .values(sha256=sha256, size=len(content), content=content)
                .on_conflict_do_nothing(index_elements=[blobs.c.sha256])
            )
        return sha256

    def get_blob(self, sha256: str, name: str = "", *, check: bool = True) -> bytes:
        """Return the content stored under ``sha256``; NotFoundError when there is none.

        The content is hashed again: a blob edited in the database is an IntegrityError (exit
        3) naming the file ``name``, never handed out as if it were the recorded file.
        ``check=False`` is for the one caller that reports a mismatch itself (archive verify).
        """
        content = self.connection.execute(
            select(blobs.c.content).where(blobs.c.sha256 == sha256)
        ).scalar_one_or_none()
        if content is None:
            raise NotFoundError(
                f"Không có nội dung tệp {sha256} trong kho dữ liệu. "
                "Hãy kiểm tra lại kho bằng lệnh “vanban archive verify”.",
                f"The store holds no file content {sha256}. "
                "Check the store with “vanban archive verify”.",
            )
        if check and hashlib.sha256(bytes(content)).hexdigest() != sha256:
            what = f"“{name}” (sha256 {sha256[:12]}…)" if name else f"{sha256[:12]}…"
            raise TamperedError(
                f"Nội dung tệp {what} trong kho không còn khớp với mã sha256 đã ghi: tệp đã bị "
                "sửa ngoài vanban. Hãy chạy “vanban archive verify” và khôi phục kho từ bản sao "
                "lưu.",
                f"The stored content of {what} no longer matches its recorded sha256: it was "
                "changed outside vanban. Run “vanban archive verify” and restore the store from "
                "a backup.",
            )
        return bytes(content)

    def add_document(
        self,
        *,
        dossier_id: int,
        event_id: int,
        name: str,
        template_id: str,
        media_type: str,
        content: bytes,
        at: dt.datetime,
    ) -> DocumentRecord:
        """Store a document of a dossier (its bytes as a blob) and return its record."""
        at = as_utc(at)
        sha256 = self.put_blob(content)
        result = self.connection.execute(
            insert(documents).values(
                dossier_id=dossier_id,
                event_id=event_id,
                name=name,
                template_id=template_id,
                media_type=media_type,
                sha256=sha256,
                size=len(content),
                created_at=at,
            )
        )
        return DocumentRecord(
            id=_inserted_id(result),
            dossier_id=dossier_id,
            event_id=event_id,
            name=name,
            template_id=template_id,
            media_type=media_type,
            sha256=sha256,
            size=len(content),
            created_at=at,
        )

    def current_documents(self, dossier_id: int) -> list[DocumentRecord]:
        """Return the newest record of each document name of a dossier, by name."""
        newest = (
            select(func.max(documents.c.id))
            .where(documents.c.dossier_id == dossier_id)
            .group_by(documents.c.name)
        )
        query = select(documents).where(documents.c.id.in_(newest)).order_by(documents.c.name)
        return [DocumentRecord(**row) for row in self.connection.execute(query).mappings()]

    # ---- the hash chain ------------------------------------------------------------------------

    def seal(self) -> None:
        """Seal this transaction's new events into the hash chain (called just before commit)."""
        seal_events(self.connection, self.unsealed)
        self.unsealed = []

    def chain_problems(self, dossier_id: int) -> list[ChainProblem]:
        """Every place where the dossier's hash chain no longer holds (empty when intact)."""
        _require_storable(dossier_id)
        return chain_problems(self.connection, dossier_id)

    def require_untampered(self, dossier_id: int) -> None:
        """Refuse (exit 3) to act on a dossier whose row differs from what history recorded."""
        _require_storable(dossier_id)
        if not dossier_matches_history(self.connection, dossier_id):
            raise TamperedError(
                f"Hồ sơ số {dossier_id} đã bị sửa ngoài vanban: trạng thái hoặc dữ liệu không "
                "khớp với lịch sử. Không có gì được ghi; hãy chạy “vanban archive verify "
                f"{dossier_id}” và khôi phục kho từ bản sao lưu.",
                f"Dossier {dossier_id} was changed outside vanban: its state or data does not "
                "match its history. Nothing was written; run “vanban archive verify "
                f"{dossier_id}” and restore the store from a backup.",
            )

    def head_hash(self, dossier_id: int) -> str:
        """The hash of the dossier's newest event (the head of its chain)."""
        return head_hash(self.connection, dossier_id)


def _filtered(query: Select[Any], state: str | None, workflow: str | None) -> Select[Any]:
    """``query`` narrowed to the dossiers in ``state`` and of ``workflow``, when given."""
    if state is not None:
        query = query.where(dossiers.c.state == state)
    if workflow is not None:
        query = query.where(dossiers.c.workflow == workflow)
    return query


def _dossier(row: RowMapping) -> Dossier:
    return Dossier(
        id=row["id"],
        workflow=row["workflow"],
        title=row["title"],
        state=row["state"],
        data=json.loads(row["data_json"]),
        created_by=row["created_by"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=row["version"],
        number=row["number"],
        issued_on=row["issued_on"],
    )


def _inserted_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None  # every insert here is a single row into a table with an id
    return int(key[0])


def _require_storable(dossier_id: int) -> None:
    # SQLite cannot even compare a larger integer (OverflowError); no such dossier can exist.
    if not 0 < dossier_id <= MAX_ID:
        raise _dossier_not_found(dossier_id)


def _dossier_not_found(dossier_id: int) -> NotFoundError:
    return NotFoundError(
        f"Không có hồ sơ số {dossier_id}. Hãy xem danh sách bằng lệnh “vanban list”.",
        f"There is no dossier {dossier_id}. See the list with “vanban list”.",
    )


def _to_json(data: dict[str, Any]) -> str:
    try:
        return json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(
            f"Dữ liệu hồ sơ có giá trị không lưu được ({exc}). "
            "Hãy chỉ dùng chữ, số, ngày tháng, danh sách và bảng trong dữ liệu.",
            f"The dossier data holds a value that cannot be stored ({exc}). "
            "Use only text, numbers, dates, lists and mappings in the data.",
        ) from exc
