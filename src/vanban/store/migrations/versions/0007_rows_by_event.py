"""Indexes that find the rows an event wrote, which sealing and `archive verify` read.

Sealing an event hashes every row carrying its ``event_id`` in documents, attachments, the
register and archive records; without these indexes each seal read those tables whole, so it
grew slower as the store grew. Written by hand to match ``vanban.store.schema``.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

TABLES = ("documents", "attachments", "register", "archive_records")


def upgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_event_id", table, ["event_id"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_event_id", table_name=table)
