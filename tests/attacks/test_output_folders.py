"""No failure deletes the user's files; temporary files never follow a symlink (issue 10 items
3 and 6)."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.services.test_batch import write_common, write_list
from vanban.atomic_write import os_reason, write_atomically
from vanban.errors import OutputError
from vanban.output_folder import MANIFEST
from vanban.services.batch import BatchService


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def _batch(tmp_path: Path, count: int, out: Path, **options: object) -> list[Path]:
    write_list(tmp_path / "ds.yaml", count)
    common = write_common(tmp_path / "chung.yaml")
    result = BatchService().run(
        "giay_khen",
        tmp_path / "ds.yaml",
        out,
        common_path=common,
        **options,  # type: ignore[arg-type]
    )
    return result.files


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_failed_merge_keeps_the_earlier_certificates(tmp_path: Path) -> None:
    out = tmp_path / "gk"
    _batch(tmp_path, 3, out)
    before = _snapshot(out)
    with pytest.raises(OutputError, match="không tồn tại"):
        _batch(tmp_path, 3, out, merge=tmp_path / "missing" / "all.pdf", overwrite=True)
    assert _snapshot(out) == before
    assert len([name for name in before if name.endswith(".docx")]) == 3


def test_a_second_run_is_refused_without_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "gk"
    _batch(tmp_path, 3, out)
    before = _snapshot(out)
    with pytest.raises(OutputError, match="--overwrite"):
        _batch(tmp_path, 3, out)
    assert _snapshot(out) == before


def test_a_shorter_rerun_leaves_no_stale_files_and_keeps_the_users(tmp_path: Path) -> None:
    out = tmp_path / "gk"
    _batch(tmp_path, 3, out)
    (out / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    files = _batch(tmp_path, 2, out, overwrite=True)
    assert sorted(out.glob("*.docx")) == sorted(files)
    assert len(files) == 2
    assert (out / "ghi-chu.txt").read_text(encoding="utf-8") == "của tôi"
    assert not [p for p in tmp_path.iterdir() if ".vanban-" in p.name]


def test_a_name_colliding_with_a_users_folder_loses_nothing(tmp_path: Path) -> None:
    out = tmp_path / "gk"
    out.mkdir()
    mine = out / "001-nguyen-thi-hong-001.docx"
    mine.mkdir()
    (mine / "bai.txt").write_text("giữ lại", encoding="utf-8")
    with pytest.raises(OutputError, match="không ghi đè tệp của bạn"):
        _batch(tmp_path, 3, out, overwrite=True)
    assert (mine / "bai.txt").read_text(encoding="utf-8") == "giữ lại"
    assert [p.name for p in out.iterdir()] == [mine.name]


def test_modes_follow_the_umask(tmp_path: Path, umask: None) -> None:
    out = tmp_path / "gk"
    files = _batch(tmp_path, 2, out)
    assert out.stat().st_mode & 0o777 == 0o755
    assert {path.stat().st_mode & 0o777 for path in files} == {0o644}
    os.umask(0o077)
    again = tmp_path / "gk2"
    files = _batch(tmp_path, 1, again)
    assert again.stat().st_mode & 0o777 == 0o700
    assert files[0].stat().st_mode & 0o777 == 0o600


def test_staging_of_a_killed_run_is_cleaned_up(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    pid = int(dead.stdout)
    out = tmp_path / "gk"
    _batch(tmp_path, 2, out)
    before = _snapshot(out)
    # A run killed after moving the old files aside: they must come back, not vanish.
    backup = tmp_path / f".gk.vanban-{pid}-0badc0de.old"
    backup.mkdir()
    victim = sorted(out.glob("*.docx"))[0]
    victim.rename(backup / victim.name)
    staging = tmp_path / f".gk.vanban-{pid}-0badc0de.part"
    staging.mkdir()
    (staging / "x.docx").write_bytes(b"half")
    _batch(tmp_path, 1, tmp_path / "other")  # a run into another folder leaves them alone
    assert staging.exists()
    with pytest.raises(OutputError):
        _batch(tmp_path, 2, out)
    assert not staging.exists()
    assert not backup.exists()
    assert _snapshot(out) == before


def test_write_atomically_never_writes_through_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("nguyên vẹn", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    content = b"rendered"
    # The temporary name vanban used to use was predictable from the content.
    planted = out / f".x.docx.{hashlib.sha256(content).hexdigest()[:12]}.part"
    planted.symlink_to(victim)
    write_atomically(content, out / "x.docx")
    assert victim.read_text(encoding="utf-8") == "nguyên vẹn"
    assert (out / "x.docx").read_bytes() == content
    link = out / "y.docx"
    link.symlink_to(victim)
    write_atomically(content, link)
    assert victim.read_text(encoding="utf-8") == "nguyên vẹn"
    assert not link.is_symlink()
    assert link.read_bytes() == content


def test_a_folder_in_the_way_is_named(tmp_path: Path) -> None:
    (tmp_path / "x.docx").mkdir()
    with pytest.raises(OutputError, match="là một thư mục"):
        write_atomically(b"x", tmp_path / "x.docx")


def test_disk_full_and_read_only_are_named() -> None:
    assert os_reason(OSError(errno.ENOSPC, "No space left on device"))[0] == "đĩa đã đầy"
    assert os_reason(OSError(errno.EROFS, "Read-only file system"))[1] == (
        "the file system is read-only"
    )


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    existing=st.lists(st.sampled_from(["a.txt", "001-x.docx", MANIFEST, "sub"]), unique=True),
    overwrite=st.booleans(),
    count=st.integers(min_value=1, max_value=3),
)
def test_nothing_the_user_had_is_ever_lost(
    tmp_path_factory: pytest.TempPathFactory, existing: list[str], overwrite: bool, count: int
) -> None:
    """Whatever the folder held that vanban did not write is there afterwards, byte for byte."""
    root = tmp_path_factory.mktemp("run")
    out = root / "gk"
    out.mkdir()
    for name in existing:
        if name == "sub":
            (out / name).mkdir()
        else:
            (out / name).write_text(f"của người dùng: {name}", encoding="utf-8")
    before = _snapshot(out)
    try:
        _batch(root, count, out, overwrite=overwrite)
    except OutputError:
        assert _snapshot(out) == before
        return
    after = _snapshot(out)
    for name, content in before.items():
        if name != MANIFEST:
            assert after[name] == content
