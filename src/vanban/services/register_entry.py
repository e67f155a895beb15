"""What an issued document says of itself, read once: its register line and its archive facts.

The outgoing register (sổ đăng ký văn bản đi, Phụ lục IV) and the archive's metadata name the
same things (number and symbol, subject, signer, recipients); both read them here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vanban.documents.catalogue import TemplateSpec
from vanban.documents.symbol import number_and_symbol
from vanban.models import RegisterEntry

__all__ = ["IssuedText", "issued_text", "register_entry"]


@dataclass(frozen=True)
class IssuedText:
    """The facts of one document as its data gives them."""

    number_and_symbol: str  # "" before the document has a number
    subject: str  # trích yếu
    signer_name: str
    signer_position: str
    recipients: tuple[str, ...]  # kính gửi, then nơi nhận
    filed_at: tuple[str, ...]  # lưu: VT first, then the units that keep a copy


def issued_text(spec: TemplateSpec, values: Mapping[str, Any]) -> IssuedText:
    """The facts of the document ``spec`` rendered from ``values`` (its defaults included).

    The signer is the document's ``ky`` block, or the chair (``chu_toa``) on a Biên bản.
    """
    signature = values.get("ky") or values.get("chu_toa") or {}
    if not isinstance(signature, Mapping):
        signature = {}
    return IssuedText(
        number_and_symbol=number_and_symbol(spec, values) if values.get("so") else "",
        subject=str(values.get("trich_yeu", "")),
        signer_name=str(signature.get("ho_ten", "")),
        signer_position=str(signature.get("chuc_vu", "")),
        recipients=tuple(map(str, [*values.get("kinh_gui", []), *values.get("noi_nhan", [])])),
        filed_at=("VT", *(code for code in values.get("luu", []) if code != "VT")),
    )


def register_entry(
    spec: TemplateSpec,
    values: Mapping[str, Any],
    *,
    organization: str,
    book: str,
    number: int,
    issued_on: dt.date,
    dossier_id: int,
) -> RegisterEntry:
    """The register line of the document ``spec`` rendered from ``values``, numbered ``number``."""
    text = issued_text(spec, {**values, "so": number})
    return RegisterEntry(
        number_and_symbol=text.number_and_symbol,
        issued_on=issued_on,
        type_and_subject=f"{spec.document_type}: {text.subject}",
        signer=text.signer_name,
        recipients="; ".join(text.recipients),
        filed_at=", ".join(text.filed_at),
        copies=None,
        sent_on=issued_on,
        received_by="",
        note="",
        organization=organization,
        book=book,
        year=issued_on.year,
        number=number,
        dossier_id=dossier_id,
    )
