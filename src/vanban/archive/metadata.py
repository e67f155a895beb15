"""Archive metadata: retention periods and the NĐ 30 PL VI fields of an archived dossier.

The field names (FileCode, Title, Maintenance, TypeName, CodeNumber, …) are those of Nghị định
30/2020 Phụ lục VI; what vanban adds beyond them is grouped under
``Files`` (every archived file with its sha256) so the two are never confused.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vanban.errors import ValidationError

PERMANENT = "Vĩnh viễn"
LANGUAGE = "Tiếng Việt"
# Default thời hạn lưu trữ by document type. A small table, not the full schedule of
# Thông tư 10/2022/TT-BNV: plans, reports and decisions an agency issues itself are kept
# permanently; everything else (and anything issued by another body) ten years. --retention
# overrides it for a dossier that the schedule treats differently.
PERMANENT_TYPES = frozenset({"Kế hoạch", "Báo cáo", "Quyết định"})
DEFAULT_YEARS = 10

_YEARS = re.compile(r"^(\d{1,3})(?:\s*năm)?$")


def default_retention(type_name: str, issued_by_us: bool) -> str:
    """Return the default retention of a document of ``type_name``."""
    if issued_by_us and type_name in PERMANENT_TYPES:
        return PERMANENT
    return f"{DEFAULT_YEARS} năm"


def normalise_retention(text: str) -> str:
    """Return ``text`` as "Vĩnh viễn" or "N năm"; refuse anything else."""
    cleaned = " ".join(unicodedata.normalize("NFC", text).split())
    if cleaned.casefold() in {PERMANENT.casefold(), "vinh vien", "permanent"}:
        return PERMANENT
    match = _YEARS.match(cleaned.casefold())
    if match and 0 < int(match.group(1)) <= 200:
        return f"{int(match.group(1))} năm"
    raise ValidationError(
        f"Thời hạn lưu trữ “{text}” không đúng dạng. "
        "Hãy ghi “Vĩnh viễn” hoặc một số năm, ví dụ “10 năm”.",
        f"The retention period “{text}” is not valid. "
        "Write “Vĩnh viễn” (permanent) or a number of years, e.g. “10 năm”.",
    )


@dataclass(frozen=True)
class ArchivedFile:
    """One file kept in the archive of a dossier."""

    name: str
    kind: str  # "signed" (signed PDF), "scan" (unsigned PDF) or "source" (.docx)
    sha256: str
    size: int
    pages: int | None = None  # known for PDFs only
    signatures: tuple[dict[str, Any], ...] = ()

    def as_json(self) -> dict[str, Any]:
        """Return the file as its ``Files`` entry."""
        return {
            "FileName": self.name,
            "Kind": self.kind,
            "Sha256": self.sha256,
            "Size": self.size,
            "PageAmount": self.pages,
            "Signatures": [dict(summary) for summary in self.signatures],
        }


@dataclass(frozen=True)
class DossierFacts:
    """What the metadata says about the dossier and its one issued document."""

    organ_id: str  # the keeping body's code (its ký hiệu until a mã định danh is configured)
    organ_name: str  # the issuing body, as printed on the document
    dossier_id: int
    title: str
    type_name: str
    number_and_symbol: str  # "03/KH-HKH"
    issued_on: dt.date | None
    subject: str
    signer_position: str
    signer_name: str
    recipients: Sequence[str]
    started_on: dt.date
    archived_on: dt.date
    retention: str
    creator: str
    files: Sequence[ArchivedFile] = field(default_factory=tuple)


def file_code(organ_id: str, year: int, dossier_id: int) -> str:
    """Return the mã hồ sơ: OrganId.FileCatalog.FileNotation, e.g. "HKH.2024.0012"."""
    return f"{organ_id}.{year}.{dossier_id:04d}"


def build_metadata(facts: DossierFacts) -> dict[str, Any]:
    """Return the PL VI metadata of an archived dossier, with its files and their sha256."""
    year = (facts.issued_on or facts.archived_on).year
    number, _, notation = facts.number_and_symbol.partition("/")
    pdf_pages = [f.pages for f in facts.files if f.pages is not None and f.kind != "source"]
    return {
        "FileCode": {
            "Code": file_code(facts.organ_id, year, facts.dossier_id),
            "OrganId": facts.organ_id,
            "FileCatalog": year,
            "FileNotation": f"{facts.dossier_id:04d}",
        },
        "Title": facts.title,
        "Maintenance": facts.retention,
        "Creator": facts.creator,
        "Language": LANGUAGE,
        "StartDate": facts.started_on.isoformat(),
        "EndDate": facts.archived_on.isoformat(),
        "DocTotal": 1,
        "PageTotal": sum(pdf_pages),
        "Description": "",
        "Documents": [
            {
                "DocOrdinal": 1,
                "TypeName": facts.type_name,
                "CodeNumber": number,
                "CodeNotation": notation,
                "IssuedDate": facts.issued_on.isoformat() if facts.issued_on else None,
                "OrganName": " ".join(facts.organ_name.split()),
                "Subject": facts.subject,
                "Language": LANGUAGE,
                # The signed copy's pages: the first signed (or scanned) PDF is the document.
                "PageAmount": pdf_pages[0] if pdf_pages else None,
                "Description": "",
                "SignerInfo": {"Position": facts.signer_position, "FullName": facts.signer_name},
                "To": [{"OrganId": "", "OrganName": name} for name in facts.recipients],
                "Priority": None,
                "IssuedAmount": None,
                "DueDate": None,
            }
        ],
        "Files": [archived.as_json() for archived in facts.files],
    }
