"""The records vanban keeps: plain frozen dataclasses, no IO.

Vietnamese terms: a Dossier is a hồ sơ, an Event is one line of its history (nhật ký), a
RegisterEntry is a row of the sổ đăng ký văn bản đi (Phụ lục IV, Nghị định 30/2020).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DossierSummary:
    """What a list of dossiers shows: a hồ sơ without its data (which can be large)."""

    id: int
    workflow: str
    title: str
    state: str
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int  # bumped by every change; a change based on an older version is refused
    number: int | None = None  # số, once issued
    issued_on: dt.date | None = None

    def as_json(self) -> dict[str, Any]:
        """The dossier as JSON: the one form the CLI, the archive and the exports write."""
        return {
            "id": self.id,
            "workflow": self.workflow,
            "title": self.title,
            "state": self.state,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "number": self.number,
            "issued_on": self.issued_on.isoformat() if self.issued_on else None,
        }


@dataclass(frozen=True)
class Dossier(DossierSummary):
    """A hồ sơ: one document's (or one award case's) data moving through a workflow."""

    data: dict[str, Any] = field(kw_only=True)


@dataclass(frozen=True)
class DocumentRef:
    """A document produced by an event: its name and the sha256 of its bytes."""

    name: str
    sha256: str


@dataclass(frozen=True)
class Event:
    """One entry of a dossier's history: who did what, when, from which state to which."""

    id: int
    dossier_id: int
    actor: str
    event: str
    from_state: str | None
    to_state: str
    comment: str
    at: dt.datetime
    documents: tuple[DocumentRef, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, Any]:
        """Return the entry as JSON-ready data (``--json`` output, archive history.json)."""
        return {
            "id": self.id,
            "actor": self.actor,
            "event": self.event,
            "from": self.from_state,
            "to": self.to_state,
            "comment": self.comment,
            "at": self.at.isoformat(),
            "documents": [{"name": d.name, "sha256": d.sha256} for d in self.documents],
        }


@dataclass(frozen=True)
class DocumentRecord:
    """A stored document of a dossier: a content-addressed blob with its role."""

    id: int
    dossier_id: int
    event_id: int
    name: str  # file name shown to people, e.g. "ke_hoach.docx"
    template_id: str
    media_type: str
    sha256: str
    size: int
    created_at: dt.datetime


@dataclass(frozen=True)
class RegisterEntry:
    """A row of the outgoing register; the first ten fields are Phụ lục IV's ten columns."""

    number_and_symbol: str  # (1) Số, ký hiệu văn bản
    issued_on: dt.date  # (2) Ngày tháng văn bản
    type_and_subject: str  # (3) Tên loại và trích yếu nội dung
    signer: str  # (4) Người ký
    recipients: str  # (5) Nơi nhận văn bản
    filed_at: str  # (6) Đơn vị, người nhận bản lưu
    copies: int | None  # (7) Số lượng bản
    sent_on: dt.date | None  # (8) Ngày chuyển
    received_by: str  # (9) Ký nhận
    note: str  # (10) Ghi chú
    organization: str
    book: str
    year: int
    number: int
    dossier_id: int
