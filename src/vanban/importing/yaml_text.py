"""Writing imported data as YAML a secretary can read and vanban reads back unchanged.

Block style only, every string double-quoted with escapes, numbers as plain integers: a
value such as ``Lưu: VT, VP`` or ``2024`` can never turn into a mapping, a list or a number
when the file is read again, whatever YAML version reads it. Values may carry a comment
(``Noted``) written on the line above them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Noted:
    """A value with a comment to write above it."""

    value: Any
    comment: str


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quote(text: str) -> str:
    """Return ``text`` as a double-quoted YAML scalar."""
    out: list[str] = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F or char in "\u2028\u2029\ufeff":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return quote(str(value))


def _comment(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [f"{pad}# {line}".rstrip() for line in text.splitlines() or [""]]


def _unwrap(value: Any, indent: int, lines: list[str]) -> Any:
    if isinstance(value, Noted):
        lines += _comment(value.comment, indent)
        return value.value
    return value


def _mapping(data: Mapping[str, Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for key, raw in data.items():
        value = _unwrap(raw, indent, lines)
        if isinstance(value, Mapping):
            lines.append(f"{pad}{key}:")
            _mapping(value, indent + 2, lines)
        elif isinstance(value, Sequence) and not isinstance(value, str):
            if not value:
                lines.append(f"{pad}{key}: []")
                continue
            lines.append(f"{pad}{key}:")
            _sequence(value, indent + 2, lines)
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")


def _sequence(items: Sequence[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for raw in items:
        item = _unwrap(raw, indent, lines)
        if isinstance(item, Mapping):
            inner: list[str] = []
            _mapping(item, indent + 2, inner)
            # The first line of the mapping goes on the dash line (comments stay above).
            first = next(
                index for index, line in enumerate(inner) if not line.lstrip().startswith("#")
            )
            lines += inner[:first]
            lines.append(f"{pad}- {inner[first].lstrip()}")
            lines += inner[first + 1 :]
        elif isinstance(item, Sequence) and not isinstance(item, str):
            if all(
                not isinstance(cell, Mapping | Sequence | Noted) or isinstance(cell, str)
                for cell in item
            ):
                # A table row: one line, every string quoted, so commas stay inside cells.
                lines.append(f"{pad}- [{', '.join(_scalar(cell) for cell in item)}]")
            else:
                lines.append(f"{pad}-")
                _sequence(item, indent + 2, lines)
        else:
            lines.append(f"{pad}- {_scalar(item)}")


def dump(data: Mapping[str, Any], header: Sequence[str] = ()) -> str:
    """Return ``data`` as YAML text, with ``header`` lines as comments on top."""
    lines = [f"# {line}".rstrip() for line in header]
    _mapping(data, 0, lines)
    return "\n".join(lines) + "\n"
