"""The hash chain of history: each event seals the previous event and everything it wrote.

When a transaction commits, every event it added is sealed: its ``hash`` is the sha256 of a
canonical JSON of the event row, the ``prev_hash`` of the dossier's previous event, the
``dossier_hash`` of the dossier row as the event left it, and every row it wrote in
``event_documents``, ``documents``, ``attachments``, ``archive_records`` and ``register``
(those rows carry its ``event_id``). ``chain_problems`` recomputes all of it, so an edit made
behind vanban's back (an actor changed, a blob swapped with every reference to it, a register
number moved, an archived dossier set back to draft) names its dossier and event.

The chain proves the history was not edited by someone who did not also recompute every hash
after the edit; the head hash (written into each archive package's history.json) anchors it
outside the store. The canonical form is part of the stored format: CHAIN_VERSION names it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql.schema import Table

from vanban.errors import Message
from vanban.store.schema import (
    archive_records,
    attachments,
    documents,
    dossiers,
    event_documents,
    events,
)
from vanban.store.schema import register as register_table

CHAIN_VERSION = 1
_SEAL_COLUMNS = ("prev_hash", "hash", "dossier_hash")
# The tables whose rows an event writes, each row carrying the event's id.
WRITTEN_BY_EVENT: tuple[Table, ...] = (
    event_documents,
    documents,
    attachments,
    archive_records,
    register_table,
)


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    return value


def _digest(payload: Any) -> str:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _row(row: Mapping[Any, Any], leave_out: Sequence[str] = ()) -> dict[str, Any]:
    return {key: _canonical(value) for key, value in row.items() if key not in leave_out}


def dossier_digest(connection: Connection, dossier_id: int) -> str:
    """The sha256 of the dossier row as it is now (state, data, number, version …)."""
    row = connection.execute(select(dossiers).where(dossiers.c.id == dossier_id)).mappings().one()
    return _digest({"v": CHAIN_VERSION, "dossier": _row(row)})


def _written(connection: Connection, event_id: int) -> dict[str, list[dict[str, Any]]]:
    written = {}
    for table in WRITTEN_BY_EVENT:
        query = select(table).where(table.c.event_id == event_id)
        order = [column for column in table.primary_key.columns]
        rows = connection.execute(query.order_by(*order)).mappings()
        written[table.name] = [_row(row) for row in rows]
    return written


def event_digest(connection: Connection, event_row: Mapping[Any, Any]) -> str:
    """The sha256 an event is sealed with, from the rows as they are now."""
    return _digest(
        {
            "v": CHAIN_VERSION,
            "event": _row(event_row, leave_out=("hash",)),
            "written": _written(connection, int(event_row["id"])),
        }
    )


def _previous_hash(connection: Connection, dossier_id: int, event_id: int) -> str:
    previous = connection.execute(
        select(events.c.hash)
        .where(events.c.dossier_id == dossier_id, events.c.id < event_id)
        .order_by(events.c.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return previous or ""


def seal_events(connection: Connection, event_ids: Sequence[int]) -> None:
    """Seal the events ``event_ids`` (oldest first), inside the transaction that wrote them."""
    for event_id in sorted(event_ids):
        row = connection.execute(select(events).where(events.c.id == event_id)).mappings().one()
        dossier_id = int(row["dossier_id"])
        values = dict(row)
        values["prev_hash"] = _previous_hash(connection, dossier_id, event_id)
        values["dossier_hash"] = dossier_digest(connection, dossier_id)
        values["hash"] = event_digest(connection, values)
        connection.execute(
            update(events)
            .where(events.c.id == event_id)
            .values({name: values[name] for name in _SEAL_COLUMNS})
        )


@dataclass(frozen=True)
class ChainProblem:
    """An edit found in a dossier's history: the event it shows in, and what is wrong."""

    dossier_id: int
    event_id: int
    event: str
    problem: Message


def chain_problems(connection: Connection, dossier_id: int) -> list[ChainProblem]:
    """Recompute a dossier's chain; return every place where it no longer holds."""
    rows = list(
        connection.execute(
            select(events).where(events.c.dossier_id == dossier_id).order_by(events.c.id)
        ).mappings()
    )
    problems: list[ChainProblem] = []

    def found(row: Mapping[Any, Any], vi: str, en: str) -> None:
        problems.append(
            ChainProblem(dossier_id, int(row["id"]), str(row["event"]), Message(vi, en))
        )

    expected_previous = ""
    for row in rows:
        if row["hash"] is None:
            found(row, "sự kiện chưa được niêm phong", "the event was never sealed")
        elif row["prev_hash"] != expected_previous:
            found(
                row,
                "chuỗi lịch sử bị đứt: một sự kiện trước nó đã bị xóa hoặc sửa",
                "the chain is broken: an event before it was removed or changed",
            )
        elif event_digest(connection, row) != row["hash"]:
            found(
                row,
                "sự kiện hoặc dữ liệu nó ghi (người làm, thời điểm, văn bản, số đăng ký, tệp "
                "lưu trữ) đã bị sửa ngoài vanban",
                "the event or what it wrote (actor, time, documents, register number, archived "
                "files) was changed outside vanban",
            )
        expected_previous = row["hash"] or ""
    if not rows:
        problems.append(
            ChainProblem(
                dossier_id,
                0,
                "",
                Message("hồ sơ không có lịch sử nào", "the dossier has no history at all"),
            )
        )
    elif rows[-1]["dossier_hash"] != dossier_digest(connection, dossier_id):
        found(
            rows[-1],
            "trạng thái hoặc dữ liệu hiện tại của hồ sơ khác với điều sự kiện cuối đã ghi",
            "the dossier's current state or data differs from what its last event recorded",
        )
    known = {int(row["id"]) for row in rows}
    for table in WRITTEN_BY_EVENT:
        if "dossier_id" not in table.c:
            continue
        stray = connection.execute(
            select(table.c.event_id).where(table.c.dossier_id == dossier_id)
        ).scalars()
        if any(event_id is None or event_id not in known for event_id in stray):
            problems.append(
                ChainProblem(
                    dossier_id,
                    0,
                    "",
                    Message(
                        f"bảng {table.name} có dòng không thuộc sự kiện nào của hồ sơ",
                        f"the table {table.name} holds a row no event of the dossier wrote",
                    ),
                )
            )
    return problems


def dossier_matches_history(connection: Connection, dossier_id: int) -> bool:
    """Tell whether the dossier row is what its last sealed event recorded (a cheap check)."""
    last = connection.execute(
        select(events.c.dossier_hash)
        .where(events.c.dossier_id == dossier_id)
        .order_by(events.c.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return last is not None and last == dossier_digest(connection, dossier_id)


def head_hash(connection: Connection, dossier_id: int) -> str:
    """The hash of the dossier's newest event: the chain's head."""
    return (
        connection.execute(
            select(events.c.hash)
            .where(events.c.dossier_id == dossier_id)
            .order_by(events.c.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        or ""
    )
