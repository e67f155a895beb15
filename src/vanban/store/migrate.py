"""Bring a store's schema to the newest Alembic revision, safely from many processes at once.

Migrations run in code, without alembic.ini: the Config points at the ``migrations`` folder of
this package and carries the open Connection. Concurrent openers are serialised: on SQLite by a
lock file next to the database (held also while the first connection switches a fresh file to
WAL), on PostgreSQL by a transaction-scoped advisory lock. A store already at head costs one
short read.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine

from vanban.errors import StoreError
from vanban.store.database import READ_ONLY_OPTION, describe, file_lock, sqlite_file

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# Any fixed 64-bit key works; this one is the first 8 bytes of sha256(b"vanban.store.migrate").
ADVISORY_LOCK_KEY = 0x66F00B73691B3776


def alembic_config(connection: Connection | None = None) -> Config:
    """Return the Alembic Config of the store's migrations, carrying ``connection``."""
    config = Config()
    # ConfigParser interpolation treats "%" as special; a path may contain one.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


@functools.cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revisions() -> frozenset[str]:
    """Return the newest revision(s) this version of vanban knows."""
    return frozenset(_script().get_heads())


def current_revisions(connection: Connection) -> frozenset[str]:
    """Return the revision(s) the database on ``connection`` is at; empty when new."""
    return frozenset(MigrationContext.configure(connection).get_current_heads())


def _check_known(current: frozenset[str], engine: Engine) -> None:
    script = _script()
    for revision in current:
        try:
            script.get_revision(revision)
        except CommandError as exc:
            where = describe(engine.url)
            raise StoreError(
                f"Kho dữ liệu {where} do một phiên bản vanban mới hơn tạo ra (bản sửa đổi "
                f"“{revision}”). Hãy nâng cấp vanban rồi thử lại.",
                f"The store {where} was made by a newer version of vanban (revision "
                f"“{revision}”). Upgrade vanban and try again.",
            ) from exc


@contextmanager
def _read_connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        connection.execution_options(**{READ_ONLY_OPTION: True})
        yield connection


def migrate(engine: Engine) -> None:
    """Apply every migration the database on ``engine`` lacks; do nothing when at head."""
    heads = head_revisions()
    database = sqlite_file(engine.url)
    lock = file_lock(Path(f"{database}.migrate.lock")) if database else nullcontext()
    with lock:
        with _read_connection(engine) as connection:
            current = current_revisions(connection)
        if current == heads:
            return
        _check_known(current, engine)
        # On SQLite this begins with BEGIN IMMEDIATE, so the schema change is one transaction.
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(select(func.pg_advisory_xact_lock(ADVISORY_LOCK_KEY)))
            # Checked again under the lock: another process may have migrated meanwhile.
            if current_revisions(connection) != heads:
                command.upgrade(alembic_config(connection), "head")
