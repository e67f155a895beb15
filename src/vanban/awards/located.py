"""Reading award YAML files as nodes, so that every value keeps the line it is written on.

Values are taken from the composed nodes rather than from ``yaml.safe_load``: a duplicate
key is then seen (safe_load keeps the last one silently), aliases are never expanded, and
a number keeps the digits the author wrote ("1.5" stays exact as a Decimal).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from vanban.errors import ValidationError

__all__ = ["Entry", "compose", "entries", "line_of", "scalar_text"]

NULL_TAG = "tag:yaml.org,2002:null"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class Entry:
    """One ``key: value`` of a YAML mapping, with the line of the key."""

    key: str
    node: yaml.Node
    line: int


def compose(text: str, source: str) -> yaml.Node | None:
    """Parse ``text`` into its node tree; a file that is not YAML is a ValidationError."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or "lỗi cú pháp"
        reason_en = getattr(exc, "problem", None) or "syntax error"
        where = f"{source}, dòng {mark.line + 1}" if mark else source
        where_en = f"{source}, line {mark.line + 1}" if mark else source
        raise ValidationError(
            f"{where}: không đọc được YAML ({reason}). "
            "Hãy kiểm tra thụt lề và dấu hai chấm ở dòng này.",
            f"{where_en}: this is not valid YAML ({reason_en}). "
            "Check the indentation and colons on that line.",
        ) from exc


def line_of(node: yaml.Node) -> int:
    """Return the 1-based line where ``node`` starts."""
    return int(node.start_mark.line) + 1


def entries(node: yaml.Node) -> tuple[list[Entry], list[tuple[int, str, str]]]:
    """Return the entries of a mapping node and the problems found (line, vi, en).

    A key that is not plain text, or that appears twice, is a problem; the first value of a
    duplicate key is kept so that the rest of the file can still be checked.
    """
    found: list[Entry] = []
    problems: list[tuple[int, str, str]] = []
    seen: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return found, problems
    for key_node, value_node in node.value:
        line = line_of(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append((line, "khóa phải là một tên viết liền", "a key must be a plain name"))
            continue
        key = str(key_node.value).strip()
        if key in seen:
            problems.append(
                (
                    line,
                    f"khóa “{key}” xuất hiện hai lần (lần đầu ở dòng {seen[key]}); hãy giữ lại một",
                    f"the key “{key}” appears twice (first on line {seen[key]}); keep one",
                )
            )
            continue
        seen[key] = line
        found.append(Entry(key, value_node, line))
    return found, problems


def scalar_text(node: yaml.Node) -> str | None:
    """Return the text of a scalar node ("" for null); None when it is a list or a mapping."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.tag == NULL_TAG:
        return ""
    return str(node.value)
