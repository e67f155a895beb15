"""``vanban convert``: a data file, a list or a .docx typed in a legacy encoding, to Unicode.

The file is never changed in place: the converted copy is written beside it (or where the
user says), atomically, and only when it does not exist yet, so nothing the user had is lost.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from vanban.atomic_write import write_atomically
from vanban.datafile import MEGABYTE, read_bounded
from vanban.documents.package_guard import check_docx_bytes
from vanban.errors import OutputError, ValidationError
from vanban.vietnamese.legacy import ENCODINGS, detect, is_unicode_vietnamese, to_unicode

__all__ = ["ConversionResult", "convert_file"]

MAX_CONVERT_BYTES = 50 * MEGABYTE
TEXT_SUFFIXES = (".yaml", ".yml", ".csv", ".txt")
SHEET_SUFFIXES = (".xlsx", ".xlsm")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
# The fonts legacy text was typed in: once converted, the text is Unicode and needs a
# Unicode font, else Word would draw "Uỷ" with .VnTime's glyphs for other letters.
_LEGACY_FONT = re.compile(r"^(\.vn|vni[- ]|vn[ -]?times)", re.IGNORECASE)
UNICODE_FONT = "Times New Roman"


@dataclass(frozen=True)
class ConversionResult:
    """Where the converted copy went and how many pieces of text changed."""

    source: Path
    output: Path
    changed: int

    def as_json(self) -> dict[str, object]:
        """Return the result for ``--json``."""
        return {"source": str(self.source), "output": str(self.output), "changed": self.changed}


def _converter(encoding: str) -> Callable[[str], str]:
    if encoding == "auto":

        def automatic(text: str) -> str:
            found = detect(text)
            return to_unicode(text, found) if found else text

        return automatic

    def explicit(text: str) -> str:
        # Text that is already Unicode Vietnamese is left alone: a file may be half-fixed.
        return text if is_unicode_vietnamese(text) else to_unicode(text, encoding)

    return explicit


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


def _convert_part(xml: bytes, convert: Callable[[str], str]) -> tuple[bytes, int]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(xml, parser)
    changed = 0
    for paragraph in root.iter(f"{{{_W}}}p"):
        texts = list(paragraph.iter(f"{{{_W}}}t"))
        # A VNI letter may be split across runs (base in one, mark in the next): convert
        # the paragraph's text as one string, then give each run its share back.
        joined = "".join(node.text or "" for node in texts)
        after = convert(joined)
        if after == joined:
            continue
        changed += 1
        if len(after) == len(joined):
            position = 0
            for node in texts:
                size = len(node.text or "")
                node.text = after[position : position + size]
                position += size
        else:
            for node in texts:
                node.text = convert(node.text or "")
    for fonts in root.iter(f"{{{_W}}}rFonts"):
        for attribute, value in fonts.attrib.items():
            if _LEGACY_FONT.match(value):
                fonts.set(attribute, UNICODE_FONT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), changed


def _convert_docx(raw: bytes, name: str, convert: Callable[[str], str]) -> tuple[bytes, int]:
    check_docx_bytes(raw, name)
    buffer = io.BytesIO()
    changed = 0
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            content = source.read(member)
            if _TEXT_PARTS.match(member.filename) or member.filename == "word/styles.xml":
                content, count = _convert_part(content, convert)
                changed += count
            target.writestr(member, content)
    return buffer.getvalue(), changed


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
    handlers = {
        **dict.fromkeys(TEXT_SUFFIXES, _convert_text),
        **dict.fromkeys(SHEET_SUFFIXES, _convert_sheet),
        ".docx": _convert_docx,
    }
    handler = handlers.get(suffix)
    if handler is None:
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
    content, changed = handler(raw, path.name, _converter(encoding))
    write_atomically(content, target)
    return ConversionResult(path, target, changed)
