"""The store: vanban's records in SQLite or PostgreSQL; the only part of vanban that writes SQL.

``open_store(url)`` opens (and migrates) a store; ``Store.transaction()`` yields a ``StoreTx``
whose methods read and write dossiers, history, documents, numbers and the outgoing register.
"""

from __future__ import annotations

from vanban.store.database import sqlite_url
from vanban.store.store import Store, open_store
from vanban.store.transaction import StoreTx

__all__ = ["Store", "StoreTx", "open_store", "sqlite_url"]
