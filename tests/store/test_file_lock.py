"""The store's migration lock (filelock): one holder at a time, plain refusals otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.errors import StoreError
from vanban.store.database import file_lock


def test_a_second_holder_waits_then_is_refused_in_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "vanban.db.migrate.lock"
    with file_lock(path), pytest.raises(StoreError) as caught, file_lock(path, timeout=0.2):
        pass  # pragma: no cover - the second lock is never taken
    assert "đang được một tiến trình khác nâng cấp" in caught.value.text("vi")
    assert f"lock file {path}" in caught.value.text("en")
    with file_lock(path, timeout=0.2):  # released: the next holder gets it at once
        pass


def test_a_missing_folder_is_refused_not_created(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "vanban.db.migrate.lock"
    with pytest.raises(StoreError, match="không tạo được tệp khóa"), file_lock(path):
        pass  # pragma: no cover
    assert not path.parent.exists()
