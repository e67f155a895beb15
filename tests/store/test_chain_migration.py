"""Migration 0004 chains the history a store already holds, and seals new events the same way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from tests.store.shared import AT, entry, new_dossier
from vanban.models import DocumentRef
from vanban.store import Store, open_store, sqlite_url
from vanban.store.migrate import alembic_config


def test_existing_history_is_chained_by_the_migration(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "old.db")
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0003")
        connection.execute(
            text(
                "INSERT INTO dossiers (id, workflow, title, state, data_json, created_by, "
                "created_at, updated_at, version, number, issued_on) VALUES (1, 'ke_hoach', 'T', "
                "'issued', '{}', 'minh', :at, :at, 3, 1, '2024-01-29')"
            ),
            {"at": AT.isoformat(timespec="microseconds")},
        )
        for event_id, name in ((1, "create"), (2, "approve"), (3, "issue")):
            connection.execute(
                text(
                    "INSERT INTO events (id, dossier_id, actor, event, from_state, to_state, "
                    "comment, at) VALUES (:id, 1, 'minh', :name, NULL, 'x', '', :at)"
                ),
                {"id": event_id, "name": name, "at": AT.isoformat(timespec="microseconds")},
            )
    engine.dispose()
    store = open_store(url)
    with store.transaction() as tx:
        tx.add_register_entry(entry(1, dossier_id=1))  # written by the old vanban: no event
    raw = create_engine(url)
    with raw.begin() as connection:
        connection.execute(text("DROP TRIGGER register_append_only_update"))
        connection.execute(text("UPDATE register SET event_id = NULL"))
    raw.dispose()
    # Migrating again from 0003 links the row to the issue event and seals everything.
    raw = create_engine(url)
    with raw.begin() as connection:
        command.downgrade(alembic_config(connection), "0003")
        command.upgrade(alembic_config(connection), "head")
        assert connection.execute(text("SELECT event_id FROM register")).scalar_one() == 3
        unsealed = connection.execute(text("SELECT count(*) FROM events WHERE hash IS NULL"))
        assert unsealed.scalar_one() == 0
    raw.dispose()
    with store.read() as tx:
        assert tx.chain_problems(1) == []
        head = tx.head_hash(1)
    _new_event_extends_the_chain(store, head)
    store.dispose()


def _new_event_extends_the_chain(store: Store, head: str) -> None:
    with store.transaction() as tx:
        dossier = tx.get_dossier(1)
        tx.update_dossier(dossier, state="archived", data={}, at=AT + dt.timedelta(days=1))
        tx.add_event(
            dossier_id=1,
            actor="lan",
            event="archive",
            from_state="issued",
            to_state="archived",
            comment="",
            at=AT + dt.timedelta(days=1),
            documents=[DocumentRef("a.docx", "0" * 64)],
        )
    with store.read() as tx:
        assert tx.chain_problems(1) == []
        assert tx.history(1)[-1].event == "archive"
        assert tx.head_hash(1) != head


def test_a_new_store_seals_every_event(tmp_path: Path) -> None:
    store = open_store(sqlite_url(tmp_path / "new.db"))
    with store.transaction() as tx:
        dossier = new_dossier(tx)
        tx.add_event(
            dossier_id=dossier.id, actor="minh", event="create", from_state=None,
            to_state="draft", comment="", at=AT, documents=[],
        )  # fmt: skip
    with store.read() as tx:
        assert tx.chain_problems(dossier.id) == []
        assert len(tx.head_hash(dossier.id)) == 64
    store.dispose()
