"""The "Số và ký hiệu" of a document: "03/KH-HKH", or the draft blank before it is issued.

Kept apart from the context builders so that showing a dossier does not load docxtpl.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vanban.documents.catalogue import TemplateSpec
from vanban.vietnamese import abbreviation_for

DRAFT_NUMBER = "     "  # "Số:      /KH-HKH": the number is written in by hand after signing


def number_and_symbol(spec: TemplateSpec, values: Mapping[str, Any]) -> str:
    """Return the part after "Số: ": "03/KH-HKH", "148/TTr-UBND", "05/HKH-VP" or a draft blank."""
    number = values.get("so")
    printed = f"{number:02d}" if isinstance(number, int) else DRAFT_NUMBER
    agency = values["ky_hieu_co_quan"]
    type_code = abbreviation_for(spec.document_type) if spec.document_type else None
    if type_code is None:  # Công văn: <agency>-<drafting unit>, no type abbreviation
        unit = values.get("ky_hieu_don_vi")
        return f"{printed}/{agency}-{unit}" if unit else f"{printed}/{agency}"
    return f"{printed}/{type_code}-{agency}"
