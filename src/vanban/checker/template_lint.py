"""Linting templates: split tags, variables and fields against the manifest, sandbox, rendering.

What a template may print is what its manifest's context builder produces: "so_ky_hieu" from
"so" and "ky_hieu_co_quan", "dia_danh_ngay" from "dia_danh" and "ngay", and so on. Nothing
here lists those names: the builder is run on the manifest's example data, and then once
per field with that field changed or removed, so each field's context keys are whatever
the builder really derives from it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docxtpl import RichText
from jinja2 import meta

from vanban.checker.template_source import Part, read_parts
from vanban.documents import Renderer, TemplateCatalogue, TemplateSpec
from vanban.documents.builders import context_builder
from vanban.documents.data_source import DocumentData
from vanban.documents.environment import DocumentEnvironment, make_environment
from vanban.documents.package_guard import read_docx
from vanban.documents.validation import validate
from vanban.errors import Message, VanbanError

EXAMPLE_DAY = dt.date(2024, 1, 29)  # "today" for drafts, so lint results never change
_REMOVE = object()
# A different, valid value per field type, to see which context keys a field feeds.
_OTHER_VALUES: dict[str, Any] = {
    "text": "Giá trị khác để thử",
    "code": "ZZQ",
    "paragraphs": ["Đoạn văn khác để thử."],
    "lines": ["Dòng khác để thử"],
    "integer": 97,
    "numbering": ["1", "a"],
    "body": [{"tieu_de": "MỤC KHÁC", "doan": ["Đoạn khác để thử."]}],
    "signature": {"chuc_vu": "GIÁM ĐỐC", "ho_ten": "Nguyễn Văn Thử"},
}


@dataclass
class TemplateInspection:
    """What the template checks read about one template."""

    spec: TemplateSpec
    environment: DocumentEnvironment
    parts: list[Part]
    context_keys: frozenset[str] = frozenset()
    # Context keys each field feeds; None when no changed value of the field was valid.
    feeds: dict[str, frozenset[str] | None] = field(default_factory=dict)
    read_fields: frozenset[str] = frozenset()  # fields the context builder looks at
    example_problem: Message | None = None
    render_problem: Message | None = None

    @property
    def used_names(self) -> dict[str, Part]:
        """Top-level names the template reads, with the first part reading each."""
        names: dict[str, Part] = {}
        for part in self.parts:
            if part.tree is not None:
                for name in sorted(meta.find_undeclared_variables(part.tree)):
                    names.setdefault(name, part)
        return names


def _comparable(value: Any) -> Any:
    if isinstance(value, RichText):
        return ("RichText", str(value.xml))
    if isinstance(value, Mapping):
        return tuple(sorted((str(key), _comparable(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_comparable(item) for item in value)
    return value


class _Recording(Mapping[str, Any]):
    """Validated values that remember which keys the context builder read."""

    def __init__(self, values: Mapping[str, Any], read: set[str]) -> None:
        self._values = values
        self._read = read

    def __getitem__(self, key: str) -> Any:
        self._read.add(key)
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self._read.add(key)
        return key in self._values

    def __iter__(self) -> Iterator[str]:
        self._read.update(self._values)  # copied wholesale: every key counts as read
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def _context(
    spec: TemplateSpec, data: dict[str, Any], read: set[str] | None = None
) -> dict[str, Any]:
    values = validate(spec, DocumentData(values=data, source=f"{spec.id}.yaml"))
    recording = _Recording(values, read if read is not None else set())
    return context_builder(spec)(spec, recording, today=EXAMPLE_DAY)


def _perturbed(value: Any) -> Any:
    """Return ``value`` changed a little, keeping its shape (for field types not listed)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, str):
        return value + " thử"
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1 if value.day < 28 else -1)
    if isinstance(value, list) and value:
        return [_perturbed(value[0]), *value[1:]]
    if isinstance(value, dict) and value:
        first = next(iter(value))
        return {**value, first: _perturbed(value[first])}
    return _REMOVE


def _variants(spec: TemplateSpec, name: str, data: dict[str, Any]) -> list[Any]:
    field_spec = spec.field(name)
    if field_spec is None:
        return []
    variants: list[Any] = []
    if name in data and not field_spec.required:
        variants.append(_REMOVE)
    if field_spec.type in _OTHER_VALUES:
        variants.append(_OTHER_VALUES[field_spec.type])
    if name in data:
        variants.append(_perturbed(data[name]))
    return variants


def _field_feeds(spec: TemplateSpec, name: str, example: dict[str, Any]) -> frozenset[str] | None:
    """Return the context keys that change with field ``name``; None if no change validated.

    A field can matter only when another is absent ("nam" prints only without "ngay"), so
    each change is tried on the full example and on the required fields alone.
    """
    required = {f.name for f in spec.fields if f.required} | {name}
    baselines = [example, {key: value for key, value in example.items() if key in required}]
    feeds: set[str] = set()
    tried = False
    for baseline in baselines:
        try:
            base = _context(spec, baseline)
        except VanbanError:
            continue
        for variant in _variants(spec, name, baseline):
            data = {key: value for key, value in baseline.items() if key != name}
            if variant is not _REMOVE:
                data[name] = variant
            try:
                changed = _context(spec, data)
            except (VanbanError, ValueError, KeyError, TypeError):
                continue  # not a valid value for this template: try the next one
            tried = True
            feeds |= {
                key
                for key in set(base) | set(changed)
                if _comparable(base.get(key)) != _comparable(changed.get(key))
            }
    return frozenset(feeds) if tried else None


def inspect_template(spec: TemplateSpec, catalogue: TemplateCatalogue) -> TemplateInspection:
    """Read, compile and try out one template (raise VanbanError if its .docx is unsafe)."""
    environment = make_environment()
    inspection = TemplateInspection(
        spec, environment, read_parts(read_docx(spec.docx_path), environment)
    )
    example = spec.example_data()
    read: set[str] = set()
    required = {item.name for item in spec.fields if item.required}
    # The required fields alone may not make a document: then the full example decides.
    with contextlib.suppress(VanbanError, ValueError, KeyError, TypeError):
        _context(spec, {key: value for key, value in example.items() if key in required}, read)
    try:
        base = _context(spec, dict(example), read)
    except VanbanError as error:
        inspection.example_problem = error.message
    else:
        inspection.context_keys = frozenset(base)
        inspection.read_fields = frozenset(read)
        inspection.feeds = {
            item.name: _field_feeds(spec, item.name, example) for item in spec.fields
        }
    try:
        Renderer(environment).render(
            catalogue.get(spec.id),
            DocumentData(values=dict(example), source=f"{spec.id}.yaml"),
            today=EXAMPLE_DAY,
        )
    except VanbanError as error:
        inspection.render_problem = error.message
    return inspection


def template_specs(path: Path | None) -> tuple[TemplateCatalogue, list[TemplateSpec], list[Path]]:
    """Return the catalogue, the templates to lint and the .docx paths that have no manifest.

    ``path`` is a template .docx (its manifest beside it), a folder of templates, or None for
    every template of the default catalogue.
    """
    if path is None:
        catalogue = TemplateCatalogue()
        return catalogue, catalogue.list(), []
    folder = path if path.is_dir() else path.parent
    catalogue = TemplateCatalogue([folder])
    specs = catalogue.list()
    if path.is_dir():
        return catalogue, specs, []
    chosen = [spec for spec in specs if spec.docx_path.resolve() == path.resolve()]
    return catalogue, chosen, [] if chosen else [path]
