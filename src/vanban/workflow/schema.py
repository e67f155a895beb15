"""The shape of a workflow file as a pydantic schema, and its errors said as vanban says them.

``WorkflowFile`` is what a workflows/*.yaml file may hold: which keys, which types, how a name
is written (strict: YAML's ``true`` is a flag, ``"true"`` is text; no key outside the schema).
pydantic reports every error at once with its path; ``FileProblems`` turns each into the
sentence an administrator reads (vi/en), at the line of the value, as the one ``Problem`` type.
What the names refer to is checked by validate.py.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
)
from pydantic import ValidationError as SchemaError
from pydantic_core import ErrorDetails, PydanticUseDefault

from vanban.datafile import Located, plain
from vanban.errors import KeyPath
from vanban.vietnamese import closest
from vanban.workflow.problems import Problem, choices

__all__ = ["FORMAT_VERSION", "FileProblems", "Loc", "WorkflowFile", "check_shape"]

FORMAT_VERSION = 1
# Where a value is: keys and list indexes from the top, "[key]" for a mapping's key itself.
Loc = tuple[str | int, ...]
_NAME_PATTERN = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"

# ---- the schema ------------------------------------------------------------------------------

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=_NAME_PATTERN)]


def _listed(value: object) -> object:
    """A single name stands for a list of one: ``from: draft`` is ``from: [draft]``."""
    return value if isinstance(value, list) else [value]


def _rendered(value: object, info: ValidationInfo) -> object:
    """``render: true`` is the workflow's document, ``false`` nothing, else template ids."""
    if value is True and isinstance(info.context, dict) and info.context.get("document"):
        return [info.context["document"]]
    if isinstance(value, bool):
        raise PydanticUseDefault  # nothing (or a document already reported as wrong)
    return _listed(value)


Names = Annotated[list[Text], BeforeValidator(_listed), Field(min_length=1)]
Templates = Annotated[list[Text], BeforeValidator(_rendered), Field(min_length=1)]


class _Schema(BaseModel):
    # strict: YAML gave real booleans and numbers, so "true" as text is not a flag.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class StateSchema(_Schema):
    """One state: ``draft: {label: Dự thảo}``, ``final: true`` for an end."""

    label: Text
    final: bool = False


class EventSchema(_Schema):
    """One event (việc): from which states, to which, who fires it, what it produces."""

    label: Text
    sources: Names = Field(alias="from")
    to: Text
    roles: Names
    guards: Names = []
    render: Templates = []
    number: bool = False
    data: bool = False


class WorkflowFile(_Schema):
    """A whole workflows/*.yaml file."""

    # Not Literal[1]: YAML's true equals 1 in Python, and a flag is not a version.
    version: Annotated[int, Field(strict=True, ge=FORMAT_VERSION, le=FORMAT_VERSION)]
    name: Name
    label: Text
    document: Text
    initial: Text
    states: Annotated[dict[Name, StateSchema], Field(min_length=1)]
    events: Annotated[dict[Name, EventSchema], Field(min_length=1)]


def _keys(schema: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (required, optional) keys of a schema, as the file spells them."""
    fields = schema.model_fields
    spelt = [(field.alias or name, field.is_required()) for name, field in fields.items()]
    return (
        tuple(key for key, required in spelt if required),
        tuple(key for key, required in spelt if not required),
    )


_TABLES: dict[str, type[BaseModel]] = {"states": StateSchema, "events": EventSchema}
_EMPTY_TABLE = {
    "states": ("chưa có trạng thái nào", "there are no states"),
    "events": ("chưa có việc nào", "there are no events"),
}
_ITEM = {"states": ("trạng thái", "the state"), "events": ("việc", "the event")}
_KEY_NAME = {"states": ("tên trạng thái", "state name"), "events": ("tên việc", "event name")}

# ---- from schema errors to problems ------------------------------------------------------------


def _schema_at(loc: Loc) -> type[BaseModel] | None:
    """The schema of the mapping at ``loc`` (None for a states or events table)."""
    if not loc:
        return WorkflowFile
    if len(loc) == 2 and loc[0] in _TABLES:
        return _TABLES[str(loc[0])]
    return None


def _what(loc: Loc) -> tuple[str, str]:
    """How messages name the value at ``loc`` (list items are named by their list)."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return "Tệp quy trình", "A workflow file"
    if names == ["name"]:
        return "tên quy trình", "the workflow name"
    if names[-1] == "[key]":
        return _KEY_NAME[names[0]]
    if len(names) == 2 and names[0] in _TABLES:
        vi, en = _ITEM[names[0]]
        return f"{vi} “{names[1]}”", f"{en} “{names[1]}”"
    return f"“{names[-1]}”", f"“{names[-1]}”"


class FileProblems:
    """Problems of one file, each at the line of the value it is about."""

    def __init__(self, root: Located, source: str, problems: list[Problem]) -> None:
        self.root = root
        self.source = source
        self.problems = problems

    def node(self, loc: Loc) -> Located:
        """The deepest value the file has along ``loc`` (the mapping, for a missing key)."""
        at = self.root
        for part in loc:
            inside = at.value
            if isinstance(inside, dict) and isinstance(part, str):
                at = inside.get(part, at)
            elif isinstance(inside, list) and isinstance(part, int) and part < len(inside):
                at = inside[part]
        return at

    def add(self, at: Located, vi: str, en: str) -> None:
        # Items of a list share the list's path: the message quotes the item itself.
        keys: KeyPath = tuple(part for part in at.key_path if isinstance(part, str))
        self.problems.append(Problem(at.line, vi, en, self.source, keys))

    def schema_errors(self, errors: list[ErrorDetails]) -> None:
        """Say each schema error as the author reads it; "lable" for a missing "label" is
        one mistake, not two."""
        misspelt = {
            (error["loc"][:-1], closest(str(error["loc"][-1]), _allowed(error["loc"][:-1])))
            for error in errors
            if error["type"] == "extra_forbidden"
        }
        for error in errors:
            loc = error["loc"]
            if error["type"] == "missing" and (loc[:-1], loc[-1]) in misspelt:
                continue
            self._schema_error(error)

    def _schema_error(self, error: ErrorDetails) -> None:
        loc, kind, given = error["loc"], error["type"], error["input"]
        what, what_en = _what(loc)
        if kind == "missing":
            key = loc[-1]
            self.add(
                self.node(loc[:-1]),
                f"thiếu khóa “{key}”; hãy thêm “{key}: …” (xem docs/workflow-format.md)",
                f"the key “{key}” is missing; add “{key}: …” (see docs/workflow-format.md)",
            )
        elif loc == ("version",) and kind != "missing":
            self.add(
                self.node(loc),
                f"phiên bản “{given}” không được hỗ trợ; hãy ghi version: {FORMAT_VERSION}",
                f"version “{given}” is not supported; write version: {FORMAT_VERSION}",
            )
        elif kind == "extra_forbidden":
            key = str(loc[-1])
            vi, en = choices(key, _allowed(loc[:-1]))
            self.add(
                self.node(loc), f"khóa “{key}” không dùng ở đây; {vi}", f"unknown key “{key}”; {en}"
            )
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            schema = _schema_at(loc)
            required = _keys(schema)[0] if schema is not None else ()
            example = f"các khóa {', '.join(required)}" if required else "mỗi tên một dòng"
            example_en = f"the keys {', '.join(required)}" if required else "one name per line"
            self.add(
                self.node(loc),
                f"{what} phải là một bảng “khóa: giá trị”; hãy viết {example}",
                f"{what_en} must be a “key: value” mapping; write {example_en}",
            )
        elif kind == "string_pattern_mismatch":
            text = str(given).strip()
            self.add(
                self.node(loc),
                f"{what} “{text}” phải viết thường, không dấu, nối bằng “_” (ví dụ “da_duyet”)",
                f"{what_en} “{text}” must be lower-case ASCII joined by “_” (e.g. “da_duyet”)",
            )
        elif kind == "bool_type":
            flag = loc[-1]
            self.add(
                self.node(loc),
                f"“{flag}” phải là true hoặc false, không phải “{given}”",
                f"“{flag}” must be true or false, not “{given}”",
            )
        elif kind == "too_short" and loc and loc[-1] in _EMPTY_TABLE:
            self.add(self.node(loc), *_EMPTY_TABLE[str(loc[-1])])
        elif kind == "too_short":
            self.add(self.node(loc), f"{what} đang để trống", f"{what_en} is empty")
        else:  # not text where text belongs (string_type, string_too_short, ...)
            self.add(self.node(loc), f"{what} phải là một đoạn chữ", f"{what_en} must be text")


def _allowed(loc: Loc) -> tuple[str, ...]:
    schema = _schema_at(loc)
    if schema is None:
        return ()
    required, optional = _keys(schema)
    return (*required, *optional)


def check_shape(root: Located, problems: FileProblems) -> tuple[WorkflowFile | None, list[Loc]]:
    """Check ``root`` against ``WorkflowFile``, adding a problem for each error; return the
    checked file (None when its shape is wrong) and where the errors are."""
    values: Any = plain(root)
    document = values.get("document") if isinstance(values, dict) else None
    context = {"document": document.strip() if isinstance(document, str) else None}
    try:
        return WorkflowFile.model_validate(values, context=context), []
    except SchemaError as error:
        errors = error.errors()
    problems.schema_errors(errors)
    return None, [error["loc"] for error in errors]
