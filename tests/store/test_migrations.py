"""Opening a store: migrations create the schema once, cheaply after that, and fail plainly."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError

from vanban.errors import StoreError
from vanban.store import Store, open_store, sqlite_url
from vanban.store.database import store_error
from vanban.store.migrate import alembic_config, current_revisions, head_revisions
from vanban.store.schema import metadata

TABLES = {
    "dossiers",
    "events",
    "event_documents",
    "blobs",
    "documents",
    "counters",
    "register",
    "attachments",
    "archive_records",
}


@contextmanager
def statements() -> Iterator[list[str]]:
    """Record every SQL statement any engine runs inside the block."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        seen.append(sql)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def test_sqlite_url_is_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert sqlite_url(Path("store.db")) == f"sqlite:///{tmp_path.resolve() / 'store.db'}"


def test_migrations_create_exactly_the_schema(store: Store, db_path: Path) -> None:
    engine = create_engine(sqlite_url(db_path))
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            assert set(inspector.get_table_names()) == TABLES | {"alembic_version"}
            indexed = {
                (table, tuple(index["column_names"]))
                for table in TABLES
                for index in inspector.get_indexes(table)
            }
            assert {
                ("dossiers", ("state",)),
                ("dossiers", ("workflow",)),
                ("events", ("dossier_id",)),
                ("documents", ("dossier_id",)),
            } <= indexed
            unique = inspector.get_unique_constraints("register")
            assert [u["column_names"] for u in unique] == [
                ["organization", "book", "year", "number"]
            ]
            # The hand-written migration and schema.py describe the same tables.
            context = MigrationContext.configure(connection)
            assert compare_metadata(context, metadata) == []
            assert set(context.get_current_heads()) == head_revisions()
    finally:
        engine.dispose()


def test_sqlite_is_set_up_for_concurrent_writers(store: Store, db_path: Path) -> None:
    with store.read() as tx:
        connection = tx.connection
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


def test_a_transaction_takes_the_write_lock_at_once_and_a_read_does_not(
    store: Store, db_path: Path
) -> None:
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with store.transaction() as tx:
            tx.list_dossiers()  # reads only, yet the write lock is already held
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        with store.read() as tx:
            tx.list_dossiers()
            other.execute("BEGIN IMMEDIATE")  # a reader does not block a writer
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_migrations_are_idempotent(store: Store, db_path: Path) -> None:
    engine = create_engine(sqlite_url(db_path))
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
            assert set(MigrationContext.configure(connection).get_current_heads()) == (
                head_revisions()
            )
            assert connection.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar() == 1
    finally:
        engine.dispose()
    again = open_store(sqlite_url(db_path))
    again.dispose()


def test_opening_a_store_at_head_only_reads(store: Store, db_path: Path) -> None:
    with store.transaction() as tx:
        tx.allocate_number(organization="HKH", book="VBĐ", year=2024)
    with statements() as seen:
        again = open_store(sqlite_url(db_path))
        again.dispose()
    writes = [sql for sql in seen if sql.split()[0].upper() in {"CREATE", "INSERT", "UPDATE"}]
    assert writes == []
    assert "BEGIN IMMEDIATE" not in seen
    assert len(seen) <= 5


def test_a_file_that_is_not_a_database_gives_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Đây không phải là cơ sở dữ liệu.\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        open_store(sqlite_url(path))
    assert "không phải là kho dữ liệu SQLite" in caught.value.text("vi")
    assert "not a SQLite store" in caught.value.text("en")


def test_a_missing_folder_gives_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Không mở được kho dữ liệu"):
        open_store(sqlite_url(tmp_path / "missing" / "vanban.db"))


def test_a_store_from_a_newer_vanban_is_refused(store: Store, db_path: Path) -> None:
    store.dispose()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    with pytest.raises(StoreError) as caught:
        open_store(sqlite_url(db_path))
    assert "newer version of vanban" in caught.value.text("en")


@pytest.mark.parametrize(
    ("url", "english"),
    [
        ("not a url", "malformed"),
        ("mysql+pymysql://vanban@localhost/vanban", "does not support"),
    ],
)
def test_unusable_urls_give_a_store_error(url: str, english: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert english in caught.value.text("en")


@pytest.mark.parametrize(
    ("driver_error", "vietnamese", "english"),
    [
        (sqlite3.OperationalError("database is locked"), "đang bận", "busy"),
        (sqlite3.DatabaseError("file is not a database"), "không phải là kho", "not a SQLite"),
        (sqlite3.OperationalError("unable to open database file"), "Không mở được", "check the"),
    ],
)
def test_database_failures_become_plain_store_errors(
    tmp_path: Path, driver_error: Exception, vietnamese: str, english: str
) -> None:
    url = make_url(sqlite_url(tmp_path / "vanban.db"))
    error = store_error(DBAPIError("BEGIN IMMEDIATE", None, driver_error), url)
    assert vietnamese in error.text("vi")
    assert english in error.text("en")
    assert str(tmp_path / "vanban.db") in error.text("en")
    assert "Traceback" not in error.text("en")


def test_a_postgresql_password_never_appears_in_a_message() -> None:
    url = make_url("postgresql+psycopg://vanban:bí-mật@db.example/vanban")
    error = store_error(DBAPIError("SELECT 1", None, OSError("connection refused")), url)
    assert "bí-mật" not in error.text("vi")
    assert "***" in error.text("en")


def test_the_heads_read_from_the_files_are_alembics_heads() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert head_revisions() == frozenset(script.get_heads())


@pytest.mark.parametrize("revision", ["base", "0001", "head"])
def test_the_revision_read_from_the_table_is_alembics(db_path: Path, revision: str) -> None:
    engine = create_engine(sqlite_url(db_path))
    try:
        with engine.begin() as connection:
            if revision != "base":
                command.upgrade(alembic_config(connection), revision)
            expected = set(MigrationContext.configure(connection).get_current_heads())
            assert current_revisions(connection) == expected
    finally:
        engine.dispose()


def test_opening_a_store_at_head_does_not_import_alembic(store: Store, db_path: Path) -> None:
    store.dispose()
    program = (
        "import sys\n"
        "from vanban.store import open_store, sqlite_url\n"
        f"open_store(sqlite_url(__import__('pathlib').Path({str(db_path)!r}))).dispose()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
