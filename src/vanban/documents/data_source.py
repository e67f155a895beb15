"""Reading document data from YAML while remembering where every value came from.

A secretary who gets "trường ngay phải là một ngày" must also be told *which file and which
line*, so loading keeps a map from each key path (``("noi_dung", 2, "muc", 0)``) to its line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vanban.errors import ValidationError

KeyPath = tuple[str | int, ...]
MAX_DATA_BYTES = 5 * 1024 * 1024
# Control characters docxtpl would turn into tabs, paragraphs or page breaks (\t \a \f), or
# that are not allowed in XML at all; a newline is kept as a line break.
_CONTROL = {code: " " for code in range(32) if code != 10}


class _DataLoader(yaml.SafeLoader):
    """SafeLoader that leaves an impossible date ("2024-02-30") as text for the validator."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_DataLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


@dataclass(frozen=True)
class DocumentData:
    """Document data with the source file and the line of every key path."""

    values: dict[str, Any]
    source: str
    lines: Mapping[KeyPath, int] = field(default_factory=dict)

    def line_of(self, path: KeyPath) -> int | None:
        """Return the line of ``path`` or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    def where(self, path: KeyPath) -> str:
        """Return "file, dòng N" for messages (without the line when it is unknown)."""
        line = self.line_of(path)
        return f"{self.source}, dòng {line}" if line else self.source

    def where_en(self, path: KeyPath) -> str:
        """Return "file, line N" for English messages."""
        line = self.line_of(path)
        return f"{self.source}, line {line}" if line else self.source


def clean_text(text: str) -> str:
    """Return ``text`` in NFC with control characters made spaces and the ends trimmed."""
    return unicodedata.normalize("NFC", text).translate(_CONTROL).strip()


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(str(key)): _clean(item) for key, item in value.items()}
    return value


def _record_lines(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], source: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = clean_text(str(key_node.value))
            if key in seen:
                line = key_node.start_mark.line + 1
                raise ValidationError(
                    f"{source}, dòng {line}: khóa “{key}” xuất hiện hai lần. "
                    "Hãy giữ lại một khóa rồi chạy lại.",
                    f"{source}, line {line}: the key “{key}” appears twice. "
                    "Keep one and run again.",
                )
            seen.add(key)
            _record_lines(value_node, (*path, key), lines, source)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), lines, source)


def parse_document_data(text: str, source: str) -> DocumentData:
    """Parse YAML ``text`` (named ``source`` in messages) into located document data."""
    try:
        node = yaml.compose(text, Loader=_DataLoader)
        values = yaml.load(text, Loader=_DataLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}, dòng {mark.line + 1}" if mark else source
        where_en = f"{source}, line {mark.line + 1}" if mark else source
        raise ValidationError(
            f"{where}: không đọc được YAML ({getattr(exc, 'problem', 'lỗi cú pháp')}). "
            "Hãy kiểm tra thụt lề và dấu hai chấm ở dòng này.",
            f"{where_en}: this is not valid YAML ({getattr(exc, 'problem', 'syntax error')}). "
            "Check the indentation and colons on that line.",
        ) from exc
    if values is None:
        values = {}
    if not isinstance(values, dict) or node is None:
        raise ValidationError(
            f"{source}: dữ liệu văn bản phải là một bảng khóa: giá trị (ví dụ “trich_yeu: …”). "
            "Hãy xem mẫu trong thư mục samples/.",
            f"{source}: document data must be a mapping of keys to values "
            "(for example “trich_yeu: …”). See the examples in samples/.",
        )
    lines: dict[KeyPath, int] = {}
    _record_lines(node, (), lines, source)
    return DocumentData(values=_clean(values), source=source, lines=lines)


def load_document_data(path: Path) -> DocumentData:
    """Read and parse a YAML data file; every failure is a ValidationError."""
    try:
        if path.stat().st_size > MAX_DATA_BYTES:
            raise ValidationError(
                f"Tệp dữ liệu “{path.name}” quá lớn (trên 5 MB). Hãy tách thành nhiều tệp.",
                f"The data file “{path.name}” is too large (over 5 MB). Split it into several.",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            f"Không đọc được tệp dữ liệu “{path}”. Hãy kiểm tra đường dẫn và quyền đọc.",
            f"Cannot read the data file “{path}”. Check the path and that it is readable.",
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"Tệp dữ liệu “{path.name}” không phải văn bản UTF-8. Hãy lưu lại với mã UTF-8.",
            f"The data file “{path.name}” is not UTF-8 text. Save it again as UTF-8.",
        ) from exc
    return parse_document_data(text, str(path))
