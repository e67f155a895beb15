"""Store: an open, migrated database, handing out one transaction at a time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from types import TracebackType

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from vanban.store.database import (
    BUSY_LEFT_OPTION,
    BUSY_TIMEOUT_SECONDS,
    READ_ONLY_OPTION,
    create_store_engine,
    describe,
    sqlite_file,
    store_error,
)
from vanban.store.migrate import migrate
from vanban.store.transaction import StoreTx
from vanban.store.writer_queue import WriterQueue


def open_store(url: str) -> Store:
    """Open the store at ``url`` (SQLite or PostgreSQL) and migrate it to the newest schema.

    Safe when many processes open the same new store at once; cheap when it is up to date.
    """
    engine = _ENGINES.pop(url, None) or create_store_engine(url)
    try:
        migrate(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise store_error(exc, engine.url) from exc
    except BaseException:
        engine.dispose()
        raise
    _ENGINES[url] = engine
    return Store(url, engine)


# One engine per store in a process: SQLAlchemy caches compiled statements per engine, so a
# process that serves many commands (a warm worker, a test run) compiles each statement once
# instead of once per command, inside the write lock. Disposing a Store closes the engine's
# pooled connections; the engine itself reconnects on the next use.
_ENGINES: dict[str, Engine] = {}


class Store:
    """An open store. Use ``transaction()`` to change it and ``read()`` to look at it."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self._engine = engine
        database = sqlite_file(engine.url)
        self._writers = WriterQueue(database, BUSY_TIMEOUT_SECONDS) if database else None

    @contextmanager
    def transaction(self) -> Iterator[StoreTx]:
        """One write transaction: committed on normal exit, rolled back on an exception.

        On SQLite the writer first waits its turn in the writers' queue (writer_queue.py),
        then begins with BEGIN IMMEDIATE, so writers wait for each other (up to 30 s in all)
        instead of failing midway.
        """
        queue = self._writers.turn() if self._writers else nullcontext()
        try:
            # The connection is taken from the pool before queueing: the queue holds only the
            # transaction itself.
            with self._engine.connect() as connection, queue as left:
                if left is not None:
                    connection.execution_options(**{BUSY_LEFT_OPTION: left})
                with connection.begin():
                    tx = StoreTx(connection)
                    yield tx
                    tx.seal()  # the events this transaction added join the hash chain
        except SQLAlchemyError as exc:
            raise store_error(exc, self._engine.url) from exc

    @contextmanager
    def read(self) -> Iterator[StoreTx]:
        """A read-only transaction (one consistent snapshot), rolled back at the end."""
        try:
            with self._engine.connect() as connection:
                connection.execution_options(**{READ_ONLY_OPTION: True})
                connection.begin()
                if connection.dialect.name == "postgresql":
                    connection.exec_driver_sql("SET TRANSACTION READ ONLY")
                yield StoreTx(connection)
                # Closing the connection rolls the transaction back.
        except SQLAlchemyError as exc:
            raise store_error(exc, self._engine.url) from exc

    def dispose(self) -> None:
        """Close every pooled connection; the Store can still be used and reconnects."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.dispose()

    def __repr__(self) -> str:
        return f"Store({describe(self._engine.url)!r})"
