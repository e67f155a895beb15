"""Reading a .docx file from disk: by reading, with the size cap, then the package checks.

The checks themselves (zip structure, sizes, macros, external links) are
vanban.docx.package_checks, which reads bytes; this module is where a path becomes those bytes.
"""

from __future__ import annotations

from pathlib import Path

from vanban.datafile import read_bounded
from vanban.docx.package_checks import PackageLimits, check_docx_bytes, too_large
from vanban.errors import TemplateError, ValidationError


def read_docx(path: Path, limits: PackageLimits | None = None) -> bytes:
    """Read and check a .docx file; raise TemplateError when it is missing or unsafe."""
    limits = limits or PackageLimits()
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise too_large(path.name)
        # By reading, with the cap: a FIFO or /dev/zero named "x.docx" is refused at once.
        data = read_bounded(path, limits.max_file_bytes, ("tệp mẫu", "template file"))
    except ValidationError as error:
        raise TemplateError(error.text("vi"), error.text("en")) from error
    except OSError as exc:
        raise TemplateError(
            f"Không đọc được tệp mẫu “{path.name}”. Hãy kiểm tra tệp có tồn tại và có quyền đọc.",
            f"Cannot read the template file “{path.name}”. Check that it exists and is readable.",
        ) from exc
    check_docx_bytes(data, path.name, limits)
    return data
