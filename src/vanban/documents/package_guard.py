"""Checks a .docx package before python-docx, docxtpl or LibreOffice open it.

python-docx reads every referenced part into memory eagerly, so a 1 MB file can hold a 1 GiB
part (tech-notes §2.3). Everything here reads only the zip central directory and the small
XML parts it must inspect, so a hostile file costs milliseconds, not memory.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from vanban.errors import TemplateError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
_MACRO_CONTENT_TYPE = b"application/vnd.ms-word.document.macroenabled"
_EXTERNAL_TARGET = re.compile(rb'TargetMode\s*=\s*"External"')
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")
_HYPERLINK_TYPE = b"/relationships/hyperlink"


@dataclass(frozen=True)
class PackageLimits:
    """Size limits a .docx must stay within to be opened."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_members: int = MAX_MEMBERS
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_ratio: int = MAX_RATIO


def _refuse(name: str, vi_reason: str, en_reason: str) -> TemplateError:
    return TemplateError(
        f"Tệp “{name}” không phải tệp .docx an toàn: {vi_reason}. "
        "Hãy mở và lưu lại tệp bằng Word hoặc LibreOffice dưới dạng .docx rồi thử lại.",
        f"“{name}” is not a safe .docx file: {en_reason}. "
        "Open it in Word or LibreOffice, save it again as .docx and retry.",
    )


def check_docx_bytes(data: bytes, name: str, limits: PackageLimits | None = None) -> None:
    """Raise TemplateError unless ``data`` is a plain, reasonably sized .docx package."""
    limits = limits or PackageLimits()
    if len(data) > limits.max_file_bytes:
        raise _refuse(name, "tệp quá lớn", "the file is too large")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _refuse(
            name, "nội dung không phải gói .docx (zip)", "it is not a .docx (zip) package"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_members(package, name, limits)
            _check_content(package, name)
    except zipfile.BadZipFile as exc:
        raise _refuse(name, "gói zip bị hỏng", "the zip package is damaged") from exc


def _check_members(package: zipfile.ZipFile, name: str, limits: PackageLimits) -> None:
    members = package.infolist()
    if len(members) > limits.max_members:
        raise _refuse(name, "có quá nhiều phần bên trong", "it has too many parts")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise _refuse(name, "tệp đã bị mã hóa", "it is encrypted")
        member_name = member.filename
        if member_name.startswith("/") or "\\" in member_name or ".." in member_name.split("/"):
            raise _refuse(name, "có đường dẫn không hợp lệ bên trong", "it holds an unsafe path")
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > limits.max_ratio and member.file_size > 1024 * 1024:
            raise _refuse(name, "có phần nén bất thường (zip bomb)", "it looks like a zip bomb")
    if total > limits.max_uncompressed_bytes:
        raise _refuse(name, "nội dung giải nén quá lớn", "it unpacks to too much data")
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise _refuse(name, "thiếu phần văn bản chính", "the main document part is missing")
    if any(member.lower().endswith("vbaproject.bin") for member in names):
        raise _refuse(name, "có chứa macro", "it contains macros")


def _check_content(package: zipfile.ZipFile, name: str) -> None:
    content_types = package.read("[Content_Types].xml")
    if _MACRO_CONTENT_TYPE in content_types.lower():
        raise _refuse(name, "là tệp có macro (.docm)", "it is a macro-enabled document (.docm)")
    for member in package.namelist():
        if not member.endswith(".rels"):
            continue
        for relationship in _RELATIONSHIP.findall(package.read(member)):
            # A clickable hyperlink is harmless; a remote template, image or OLE object is
            # fetched by Word or LibreOffice on open and leaks the reader's address.
            if _EXTERNAL_TARGET.search(relationship) and _HYPERLINK_TYPE not in relationship:
                raise _refuse(
                    name,
                    "có liên kết tải nội dung từ bên ngoài",
                    "it links to content outside the file",
                )


def read_docx(path: Path, limits: PackageLimits | None = None) -> bytes:
    """Read and check a .docx file; raise TemplateError when it is missing or unsafe."""
    limits = limits or PackageLimits()
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise _refuse(path.name, "tệp quá lớn", "the file is too large")
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateError(
            f"Không đọc được tệp mẫu “{path.name}”. Hãy kiểm tra tệp có tồn tại và có quyền đọc.",
            f"Cannot read the template file “{path.name}”. Check that it exists and is readable.",
        ) from exc
    check_docx_bytes(data, path.name, limits)
    return data
