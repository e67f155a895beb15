"""Bring a store's schema to the newest Alembic revision, safely from many processes at once.

Migrations run in code, without alembic.ini: the Config points at the ``migrations`` folder of
this package and carries the open Connection. Concurrent openers are serialised: on SQLite by a
lock file next to the database (held also while the first connection switches a fresh file to
WAL), on PostgreSQL by a transaction-scoped advisory lock. A store already at head costs one
short read, and does not even import Alembic: the newest revision is read from the migration
files' ``revision = "…"`` lines and the database's from its ``alembic_version`` table;
tests/store/test_migrate_heads.py proves both agree with Alembic's own answer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import column, func, inspect, select, table
from sqlalchemy.engine import Connection, Engine

if TYPE_CHECKING:  # Alembic is imported only when a database actually needs migrating
    from alembic.config import Config
    from alembic.script import ScriptDirectory

from vanban.errors import StoreError
from vanban.store.database import (
    READ_ONLY_OPTION,
    describe,
    file_lock,
    read_only_file,
    refuse_empty_file,
    sqlite_file,
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# Any fixed 64-bit key works; this one is the first 8 bytes of sha256(b"vanban.store.migrate").
ADVISORY_LOCK_KEY = 0x66F00B73691B3776


# `revision: str = "0002"` and `down_revision: str | tuple[str, ...] | None = "0001"`.
_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=\n]*=(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"[\"']([^\"']+)[\"']")
VERSION_TABLE = table("alembic_version", column("version_num"))


def alembic_config(connection: Connection | None = None) -> Config:
    """Return the Alembic Config of the store's migrations, carrying ``connection``."""
    from alembic.config import Config

    config = Config()
    # ConfigParser interpolation treats "%" as special; a path may contain one.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


@functools.cache
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@functools.cache
def head_revisions() -> frozenset[str]:
    """Return the newest revision(s) this version of vanban knows: those nothing revises."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for kind, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            names = _QUOTED.findall(value)
            (revised if kind == "down_revision" else revisions).update(names)
    return frozenset(revisions - revised)


def current_revisions(connection: Connection) -> frozenset[str]:
    """Return the revision(s) the database on ``connection`` is at; empty when new."""
    if not inspect(connection).has_table(VERSION_TABLE.name):
        return frozenset()
    return frozenset(connection.execute(select(VERSION_TABLE.c.version_num)).scalars())


def _check_known(current: frozenset[str], engine: Engine) -> None:
    from alembic.util import CommandError

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
    if database is not None and read_only_file(database):
        _require_current(engine, heads)  # nothing to migrate, and no lock to take, when read
        return
    lock = file_lock(Path(f"{database}.migrate.lock")) if database else nullcontext()
    with lock:
        if database is not None:
            refuse_empty_file(database)
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
                _upgrade(connection, engine)


def _require_current(engine: Engine, heads: frozenset[str]) -> None:
    """Let a store nobody may write be read, if its schema is this version's."""
    refuse_empty_file(Path(str(sqlite_file(engine.url))))
    with _read_connection(engine) as connection:
        current = current_revisions(connection)
    if current == heads:
        return
    _check_known(current, engine)
    where = describe(engine.url)
    raise StoreError(
        f"Kho dữ liệu {where} chỉ cho đọc và cần được nâng cấp cho phiên bản vanban này. "
        "Hãy nhờ người có quyền ghi chạy một lệnh vanban bất kỳ trên thư mục làm việc này.",
        f"The store {where} is read-only and needs upgrading for this version of vanban. "
        "Ask someone who may write to it to run any vanban command in this workspace.",
    )


def _upgrade(connection: Connection, engine: Engine) -> None:
    from alembic import command
    from alembic.util import CommandError

    try:
        command.upgrade(alembic_config(connection), "head")
    except CommandError as exc:
        where = describe(engine.url)
        raise StoreError(
            f"Không nâng cấp được kho dữ liệu {where} ({exc}). "
            "Hãy sao lưu tệp kho và báo cho người quản trị vanban.",
            f"Could not upgrade the store {where} ({exc}). "
            "Back up the store and report this to your vanban administrator.",
        ) from exc
