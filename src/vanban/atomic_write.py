"""Writing a file so that a failure leaves no partial file behind, and no symlink is followed.

The temporary file is created beside the target with ``O_CREAT | O_EXCL | O_NOFOLLOW`` under a
random name: a file or symlink planted there in advance makes the open fail instead of being
written through (the old name was predictable, since output is reproducible). Its mode is
0666 less the umask, like any file the user's programs create.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

from vanban.errors import OutputError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def os_reason(exc: OSError) -> tuple[str, str]:
    """Name an operating-system failure for a person, in Vietnamese and English."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "đĩa đã đầy", "the disk is full"
    if exc.errno == errno.EROFS:
        return "ổ đĩa chỉ cho đọc", "the file system is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "không có quyền ghi", "permission denied"
    reason = exc.strerror or type(exc).__name__
    return reason, reason


def create_exclusive(folder: Path, stem: str) -> tuple[int, Path]:
    """Create a new, empty, never-before-existing file in ``folder``; return (fd, path)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
    for _ in range(100):
        path = folder / f".{stem}.{secrets.token_hex(8)}.part"
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def write_atomically(content: bytes, target: Path) -> None:
    """Write ``content`` to ``target`` through a temporary file renamed into place."""
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(
            f"Thư mục “{folder}” không tồn tại. Hãy tạo thư mục đó hoặc chọn nơi lưu khác.",
            f"The folder “{folder}” does not exist. Create it or choose another output path.",
        )
    if target.is_dir() and not target.is_symlink():
        raise OutputError(
            f"“{target}” là một thư mục, không ghi đè được. Hãy chọn tên tệp khác.",
            f"“{target}” is a folder and cannot be overwritten. Choose another file name.",
        )
    temporary: Path | None = None
    try:
        fd, temporary = create_exclusive(folder, target.name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temporary, target)  # replaces a symlink at target, never its destination
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        vi, en = os_reason(exc)
        raise OutputError(
            f"Không ghi được tệp “{target}” ({vi}). Không có gì bị ghi dở; "
            "hãy kiểm tra quyền ghi và dung lượng đĩa rồi thử lại.",
            f"Cannot write “{target}” ({en}). Nothing was half-written; "
            "check permissions and free space, then try again.",
        ) from exc
