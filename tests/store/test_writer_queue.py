"""The writers' queue of a SQLite store: one turn at a time, bounded waits, nothing left held."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from vanban.errors import StoreError
from vanban.store import Store, open_store, sqlite_url
from vanban.store.database import BUSY_LEFT_OPTION, create_store_engine
from vanban.store.writer_queue import WriterQueue


def _hold_turn(database: str, marker: str) -> None:
    with WriterQueue(Path(database), 30).turn():
        Path(marker).write_text("taken", encoding="utf-8")
        time.sleep(60)  # until killed


def test_a_turn_taken_at_once_yields_none(db_path: Path) -> None:
    queue = WriterQueue(db_path, 30)
    with queue.turn() as left:
        assert left is None
    with queue.turn() as left:  # left at the end of the with: free again
        assert left is None
    assert queue.path == Path(f"{db_path}.writers")


def test_a_writer_waits_for_the_turn_before_it(db_path: Path) -> None:
    queue = WriterQueue(db_path, 30)
    order: list[str] = []
    lefts: list[float | None] = []
    waiting = threading.Event()

    def second() -> None:
        waiting.set()
        with queue.turn() as left:
            order.append("second")
            lefts.append(left)

    with queue.turn():
        thread = threading.Thread(target=second)
        thread.start()
        waiting.wait(5)
        thread.join(0.3)
        assert thread.is_alive()  # still queued behind this turn
        order.append("first")
    thread.join(10)
    assert order == ["first", "second"]
    (left,) = lefts  # it waited: what is left of the 30 s
    assert left is not None
    assert 0 < left < 30


def test_a_turn_that_does_not_come_is_refused_as_busy_then_the_queue_is_free(
    db_path: Path,
) -> None:
    holder = WriterQueue(db_path, 30)
    impatient = WriterQueue(db_path, 0.2)
    with holder.turn(), pytest.raises(StoreError) as refused, impatient.turn():
        pass  # pragma: no cover - the turn never comes
    assert "đang bận" in refused.value.text("vi")
    assert "0.2 seconds. Nothing was written" in refused.value.text("en")
    # The abandoned wait left the queue as soon as it got its turn: nothing stays held.
    with impatient.turn() as left:
        assert left in (None, pytest.approx(0.2, abs=0.2))
    with impatient.turn() as left:
        assert left is None


def test_a_writer_killed_in_its_turn_leaves_the_queue(db_path: Path) -> None:
    marker = db_path.with_name("taken")
    context = multiprocessing.get_context("spawn")
    process = context.Process(target=_hold_turn, args=(str(db_path), str(marker)))
    process.start()
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        with pytest.raises(StoreError), WriterQueue(db_path, 0.2).turn():
            pass  # pragma: no cover - held by the other process
        process.kill()  # SIGKILL: no chance to leave the queue itself
        process.join(30)
        with WriterQueue(db_path, 5).turn():  # the kernel dropped the dead writer's flock
            pass
    finally:
        process.kill()
        process.join(30)


def test_without_a_queue_file_the_writer_relies_on_sqlite_alone(tmp_path: Path) -> None:
    queue = WriterQueue(tmp_path / "missing" / "vanban.db", 30)  # cannot be made here
    with queue.turn() as left:
        assert left is None
    assert not (tmp_path / "missing").exists()


def test_the_begin_after_a_queued_wait_waits_only_what_is_left(db_path: Path) -> None:
    open_store(sqlite_url(db_path)).dispose()
    engine = create_store_engine(sqlite_url(db_path))
    other = sqlite3.connect(db_path, isolation_level=None)  # a writer that does not queue
    other.execute("BEGIN IMMEDIATE")
    try:
        with engine.connect() as connection:
            connection.execution_options(**{BUSY_LEFT_OPTION: 0.2})
            with pytest.raises(OperationalError, match="locked"), connection.begin():
                pass  # pragma: no cover - the lock is held
            # the connection's own busy timeout is back to the full 30 s for what follows
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    finally:
        other.execute("ROLLBACK")
        other.close()
        engine.dispose()


def test_store_transactions_queue_and_still_number_gaplessly(store: Store) -> None:
    numbers: list[int] = []
    guard = threading.Lock()

    def allocate() -> None:
        for _ in range(10):
            with store.transaction() as tx:
                number = tx.allocate_number(organization="HKH", book="VBĐ", year=2024)
            with guard:
                numbers.append(number)

    threads = [threading.Thread(target=allocate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(numbers) == list(range(1, 41))
    assert Path(f"{store.url.removeprefix('sqlite:///')}.writers").exists()
