"""Rendering a template with document data into .docx bytes.

The data is validated and turned into a context here; vanban.docx renders it: docxtpl's
template language in a sandboxed, strict, autoescaping Jinja environment (body, headers,
footers and document properties alike), each template prepared once, only the parts holding
Jinja rendered, and byte-for-byte reproducible output (fixed zip timestamps), so the same data
always gives the same file and the same sha256.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError as JinjaTemplateError
from jinja2.exceptions import SecurityError, UndefinedError
from lxml.etree import XMLSyntaxError

from vanban.documents.builders import context_builder
from vanban.documents.catalogue import TemplateSpec
from vanban.documents.data_source import DocumentData
from vanban.documents.environment import REMOVED_GLOBALS, DocumentEnvironment, make_environment
from vanban.documents.package_guard import read_docx
from vanban.documents.validation import DataProblem, validate
from vanban.docx import BodyStep, DocxRenderer
from vanban.docx.sections import TABLE_SECTION, settle_sections
from vanban.errors import TemplateError


@dataclass(frozen=True)
class RenderedDocument:
    """A rendered .docx: its bytes and their sha256."""

    template_id: str
    content: bytes

    @property
    def sha256(self) -> str:
        """Hex sha256 of the file, its content address in the store."""
        return hashlib.sha256(self.content).hexdigest()


def _is_removed_global(exc: Exception) -> bool:
    return isinstance(exc, UndefinedError) and any(
        f"'{name}' is undefined" in str(exc) for name in REMOVED_GLOBALS
    )


def _template_failure(spec: TemplateSpec, exc: Exception) -> TemplateError:
    if isinstance(exc, SecurityError) or _is_removed_global(exc):
        return TemplateError(
            f"Mẫu “{spec.id}” chứa lệnh không an toàn và đã bị chặn ({exc}). "
            "Hãy bỏ lệnh đó khỏi tệp mẫu; mẫu chỉ được in dữ liệu, không được gọi mã.",
            f"The template “{spec.id}” contains an unsafe expression that was blocked ({exc}). "
            "Remove it: a template may print data, not run code.",
        )
    if isinstance(exc, UndefinedError):
        return TemplateError(
            f"Mẫu “{spec.id}” dùng một giá trị không có trong dữ liệu ({exc}). "
            "Hãy khai báo trường đó trong tệp mô tả mẫu hoặc bỏ nó khỏi mẫu.",
            f"The template “{spec.id}” uses a value the data does not have ({exc}). "
            "Declare the field in the manifest or remove it from the template.",
        )
    return TemplateError(
        f"Không dựng được văn bản từ mẫu “{spec.id}” ({exc}). "
        "Hãy kiểm tra các thẻ {{ }} và {% %} trong tệp mẫu.",
        f"The template “{spec.id}” could not be rendered ({exc}). "
        "Check its {{ }} and {% %} tags.",
    )


class Renderer:
    """Renders templates; keeps one sandboxed environment and the template bytes warm."""

    def __init__(self, environment: DocumentEnvironment | None = None) -> None:
        self.environment = environment or make_environment()
        # Landscape tables carry their own sections, which take over the template's headers.
        self._docx = DocxRenderer(self.environment, (BodyStep(TABLE_SECTION, settle_sections),))
        self._template_bytes: dict[Path, tuple[float, bytes]] = {}

    def _load_template(self, spec: TemplateSpec) -> bytes:
        path = spec.docx_path
        try:
            mtime = path.stat().st_mtime
        except OSError:
            mtime = -1.0
        cached = self._template_bytes.get(path)
        if cached and cached[0] == mtime:
            return cached[1]
        data = read_docx(path)
        self._template_bytes[path] = (mtime, data)
        return data

    def prepare(self, spec: TemplateSpec) -> None:
        """Prepare ``spec``'s template now (parse and compile it), so a render later is quick."""
        try:
            self._docx.prepared(self._load_template(spec))
        except (JinjaTemplateError, XMLSyntaxError, ValueError, KeyError) as exc:
            raise _template_failure(spec, exc) from exc

    def render_context(self, spec: TemplateSpec, context: Mapping[str, Any]) -> RenderedDocument:
        """Render ``spec``'s template with an already built context."""
        try:
            content = self._docx.render(self._load_template(spec), context)
        except (
            JinjaTemplateError,
            XMLSyntaxError,
            ValueError,
            TypeError,  # e.g. 'A' * 4e9, or a filter given the wrong kind of value
            AttributeError,  # e.g. a text given to xmlattr
            LookupError,  # e.g. '{0}'.format() with nothing to format
            ArithmeticError,
            RecursionError,
            MemoryError,
        ) as exc:
            raise _template_failure(spec, exc) from exc
        return RenderedDocument(spec.id, content)

    def render(
        self,
        spec: TemplateSpec,
        data: DocumentData,
        defaults: Mapping[str, Any] | None = None,
        *,
        today: dt.date | None = None,
    ) -> RenderedDocument:
        """Validate ``data``, build its context with the builder ``spec`` names, render it."""
        values = validate(spec, data, defaults)
        try:
            context = context_builder(spec)(spec, values, today=today)
        except DataProblem as problem:  # found while building: say where, like validation does
            raise problem.located(data) from None
        return self.render_context(spec, context)


@functools.cache
def shared_renderer() -> Renderer:
    """The process's one default renderer: each template is prepared once for every service."""
    return Renderer()
