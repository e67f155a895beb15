"""Refusing text typed in a legacy Vietnamese encoding, with the field, the line and the fix."""

from __future__ import annotations

from vanban.errors import KeyPath, Problem, echo
from vanban.vietnamese.legacy import LEGACY_NAMES, LEGACY_NAMES_EN, detect, to_unicode

__all__ = ["legacy_problem"]


def legacy_problem(
    value: str, line: int | None, source: str, key_path: KeyPath = (), file: str = "TỆP"
) -> Problem | None:
    """Return the problem of ``value`` if it looks typed in a legacy encoding, else None.

    ``file`` is the path the fix names in ``vanban convert --from … FILE``.
    """
    encoding = detect(value)
    if encoding is None:
        return None
    meant = echo(to_unicode(value, encoding), 60)
    written = echo(value, 60)
    return Problem(
        line,
        f"“{written}” có vẻ gõ bằng bảng mã {LEGACY_NAMES[encoding]}, nghĩa là “{meant}”; "
        f"hãy chuyển tệp sang Unicode bằng: vanban convert --from {encoding} {file}",
        f"“{written}” looks typed in {LEGACY_NAMES_EN[encoding]} and means “{meant}”; convert the "
        f"file to Unicode with: vanban convert --from {encoding} {file}",
        source,
        key_path,
    )
