"""A .docx package rewritten member by member, for tests that need one part changed or added."""

from __future__ import annotations

import io
import zipfile


def repack(
    content: bytes, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None
) -> bytes:
    """``content`` with the members of ``replace`` rewritten and those of ``extra`` added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            target.writestr(name, (replace or {}).get(name, source.read(name)))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()
