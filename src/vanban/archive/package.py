"""BagIt archival packages: written whole or not at all, and checked file by file.

A package is built in a hidden folder next to the target, made a bag with the ``bagit``
library (sha256 manifests), validated, and only then renamed into place, so a failure never
leaves a half-written package. Checking a package names every payload file that is missing,
unexpected or no longer matches its manifest, and also reports what ``bagit`` itself finds.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import bagit

from vanban.errors import Message, NotFoundError, OutputError

ALGORITHM = "sha256"


def software_agent() -> str:
    """Return the Bag-Software-Agent value: vanban and its version."""
    try:
        return f"vanban {version('vanban')}"
    except PackageNotFoundError:
        return "vanban"


def write_package(folder: Path, payload: Mapping[str, bytes], bag_info: Mapping[str, str]) -> None:
    """Write ``payload`` (paths inside data/ → bytes) as a validated BagIt package at ``folder``.

    ``folder`` must not exist or be empty; nothing is left behind when writing fails.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(
            f"Thư mục “{folder}” đã có nội dung; vanban không ghi đè gói lưu trữ. "
            "Hãy chọn một thư mục mới hoặc trống.",
            f"The folder “{folder}” is not empty; vanban does not overwrite a package. "
            "Choose a new or empty folder.",
        )
    staging: Path | None = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        for relative, content in payload.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        # make_bag moves the folder's content into data/ and writes the manifests.
        bag = bagit.make_bag(str(staging), dict(bag_info), checksums=[ALGORITHM])
        bag.validate()
        if folder.exists():
            folder.rmdir()
        staging.rename(folder)
        staging = None
    except (OSError, bagit.BagError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise OutputError(
            f"Không ghi được gói lưu trữ vào “{folder}” ({reason}). "
            "Hãy kiểm tra quyền ghi và dung lượng đĩa rồi thử lại.",
            f"Cannot write the package to “{folder}” ({reason}). "
            "Check permissions and free space, then try again.",
        ) from exc
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


@dataclass(frozen=True)
class PackageReport:
    """What checking a package found: the payload files checked and every problem by file."""

    folder: Path
    checked: tuple[str, ...]  # payload paths, relative to the package ("data/...")
    problems: tuple[tuple[str, Message], ...]  # (path, what is wrong)


def check_package(folder: Path) -> PackageReport:
    """Check a BagIt package: every payload file against its manifest, then bagit's validation.

    NotFoundError when ``folder`` is not a BagIt package at all.
    """
    try:
        bag = bagit.Bag(str(folder))
    except bagit.BagError as exc:
        raise NotFoundError(
            f"“{folder}” không phải là gói lưu trữ BagIt ({exc}). "
            "Hãy chỉ đúng thư mục đã xuất bằng “vanban archive export”.",
            f"“{folder}” is not a BagIt package ({exc}). "
            "Point to a folder written by “vanban archive export”.",
        ) from exc
    problems: list[tuple[str, Message]] = []
    expected = {
        _nfc(path): hashes.get(ALGORITHM)
        for path, hashes in bag.entries.items()
        if path.startswith("data/")
    }
    present = {
        _nfc(path.relative_to(folder).as_posix()): path
        for path in sorted((folder / "data").rglob("*"))
        if path.is_file()
    }
    for relative, digest in sorted(expected.items()):
        if relative not in present:
            problems.append((relative, Message("tệp bị mất", "the file is missing")))
        elif digest is None or _sha256(present[relative]) != digest:
            problems.append(
                (
                    relative,
                    Message(
                        "nội dung không còn khớp với bảng kê sha256 của gói",
                        "its content no longer matches the package's sha256 manifest",
                    ),
                )
            )
    for relative in sorted(set(present) - set(expected)):
        problems.append(
            (relative, Message("tệp lạ, không có trong bảng kê", "a file not in the manifest"))
        )
    try:
        bag.validate()
    except bagit.BagError as exc:
        if not problems:  # e.g. a tag file (bag-info.txt, a manifest) was changed
            problems.append(("", Message(f"BagIt: {exc}", f"BagIt: {exc}")))
    return PackageReport(folder, tuple(sorted(present)), tuple(problems))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _nfc(text: str) -> str:
    # bagit compares names after Unicode normalisation; a macOS copy may have decomposed them.
    return unicodedata.normalize("NFC", text)
