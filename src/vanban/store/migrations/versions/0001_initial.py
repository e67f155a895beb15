"""Initial schema: dossiers, history, documents and blobs, counters, the outgoing register.

Written by hand to match ``vanban.store.schema`` (a test compares the two).

Revision ID: 0001
Revises:
Create Date: 2025-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True)


def upgrade() -> None:
    op.create_table(
        "dossiers",
        _id(),
        sa.Column("workflow", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("data_json", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("issued_on", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_dossiers"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_dossiers_state", "dossiers", ["state"])
    op.create_index("ix_dossiers_workflow", "dossiers", ["workflow"])

    op.create_table(
        "events",
        _id(),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("from_state", sa.Text(), nullable=True),
        sa.Column("to_state", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name="fk_events_dossier_id_dossiers"
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_events_dossier_id", "events", ["dossier_id"])

    op.create_table(
        "event_documents",
        _id(),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_event_documents"),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_event_documents_event_id_events"
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_event_documents_event_id", "event_documents", ["event_id"])

    op.create_table(
        "blobs",
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_blobs"),
    )

    op.create_table(
        "documents",
        _id(),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("template_id", sa.Text(), nullable=False),
        sa.Column("media_type", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name="fk_documents_dossier_id_dossiers"
        ),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name="fk_documents_event_id_events"),
        sa.ForeignKeyConstraint(["sha256"], ["blobs.sha256"], name="fk_documents_sha256_blobs"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_documents_dossier_id", "documents", ["dossier_id"])

    op.create_table(
        "counters",
        sa.Column("organization", sa.Text(), nullable=False),
        sa.Column("book", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("organization", "book", "year", name="pk_counters"),
    )

    op.create_table(
        "register",
        _id(),
        sa.Column("organization", sa.Text(), nullable=False),
        sa.Column("book", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("number_and_symbol", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Text(), nullable=False),
        sa.Column("type_and_subject", sa.Text(), nullable=False),
        sa.Column("signer", sa.Text(), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("filed_at", sa.Text(), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=True),
        sa.Column("sent_on", sa.Text(), nullable=True),
        sa.Column("received_by", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_register"),
        sa.UniqueConstraint(
            "organization",
            "book",
            "year",
            "number",
            name="uq_register_organization_book_year_number",
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name="fk_register_dossier_id_dossiers"
        ),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    for table in (
        "register",
        "counters",
        "documents",
        "blobs",
        "event_documents",
        "events",
        "dossiers",
    ):
        op.drop_table(table)
