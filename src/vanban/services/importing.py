"""Use cases for an office's own Word file: import it as data, or re-lay it to Nghị định 30.

``import_file`` writes the data file; ``fix`` imports, renders with the matching template and
checks both the original and the result, so it can say what changed. Nothing is written
unless the whole job succeeded, and an existing file is replaced only when asked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from vanban.atomic_write import write_atomically
from vanban.checker import Finding, run_rules
from vanban.datafile import read_bounded
from vanban.documents import (
    DocumentData,
    TemplateCatalogue,
    parse_document_data,
)
from vanban.documents.render import Renderer
from vanban.docx.package_checks import MAX_FILE_BYTES
from vanban.errors import Message, OutputError, ValidationError
from vanban.importing import ImportedDocument, describe, import_docx
from vanban.importing.legacy_text import Converted, conversion_messages
from vanban.importing.yaml_text import dump


@dataclass(frozen=True)
class ImportResult:
    """A Word file read into data (and written, when a path was given)."""

    source: Path
    output: Path | None
    template_id: str
    yaml_text: str
    messages: tuple[Message, ...]
    unplaced: tuple[str, ...]
    converted: tuple[Converted, ...] = ()


@dataclass(frozen=True)
class FixResult:
    """A Word file re-laid by vanban: what was wrong before, what is left."""

    source: Path
    output: Path
    template_id: str
    fixed: tuple[tuple[Message, int], ...]  # rule title, how many findings it had
    remaining: tuple[Finding, ...]
    messages: tuple[Message, ...]
    unplaced: tuple[str, ...] = field(default_factory=tuple)
    converted: tuple[Converted, ...] = ()


def read_source(path: Path) -> bytes:
    """Read a Word file the user named, refusing a missing or oversized one."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValidationError(
                f"Tệp “{path.name}” quá lớn ({size // 2**20} MB) để là một văn bản. "
                "Hãy kiểm tra lại tệp.",
                f"“{path.name}” is too large ({size // 2**20} MB) for a document. Check the file.",
            )
        # By reading, with the cap: a FIFO or /dev/zero named "x.docx" is refused at once.
        return read_bounded(path, MAX_FILE_BYTES, ("văn bản", "document"))
    except IsADirectoryError as exc:
        raise ValidationError(
            f"“{path}” là một thư mục, không phải tệp .docx. Hãy chỉ ra tệp văn bản.",
            f"“{path}” is a folder, not a .docx file. Name the document file.",
        ) from exc
    except OSError as exc:
        raise ValidationError(
            f"Không đọc được tệp “{path}” ({exc.strerror}). Hãy kiểm tra đường dẫn và quyền đọc.",
            f"Cannot read “{path}” ({exc.strerror}). Check the path and permissions.",
        ) from exc


def _refuse_existing(target: Path, overwrite: bool) -> None:
    if target.exists() and not overwrite:
        raise OutputError(
            f"Tệp “{target}” đã có; vanban không ghi đè. Hãy chọn tên khác hoặc thêm --force.",
            f"“{target}” already exists; vanban does not overwrite it. Choose another name "
            "or add --force.",
        )


def _header(source: Path, document: ImportedDocument, catalogue: TemplateCatalogue) -> list[str]:
    known = {spec.id for spec in catalogue.list()}
    render = (
        f"Soạn lại: vanban render {document.template_id} <tệp này> -o VAN_BAN.docx"
        if document.template_id in known
        else f"vanban chưa có mẫu chung “{document.template_id}”: dữ liệu này để tham khảo."
    )
    converted = [message.vi for message in conversion_messages(document.converted)]
    return [
        f"Dữ liệu nhập từ “{source.name}” bằng vanban import ({document.type_name}).",
        render,
        "Số đề mục (I., 1., a) …) do vanban đánh lại theo danh_so; kiểm tra các dòng có ghi chú #.",
        *converted,
    ]


def import_text(
    source: Path, catalogue: TemplateCatalogue | None = None
) -> tuple[ImportedDocument, str]:
    """Import the Word file ``source``; return the document and its data as YAML text."""
    document = import_docx(read_source(source), source.name)
    return document, dump(
        document.data, _header(source, document, catalogue or TemplateCatalogue())
    )


def import_data(path: Path, template_id: str) -> DocumentData:
    """Return a dossier's data from the Word file ``path``, which must fit ``template_id``."""
    document, text = import_text(path)
    if document.template_id != template_id:
        raise ValidationError(
            f"Tệp “{path.name}” là {document.type_name.lower()} (mẫu “{document.template_id}”), "
            f"quy trình này cần mẫu “{template_id}”. Hãy chọn đúng quy trình hoặc đúng tệp.",
            f"“{path.name}” is a document of the template “{document.template_id}”; this "
            f"workflow needs “{template_id}”. Choose the matching workflow or file.",
        )
    return parse_document_data(text, f"{path.name} (nhập từ Word)")


class ImportService:
    """Imports Word files as data and re-lays them with vanban's templates."""

    def __init__(
        self, catalogue: TemplateCatalogue | None = None, renderer: Renderer | None = None
    ) -> None:
        self.catalogue = catalogue or TemplateCatalogue()
        self.renderer = renderer or Renderer()

    def import_file(
        self, source: Path, output: Path | None, *, overwrite: bool = False
    ) -> ImportResult:
        """Import ``source`` and write its data to ``output`` (None: only return the text)."""
        if output is not None:
            _refuse_existing(output, overwrite)
        document, text = import_text(source, self.catalogue)
        if output is not None:
            write_atomically(text.encode("utf-8"), output)
        return ImportResult(
            source,
            output,
            document.template_id,
            text,
            tuple(describe(document)),
            tuple(document.unplaced),
            tuple(document.converted),
        )

    def fix(self, source: Path, output: Path, *, overwrite: bool = False) -> FixResult:
        """Import ``source``, render it with its template into ``output`` and check both."""
        if output.suffix.lower() != ".docx":
            raise OutputError(
                f"Tệp kết quả “{output.name}” phải có đuôi .docx, ví dụ “-o ke_hoach_moi.docx”.",
                f"The output file “{output.name}” must end in .docx, e.g. “-o new_plan.docx”.",
            )
        _refuse_existing(output, overwrite)
        original = read_source(source)
        document = import_docx(original, source.name)
        if document.template_id not in {spec.id for spec in self.catalogue.list()}:
            raise ValidationError(
                f"vanban chưa có mẫu chung để soạn lại {document.type_name.lower()} "
                f"(“{source.name}”). Dùng “vanban import” để lấy nội dung thành dữ liệu.",
                f"vanban has no general template to re-lay “{source.name}” "
                f"({document.template_id}). Use “vanban import” to get its content as data.",
            )
        text = dump(document.data, _header(source, document, self.catalogue))
        spec = self.catalogue.get(document.template_id)
        rendered = self.renderer.render(spec, parse_document_data(text, f"{source.name} (nhập)"))
        before = run_rules(original, source.name)
        after = run_rules(rendered.content, output.name)
        write_atomically(rendered.content, output)
        left = Counter(finding.rule for finding in after)
        counts = Counter(finding.rule for finding in before)
        titles = {finding.rule: finding.title for finding in before}
        fixed = tuple((titles[rule], count) for rule, count in counts.items() if rule not in left)
        return FixResult(
            source,
            output,
            document.template_id,
            fixed,
            tuple(after),
            tuple(describe(document)),
            tuple(document.unplaced),
            tuple(document.converted),
        )
