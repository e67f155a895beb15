"""Writing a file so that a failure leaves no partial file behind."""

from __future__ import annotations

import hashlib
from pathlib import Path

from vanban.errors import OutputError


def write_atomically(content: bytes, target: Path) -> None:
    """Write ``content`` to ``target`` through a temporary file renamed into place."""
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(
            f"Thư mục “{folder}” không tồn tại. Hãy tạo thư mục đó hoặc chọn nơi lưu khác.",
            f"The folder “{folder}” does not exist. Create it or choose another output path.",
        )
    # A plain file beside the target (not mkstemp) so the result gets the usual permissions.
    temporary = folder / f".{target.name}.{hashlib.sha256(content).hexdigest()[:12]}.part"
    try:
        temporary.write_bytes(content)
        temporary.replace(target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(
            f"Không ghi được tệp “{target}” ({exc.strerror}). "
            "Hãy kiểm tra quyền ghi và dung lượng đĩa.",
            f"Cannot write “{target}” ({exc.strerror}). Check permissions and free space.",
        ) from exc
