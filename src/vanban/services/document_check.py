"""``vanban check FILE.docx …``: every file checked by the rules of its form, with its pages.

The checker reads .docx files and the PDFs it is handed; laying the documents out is this
service's work. Every readable file that passes the package guard is converted in one
request to the LibreOffice kept warm between commands (documents/warm_pdf.py, the converter
every PDF of vanban goes through), so a second ``vanban check`` does not pay for starting
LibreOffice again; without the warm server, one cold LibreOffice run converts them all. The
rules about laid-out pages then run on each file's PDF.
Without LibreOffice, or when a file cannot be laid out, those rules are skipped and each report
says which and why, never silently.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from vanban.checker import (
    PAGE_CHECKS,
    FileReport,
    Rule,
    check_bytes,
    choose,
    document_rules,
    read_checked_file,
    read_untrusted,
    split_ids,
)
from vanban.documents.pdf import ConversionError, LibreOfficeConverter, PdfConverter
from vanban.documents.warm_pdf import WarmConverter
from vanban.errors import Message, ValidationError, VanbanError

__all__ = ["PAGES_OFF", "check_files", "chosen_rules"]

PAGES_OFF = Message(
    "đã chọn --no-pages nên không dàn trang", "--no-pages was given, so no page was laid out"
)


def _no_layout(reason: Message) -> Message:
    return Message(
        f"Không dàn trang được ({reason.vi.rstrip('.')}), nên các quy tắc về trang in đã bị "
        "bỏ qua.",
        f"The pages could not be laid out ({reason.en.rstrip('.')}), so the rules about "
        "printed pages were skipped.",
    )


def chosen_rules(select: str | None, ignore: str | None) -> tuple[Rule, ...]:
    """The Phụ lục I rules named by ``--select``/``--ignore`` (comma-separated id prefixes)."""
    return choose(document_rules(), split_ids(select), split_ids(ignore))


def check_files(
    paths: Sequence[Path],
    rules: Sequence[Rule],
    *,
    pages: bool = True,
    converter: PdfConverter | None = None,
) -> list[FileReport]:
    """Check every file with ``rules``; with ``pages``, lay them out first (one request to
    the warm LibreOffice, else one cold run) so that the rules about printed pages run too.
    """
    if not paths:
        raise ValidationError(
            "Hãy chỉ ra ít nhất một tệp .docx cần kiểm tra, ví dụ “vanban check ke_hoach.docx”.",
            "Name at least one .docx file to check, e.g. “vanban check plan.docx”.",
        )
    contents = [read_checked_file(path) for path in paths]
    laid_out: dict[int, bytes] = {}
    reasons: dict[int, Message] = {}
    if not pages:
        reasons = dict.fromkeys(range(len(paths)), PAGES_OFF)
    elif any(rule.check in PAGE_CHECKS for rule in rules):
        wanted = [
            (index, paths[index].name, content)
            for index, content in enumerate(contents)
            if isinstance(content, bytes) and _safe(content, paths[index].name)
        ]
        if converter is not None:
            laid_out, reasons = _lay_out(wanted, converter)
        else:
            with WarmConverter(pdf_a=False) as own:  # the cold fallback's profile goes after
                laid_out, reasons = _lay_out(wanted, own)
    reports = []
    for index, (path, content) in enumerate(zip(paths, contents, strict=True)):
        if isinstance(content, FileReport):
            reports.append(content)
            continue
        reason = reasons.get(index)
        report = check_bytes(
            content,
            path.name,
            rules,
            pdf=laid_out.get(index),
            pages_skipped=reason if reason is PAGES_OFF else _no_layout(reason) if reason else None,
        )
        # Messages name the file; the report keeps the path the user gave.
        reports.append(dataclasses.replace(report, name=str(path)))
    return reports


def _safe(content: bytes, name: str) -> bool:
    """Only a file the package guard lets through, and the checker can read, goes to
    LibreOffice: a damaged file is reported at once, not after a conversion.
    """
    try:
        read_untrusted(content, name)
    except VanbanError:
        return False  # check_bytes reports why
    return True


def _lay_out(
    items: list[tuple[int, str, bytes]], converter: PdfConverter
) -> tuple[dict[int, bytes], dict[int, Message]]:
    """Convert every item in one run; when the run fails, one by one to find the culprit."""
    if not items:
        return {}, {}
    try:
        pdfs = converter.convert([(name, content) for _, name, content in items])
    except ConversionError as error:
        cold = converter.cold if isinstance(converter, WarmConverter) else converter
        if isinstance(cold, LibreOfficeConverter):
            try:
                cold.soffice()
            except ConversionError as missing:  # no LibreOffice: every file is skipped
                return {}, {index: missing.message for index, _, _ in items}
        if len(items) == 1:
            return {}, {items[0][0]: error.message}
        laid_out: dict[int, bytes] = {}
        reasons: dict[int, Message] = {}
        for item in items:
            one, why = _lay_out([item], converter)
            laid_out.update(one)
            reasons.update(why)
        return laid_out, reasons
    return {index: pdf for (index, _, _), pdf in zip(items, pdfs, strict=True)}, {}
