"""Attachments (signed PDFs of issued documents) and archive records.

Written by hand to match ``vanban.store.schema`` (a test compares the two).

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("signatures_json", sa.Text(), nullable=False),
        sa.Column("attached_by", sa.Text(), nullable=False),
        sa.Column("attached_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_attachments"),
        sa.UniqueConstraint("dossier_id", "name", name="uq_attachments_dossier_id_name"),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name="fk_attachments_dossier_id_dossiers"
        ),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name="fk_attachments_event_id_events"),
        sa.ForeignKeyConstraint(["sha256"], ["blobs.sha256"], name="fk_attachments_sha256_blobs"),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "archive_records",
        sa.Column("dossier_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("file_code", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("number_and_symbol", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("signer", sa.Text(), nullable=False),
        sa.Column("retention", sa.Text(), nullable=False),
        sa.Column("page_total", sa.Integer(), nullable=False),
        sa.Column("files_json", sa.Text(), nullable=False),
        sa.Column("metadata_json", sa.Text(), nullable=False),
        sa.Column("archived_by", sa.Text(), nullable=False),
        sa.Column("archived_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("dossier_id", name="pk_archive_records"),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name="fk_archive_records_dossier_id_dossiers"
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_archive_records_event_id_events"
        ),
    )


def downgrade() -> None:
    op.drop_table("archive_records")
    op.drop_table("attachments")
