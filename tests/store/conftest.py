"""Fixtures for the store tests: a fresh SQLite store in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vanban.store import Store, open_store, sqlite_url


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "vanban.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(sqlite_url(db_path))
    yield opened
    opened.dispose()
