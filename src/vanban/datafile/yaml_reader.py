"""The one reader of YAML for vanban: line numbers kept, YAML 1.2 values, bounded, no guessing.

Every YAML file vanban reads (document data, workflows, votes, nominee lists, manifests,
rules) goes through ``read_yaml``. What it does, and why:

- **YAML 1.2 core values.** PyYAML resolves plain scalars by YAML 1.1, where ``010`` is the
  octal 8, ``yes``/``no``/``on``/``off`` are booleans and ``14:00`` is the number 840. Here a
  plain scalar is a null (``~``, ``null``, nothing), a boolean (``true``/``false``), a whole
  number in decimal (``010`` is 10), ``0o`` octal or ``0x`` hex, a finite float, or text;
  everything else, dates and times included, stays the text the author wrote. The raw text
  of every scalar is kept too, so a text field can print exactly what was typed.
- **Duplicate keys are problems**, not a silent "last one wins"; the first value is kept so
  the rest of the file can still be checked.
- **Bounded.** Nesting deeper than MAX_DEPTH, more than MAX_ALIASES aliases, aliases that
  would grow the data by more than MAX_ALIAS_GROWTH nodes (the "billion laughs" bomb), whole
  numbers longer than MAX_NUMBER_DIGITS digits, and tags other than the plain YAML ones are
  refused in one sentence, before anything is expanded.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from vanban.errors import KeyPath, Problem, ValidationError, echo, path_text

__all__ = [
    "MAX_ALIASES",
    "MAX_ALIAS_GROWTH",
    "MAX_DEPTH",
    "MAX_NUMBER_DIGITS",
    "Located",
    "UnreadableYaml",
    "YamlDocument",
    "plain",
    "read_yaml",
]

MAX_DEPTH = 64
MAX_ALIASES = 200
MAX_ALIAS_GROWTH = 10_000
MAX_NUMBER_DIGITS = 30

_PLAIN = "vanban:plain"  # a plain scalar, resolved below by YAML 1.2 rules
_STR = "tag:yaml.org,2002:str"
_KNOWN_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_DECIMAL = re.compile(r"^[-+]?[0-9]+$")
_OCTAL = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


@dataclass(frozen=True)
class Located:
    """A YAML value with its key path and the line it is written on.

    ``value`` is a str, int, float, bool or None for a scalar, a list of Located for a
    sequence, or a dict of str to Located for a mapping (keys in file order, NFC). A mapping's
    values carry the line of their key; a list's items their own line.

    ``raw`` is a scalar's text as written (before YAML resolved it to a number or a boolean);
    ``style`` is None for a plain scalar, or the quote or block sign (``'``, ``"``, ``|``,
    ``>``); ``flow`` is True for a ``[a, b]`` or ``{a: b}`` collection.
    """

    value: Any
    key_path: KeyPath
    line: int
    raw: str | None = None
    style: str | None = None
    flow: bool = False
    # A mapping's own key problems (a duplicate, a key that is not a name), also listed in
    # the YamlDocument, so a reader of one mapping can report them beside its other checks.
    problems: tuple[Problem, ...] = ()

    @property
    def path(self) -> str:
        """Return the key path as the author reads it (``noi_dung[2].doan``)."""
        return path_text(self.key_path)

    def get(self, key: str) -> Located | None:
        """Return the entry ``key`` of a mapping (None when absent or not a mapping)."""
        return self.value.get(key) if isinstance(self.value, dict) else None

    def walk(self) -> Iterator[Located]:
        """Yield this value and every value inside it, depth first, in file order."""
        yield self
        children = (
            self.value.values()
            if isinstance(self.value, dict)
            else self.value
            if isinstance(self.value, list)
            else ()
        )
        for child in children:
            yield from child.walk()


@dataclass
class YamlDocument:
    """What ``read_yaml`` found: the root (None for an empty file) and the problems."""

    root: Located | None
    source: str
    problems: list[Problem] = field(default_factory=list)


class UnreadableYaml(ValidationError):
    """The text is not YAML, or breaks a limit; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(
            f"{problem.text('vi')}.",
            f"{problem.text('en')}.",
        )


# libyaml's parser where it is installed (ten times faster on the catalogue's manifests);
# the limits below do not depend on it: they are checked on the events before composing.
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_events(text: str) -> None:
    """Refuse deep nesting and too many aliases from the event stream, before any node exists.

    The parser is a state machine, so 900 levels cost nothing here; composing them (which
    recurses) is what must never start.
    """
    depth = aliases = 0
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Limit(
                    line,
                    f"dữ liệu lồng nhau quá {MAX_DEPTH} cấp; không văn bản nào cần sâu như vậy, "
                    "hãy kiểm tra thụt lề và dấu ngoặc",
                    f"the data is nested more than {MAX_DEPTH} levels deep; no document needs "
                    "that, check the indentation and brackets",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _Limit(
                    line,
                    f"tệp dùng quá {MAX_ALIASES} bí danh (*); hãy viết giá trị ra thay vì "
                    "tham chiếu",
                    f"the file uses more than {MAX_ALIASES} aliases (*); write the values out "
                    "instead",
                )


class _Loader(_BASE_LOADER):  # type: ignore[misc]
    """Composes nodes only; marks plain scalars for the YAML 1.2 resolution below."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)


class _Limit(Exception):
    def __init__(self, line: int | None, vi: str, en: str) -> None:
        super().__init__(vi)
        self.line, self.vi, self.en = line, vi, en


def _expanded_size(root: yaml.Node) -> tuple[int, int]:
    """Return (distinct nodes, nodes once every alias is expanded), without expanding."""
    sizes: dict[int, int] = {}
    # Iterative post-order: a composed graph is at most MAX_DEPTH deep, but aliases can share.
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        if done:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return len(sizes), sizes[id(root)]


def _syntax_problem(exc: yaml.YAMLError, text: str, source: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    reason = str(getattr(exc, "problem", None) or "")
    shown = written = ""
    if line is not None:
        lines = text.splitlines()
        if 0 < line <= len(lines):
            written = lines[line - 1]
            shown = written.strip()
    echo_vi = f" “{echo(shown)}”" if shown else ""
    if "mapping values are not allowed" in reason or (
        "could not find expected ':'" in reason and ":" in shown
    ):
        return Problem(
            line,
            f"dòng{echo_vi} có dấu hai chấm “:” ở giữa đoạn văn, nên YAML hiểu nhầm là một "
            'khóa mới; hãy đặt đoạn văn trong dấu nháy, ví dụ mo_dau: "… như sau:"',
            f"the line{echo_vi} has a colon “:” inside the text, which YAML reads as a new "
            'key; put the text in quotes, for example mo_dau: "… as follows:"',
            source,
        )
    if "\t" in written[: len(written) - len(written.lstrip())]:
        return Problem(
            line,
            f"dòng{echo_vi} thụt lề bằng phím Tab; YAML chỉ nhận dấu cách, hãy thay Tab bằng "
            "dấu cách",
            f"the line{echo_vi} is indented with a Tab; YAML accepts only spaces, replace it",
            source,
        )
    return Problem(
        line,
        f"không đọc được YAML ở dòng{echo_vi} ({reason or 'lỗi cú pháp'}); hãy kiểm tra "
        "thụt lề, dấu hai chấm, dấu nháy và dấu ngoặc ở dòng này hoặc dòng trên",
        f"this is not valid YAML at the line{echo_vi} ({reason or 'syntax error'}); check the "
        "indentation, colons, quotes and brackets on this line or the one above",
        source,
    )


def _resolve_plain(text: str) -> Any:
    """Return the YAML 1.2 core value of a plain scalar (text when it is none of the others)."""
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    digits = text.lstrip("+-")
    if _DECIMAL.match(text) or _OCTAL.match(text) or _HEX.match(text):
        if len(digits) > MAX_NUMBER_DIGITS:
            raise ValueError(text)
        if _DECIMAL.match(text):
            return int(text, 10)
        return int(text[2:], 8 if text[1] == "o" else 16)
    if _FLOAT.match(text) and len(digits) <= MAX_NUMBER_DIGITS * 2:
        number = float(text)
        return number if math.isfinite(number) else text
    return text


class _Builder:
    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems

    def scalar(self, node: yaml.ScalarNode, path: KeyPath, line: int) -> Located:
        raw = unicodedata.normalize("NFC", str(node.value))
        value: Any = raw
        if node.tag == _PLAIN:
            try:
                value = _resolve_plain(raw)
            except ValueError:
                raise _Limit(
                    line,
                    f"số “{echo(raw)}” dài quá {MAX_NUMBER_DIGITS} chữ số; nếu đó là chữ, "
                    "hãy đặt trong dấu nháy",
                    f"the number “{echo(raw)}” is longer than {MAX_NUMBER_DIGITS} digits; if "
                    "it is text, put it in quotes",
                ) from None
        elif node.tag != _STR:
            value = self._tagged(node, raw, line)
        # libyaml says "" for a plain scalar where PyYAML says None: one spelling here.
        return Located(value, path, line, raw=raw, style=node.style or None)

    def _tagged(self, node: yaml.ScalarNode, raw: str, line: int) -> Any:
        try:
            value = _resolve_plain(raw)
        except ValueError:
            value = raw
        wanted = node.tag.rsplit(":", 1)[-1]
        kinds = {"int": int, "float": float, "bool": bool, "null": type(None)}
        if wanted == "float" and type(value) is int:
            value = float(value)
        if type(value) is not kinds[wanted]:
            raise _Limit(
                line,
                f"giá trị “{echo(raw)}” không phải kiểu !!{wanted} như thẻ của nó nói; hãy bỏ "
                "thẻ hoặc sửa giá trị",
                f"the value “{echo(raw)}” is not the !!{wanted} its tag says; drop the tag or "
                "fix the value",
            )
        return value

    def build(self, node: yaml.Node, path: KeyPath, line: int) -> Located:
        if node.tag not in _KNOWN_TAGS and node.tag != _PLAIN:
            raise _Limit(
                line,
                f"thẻ YAML “{echo(node.tag)}” không được hỗ trợ; hãy bỏ thẻ đó",
                f"the YAML tag “{echo(node.tag)}” is not supported; remove it",
            )
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path, line)
        if isinstance(node, yaml.SequenceNode):
            flow = bool(node.flow_style)
            items = [
                self.build(item, (*path, index), item.start_mark.line + 1)
                for index, item in enumerate(node.value)
            ]
            return Located(items, path, line, flow=flow)
        assert isinstance(node, yaml.MappingNode)
        flow = bool(node.flow_style)
        before = len(self.problems)
        entries = self._mapping(node, path)
        own = tuple(
            problem
            for problem in self.problems[before:]
            if len(problem.key_path) <= len(path) + 1 and problem.key_path[: len(path)] == path
        )
        return Located(entries, path, line, flow=flow, problems=own)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Located]:
        entries: dict[str, Located] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(
                        line,
                        "khóa phải là một tên viết liền, không phải danh sách hay bảng; "
                        "hãy sửa lại khóa ở dòng này",
                        "a key must be a plain name, not a list or a mapping; fix the key on "
                        "this line",
                        self.source,
                        path,
                    )
                )
                continue
            # The text as written, so that "yes:" or "010:" stay the names the author typed.
            key = unicodedata.normalize("NFC", str(key_node.value))
            if key in entries:
                self.problems.append(
                    Problem(
                        line,
                        f"khóa “{echo(key)}” xuất hiện hai lần (lần đầu ở dòng "
                        f"{entries[key].line}); hãy giữ lại một",
                        f"the key “{echo(key)}” appears twice (first on line "
                        f"{entries[key].line}); keep one",
                        self.source,
                        (*path, key),
                    )
                )
                continue
            entries[key] = self.build(value_node, (*path, key), line)
        return entries


def read_yaml(text: str, source: str) -> YamlDocument:
    """Read YAML ``text`` (named ``source`` in messages) into located values.

    Duplicate keys and keys that are not names are collected in ``problems``; text that is
    not YAML, or that breaks a limit, raises UnreadableYaml with one sentence.
    """
    problems: list[Problem] = []
    loader = None
    try:
        _check_events(text)
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, source, problems)
        distinct, expanded = _expanded_size(node)
        if expanded - distinct > MAX_ALIAS_GROWTH:
            grown = f"{expanded:,}".replace(",", ".")
            raise _Limit(
                None,
                f"các bí danh (&, *) trong tệp nhân dữ liệu lên hơn {grown} phần tử; "
                "hãy viết giá trị ra thay vì tham chiếu lồng nhau",
                f"the aliases (&, *) in the file multiply the data to over {expanded:,} "
                "elements; write the values out instead of nesting references",
            )
        root = _Builder(source, problems).build(node, (), node.start_mark.line + 1)
        return YamlDocument(root, source, problems)
    except yaml.YAMLError as exc:
        raise UnreadableYaml(_syntax_problem(exc, text, source)) from None
    except _Limit as limit:
        raise UnreadableYaml(Problem(limit.line, limit.vi, limit.en, source)) from None
    except RecursionError:
        raise UnreadableYaml(
            Problem(
                None,
                "dữ liệu lồng nhau quá sâu; hãy kiểm tra thụt lề và dấu ngoặc",
                "the data is nested too deeply; check the indentation and brackets",
                source,
            )
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


def plain(located: Located | None) -> Any:
    """Return the plain Python value of ``located`` (dicts, lists and scalars)."""
    if located is None:
        return None
    if isinstance(located.value, dict):
        return {key: plain(item) for key, item in located.value.items()}
    if isinstance(located.value, list):
        return [plain(item) for item in located.value]
    return located.value
