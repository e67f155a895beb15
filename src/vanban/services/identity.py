"""Who acts on a shared store: the role the PostgreSQL server authenticated.

The command line may not reach into the store; it asks here (docs/architecture.md).
"""

from __future__ import annotations

from vanban.store.database import database_role

__all__ = ["database_role"]
