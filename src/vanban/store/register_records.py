"""StoreTx's numbering and outgoing register: gapless numbers, and the register's rows.

Mixed into ``StoreTx`` (so callers write ``tx.allocate_number(...)``); kept apart from
``transaction.py`` as its own concern. Like the rest of StoreTx it never commits.

The allocation runs inside the write lock of every issuing transaction, so its statement is
built once per dialect and reused: SQLAlchemy then finds the compiled form by the statement's
memoized cache key instead of building, keying and looking up a new statement per number
(0,95 ms against 0,17 ms each, measured by benchmarks/numbering.py's instrumentation).
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from vanban.errors import NumberingError
from vanban.models import RegisterEntry
from vanban.store.database import dialect_insert, is_unique_violation
from vanban.store.register_key import organization_key
from vanban.store.schema import MAX_ID, counters
from vanban.store.schema import register as register_table

if TYPE_CHECKING:
    from sqlalchemy.sql.dml import ReturningInsert

_REGISTER_FIELDS = tuple(field.name for field in fields(RegisterEntry))

# The upsert-increment of each dialect, built on first use (see the module docstring).
_ALLOCATIONS: dict[str, ReturningInsert[int]] = {}


def _allocation(dialect: str) -> ReturningInsert[int]:
    statement = _ALLOCATIONS.get(dialect)
    if statement is None:
        key = counters.c.organization, counters.c.book, counters.c.year
        statement = (
            dialect_insert(dialect, counters)
            .values(
                organization=bindparam("organization"),
                book=bindparam("book"),
                year=bindparam("year"),
                last_number=1,
            )
            .on_conflict_do_update(
                index_elements=key, set_={"last_number": counters.c.last_number + 1}
            )
            .returning(counters.c.last_number)
        )
        _ALLOCATIONS[dialect] = statement
    return statement


class RegisterRecords:
    """The numbering and register methods of StoreTx, on its open ``connection``."""

    connection: Connection

    def allocate_number(self, *, organization: str, book: str, year: int) -> int:
        """Return the next number of (organization, book, year), starting at 1, with no gaps.

        One upsert-increment statement: the counter row stays locked until this transaction
        ends, so concurrent issuers queue, and a rollback takes the number back. Codes that
        differ only in case ("hkh", "HKH") share one counter (``organization_key``).
        """
        values = {"organization": organization_key(organization), "book": book, "year": year}
        statement = _allocation(self.connection.dialect.name)
        return int(self.connection.execute(statement, values).scalar_one())

    def add_register_entry(self, entry: RegisterEntry, event_id: int | None = None) -> None:
        """Write a row of the outgoing register; NumberingError if its number is taken.

        ``event_id`` is the issuing event, whose seal then covers the row.
        """
        values = {name: getattr(entry, name) for name in _REGISTER_FIELDS}
        values["event_id"] = event_id
        if self._number_taken(entry):
            raise _number_taken(entry)
        try:
            # A savepoint, so that after a refusal the transaction is still usable (PostgreSQL
            # would otherwise abort it).
            with self.connection.begin_nested():
                self.connection.execute(insert(register_table).values(**values))
        except IntegrityError as exc:
            if not is_unique_violation(exc):
                raise
            raise _number_taken(entry) from exc

    def _number_taken(self, entry: RegisterEntry) -> bool:
        # The UNIQUE constraint compares codes exactly; "hkh" and "HKH" are one body.
        table = register_table
        spellings = self.connection.execute(
            select(table.c.organization).where(
                table.c.book == entry.book,
                table.c.year == entry.year,
                table.c.number == entry.number,
            )
        ).scalars()
        key = organization_key(entry.organization)
        return any(organization_key(spelling) == key for spelling in spellings)

    def register(
        self, *, year: int | None = None, organization: str | None = None
    ) -> list[RegisterEntry]:
        """Return the outgoing register, optionally of one year / organization, by number."""
        table = register_table
        query = select(table).order_by(
            table.c.year, table.c.number, table.c.organization, table.c.book
        )
        if year is not None:
            if not 0 < year <= MAX_ID:
                return []
            query = query.where(table.c.year == year)
        rows = [
            RegisterEntry(**{name: row[name] for name in _REGISTER_FIELDS})
            for row in self.connection.execute(query).mappings()
        ]
        if organization is None:
            return rows
        key = organization_key(organization)
        return [row for row in rows if organization_key(row.organization) == key]


def _number_taken(entry: RegisterEntry) -> NumberingError:
    return NumberingError(
        f"Số {entry.number} của sổ “{entry.book}” năm {entry.year} ({entry.organization}) "
        "đã có trong sổ đăng ký văn bản đi. Hãy cấp số mới rồi thử lại.",
        f"Number {entry.number} of the book “{entry.book}” for {entry.year} "
        f"({entry.organization}) is already in the outgoing register. "
        "Allocate a new number and try again.",
    )
