"""The store's tables, as SQLAlchemy Core objects sharing one MetaData.

The Alembic migrations in ``migrations/versions`` create exactly these tables; a test compares
the two, so a change here needs a new migration.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)

# Explicit constraint names, so the hand-written migrations and this module agree on them and a
# later migration can drop or alter a constraint by name on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


# The largest id a store can hold (a signed 64-bit integer on SQLite and PostgreSQL).
MAX_ID = 2**63 - 1


def utc_from_text(value: str) -> dt.datetime:
    """The aware UTC datetime of stored ISO text (stored in UTC already: no conversion then)."""
    parsed = dt.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo is dt.UTC else parsed.astimezone(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as ISO-8601 text in UTC, e.g. ``2024-01-29T03:04:05.000000+00:00``.

    Text rather than DateTime: SQLite's DateTime drops the offset, and one fixed-width format
    sorts correctly and reads back the same instant on SQLite and PostgreSQL alike.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            # Raised before any SQL runs; the transaction turns it into a StoreError.
            raise ValueError(f"naive datetime {value!r}: the store keeps aware datetimes only")
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else utc_from_text(str(value))


class IsoDate(TypeDecorator[dt.date]):
    """A calendar date stored as ISO text (``2024-01-29``), the same on every database."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: dt.date | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        return value.isoformat()

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.date | None:
        if value is None:
            return None
        return dt.date.fromisoformat(str(value))


SUMMARY_COLUMNS = (
    "id",
    "workflow",
    "title",
    "state",
    "created_by",
    "created_at",
    "updated_at",
    "version",
    "number",
    "issued_on",
)

dossiers = Table(
    "dossiers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workflow", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("data_json", Text, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("number", Integer, nullable=True),
    Column("issued_on", IsoDate, nullable=True),
    Index(None, "state"),
    Index(None, "workflow"),
    # Covers `vanban list`: SQLite keeps a row's columns together, so reading the columns after
    # a large data_json would read the whole document data of every dossier.
    Index("ix_dossiers_summary", *SUMMARY_COLUMNS),
    sqlite_autoincrement=True,
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    Column("actor", Text, nullable=False),
    Column("event", Text, nullable=False),
    Column("from_state", Text, nullable=True),
    Column("to_state", Text, nullable=False),
    Column("comment", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    # The hash chain (vanban.store.chain): the previous event's hash, the dossier row's hash
    # after this event, and this event's own seal. Set when its transaction commits.
    Column("prev_hash", Text, nullable=True),
    Column("dossier_hash", Text, nullable=True),
    Column("hash", Text, nullable=True),
    Index(None, "dossier_id"),
    sqlite_autoincrement=True,
)

# The documents an event produced, as (name, sha256). No foreign key to blobs: the event is
# written before its documents (a document row points at its event), in the same transaction.
event_documents = Table(
    "event_documents",
    metadata,
    # A surrogate key keeps the order in which the event listed its documents.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Index(None, "event_id"),
    sqlite_autoincrement=True,
)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", Text, primary_key=True),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("template_id", Text, nullable=False),
    Column("media_type", Text, nullable=False),
    Column("sha256", Text, ForeignKey("blobs.sha256"), nullable=False),
    Column("size", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Index(None, "dossier_id"),
    Index(None, "event_id"),  # sealing reads the rows an event wrote (vanban.store.chain)
    sqlite_autoincrement=True,
)

# One row per (organization, book, year): the last number handed out. Incremented by an upsert
# inside the issuing transaction, so a rollback takes the number back (no gaps). ``organization``
# is the case-blind key of the body's code (vanban.store.register_key): "hkh" and "HKH" share it.
counters = Table(
    "counters",
    metadata,
    Column("organization", Text, nullable=False),
    Column("book", Text, nullable=False),
    Column("year", Integer, nullable=False),
    Column("last_number", Integer, nullable=False),
    PrimaryKeyConstraint("organization", "book", "year"),
)

# The outgoing register (sổ đăng ký văn bản đi, Phụ lục IV of Nghị định 30/2020). The UNIQUE
# constraint is the safety net behind the counter: a duplicate number can never be stored.
register = Table(
    "register",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("organization", Text, nullable=False),
    Column("book", Text, nullable=False),
    Column("year", Integer, nullable=False),
    Column("number", Integer, nullable=False),
    Column("number_and_symbol", Text, nullable=False),
    Column("issued_on", IsoDate, nullable=False),
    Column("type_and_subject", Text, nullable=False),
    Column("signer", Text, nullable=False),
    Column("recipients", Text, nullable=False),
    Column("filed_at", Text, nullable=False),
    Column("copies", Integer, nullable=True),
    Column("sent_on", IsoDate, nullable=True),
    Column("received_by", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    # The issuing event: its seal covers this row (vanban.store.chain).
    Column("event_id", Integer, ForeignKey("events.id"), nullable=True),
    UniqueConstraint("organization", "book", "year", "number"),
    # The duplicate check that treats "hkh" and "HKH" as one body reads by year and number.
    Index(None, "year", "number"),
    Index(None, "event_id"),
    sqlite_autoincrement=True,
)

# The signed (or scanned) PDFs of an issued document (vanban attach), stored byte for byte as
# blobs and never rewritten. A name is used once per dossier, so an exported package cannot hold
# two different files under one name.
attachments = Table(
    "attachments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), nullable=False),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("sha256", Text, ForeignKey("blobs.sha256"), nullable=False),
    Column("size", Integer, nullable=False),
    Column("pages", Integer, nullable=False),
    Column("signed", Boolean, nullable=False),
    Column("signatures_json", Text, nullable=False),
    Column("attached_by", Text, nullable=False),
    Column("attached_at", UtcDateTime, nullable=False),
    UniqueConstraint("dossier_id", "name"),
    # Finds the same file attached to another dossier.
    Index(None, "sha256"),
    Index(None, "event_id"),
    sqlite_autoincrement=True,
)

# What was archived (vanban archive): one row per dossier, written in the archiving transaction.
# The NĐ 30 PL VI metadata is kept whole as JSON, so an export years later prints what was
# recorded then; the columns repeat the fields people search by.
archive_records = Table(
    "archive_records",
    metadata,
    Column("dossier_id", Integer, ForeignKey("dossiers.id"), primary_key=True, autoincrement=False),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("file_code", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("number_and_symbol", Text, nullable=False),
    Column("issued_on", IsoDate, nullable=True),
    Column("subject", Text, nullable=False),
    Column("signer", Text, nullable=False),
    Column("retention", Text, nullable=False),
    Column("page_total", Integer, nullable=False),
    Column("files_json", Text, nullable=False),
    Column("metadata_json", Text, nullable=False),
    Column("archived_by", Text, nullable=False),
    Column("archived_at", UtcDateTime, nullable=False),
    Index(None, "event_id"),
)
