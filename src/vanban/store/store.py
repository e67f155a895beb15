"""Store: an open, migrated database, handing out one transaction at a time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from vanban.store.database import READ_ONLY_OPTION, create_store_engine, describe, store_error
from vanban.store.migrate import migrate
from vanban.store.transaction import StoreTx


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

    @contextmanager
    def transaction(self) -> Iterator[StoreTx]:
        """One write transaction: committed on normal exit, rolled back on an exception.

        On SQLite it begins with BEGIN IMMEDIATE, so writers wait for each other (up to 30 s)
        instead of failing midway.
        """
        try:
            with self._engine.begin() as connection:
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
