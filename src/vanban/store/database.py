"""Engines for the store (SQLite file or PostgreSQL), and database failures as StoreErrors.

SQLite is set up once per connection: WAL journal, a 30 s busy timeout, foreign keys on, and
pysqlite's own transaction handling switched off so that every write transaction starts with
``BEGIN IMMEDIATE`` (the SQLAlchemy pysqlite recipe). Taking the write lock up front means two
writers queue on it instead of failing with SQLITE_BUSY when one upgrades a read lock to a write
lock, which no busy timeout can fix. vanban's own writers queue before even that, in the kernel
(writer_queue.py), so that a freed lock is taken at once rather than when SQLite's busy handler
next wakes a sleeper.
"""

from __future__ import annotations

import errno
import importlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock, Timeout
from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, SQLAlchemyError

from vanban.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.sql.schema import Table

BUSY_TIMEOUT_SECONDS = 30

# Execution option marking a connection opened by Store.read(): it begins with a plain
# (deferred) BEGIN, so readers never wait for the write lock.
READ_ONLY_OPTION = "vanban_read_only"
# Execution option of a writer that waited in the writers' queue (writer_queue.py): the
# seconds left of its busy timeout, all its BEGIN IMMEDIATE may still wait.
BUSY_LEFT_OPTION = "vanban_busy_left"


def sqlite_url(path: Path) -> str:
    """Return the SQLAlchemy URL of the SQLite file at ``path`` (made absolute)."""
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def create_store_engine(url: str) -> Engine:
    """Return an engine for ``url``: SQLite set up as described above, or PostgreSQL."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"Địa chỉ kho dữ liệu “{url}” không đúng dạng. "
            "Hãy dùng dạng sqlite:///đường/dẫn/tệp.db hoặc postgresql+psycopg://người@máy/csdl.",
            f"The store address “{url}” is malformed. "
            "Use sqlite:///path/to/file.db or postgresql+psycopg://user@host/database.",
        ) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite" and sqlite_file(parsed) is None:
        raise StoreError(
            f"“{url}” là kho dữ liệu chỉ nằm trong bộ nhớ: hồ sơ sẽ mất khi lệnh kết thúc. "
            "Hãy dùng một tệp, ví dụ sqlite:///đường/dẫn/vanban.db (hoặc bỏ trống để dùng "
            ".vanban/vanban.db).",
            f"“{url}” is an in-memory store: dossiers would vanish when the command ends. "
            "Use a file, e.g. sqlite:///path/to/vanban.db (or leave it empty for "
            ".vanban/vanban.db).",
        )
    try:
        if backend == "sqlite":
            path = sqlite_file(parsed)
            if path is not None and read_only_file(path):
                engine = create_engine(parsed, creator=_read_only_connector(path))
            else:
                engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
            return engine
        if backend == "postgresql":
            # pre_ping: a pooled connection the server has since closed is replaced, not reported.
            return create_engine(parsed, pool_pre_ping=True)
    except ImportError as exc:
        raise StoreError(
            f"Thiếu trình điều khiển cho kho dữ liệu {describe(parsed)} ({exc}). "
            "Hãy cài gói Python tương ứng, ví dụ: pip install psycopg[binary].",
            f"The driver for the store {describe(parsed)} is missing ({exc}). "
            "Install the matching Python package, e.g. pip install psycopg[binary].",
        ) from exc
    raise StoreError(
        f"vanban không hỗ trợ loại cơ sở dữ liệu “{backend}”. Hãy dùng SQLite hoặc PostgreSQL.",
        f"vanban does not support the database kind “{backend}”. Use SQLite or PostgreSQL.",
    )


def dialect_insert(dialect: str, table: Table) -> sqlite.Insert | postgresql.Insert:
    """An INSERT into ``table`` in the dialect named ``dialect``, which can say ON CONFLICT.

    ON CONFLICT is spelled the same on both, but lives in each dialect's own insert(). The
    dialect module is imported on first use: a SQLite store never loads PostgreSQL's.
    """
    if dialect in ("sqlite", "postgresql"):
        module = importlib.import_module(f"sqlalchemy.dialects.{dialect}")
        inserted: sqlite.Insert | postgresql.Insert = module.insert(table)
        return inserted
    raise StoreError(
        f"vanban không hỗ trợ loại cơ sở dữ liệu “{dialect}”. Hãy dùng SQLite hoặc PostgreSQL.",
        f"vanban does not support the database kind “{dialect}”. Use SQLite or PostgreSQL.",
    )


def read_only_file(path: Path) -> bool:
    """Tell whether the SQLite file at ``path`` exists but cannot be written by this process.

    A read-only mount, or a workspace without write permission, can still be read.
    """
    if not path.exists():
        return False
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def read_only_uri(path: Path) -> str:
    """The SQLite URI opening ``path`` for reading only.

    A WAL store needs its ``-shm`` file, which cannot be created in a folder nobody may write
    to; there SQLite is told the file is immutable, but only when no ``-wal`` file holds
    changes not yet copied into it (an immutable reader would not see them).
    """
    uri = f"{path.as_uri()}?mode=ro"
    folder_locked = not os.access(path.parent, os.W_OK)
    if folder_locked and not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def _read_only_connector(path: Path) -> Callable[[], Any]:
    import sqlite3

    def connect() -> Any:
        return sqlite3.connect(
            read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
        )

    return connect


def _sqlite_on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # Stop pysqlite from issuing its own BEGIN (and COMMIT before DDL); _sqlite_on_begin
    # emits the BEGIN instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # The first statement that reads the file: a file that is not a database fails here.
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.fetchall()
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    options = connection.get_execution_options()
    if options.get(READ_ONLY_OPTION, False):
        connection.exec_driver_sql("BEGIN")
        return
    left = options.get(BUSY_LEFT_OPTION)
    if left is None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    # One bound on the whole wait, queue and lock together. The pragma goes straight to the
    # driver: it cannot fail, and the one after BEGIN runs while every other writer waits.
    driver = connection.connection.driver_connection
    assert driver is not None  # a connection being begun is open
    driver.execute(f"PRAGMA busy_timeout = {int(left * 1000)}")
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        driver.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")


def database_role(url: str) -> str:
    """Return the role the PostgreSQL server at ``url`` authenticated (``session_user``).

    ``session_user``, not ``current_user``: ``SET ROLE`` cannot change it. Asked on a short
    connection of its own, before the store is opened for the person.
    """
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            return str(connection.exec_driver_sql("SELECT session_user").scalar_one())
    except SQLAlchemyError as exc:
        raise store_error(exc, engine.url) from exc
    finally:
        engine.dispose()


def refuse_empty_file(path: Path) -> None:
    """Refuse a 0-byte store file: SQLite would silently start it again as an empty store.

    Called under the migration lock, so a store another process is creating right now is not
    mistaken for one (its header is written before the lock is released).
    """
    try:
        empty = path.stat().st_size == 0
    except OSError:
        return
    if empty:
        raise StoreError(
            f"Tệp kho dữ liệu {path} rỗng (0 byte): mọi hồ sơ trong đó đã mất hoặc tệp bị tạo "
            "dở. vanban không tạo lại kho trống đè lên; hãy khôi phục tệp từ bản sao lưu, hoặc "
            "xóa tệp rỗng đó nếu đây là thư mục làm việc mới.",
            f"The store file {path} is empty (0 bytes): its dossiers are lost or it was never "
            "finished. vanban does not start an empty store over it; restore the file from a "
            "backup, or delete the empty file if this is a new workspace.",
        )


def sqlite_file(url: URL) -> Path | None:
    """Return the database file of a SQLite ``url``; None for in-memory or URI databases."""
    if url.get_backend_name() != "sqlite" or url.query.get("uri"):
        return None
    database = url.database or ""
    if database in ("", ":memory:"):
        return None
    return Path(database).resolve()


def describe(url: URL) -> str:
    """Name the store for a person: the SQLite file, or the URL without its password."""
    path = sqlite_file(url)
    if path is not None:
        return str(path)
    return url.render_as_string(hide_password=True)


def _reason(exc: BaseException) -> str:
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__


def busy_error(where: str, seconds: float = BUSY_TIMEOUT_SECONDS) -> StoreError:
    """The store ``where`` stayed locked by another writer for the whole busy timeout."""
    return StoreError(
        f"Kho dữ liệu {where} đang bận: một người khác đang ghi quá {seconds:g} giây. "
        "Chưa có gì được ghi; hãy thử lại sau ít phút.",
        f"The store {where} is busy: someone else has been writing for over {seconds:g} "
        "seconds. Nothing was written; try again in a few minutes.",
    )


def store_error(exc: SQLAlchemyError, url: URL) -> StoreError:
    """Turn a database failure into a StoreError that says what happened and what to do."""
    where = describe(url)
    reason = _reason(exc)
    lowered = reason.lower()
    if "locked" in lowered or "busy" in lowered:
        return busy_error(where)
    if "not a database" in lowered or "malformed" in lowered or "encrypted" in lowered:
        return StoreError(
            f"Tệp {where} không phải là kho dữ liệu SQLite hoặc đã hỏng. "
            "Hãy kiểm tra đường dẫn, hoặc khôi phục kho từ bản sao lưu.",
            f"The file {where} is not a SQLite store or is damaged. "
            "Check the path, or restore the store from a backup.",
        )
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(
            f"Kho dữ liệu {where} chỉ cho đọc: xem được hồ sơ nhưng không thay đổi được. "
            "Không có gì được ghi; hãy làm việc này trên thư mục làm việc bạn có quyền ghi.",
            f"The store {where} is read-only: dossiers can be read but not changed. "
            "Nothing was written; do this in a workspace you may write to.",
        )
    if isinstance(exc, IntegrityError):
        return StoreError(
            f"Kho dữ liệu {where} từ chối thay đổi ({reason}). Không có gì được ghi; "
            "hãy báo lỗi này cho người quản trị vanban.",
            f"The store {where} refused the change ({reason}). Nothing was written; "
            "report this to your vanban administrator.",
        )
    return StoreError(
        f"Không mở được kho dữ liệu {where} ({reason}): hãy kiểm tra đường dẫn, quyền ghi "
        "tệp hoặc máy chủ cơ sở dữ liệu, rồi thử lại.",
        f"Could not use the store {where} ({reason}): check the path, the file permissions "
        "or the database server, then try again.",
    )


def is_unique_violation(exc: IntegrityError) -> bool:
    """Tell whether ``exc`` is a UNIQUE / primary key violation (not, say, a foreign key)."""
    original = exc.orig
    # sqlite3 (Python ≥ 3.11) names the failed constraint; psycopg 3 / psycopg2 give SQLSTATE.
    name = str(getattr(original, "sqlite_errorname", ""))
    if name in ("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"):
        return True
    state = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    return state == "23505"


@contextmanager
def file_lock(path: Path, timeout: float = BUSY_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) between processes.

    The lock (filelock's: flock on Unix, msvcrt on Windows) is released by the operating
    system if the process dies, so a crash never leaves the store locked. Only writers (the
    migration) take it: a read-only workspace is read without it.
    """
    if not path.parent.is_dir():  # filelock would create the folder; a store never does
        raise _no_lock_file(path, os.strerror(errno.ENOENT))
    lock = FileLock(path, timeout=timeout)
    try:
        lock.acquire(poll_interval=0.01)
    except Timeout as exc:
        raise StoreError(
            f"Kho dữ liệu đang được một tiến trình khác nâng cấp quá {timeout:.0f} giây "
            f"(tệp khóa {path}). Hãy thử lại sau ít phút.",
            f"Another process has been upgrading the store for over {timeout:.0f} "
            f"seconds (lock file {path}). Try again in a few minutes.",
        ) from exc
    except OSError as exc:
        raise _no_lock_file(path, str(exc.strerror)) from exc
    try:
        yield
    finally:
        lock.release()


def _no_lock_file(path: Path, reason: str) -> StoreError:
    return StoreError(
        f"Không mở được kho dữ liệu: không tạo được tệp khóa {path} ({reason}). "
        "Hãy kiểm tra thư mục chứa kho có tồn tại và ghi được không.",
        f"Could not open the store: cannot create the lock file {path} ({reason}). "
        "Check that the store's folder exists and is writable.",
    )
