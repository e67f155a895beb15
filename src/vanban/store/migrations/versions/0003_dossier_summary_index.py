"""A covering index for listing dossiers without reading their data.

Written by hand to match ``vanban.store.schema`` (a test compares the two).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

SUMMARY_COLUMNS = [
    "id",
    "workflow",
    "title",
    "state",
    "created_by",
    "created_at",
    "updated_at",
    "version",
    "number",
    "issued_on",
]


def upgrade() -> None:
    op.create_index("ix_dossiers_summary", "dossiers", SUMMARY_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_dossiers_summary", table_name="dossiers")
