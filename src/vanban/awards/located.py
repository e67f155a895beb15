"""Award YAML files (lists, votes, coefficients) read through the one YAML reader.

Values keep the line they are written on and the text the author typed ("1.5" stays exact
as a Decimal, "010" is not a number read as octal); duplicate keys are reported, never
silently replaced; aliases and nesting are bounded by ``vanban.datafile``.
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.datafile import Located, UnreadableYaml, read_yaml

__all__ = [
    "Entry",
    "Located",
    "compose",
    "entries",
    "is_int",
    "is_mapping",
    "is_null",
    "is_sequence",
    "line_of",
    "scalar_text",
]


@dataclass(frozen=True)
class Entry:
    """One ``key: value`` of a YAML mapping, with the line of the key."""

    key: str
    node: Located
    line: int


def compose(text: str, source: str) -> Located | None:
    """Parse ``text``; text that is not YAML, or breaks a limit, is a ValidationError."""
    try:
        return read_yaml(text, source).root
    except UnreadableYaml:
        raise


def line_of(node: Located) -> int:
    """Return the 1-based line of ``node``."""
    return node.line


def is_mapping(node: Located | None) -> bool:
    """True for a ``key: value`` mapping."""
    return node is not None and isinstance(node.value, dict)


def is_sequence(node: Located | None) -> bool:
    """True for a list."""
    return node is not None and isinstance(node.value, list)


def is_null(node: Located | None) -> bool:
    """True for a value written as null, ~ or nothing."""
    return node is not None and node.value is None and node.raw is not None


def is_int(node: Located | None) -> bool:
    """True for a whole number written as one (not in quotes)."""
    return node is not None and type(node.value) is int


def entries(node: Located) -> tuple[list[Entry], list[tuple[int, str, str]]]:
    """Return the entries of a mapping node and its key problems (line, vi, en).

    A key that is not plain text, or that appears twice, is a problem; the first value of a
    duplicate key is kept so that the rest of the file can still be checked.
    """
    if not isinstance(node.value, dict):
        return [], []
    found = [Entry(key, value, value.line) for key, value in node.value.items()]
    problems = [(problem.line or node.line, problem.vi, problem.en) for problem in node.problems]
    return found, problems


def scalar_text(node: Located) -> str | None:
    """Return the text of a scalar as written ("" for null); None for a list or a mapping."""
    if isinstance(node.value, dict | list):
        return None
    if node.value is None:
        return ""
    return node.raw if node.raw is not None else str(node.value)
