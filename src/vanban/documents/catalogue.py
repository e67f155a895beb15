"""The template catalogue: each template is a .docx plus a manifest of its fields.

A manifest (``<id>.yaml`` beside ``<id>.docx``) names the template, the document type of
Phụ lục III it produces, and every field with its type, whether it is required, a Vietnamese
label and an example. Data is validated against it before anything renders.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vanban.content_cache import WORKSPACE_CACHES, ContentCache, code_digest
from vanban.datafile import MEGABYTE, plain, read_text_bounded, read_yaml
from vanban.errors import TemplateError, ValidationError
from vanban.resources import shipped_dir

FIELD_TYPES = frozenset(
    {
        "text",  # one string
        "paragraphs",  # a string or a list of strings
        "lines",  # a list of strings
        "integer",  # a whole number ≥ 1
        "year",  # a four-digit year
        "date",  # YYYY-MM-DD
        "body",  # the noi_dung tree
        "numbering",  # danh_so: a list of numbering styles
        "signature",  # the ky block
        "code",  # an abbreviation such as HKH: letters, digits and "-", no spaces
        "time",  # a time of day: 14:00, "14 giờ 00"
        "table",  # a list of rows, each a mapping of the keys in `columns`
        "positions",  # printable item → {x, y, size, bold, …} in mm/pt (print on a blank)
    }
)
COLUMN_TYPES = frozenset({"text", "integer", "year", "date"})
_TEMPLATE_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
# "ten", "chuc_vu?" (optional), "so_tien:integer", "so_tien?:integer"
_COLUMN = re.compile(r"^([a-z][a-z0-9_]*)(\??)(?::([a-z]+))?$")

# A manifest is a page or two of YAML.
MAX_MANIFEST_BYTES = MEGABYTE
CACHE_FORMAT = "1"  # part of every key: a new format never reads an old entry
MANIFEST_CACHE = WORKSPACE_CACHES / "manifests.json"  # inside the workspace root


@dataclass(frozen=True)
class ColumnSpec:
    """One key of a table row (or one printable item of a positions field)."""

    name: str
    required: bool = True
    type: str = "text"


@dataclass(frozen=True)
class FieldSpec:
    """One field a template accepts."""

    name: str
    type: str
    required: bool
    label: str
    label_en: str
    example: Any = None
    description: str = ""
    columns: tuple[ColumnSpec, ...] = ()

    def column(self, name: str) -> ColumnSpec | None:
        """Return the column called ``name``, or None."""
        return next((column for column in self.columns if column.name == name), None)


@dataclass(frozen=True)
class TemplateSpec:
    """A template: its .docx, what it produces and the fields it accepts."""

    id: str
    title: str
    title_en: str
    document_type: str
    form: str
    docx_path: Path
    fields: tuple[FieldSpec, ...]
    # Which context builder (documents/builders.py) turns the data into what the template prints.
    context: str = "standard"

    def field(self, name: str) -> FieldSpec | None:
        """Return the field called ``name``, or None."""
        return next((spec for spec in self.fields if spec.name == name), None)

    def example_data(self) -> dict[str, Any]:
        """Return the manifest's example values as document data."""
        return {spec.name: spec.example for spec in self.fields if spec.example is not None}


def _manifest_error(path: Path, problem: str, problem_en: str) -> TemplateError:
    return TemplateError(
        f"Tệp mô tả mẫu “{path}” không hợp lệ: {problem}. Hãy sửa tệp mô tả rồi chạy lại.",
        f"The template manifest “{path}” is invalid: {problem_en}. Fix it and run again.",
    )


def _parse_field(path: Path, index: int, raw: Any) -> FieldSpec:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise _manifest_error(
            path, f"trường thứ {index + 1} thiếu “name”", f"field {index + 1} has no “name”"
        )
    name = raw["name"]
    kind = raw.get("type")
    if kind not in FIELD_TYPES:
        raise _manifest_error(
            path,
            f"trường “{name}” có kiểu “{kind}” không được hỗ trợ",
            f"field “{name}” has the unsupported type “{kind}”",
        )
    return FieldSpec(
        name=name,
        type=kind,
        required=bool(raw.get("required", False)),
        label=str(raw.get("label", name)),
        label_en=str(raw.get("label_en", raw.get("label", name))),
        example=raw.get("example"),
        description=str(raw.get("description", "")),
        columns=_parse_columns(path, name, kind, raw.get("columns")),
    )


def _parse_columns(path: Path, name: str, kind: str, raw: Any) -> tuple[ColumnSpec, ...]:
    """Parse a table's (or positions field's) ``columns``: ["ten", "chuc_vu?", "so:integer"]."""
    if kind not in ("table", "positions"):
        if raw is not None:
            raise _manifest_error(
                path,
                f"trường “{name}” kiểu “{kind}” không có “columns”",
                f"field “{name}” of type “{kind}” takes no “columns”",
            )
        return ()
    if not isinstance(raw, list) or not raw:
        raise _manifest_error(
            path,
            f"trường “{name}” kiểu “{kind}” cần danh sách “columns”",
            f"field “{name}” of type “{kind}” needs a “columns” list",
        )
    columns: list[ColumnSpec] = []
    for item in raw:
        match = _COLUMN.match(item) if isinstance(item, str) else None
        column_type = (match.group(3) or "text") if match else ""
        if match is None or column_type not in COLUMN_TYPES:
            raise _manifest_error(
                path,
                f"cột “{item}” của trường “{name}” không hợp lệ; viết “ten”, “ten?” hoặc "
                f"“ten:integer” (kiểu: {', '.join(sorted(COLUMN_TYPES))})",
                f"column “{item}” of field “{name}” is invalid; write “ten”, “ten?” or "
                f"“ten:integer” (types: {', '.join(sorted(COLUMN_TYPES))})",
            )
        columns.append(ColumnSpec(match.group(1), not match.group(2), column_type))
    return tuple(columns)


# Manifests already read by this process, by path and text: a process that serves many
# commands (a test run, a benchmark's warm workers) parses each manifest once.
_READ: dict[tuple[str, str], TemplateSpec] = {}


def _manifest_text(path: Path) -> str:
    try:
        return read_text_bounded(path, MAX_MANIFEST_BYTES)
    except ValidationError as exc:
        raise _manifest_error(path, "không đọc được YAML", "it is not readable YAML") from exc


def load_manifest(path: Path) -> TemplateSpec:
    """Load one manifest file; its .docx is the file it names, beside it."""
    return _spec_of(path, _manifest_text(path))


def _spec_of(path: Path, text: str) -> TemplateSpec:
    key = (str(path), text)
    spec = _READ.get(key)
    if spec is None:
        spec = _READ[key] = _parse_manifest(path, text)
    return spec


@functools.cache
def _reader_digest() -> str:
    """The source of the code a manifest's meaning depends on: this module, the YAML reader."""
    here = Path(__file__).resolve()
    return code_digest([here, *here.parent.parent.glob("datafile/*.py")])


def _as_json(spec: TemplateSpec) -> dict[str, Any]:
    return {
        "id": spec.id,
        "title": spec.title,
        "title_en": spec.title_en,
        "document_type": spec.document_type,
        "form": spec.form,
        "file": spec.docx_path.name,
        "context": spec.context,
        "fields": [
            [
                *(field.name, field.type, field.required, field.label, field.label_en),
                *(field.example, field.description),
                [[column.name, column.required, column.type] for column in field.columns],
            ]
            for field in spec.fields
        ],
    }


def _from_json(value: dict[str, Any], path: Path) -> TemplateSpec:
    if not _bare_file_name(value["file"]):
        raise ValueError(f"not a file name beside the manifest: {value['file']!r}")
    fields = tuple(
        FieldSpec(
            *(name, kind, required, label, label_en, example, description),
            columns=tuple(ColumnSpec(*column) for column in columns),
        )
        for name, kind, required, label, label_en, example, description, columns in value["fields"]
    )
    return TemplateSpec(
        id=value["id"],
        title=value["title"],
        title_en=value["title_en"],
        document_type=value["document_type"],
        form=value["form"],
        docx_path=path.parent / value["file"],
        fields=fields,
        context=value["context"],
    )


def _sound_from_json(value: dict[str, Any], path: Path) -> TemplateSpec:
    """The spec a cache entry holds; ValueError when it is not what a manifest's reading gives."""
    spec = _from_json(value, path)
    if not _sound(spec):
        raise ValueError("not what reading a manifest gives")
    return spec


def _sound(spec: TemplateSpec) -> bool:
    """Whether a spec read from the cache holds what a manifest's reading gives (its kinds)."""
    texts = [spec.id, spec.title, spec.title_en, spec.document_type, spec.form, spec.context]
    for field in spec.fields:
        texts += [field.name, field.label, field.label_en, field.description]
        texts += [column.name for column in field.columns]
    flags = [field.required for field in spec.fields]
    flags += [column.required for field in spec.fields for column in field.columns]
    return (
        all(type(text) is str for text in texts)
        and all(type(flag) is bool for flag in flags)
        and bool(_TEMPLATE_ID.match(spec.id) and _TEMPLATE_ID.match(spec.context))
        and all(field.type in FIELD_TYPES for field in spec.fields)
        and all(column.type in COLUMN_TYPES for field in spec.fields for column in field.columns)
    )


def _load_cached(path: Path, cache: ContentCache) -> TemplateSpec:
    """Load the manifest at ``path`` as its content was read before (``cache``), or read it."""
    text = _manifest_text(path)
    remembered = _READ.get((str(path), text))
    if remembered is not None:
        return remembered
    key = cache.key(text.encode("utf-8"))
    cached = cache.get(key, lambda entry: _sound_from_json(entry, path))
    if cached is not None:
        _READ[(str(path), text)] = cached
        return cached
    spec = _spec_of(path, text)
    cache.put(key, _as_json(spec))  # YAML's values as read (keys are text): JSON's values
    return spec


def _bare_file_name(name: object) -> bool:
    return isinstance(name, str) and name not in ("", ".", "..") and not set(name) & set("/\\")


def _parse_manifest(path: Path, text: str) -> TemplateSpec:
    try:
        document = read_yaml(text, str(path))
    except ValidationError as exc:
        raise _manifest_error(path, "không đọc được YAML", "it is not readable YAML") from exc
    if document.problems:
        raise _manifest_error(path, document.problems[0].vi, document.problems[0].en)
    raw = plain(document.root)
    if not isinstance(raw, dict):
        raise _manifest_error(path, "phải là một bảng khóa", "it must be a mapping")
    template_id = raw.get("id")
    if not isinstance(template_id, str) or not _TEMPLATE_ID.match(template_id):
        raise _manifest_error(path, "thiếu “id” hợp lệ", "it has no valid “id”")
    docx_name = raw.get("file", f"{template_id}.docx")
    if not _bare_file_name(docx_name):
        raise _manifest_error(path, "“file” phải là tên tệp", "“file” must be a bare file name")
    fields = raw.get("fields")
    if not isinstance(fields, list) or not fields:
        raise _manifest_error(path, "thiếu danh sách “fields”", "it has no “fields” list")
    context = raw.get("context", "standard")
    if not isinstance(context, str) or not _TEMPLATE_ID.match(context):
        raise _manifest_error(
            path, "“context” phải là tên một bộ dựng ngữ cảnh", "“context” must name a builder"
        )
    return TemplateSpec(
        id=template_id,
        title=str(raw.get("title", template_id)),
        title_en=str(raw.get("title_en", raw.get("title", template_id))),
        document_type=str(raw.get("document_type", "")),
        form=str(raw.get("form", "")),
        docx_path=path.parent / docx_name,
        fields=tuple(_parse_field(path, index, item) for index, item in enumerate(fields)),
        context=context,
    )


def default_folders() -> list[Path]:
    """Return the template folders: those in ``VANBAN_TEMPLATES`` first, then the shipped ones."""
    extra = os.environ.get("VANBAN_TEMPLATES", "")
    return [Path(part) for part in extra.split(os.pathsep) if part] + [shipped_dir("doc_templates")]


class TemplateCatalogue:
    """The templates found in a list of folders; earlier folders win on a shared id."""

    def __init__(self, folders: list[Path] | None = None, *, cache: Path | None = None) -> None:
        """``cache``: the JSON file where manifests read before are kept by content (None:
        every manifest is read)."""
        self.folders = folders if folders is not None else default_folders()
        self.cache = cache
        self._specs: dict[str, TemplateSpec] | None = None

    def _load(self) -> dict[str, TemplateSpec]:
        if self._specs is None:
            manifests = [
                manifest
                for folder in reversed(self.folders)
                for manifest in sorted(folder.glob("*.yaml"))
            ]
            if self.cache is None:
                specs = [load_manifest(manifest) for manifest in manifests]
            else:
                cache = ContentCache(self.cache, [CACHE_FORMAT, _reader_digest()])
                try:
                    specs = [_load_cached(manifest, cache) for manifest in manifests]
                finally:  # the manifests found sound are kept, even when a later one is not
                    cache.save()
            self._specs = {spec.id: spec for spec in specs}
        return self._specs

    def list(self) -> list[TemplateSpec]:
        """Return every template, sorted by id."""
        return [self._load()[key] for key in sorted(self._load())]

    def get(self, template_id: str) -> TemplateSpec:
        """Return the template ``template_id`` or raise TemplateError naming the choices."""
        specs = self._load()
        if template_id in specs:
            return specs[template_id]
        known = ", ".join(sorted(specs)) or "(không có)"
        raise TemplateError(
            f"Không có mẫu văn bản “{template_id}”. Các mẫu hiện có: {known} "
            "(xem bằng lệnh “vanban template list”).",
            f"There is no template “{template_id}”. Available: {known} "
            "(see “vanban template list”).",
        )
