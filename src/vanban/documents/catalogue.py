"""The template catalogue: each template is a .docx plus a manifest of its fields.

A manifest (``<id>.yaml`` beside ``<id>.docx``) names the template, the document type of
Phụ lục III it produces, and every field with its type, whether it is required, a Vietnamese
label and an example. Data is validated against it before anything renders.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vanban.errors import TemplateError
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
    }
)
_TEMPLATE_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


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

    def field(self, name: str) -> FieldSpec | None:
        """Return the field called ``name``, or None."""
        return next((spec for spec in self.fields if spec.name == name), None)

    @property
    def required_fields(self) -> tuple[FieldSpec, ...]:
        """The fields that must be present."""
        return tuple(spec for spec in self.fields if spec.required)

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
    )


def load_manifest(path: Path) -> TemplateSpec:
    """Load one manifest file; its .docx is the file it names, beside it."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise _manifest_error(path, "không đọc được YAML", "it is not readable YAML") from exc
    if not isinstance(raw, dict):
        raise _manifest_error(path, "phải là một bảng khóa", "it must be a mapping")
    template_id = raw.get("id")
    if not isinstance(template_id, str) or not _TEMPLATE_ID.match(template_id):
        raise _manifest_error(path, "thiếu “id” hợp lệ", "it has no valid “id”")
    docx_name = raw.get("file", f"{template_id}.docx")
    if not isinstance(docx_name, str) or "/" in docx_name or "\\" in docx_name:
        raise _manifest_error(path, "“file” phải là tên tệp", "“file” must be a bare file name")
    fields = raw.get("fields")
    if not isinstance(fields, list) or not fields:
        raise _manifest_error(path, "thiếu danh sách “fields”", "it has no “fields” list")
    return TemplateSpec(
        id=template_id,
        title=str(raw.get("title", template_id)),
        title_en=str(raw.get("title_en", raw.get("title", template_id))),
        document_type=str(raw.get("document_type", "")),
        form=str(raw.get("form", "")),
        docx_path=path.parent / docx_name,
        fields=tuple(_parse_field(path, index, item) for index, item in enumerate(fields)),
    )


def default_folders() -> list[Path]:
    """Return the template folders: those in ``VANBAN_TEMPLATES`` first, then the shipped ones."""
    extra = os.environ.get("VANBAN_TEMPLATES", "")
    return [Path(part) for part in extra.split(os.pathsep) if part] + [shipped_dir("doc_templates")]


class TemplateCatalogue:
    """The templates found in a list of folders; earlier folders win on a shared id."""

    def __init__(self, folders: list[Path] | None = None) -> None:
        self.folders = folders if folders is not None else default_folders()
        self._specs: dict[str, TemplateSpec] | None = None

    def _load(self) -> dict[str, TemplateSpec]:
        if self._specs is None:
            specs: dict[str, TemplateSpec] = {}
            for folder in reversed(self.folders):
                for manifest in sorted(folder.glob("*.yaml")):
                    spec = load_manifest(manifest)
                    specs[spec.id] = spec
            self._specs = specs
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
