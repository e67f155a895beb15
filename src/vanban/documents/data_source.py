"""Reading document data from YAML while remembering where every value came from.

A secretary who gets "trường ngay phải là một ngày" must also be told *which file and which
line*, so loading keeps a map from each key path (``("noi_dung", 2, "muc", 0)``) to its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vanban.datafile import MEGABYTE, Located, read_text_bounded, read_yaml
from vanban.datafile.legacy_text import legacy_problem
from vanban.errors import KeyPath, ProblemsError, ValidationError
from vanban.vietnamese import clean_controls

__all__ = [
    "MAX_DATA_BYTES",
    "DocumentData",
    "KeyPath",
    "clean_text",
    "load_document_data",
    "parse_document_data",
]

MAX_DATA_BYTES = 5 * MEGABYTE


@dataclass(frozen=True)
class DocumentData:
    """Document data with the source file and the line of every key path."""

    values: dict[str, Any]
    source: str
    lines: Mapping[KeyPath, int] = field(default_factory=dict)
    # Each value as the reader saw it (raw text, quoting, flow style), for checks that need
    # to know how something was written, not only what it became.
    nodes: Mapping[KeyPath, Located] = field(default_factory=dict)

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


def clean_text(text: str) -> str:
    """Return ``text`` in NFC with control characters made spaces and the ends trimmed."""
    return clean_controls(text, keep_newlines=True).strip()


def _value(node: Located) -> Any:
    if isinstance(node.value, dict):
        return {clean_text(key): _value(item) for key, item in node.value.items()}
    if isinstance(node.value, list):
        return [_value(item) for item in node.value]
    if isinstance(node.value, str):
        text = node.value
        if node.style in (None, "'"):
            # "\n" breaks the line whether or not the text is in double quotes: YAML would
            # otherwise print a backslash and an n where the author asked for a new line.
            text = text.replace("\\n", "\n")
        return clean_text(text)
    return node.value


def parse_document_data(text: str, source: str) -> DocumentData:
    """Parse YAML ``text`` (named ``source`` in messages) into located document data."""
    document = read_yaml(text, source)
    if document.problems:
        raise ProblemsError(
            document.problems,
            (f"Tệp dữ liệu “{source}”", f"The data file “{source}”"),
        )
    root = document.root
    if root is None or root.value is None:
        return DocumentData(values={}, source=source)
    if not isinstance(root.value, dict):
        raise ValidationError(
            f"{source}: dữ liệu văn bản phải là một bảng khóa: giá trị (ví dụ “trich_yeu: …”). "
            "Hãy xem mẫu trong thư mục samples/.",
            f"{source}: document data must be a mapping of keys to values "
            "(for example “trich_yeu: …”). See the examples in samples/.",
        )
    nodes = {node.key_path: node for node in root.walk()}
    legacy = [
        problem
        for node in nodes.values()
        if isinstance(node.value, str)
        and (problem := legacy_problem(node.value, node.line, source, node.key_path, source))
    ]
    if legacy:
        raise ProblemsError(legacy, (f"Tệp dữ liệu “{source}”", f"The data file “{source}”"))
    lines = {path: node.line for path, node in nodes.items()}
    return DocumentData(values=_value(root), source=source, lines=lines, nodes=nodes)


def load_document_data(path: Path) -> DocumentData:
    """Read and parse a YAML data file; every failure is a ValidationError."""
    text = read_text_bounded(path, MAX_DATA_BYTES, ("tệp dữ liệu", "data file"))
    return parse_document_data(text, str(path))
