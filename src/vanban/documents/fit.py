"""Data written for another kind of document, found before it renders into the wrong one.

A plan's data and a report's data have the same fields, so a ke_hoach file given to a
bao_cao dossier validates and renders a "BÁO CÁO" whose text says "Trên đây là Kế hoạch".
The closing (or opening) paragraph says what the document is ("Trên đây là Kế hoạch …");
when it names another kind and never its own, the data is refused with what it looks like.
Only that phrase counts: a report's opening may well say "UBND huyện ban hành Kế hoạch …".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["KindMismatch", "other_kind"]


@dataclass(frozen=True)
class _Kind:
    template: str
    label: str
    label_en: str
    says: re.Pattern[str]


_KINDS = (
    _Kind(
        "ke_hoach",
        "Kế hoạch",
        "a plan",
        re.compile(r"\btrên đây là kế hoạch\b", re.IGNORECASE),
    ),
    _Kind(
        "bao_cao",
        "Báo cáo",
        "a report",
        re.compile(r"\btrên đây là báo cáo\b", re.IGNORECASE),
    ),
)


@dataclass(frozen=True)
class KindMismatch:
    """The data reads as ``kind`` (a template id) in ``field``, quoting ``excerpt``."""

    template: str
    label: str
    label_en: str
    field: str
    excerpt: str


def _texts(values: Mapping[str, Any], field: str) -> list[str]:
    value = values.get(field)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def other_kind(template_id: str, values: Mapping[str, Any]) -> KindMismatch | None:
    """Return what the data says it is when that is another kind than ``template_id``."""
    own = next((kind for kind in _KINDS if kind.template == template_id), None)
    if own is None:
        return None
    fields = ("mo_dau", "ket_thuc")
    texts = [(field, text) for field in fields for text in _texts(values, field)]
    if any(own.says.search(text) for _, text in texts):
        return None
    for kind in _KINDS:
        if kind is own:
            continue
        for field, text in texts:
            found = kind.says.search(text)
            if found:
                start = max(0, found.start() - 20)
                excerpt = ("…" if start else "") + text[start : found.end() + 20].strip() + "…"
                return KindMismatch(kind.template, kind.label, kind.label_en, field, excerpt)
    return None
