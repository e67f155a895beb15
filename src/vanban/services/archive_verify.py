"""Checking the archive again: stored files against their sha256, signatures, packages.

``verify`` re-hashes every stored file of the dossiers asked for (each version of each
document and every attachment), re-validates every signature, and compares the archive record
of an archived dossier with what the store holds. ``verify_package`` does the same for an
exported BagIt package. Both return a report; the caller turns its problems into an
IntegrityError (exit 3) after showing what was checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vanban.archive.package import check_package
from vanban.archive.pdf import AttachmentError
from vanban.archive.signatures import SignatureCheck, TrustRoots, validate_signatures
from vanban.errors import IntegrityError, Message, NotFoundError, VanbanError
from vanban.services.archive import PACKAGE_FOLDERS, ArchiveService
from vanban.store import StoreTx

# (done, total, what is being checked): lets the command line draw a progress bar.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class FileCheck:
    """One file checked: where it belongs, its recorded sha256 and what is wrong, if anything."""

    dossier_id: int | None  # None for a file of an exported package
    # "source", "signed", "scan", "record" (the archive record), "history" (the hash chain of
    # the dossier's events, state and register) or "package"
    kind: str
    name: str
    sha256: str
    problem: Message | None = None
    signatures: tuple[SignatureCheck, ...] = ()

    @property
    def where(self) -> str:
        """The file as a person finds it: "hồ sơ 3: ke_hoach_0003.docx" or its package path."""
        return self.name if self.dossier_id is None else f"hồ sơ {self.dossier_id}: {self.name}"


@dataclass(frozen=True)
class VerifyReport:
    """Every file checked, in order."""

    checks: tuple[FileCheck, ...] = field(default_factory=tuple)

    @property
    def problems(self) -> tuple[FileCheck, ...]:
        """The checks that found a file no longer matching its record."""
        return tuple(check for check in self.checks if check.problem is not None)

    def error(self) -> IntegrityError | None:
        """Return the IntegrityError naming each file that no longer matches; None if none."""
        problems = self.problems
        if not problems:
            return None
        vi = "; ".join(f"{c.where} ({c.problem.vi})" for c in problems if c.problem)
        en = "; ".join(f"{c.where} ({c.problem.en})" for c in problems if c.problem)
        return IntegrityError(
            f"{len(problems)} tệp không còn khớp với bản đã lưu: {vi}. "
            "Hãy khôi phục các tệp này từ bản sao lưu.",
            f"{len(problems)} file(s) no longer match what was stored: {en}. "
            "Restore them from a backup.",
        )


@dataclass(frozen=True)
class _Item:
    dossier_id: int
    kind: str
    name: str
    sha256: str
    size: int
    recorded: tuple[dict[str, Any], ...] = ()  # the signature summaries kept at attach time
    attached_at: dt.datetime | None = None


def verify(
    service: ArchiveService, dossier_id: int | None = None, progress: Progress | None = None
) -> VerifyReport:
    """Check the stored files of one dossier, or of every dossier, in one consistent snapshot."""
    roots = service.trust_roots()
    checks: list[FileCheck] = []
    with service.store.read() as tx:
        if dossier_id is not None:
            dossier_ids = [tx.get_dossier(dossier_id).id]
        else:
            dossier_ids = [dossier.id for dossier in tx.list_dossiers()]
        # The hash chain first: an edit to history, state or register names its event.
        checks.extend(_history_check(tx, one) for one in dossier_ids)
        items = [item for one in dossier_ids for item in _items(tx, one)]
        records = [(one, tx.archive_record(one)) for one in dossier_ids]
        total = len(items) + sum(1 for _, record in records if record is not None)
        for done, item in enumerate(items):
            if progress is not None:
                progress(done, total, item.name)
            checks.append(_check_item(tx, item, roots))
        done = len(items)
        for one, record in records:
            if record is None:
                continue
            if progress is not None:
                progress(done, total, record.file_code)
            checks.append(_check_record(one, record.file_code, record.files, items))
            done += 1
        if progress is not None:
            progress(total, total, "")
    return VerifyReport(tuple(checks))


def _history_check(tx: StoreTx, dossier_id: int) -> FileCheck:
    """One check per dossier: its history's hash chain, naming the first event that breaks."""
    problems = tx.chain_problems(dossier_id)
    if not problems:
        return FileCheck(dossier_id, "history", "lịch sử", tx.head_hash(dossier_id))
    first = problems[0]
    where = f"sự kiện {first.event_id} ({first.event})" if first.event_id else "lịch sử"
    problem = first.problem
    if len(problems) > 1:
        problem = Message(
            f"{problem.vi}; và {len(problems) - 1} chỗ khác",
            f"{problem.en}; and {len(problems) - 1} more",
        )
    return FileCheck(dossier_id, "history", where, "", problem)


def _items(tx: StoreTx, dossier_id: int) -> list[_Item]:
    seen: set[tuple[str, str]] = set()
    items = []
    # Every version of every document: a rendering kept in history is evidence too.
    for document in tx.document_versions(dossier_id):
        if (document.name, document.sha256) not in seen:
            seen.add((document.name, document.sha256))
            items.append(_Item(dossier_id, "source", document.name, document.sha256, document.size))
    for attachment in tx.attachments(dossier_id):
        kind = "signed" if attachment.signed else "scan"
        items.append(
            _Item(
                dossier_id,
                kind,
                attachment.name,
                attachment.sha256,
                attachment.size,
                attachment.signatures,
                attachment.attached_at,
            )
        )
    return items


def _check_item(tx: StoreTx, item: _Item, roots: TrustRoots) -> FileCheck:
    try:
        content = tx.get_blob(item.sha256, check=False)
    except NotFoundError:
        return _failed(
            item, "nội dung tệp không còn trong kho", "its content is gone from the store"
        )
    if hashlib.sha256(content).hexdigest() != item.sha256 or len(content) != item.size:
        return _failed(
            item,
            "nội dung trong kho không còn khớp với mã sha256 đã ghi",
            "the stored content no longer matches its recorded sha256",
        )
    if item.kind != "signed":
        return FileCheck(item.dossier_id, item.kind, item.name, item.sha256)
    signatures, problem = _signatures(content, item.name, roots, item.attached_at, item.recorded)
    return FileCheck(item.dossier_id, item.kind, item.name, item.sha256, problem, signatures)


def _failed(item: _Item, vi: str, en: str) -> FileCheck:
    return FileCheck(item.dossier_id, item.kind, item.name, item.sha256, Message(vi, en))


def _signatures(
    content: bytes,
    name: str,
    roots: TrustRoots,
    moment: dt.datetime | None,
    recorded: Sequence[dict[str, Any]],
) -> tuple[tuple[SignatureCheck, ...], Message | None]:
    """Re-validate a signed PDF; trust is judged as at ``moment`` (when it was attached)."""
    try:
        checks = tuple(validate_signatures(content, name, roots, moment))
    except AttachmentError as exc:
        return (), exc.message
    if len(checks) != len(recorded):
        return checks, Message(
            f"có {len(checks)} chữ ký, khác với {len(recorded)} chữ ký đã ghi khi đính kèm",
            f"it has {len(checks)} signature(s), not the {len(recorded)} recorded on attach",
        )
    for check in checks:
        if check.problem is not None:
            return checks, check.problem
    return checks, None


def _check_record(
    dossier_id: int, file_code: str, files: Sequence[dict[str, Any]], items: Sequence[_Item]
) -> FileCheck:
    """Every file the archive record lists must still be held, with the same sha256."""
    held = {(item.name, item.sha256) for item in items if item.dossier_id == dossier_id}
    lost = [str(f["FileName"]) for f in files if (f["FileName"], f["Sha256"]) not in held]
    problem = None
    if lost:
        names = ", ".join(lost)
        problem = Message(
            f"hồ sơ lưu trữ ghi tệp {names} với mã sha256 mà kho không còn giữ",
            f"the archive record lists {names} with a sha256 the store no longer holds",
        )
    return FileCheck(dossier_id, "record", f"hồ sơ lưu trữ {file_code}", "", problem)


def verify_package(
    folder: Path, roots: TrustRoots, progress: Progress | None = None
) -> VerifyReport:
    """Check an exported package: bagit manifests, the metadata's sha256, every signature."""
    report = check_package(folder)
    checks = [
        FileCheck(None, "package", path or str(folder), "", problem)
        for path, problem in report.problems
    ]
    if checks:
        return VerifyReport(tuple(checks))
    try:
        metadata = json.loads((folder / "data" / "metadata.json").read_text(encoding="utf-8"))
        entries = list(metadata["Files"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise NotFoundError(
            f"Gói “{folder}” không có data/metadata.json đọc được ({exc}). "
            "Hãy chỉ đúng thư mục đã xuất bằng “vanban archive export”.",
            f"The package “{folder}” has no readable data/metadata.json ({exc}). "
            "Point to a folder written by “vanban archive export”.",
        ) from exc
    for done, entry in enumerate(entries):
        try:
            checks.append(_check_entry(folder, entry, roots))
        except (KeyError, TypeError) as exc:
            raise _bad_metadata(folder, exc) from exc
        if progress is not None:
            progress(done + 1, len(entries), str(entry.get("FileName", "")))
    return VerifyReport(tuple(checks))


def _check_entry(folder: Path, entry: dict[str, Any], roots: TrustRoots) -> FileCheck:
    relative = f"data/{PACKAGE_FOLDERS[str(entry['Kind'])]}/{entry['FileName']}"
    sha256, kind = str(entry["Sha256"]), str(entry["Kind"])
    path = folder / relative
    if not path.is_file():
        return FileCheck(None, kind, relative, sha256, Message("tệp bị mất", "the file is missing"))
    content = path.read_bytes()
    if hashlib.sha256(content).hexdigest() != sha256:
        return FileCheck(
            None,
            kind,
            relative,
            sha256,
            Message(
                "nội dung không khớp với mã sha256 ghi trong metadata.json",
                "its content does not match the sha256 in metadata.json",
            ),
        )
    if kind != "signed":
        return FileCheck(None, kind, relative, sha256)
    recorded = tuple(entry.get("Signatures") or ())
    signatures, problem = _signatures(content, relative, roots, None, recorded)
    return FileCheck(None, kind, relative, sha256, problem, signatures)


def _bad_metadata(folder: Path, exc: Exception) -> VanbanError:
    return NotFoundError(
        f"Tệp data/metadata.json của gói “{folder}” thiếu thông tin tệp ({exc}). "
        "Hãy chỉ đúng thư mục đã xuất bằng “vanban archive export”.",
        f"data/metadata.json of the package “{folder}” lacks file entries ({exc}). "
        "Point to a folder written by “vanban archive export”.",
    )
