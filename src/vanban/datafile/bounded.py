"""Reading a user's file by reading it: regular files only, never more than a cap.

``stat`` cannot be trusted for a size: ``/dev/zero``, a FIFO or a symlink to either reports
0 bytes and then never ends. So the file is opened without blocking, refused unless the
opened descriptor is a regular file, and read in chunks until the cap is passed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from vanban.errors import NotFoundError, ValidationError

__all__ = ["MEGABYTE", "MissingFileError", "read_bounded", "read_text_bounded"]

MEGABYTE = 1024 * 1024
_CHUNK = 256 * 1024


class MissingFileError(ValidationError, NotFoundError):
    """The file the user named does not exist (bad input, and not found)."""


def _unreadable(path: Path, what_vi: str, what_en: str) -> ValidationError:
    return ValidationError(
        f"Không đọc được {what_vi} “{path}”. Hãy kiểm tra đường dẫn và quyền đọc.",
        f"Cannot read the {what_en} “{path}”. Check the path and that it is readable.",
    )


def _size_text(limit: int) -> str:
    if limit >= MEGABYTE:
        return f"{limit // MEGABYTE} MB"
    return f"{limit // 1024} KB" if limit >= 1024 else f"{limit} byte"


def read_bounded(path: Path, limit: int, what: tuple[str, str] = ("tệp", "file")) -> bytes:
    """Return the bytes of the regular file ``path``; refuse anything else or anything larger.

    ``what`` names the file in messages ("tệp dữ liệu", "data file").
    """
    what_vi, what_en = what
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        raise MissingFileError(
            f"Không tìm thấy {what_vi} “{path}”. Hãy kiểm tra đường dẫn.",
            f"The {what_en} “{path}” does not exist. Check the path.",
        ) from exc
    except OSError as exc:
        raise _unreadable(path, what_vi, what_en) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValidationError(
                f"“{path}” không phải một tệp thông thường (có thể là thư mục, thiết bị hay "
                f"đường ống). Hãy chỉ ra {what_vi} thật.",
                f"“{path}” is not a regular file (it may be a folder, a device or a pipe). "
                f"Give the real {what_en}.",
            )
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ValidationError(
                    f"{what_vi.capitalize()} “{path.name}” quá lớn (trên {_size_text(limit)}). "
                    "Hãy kiểm tra đúng tệp chưa, hoặc tách thành nhiều tệp.",
                    f"The {what_en} “{path.name}” is too large (over {_size_text(limit)}). "
                    "Check that it is the right file, or split it.",
                )
            chunks.append(chunk)
        return b"".join(chunks)
    except IsADirectoryError as exc:
        raise ValidationError(
            f"“{path}” là một thư mục. Hãy chỉ ra {what_vi}.",
            f"“{path}” is a folder. Give the {what_en}.",
        ) from exc
    except OSError as exc:
        raise _unreadable(path, what_vi, what_en) from exc
    finally:
        os.close(fd)


def read_text_bounded(path: Path, limit: int, what: tuple[str, str] = ("tệp", "file")) -> str:
    """Return the UTF-8 text (a BOM is dropped) of ``path``, read as ``read_bounded`` does."""
    raw = read_bounded(path, limit, what)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{what[0].capitalize()} “{path.name}” không phải văn bản UTF-8 (lỗi ở byte "
            f"{exc.start}). Hãy lưu lại với mã UTF-8, hoặc chuyển bằng “vanban convert”.",
            f"The {what[1]} “{path.name}” is not UTF-8 text (bad byte at {exc.start}). "
            "Save it again as UTF-8, or convert it with “vanban convert”.",
        ) from exc
