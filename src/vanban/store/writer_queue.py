"""The queue of a SQLite store's writers: each one sleeps in the kernel until the one before it
has committed, and is woken the moment it has.

SQLite lets one writer in at a time. A writer that finds its lock taken is put to sleep by
SQLite's busy handler for 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, then 100 ms at a time, and
nothing wakes it when the lock is freed: the lock sits idle until some sleeper's turn comes
round, while the writer that just committed takes it again at once. Measured with 8 processes
allocating 50 numbers each, the lock changed hands only 7 times, and those 7 hand-overs (up to
80 ms each) were most of the run.

So vanban's writers queue first: each takes an exclusive ``flock`` on a file beside the
database (``vanban.db.writers``) and holds it until its transaction has committed or rolled
back. A queued writer blocks inside ``flock`` and the kernel wakes it when the lock is
released. SQLite's own lock still keeps writers apart; the queue only stops them sleeping
through each other's turns, so writers that do not queue (an older vanban, the sqlite3 shell)
are still kept out by SQLite and merely wait as before. A writer killed while queued or
writing leaves the queue with its process: the kernel drops its flock.

filelock (the migration lock) does not serve here: its acquire polls with ``LOCK_NB`` and
sleeps between tries, the idle lock again (an earlier queue built on it gained nothing).

The wait keeps SQLite's bound: a writer not let in within the busy timeout gets the usual
"busy" StoreError, and what is left of the timeout after queueing is all the BEGIN IMMEDIATE
that follows may wait. Where flock does not exist (Windows), or the file cannot be opened, the
writers wait in SQLite's busy handler as before.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock, SQLite's busy handler alone
    fcntl = None  # type: ignore[assignment]

from vanban.store.database import busy_error


class WriterQueue:
    """The writers' queue of the SQLite database ``database`` (see the module docstring)."""

    def __init__(self, database: Path, timeout: float) -> None:
        self.database = database
        self.path = Path(f"{database}.writers")
        self.timeout = timeout

    @contextmanager
    def turn(self) -> Iterator[float | None]:
        """Wait for this writer's turn, and leave the queue at the end of the ``with``.

        Yields None when the turn came at once, else the seconds left of the timeout. Raises
        the "busy" StoreError when the turn does not come within the timeout.
        """
        started = time.monotonic()
        descriptor = self._open()
        if descriptor is None:
            yield None
            return
        waited = not _take_now(descriptor)
        if waited and not _wait(descriptor, self.timeout):
            # The waiting thread now owns the descriptor: it closes it (leaving the queue)
            # once its flock returns.
            raise busy_error(str(self.database), self.timeout)
        try:
            yield max(0.0, self.timeout - (time.monotonic() - started)) if waited else None
        finally:
            os.close(descriptor)  # releases the flock: the next writer is woken

    def _open(self) -> int | None:
        if fcntl is None:
            return None
        try:
            # Read-only is enough for flock, so a writer may queue on a file someone else made.
            return os.open(self.path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError:  # a folder this process may not write to: SQLite refuses the write
            return None


def _take_now(descriptor: int) -> bool:
    """Take the flock of ``descriptor`` if it is free; False when another writer holds it.

    A file system without flock counts as free: the writer then waits in SQLite alone.
    """
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        pass
    return True


def _wait(descriptor: int, timeout: float) -> bool:
    """Block until ``descriptor`` holds its flock (True) or ``timeout`` seconds pass (False).

    flock itself cannot time out, so a thread blocks in it while this one waits on an Event.
    On a timeout the thread keeps the descriptor and closes it once its flock returns:
    closing it here, under a thread still blocked on it, could let the number be reused.
    """
    granted = threading.Event()
    guard = threading.Lock()
    abandoned = False

    def block() -> None:
        with suppress(OSError):  # no flock after all: given, as in _take_now
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        with guard:
            if abandoned:
                os.close(descriptor)
            else:
                granted.set()

    threading.Thread(target=block, name="vanban-writer-queue", daemon=True).start()
    if granted.wait(timeout):
        return True
    with guard:
        if granted.is_set():  # given just as the wait ended
            return True
        abandoned = True
    return False
