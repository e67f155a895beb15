"""The hash chain of history, and history that can only be appended to.

Adds ``prev_hash``, ``dossier_hash`` and ``hash`` to events and the issuing ``event_id`` to the
register, links each existing register row to its dossier's issue event, seals every existing
event in order (vanban.store.chain), and adds triggers that refuse UPDATE and DELETE on the
history tables (sealing an unsealed event is the one update allowed).

Unlike the earlier migrations this one imports vanban.store.chain: the seal's canonical form is
itself a stored format (CHAIN_VERSION), so the migration must seal exactly as vanban does.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

# Tables whose rows are never updated or deleted once written.
APPEND_ONLY = ("event_documents", "documents", "attachments", "archive_records", "register")


def upgrade() -> None:
    for name in ("prev_hash", "dossier_hash", "hash"):
        op.add_column("events", sa.Column(name, sa.Text(), nullable=True))
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # SQLite adds a column with its foreign key in place (no table copy).
        op.execute(
            "ALTER TABLE register ADD COLUMN event_id INTEGER "
            "CONSTRAINT fk_register_event_id_events REFERENCES events (id)"
        )
    else:
        op.add_column("register", sa.Column("event_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_register_event_id_events", "register", "events", ["event_id"], ["id"]
        )
    # A register row belongs to its dossier's issue event (the newest, if there were several).
    op.execute(
        "UPDATE register SET event_id = (SELECT max(e.id) FROM events e "
        "WHERE e.dossier_id = register.dossier_id AND e.event = 'issue')"
    )
    op.execute(
        "UPDATE register SET event_id = (SELECT max(e.id) FROM events e "
        "WHERE e.dossier_id = register.dossier_id) WHERE event_id IS NULL"
    )
    from vanban.store.chain import seal_events

    event_ids = [int(row[0]) for row in bind.execute(sa.text("SELECT id FROM events ORDER BY id"))]
    seal_events(bind, event_ids)
    if bind.dialect.name == "sqlite":
        _sqlite_triggers()
    else:
        _postgresql_triggers()


def _sqlite_triggers() -> None:
    op.execute(
        "CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events "
        "WHEN OLD.hash IS NOT NULL BEGIN "
        "SELECT RAISE(ABORT, 'vanban history is append-only: events cannot be changed'); END"
    )
    op.execute(
        "CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events BEGIN "
        "SELECT RAISE(ABORT, 'vanban history is append-only: events cannot be deleted'); END"
    )
    for table in APPEND_ONLY:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_append_only_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'vanban history is append-only: {table}'); END"
            )


def _postgresql_triggers() -> None:
    op.execute(
        "CREATE FUNCTION vanban_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN "
        "IF TG_OP = 'UPDATE' AND OLD.hash IS NULL THEN RETURN NEW; END IF; "
        "RAISE EXCEPTION 'vanban history is append-only: % on events', TG_OP; "
        "END $$"
    )
    op.execute(
        "CREATE FUNCTION vanban_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'vanban history is append-only: % on %', TG_OP, TG_TABLE_NAME; "
        "END $$"
    )
    op.execute(
        "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events "
        "FOR EACH ROW EXECUTE FUNCTION vanban_events_append_only()"
    )
    for table in APPEND_ONLY:
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION vanban_append_only()"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table in ("events", *APPEND_ONLY):
            for action in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only_{action}")
        with op.batch_alter_table("register") as batch:
            batch.drop_column("event_id")
    else:
        for table in ("events", *APPEND_ONLY):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute("DROP FUNCTION IF EXISTS vanban_events_append_only()")
        op.execute("DROP FUNCTION IF EXISTS vanban_append_only()")
        op.drop_constraint("fk_register_event_id_events", "register", type_="foreignkey")
        op.drop_column("register", "event_id")
    for name in ("hash", "dossier_hash", "prev_hash"):
        op.drop_column("events", name)
