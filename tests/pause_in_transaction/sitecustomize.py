"""Test-only: makes a vanban process pause inside the transaction that issues a number.

tests/services/test_dossier_concurrency.py puts this folder on PYTHONPATH of the `vanban`
process it starts, so Python imports this module at start-up. It installs two SQLAlchemy
event listeners (callbacks on every engine; nothing in vanban knows about them): one notes
that a transaction wrote a register entry, the other, just before that transaction commits,
writes the file named by VANBAN_TEST_PAUSE_MARKER and sleeps, so the test can kill the process
with everything written but nothing committed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

MARKER = os.environ.get("VANBAN_TEST_PAUSE_MARKER", "")
_WROTE_REGISTER = "vanban_test_wrote_register"


@event.listens_for(Engine, "after_cursor_execute")
def _note_register_writes(connection: Connection, cursor: Any, statement: str, *_: Any) -> None:
    if statement.lstrip().upper().startswith("INSERT INTO REGISTER"):
        connection.info[_WROTE_REGISTER] = True


@event.listens_for(Engine, "commit")
def _pause_before_commit(connection: Connection) -> None:
    if MARKER and connection.info.pop(_WROTE_REGISTER, False):
        Path(MARKER).write_text("paused", encoding="utf-8")
        time.sleep(60)
