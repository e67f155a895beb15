"""Checking files: package safety first, then every chosen rule, into one report per file."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from vanban.checker.findings import FileReport, Finding
from vanban.checker.forms import recognise
from vanban.checker.inspection import Inspection, inspect_docx
from vanban.checker.page_layout import read_layout
from vanban.checker.registry import CHECKS, PAGE_CHECKS
from vanban.checker.rules import Rule, document_rules
from vanban.datafile import read_bounded
from vanban.docx.package_checks import MAX_FILE_BYTES, check_docx_bytes
from vanban.errors import Message, ValidationError, VanbanError

# An OLE2 compound file: a Word 97–2003 .doc, or a .docx that Word has encrypted.
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_untrusted(data: bytes, name: str) -> Inspection:
    """Check untrusted bytes (old .doc, encryption, package guard), then read them."""
    guard_untrusted(data, name)
    return inspect_docx(data, name)


def guard_untrusted(data: bytes, name: str) -> None:
    """Refuse bytes that are an old .doc, encrypted, or not a safe .docx package."""
    if data.startswith(_COMPOUND_FILE):
        raise ValidationError(
            f"Tệp “{name}” là tệp Word cũ (.doc) hoặc tệp đã đặt mật khẩu, không phải .docx. "
            "Hãy mở tệp, bỏ mật khẩu nếu có và lưu lại dưới dạng .docx rồi thử lại.",
            f"“{name}” is an old Word file (.doc) or a password-protected file, not a .docx. "
            "Open it, remove any password, save it as .docx and try again.",
        )
    check_docx_bytes(data, name)


def run_rules(data: bytes, name: str, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Return the findings of ``rules`` (default: all) on .docx bytes, without the rules that
    need laid-out pages; raise VanbanError when the bytes are not a safe, readable .docx.
    """
    return checked(data, name, rules).findings


@dataclass(frozen=True)
class Checked:
    """What checking one document gave: its form, findings and the page rules not run."""

    form: str
    findings: list[Finding]
    skipped: tuple[str, ...]


def checked(
    data: bytes, name: str, rules: Iterable[Rule] | None = None, pdf: bytes | None = None
) -> Checked:
    """Check .docx bytes with those ``rules`` that judge its form; the rules about laid-out
    pages run when ``pdf`` (the document as LibreOffice laid it out) is given.
    """
    chosen = tuple(rules) if rules is not None else document_rules()
    unknown = [rule.check for rule in chosen if rule.check not in CHECKS]
    if unknown:
        raise ValidationError(
            f"Quy tắc dùng hàm kiểm tra không có: {', '.join(unknown)}. Hãy cài lại vanban.",
            f"A rule names a check that does not exist: {', '.join(unknown)}. Reinstall vanban.",
        )
    inspection = read_untrusted(data, name)
    if pdf is not None:
        inspection.layout = read_layout(pdf, name)
    form = recognise(inspection)
    findings: list[Finding] = []
    skipped: list[str] = []
    for rule in chosen:
        if form not in rule.forms:
            continue
        if rule.check in PAGE_CHECKS and inspection.layout is None:
            skipped.append(rule.id)
            continue
        findings += CHECKS[rule.check](inspection, rule)
    return Checked(form, findings, tuple(skipped))


def check_bytes(
    data: bytes,
    name: str,
    rules: Iterable[Rule] | None = None,
    *,
    pdf: bytes | None = None,
    pages_skipped: Message | None = None,
) -> FileReport:
    """Check .docx bytes (and its laid-out ``pdf``, when there is one); an unsafe or
    unreadable file gives a report with its error. ``pages_skipped`` says why there is no PDF.
    """
    try:
        result = checked(data, name, rules, pdf)
    except VanbanError as error:
        return FileReport(name, error=error.message)
    return FileReport(
        name,
        tuple(result.findings),
        form=result.form,
        skipped=result.skipped,
        skipped_reason=pages_skipped if result.skipped else None,
    )


def read_checked_file(path: Path) -> bytes | FileReport:
    """Read the .docx at ``path`` for checking, or return the report of why it cannot be."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before reading it into memory
            megabytes, limit = size // 2**20, MAX_FILE_BYTES // 2**20
            return FileReport(
                str(path),
                error=Message(
                    f"Tệp “{path}” quá lớn ({megabytes} MB, tối đa {limit} MB) để là một văn bản. "
                    "Hãy kiểm tra lại tệp.",
                    f"“{path}” is too large ({megabytes} MB, at most {limit} MB) for a document. "
                    "Check the file.",
                ),
            )
        # By reading, with the cap: a FIFO or /dev/zero named "x.docx" is refused at once.
        return read_bounded(path, MAX_FILE_BYTES, ("văn bản", "document"))
    except VanbanError as error:
        return FileReport(str(path), error=error.message)
    except OSError as exc:
        return FileReport(
            str(path),
            error=Message(
                f"Không đọc được tệp “{path}” ({exc.strerror}). "
                "Hãy kiểm tra đường dẫn và quyền đọc.",
                f"Cannot read “{path}” ({exc.strerror}). Check the path and permissions.",
            ),
        )


def check_path(path: Path, rules: Iterable[Rule] | None = None) -> FileReport:
    """Check the .docx at ``path`` (without laid-out pages); a missing or unreadable file
    gives a report with its error.
    """
    data = read_checked_file(path)
    if isinstance(data, FileReport):
        return data
    # Messages name the file; the report keeps the path the user gave.
    return dataclasses.replace(check_bytes(data, path.name, rules), name=str(path))
