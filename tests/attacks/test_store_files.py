"""A store that would lose dossiers is refused (issue 10 item 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.errors import StoreError
from vanban.store import open_store, sqlite_url


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://"])
def test_an_in_memory_store_is_refused(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert "bộ nhớ" in caught.value.text("vi")
    assert "in-memory" in caught.value.text("en")


def test_an_empty_store_file_is_not_started_again(tmp_path: Path) -> None:
    path = tmp_path / "vanban.db"
    path.write_bytes(b"")
    with pytest.raises(StoreError) as caught:
        open_store(sqlite_url(path))
    assert "rỗng (0 byte)" in caught.value.text("vi")
    assert path.stat().st_size == 0  # nothing was written over it


def test_a_new_store_file_is_still_created(tmp_path: Path) -> None:
    store = open_store(sqlite_url(tmp_path / "moi.db"))
    store.dispose()
    assert (tmp_path / "moi.db").stat().st_size > 0
