"""One line of the outgoing register (sổ đăng ký văn bản đi, Phụ lục IV) for an issued text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from vanban.documents.catalogue import TemplateSpec
from vanban.documents.symbol import number_and_symbol
from vanban.models import RegisterEntry

__all__ = ["register_entry"]


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
    """The register line of the document ``spec`` rendered from ``values``, numbered ``number``.

    The signer is the document's ``ky`` block, or the chair (``chu_toa``) on a Biên bản.
    """
    signature = values.get("ky") or values.get("chu_toa") or {}
    filed = [code for code in values.get("luu", []) if code != "VT"]
    return RegisterEntry(
        number_and_symbol=number_and_symbol(spec, {**values, "so": number}),
        issued_on=issued_on,
        type_and_subject=f"{spec.document_type}: {values.get('trich_yeu', '')}",
        signer=str(signature.get("ho_ten", "")),
        recipients="; ".join(values.get("kinh_gui", []) + values.get("noi_nhan", [])),
        filed_at=", ".join(["VT", *filed]),
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
