"""BagIt packages: written whole and valid, refused over existing content, checked by file."""

from __future__ import annotations

from pathlib import Path

import bagit
import pytest

from vanban.archive.package import check_package, write_package
from vanban.errors import NotFoundError, OutputError

PAYLOAD = {
    "pdf/bao_cáo_ký.pdf": b"%PDF-1.7 signed bytes",
    "sources/bao_cao_0001.docx": b"PK docx bytes",
    "metadata.json": b'{"Title": "H\xc3\xb4 s\xc6\xa1"}\n',
}
INFO = {"Source-Organization": "HỘI KHUYẾN HỌC TỈNH SƠN LA", "External-Identifier": "HKH.2024.0001"}


def _write(folder: Path) -> Path:
    write_package(folder, PAYLOAD, INFO)
    return folder


def test_a_written_package_is_a_valid_bag(tmp_path: Path) -> None:
    folder = _write(tmp_path / "goi")
    bag = bagit.Bag(str(folder))
    assert bag.validate()
    assert bag.info["External-Identifier"] == "HKH.2024.0001"
    assert (folder / "data" / "pdf" / "bao_cáo_ký.pdf").read_bytes() == PAYLOAD[
        "pdf/bao_cáo_ký.pdf"
    ]
    report = check_package(folder)
    assert report.problems == ()
    assert report.checked == tuple(sorted(f"data/{path}" for path in PAYLOAD))
    assert [path.name for path in tmp_path.iterdir()] == ["goi"]  # no staging folder left


def test_an_empty_existing_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "goi").mkdir()
    assert bagit.Bag(str(_write(tmp_path / "goi"))).is_valid()


def test_a_folder_with_content_is_not_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "goi"
    folder.mkdir()
    (folder / "cu.txt").write_text("cũ", encoding="utf-8")
    with pytest.raises(OutputError, match="đã có nội dung"):
        _write(folder)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["goi"]
    assert [path.name for path in folder.iterdir()] == ["cu.txt"]


def test_a_changed_file_is_caught_by_bagit_and_named(tmp_path: Path) -> None:
    folder = _write(tmp_path / "goi")
    changed = folder / "data" / "pdf" / "bao_cáo_ký.pdf"
    changed.write_bytes(changed.read_bytes().replace(b"signed", b"SIGNED"))  # same size
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(folder)).validate()
    [(path, problem)] = check_package(folder).problems
    assert path == "data/pdf/bao_cáo_ký.pdf"
    assert "không còn khớp" in problem.vi


def test_missing_and_unexpected_files_are_named(tmp_path: Path) -> None:
    folder = _write(tmp_path / "goi")
    (folder / "data" / "sources" / "bao_cao_0001.docx").unlink()
    (folder / "data" / "them.txt").write_text("thêm", encoding="utf-8")
    problems = dict(check_package(folder).problems)
    assert problems["data/sources/bao_cao_0001.docx"].en == "the file is missing"
    assert problems["data/them.txt"].en == "a file not in the manifest"


def test_a_changed_tag_file_is_reported_by_bagit(tmp_path: Path) -> None:
    folder = _write(tmp_path / "goi")
    info = folder / "bag-info.txt"
    info.write_text(info.read_text(encoding="utf-8").replace("0001", "0002"), encoding="utf-8")
    [(path, problem)] = check_package(folder).problems
    assert path == ""
    assert problem.vi.startswith("BagIt:")


def test_a_folder_that_is_not_a_package(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="không phải là gói lưu trữ BagIt"):
        check_package(tmp_path)
