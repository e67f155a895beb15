"""Files are read by reading, with a cap: devices, pipes and folders are refused at once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vanban.datafile import read_bounded, read_text_bounded
from vanban.errors import NotFoundError, ValidationError


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufeffa: Hà Nội\n".encode())
    assert read_text_bounded(path, 100) == "a: Hà Nội\n"


def test_a_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a" * 2049)
    with pytest.raises(ValidationError, match="quá lớn \\(trên 2 KB\\)"):
        read_bounded(path, 2048)
    assert read_bounded(path, 2049) == b"a" * 2049


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_even_through_a_symlink(tmp_path: Path, target: str) -> None:
    link = tmp_path / "du_lieu.yaml"
    link.symlink_to(target)
    for path in (Path(target), link):
        with pytest.raises(ValidationError, match="không phải một tệp thông thường"):
            read_bounded(path, 1024)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "ong.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError, match="đường ống"):
        read_bounded(fifo, 1024)


def test_a_folder_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        read_bounded(tmp_path, 1024)
    with pytest.raises(NotFoundError, match="Không tìm thấy"):
        read_bounded(tmp_path / "khong_co.yaml", 1024)


def test_text_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"a: H\xe0 N\xf4i\n")
    with pytest.raises(ValidationError, match="byte 4"):
        read_text_bounded(path, 1024)
