"""Codes that differ only in case share one register counter ("hkh" and "HKH" are one body).

The counters table is now keyed by ``vanban.store.register_key.organization_key``. Counters a
store already holds under several spellings of one code are merged, keeping the highest number
handed out, so the next number follows every number already issued and none repeats. Adds the
index the register's case-blind duplicate check reads.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    from vanban.store.register_key import organization_key

    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT organization, book, year, last_number FROM counters"))
    merged: dict[tuple[str, str, int], int] = {}
    renamed = False
    for organization, book, year, last_number in rows:
        key = (organization_key(organization), book, int(year))
        renamed = renamed or key[0] != organization
        merged[key] = max(merged.get(key, 0), int(last_number))
    if renamed:
        op.execute("DELETE FROM counters")
        bind.execute(
            sa.text(
                "INSERT INTO counters (organization, book, year, last_number) "
                "VALUES (:organization, :book, :year, :last_number)"
            ),
            [
                {"organization": o, "book": b, "year": y, "last_number": n}
                for (o, b, y), n in merged.items()
            ],
        )
    op.create_index("ix_register_year_number", "register", ["year", "number"])


def downgrade() -> None:
    op.drop_index("ix_register_year_number", table_name="register")
