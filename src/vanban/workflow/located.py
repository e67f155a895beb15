"""Reading a workflow YAML into plain values that remember their key path and line.

The loader must report every mistake with the file, the key path and the line, and must not
stop at the first one; so this reader never raises for a duplicate key or an odd key, it
records a problem and goes on. Only a file that is not YAML at all stops it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from vanban.workflow.problems import Problem

# A workflow is a few dozen lines; a cap on nodes stops alias bombs ("billion laughs"), which
# would otherwise expand here because aliases share nodes that this reader copies.
MAX_NODES = 20_000


@dataclass(frozen=True)
class Located:
    """A YAML value with its key path ("events.approve.to") and the line it is written on.

    Items of a list share the list's path (messages quote the item itself) but keep their line.

    ``value`` is a str, int, bool, float, None, a list of Located or a dict of str to Located
    (keys in file order; a duplicate key keeps its first value).
    """

    value: Any
    path: str
    line: int


class _Loader(yaml.SafeLoader):
    """SafeLoader used only to compose nodes and construct scalars."""


class _Reader:
    def __init__(self, loader: _Loader, source: str, problems: list[Problem]) -> None:
        self.loader = loader
        self.source = source
        self.problems = problems
        self.nodes = 0

    def read(self, node: yaml.Node, path: str, line: int) -> Located:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLarge
        if isinstance(node, yaml.MappingNode):
            return Located(self._mapping(node, path), path, line)
        if isinstance(node, yaml.SequenceNode):
            items = [self.read(item, path, item.start_mark.line + 1) for item in node.value]
            return Located(items, path, line)
        return Located(self._scalar(node), path, line)

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            # An impossible timestamp and the like: keep the text, the checks will say why.
            return node.value

    def _mapping(self, node: yaml.MappingNode, path: str) -> dict[str, Located]:
        entries: dict[str, Located] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(
                        self.source,
                        path,
                        line,
                        "khóa phải là một tên viết liền, không phải danh sách hay bảng; "
                        "hãy sửa lại khóa ở dòng này",
                        "a key must be a plain name, not a list or a mapping; "
                        "fix the key on this line",
                    )
                )
                continue
            # The raw text, so that "yes:" or "1:" stay the names the author wrote.
            key = str(key_node.value)
            key_path = f"{path}.{key}" if path else key
            if key in entries:
                self.problems.append(
                    Problem(
                        self.source,
                        key_path,
                        line,
                        f"khóa “{key}” xuất hiện hai lần (lần đầu ở dòng "
                        f"{entries[key].line}); hãy giữ lại một",
                        f"the key “{key}” appears twice (first on line "
                        f"{entries[key].line}); keep one",
                    )
                )
                continue
            entries[key] = self.read(value_node, key_path, line)
        return entries


class _TooLarge(Exception):
    pass


def read_located(text: str, source: str, problems: list[Problem]) -> Located | None:
    """Parse ``text`` (named ``source``); append problems; None when it is not YAML at all."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, "", 1)
        return _Reader(loader, source, problems).read(node, "", node.start_mark.line + 1)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or "lỗi cú pháp"
        problems.append(
            Problem(
                source,
                "",
                mark.line + 1 if mark else None,
                f"không đọc được YAML ({reason}); hãy kiểm tra thụt lề, dấu hai chấm "
                "và dấu ngoặc ở dòng này",
                f"this is not valid YAML ({getattr(exc, 'problem', None) or 'syntax error'}); "
                "check the indentation, colons and brackets on that line",
            )
        )
        return None
    except _TooLarge:
        problems.append(
            Problem(
                source,
                "",
                None,
                f"tệp có quá nhiều phần tử (trên {MAX_NODES}); hãy viết quy trình "
                "không dùng bí danh (&, *) lồng nhau",
                f"the file has too many elements (over {MAX_NODES}); write the workflow "
                "without nested aliases (&, *)",
            )
        )
        return None
    finally:
        loader.dispose()
