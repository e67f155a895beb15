"""``vanban convert``: a data file, a list or a .docx typed in a legacy encoding, to Unicode.

The file is never changed in place: the converted copy is written beside it (or where the
user says), atomically, and only when it does not exist yet, so nothing the user had is lost.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vanban.atomic_write import write_atomically
from vanban.datafile import MEGABYTE, read_bounded
from vanban.docx.package_checks import check_docx_bytes
from vanban.docx.run_text import rewrite_docx_runs
from vanban.errors import OutputError, ValidationError
from vanban.vietnamese.legacy import (
    ENCODINGS,
    is_unicode_vietnamese,
    run_encoding,
    run_to_unicode,
    unicode_font,
)

__all__ = ["ConversionResult", "convert_file"]

MAX_CONVERT_BYTES = 50 * MEGABYTE
TEXT_SUFFIXES = (".yaml", ".yml", ".csv", ".txt")
SHEET_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class ConversionResult:
    """Where the converted copy went and how many pieces of text changed."""

    source: Path
    output: Path
    changed: int

    def as_json(self) -> dict[str, object]:
        """Return the result for ``--json``."""
        return {"source": str(self.source), "output": str(self.output), "changed": self.changed}


def _chooser(encoding: str) -> Callable[[str, str | None], str | None]:
    """What a piece of text drawn in a font is typed in, as the user asked."""
    if encoding == "auto":
        return run_encoding

    def explicit(text: str, font: str | None) -> str | None:
        # Text that is already Unicode Vietnamese is left alone: a file may be half-fixed.
        return None if is_unicode_vietnamese(text) else encoding

    return explicit


def _converter(encoding: str) -> Callable[[str], str]:
    choose = _chooser(encoding)

    def convert(text: str) -> str:
        found = choose(text, None)
        return run_to_unicode(text, found, None) if found else text

    return convert


def _convert_text(raw: bytes, name: str, convert: Callable[[str], str]) -> tuple[bytes, int]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # A file saved from a legacy system is often Windows-1252 bytes, not UTF-8.
        text = raw.decode("cp1252", errors="replace")
    lines = text.splitlines(keepends=True)
    converted = [convert(line) for line in lines]
    changed = sum(1 for before, after in zip(lines, converted, strict=True) if before != after)
    return "".join(converted).encode("utf-8"), changed


def _convert_sheet(raw: bytes, name: str, convert: Callable[[str], str]) -> tuple[bytes, int]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw))
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(
            f"Không đọc được “{name}” như một tệp Excel .xlsx. Hãy mở bằng Excel và lưu lại.",
            f"Cannot read “{name}” as an Excel .xlsx file. Open it in Excel and save it again.",
        ) from exc
    changed = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    after = convert(cell.value)
                    if after != cell.value:
                        cell.value, changed = after, changed + 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), changed


def _convert_docx(raw: bytes, name: str, encoding: str) -> tuple[bytes, int]:
    check_docx_bytes(raw, name)
    content, changed = rewrite_docx_runs(raw, _chooser(encoding), run_to_unicode, unicode_font)
    return content, len(changed)


def _default_output(path: Path) -> Path:
    return path.with_name(f"{path.stem}.unicode{path.suffix}")


def convert_file(path: Path, encoding: str, output: Path | None = None) -> ConversionResult:
    """Convert ``path`` from ``encoding`` (one of ENCODINGS or "auto") into a new file."""
    if encoding != "auto" and encoding not in ENCODINGS:
        raise ValidationError(
            f"Không có bảng mã “{encoding}”; hãy dùng auto, {', '.join(ENCODINGS)}.",
            f"There is no encoding “{encoding}”; use auto, {', '.join(ENCODINGS)}.",
        )
    suffix = path.suffix.lower()
    if suffix not in (*TEXT_SUFFIXES, *SHEET_SUFFIXES, ".docx"):
        raise ValidationError(
            f"Không chuyển được “{path.name}”: chỉ nhận .yaml, .csv, .txt, .xlsx hoặc .docx.",
            f"Cannot convert “{path.name}”: only .yaml, .csv, .txt, .xlsx or .docx files.",
        )
    target = output or _default_output(path)
    if target.exists():
        raise OutputError(
            f"“{target}” đã có; vanban không ghi đè. Hãy xóa nó hoặc chọn tên khác bằng -o.",
            f"“{target}” already exists; vanban does not overwrite it. Remove it or choose "
            "another name with -o.",
        )
    raw = read_bounded(path, MAX_CONVERT_BYTES, ("tệp", "file"))
    if suffix == ".docx":
        content, changed = _convert_docx(raw, path.name, encoding)
    else:
        handler = _convert_text if suffix in TEXT_SUFFIXES else _convert_sheet
        content, changed = handler(raw, path.name, _converter(encoding))
    write_atomically(content, target)
    return ConversionResult(path, target, changed)
