"""The named context builders a manifest can choose with ``context:``.

A template's manifest says which builder turns its data into what it prints
(``context: quyet_dinh_khen_thuong``); without the key it is the standard one. Builders are
looked up by name in this fixed table, never imported from a dotted path found in a file, so
a template cannot make vanban run code of its choosing.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any, Protocol

from vanban.documents import achievement_context, award_context, certificate_context
from vanban.documents.catalogue import TemplateSpec
from vanban.documents.context import build_context
from vanban.documents.decision_context import build_quyet_dinh
from vanban.documents.minutes_context import build_bien_ban
from vanban.errors import TemplateError


class ContextBuilder(Protocol):
    """Turns validated values into the context a template renders with."""

    def __call__(
        self, spec: TemplateSpec, values: Mapping[str, Any], *, today: dt.date | None = None
    ) -> dict[str, Any]: ...


CONTEXT_BUILDERS: Mapping[str, ContextBuilder] = {
    "standard": build_context,
    "quyet_dinh": build_quyet_dinh,
    "to_trinh_khen_thuong": award_context.build_to_trinh,
    "danh_sach_khen_thuong": award_context.build_danh_sach,
    "quyet_dinh_khen_thuong": award_context.build_quyet_dinh,
    "bien_ban_hop_hoi_dong": build_bien_ban,
    "bao_cao_thanh_tich_ca_nhan": achievement_context.build_ca_nhan,
    "bao_cao_thanh_tich_tap_the": achievement_context.build_tap_the,
    "phoi_khen": certificate_context.build_phoi_khen,
}


def context_builder(spec: TemplateSpec) -> ContextBuilder:
    """Return the builder ``spec`` names, or raise TemplateError listing the known ones."""
    builder = CONTEXT_BUILDERS.get(spec.context)
    if builder is None:
        known = ", ".join(sorted(CONTEXT_BUILDERS))
        raise TemplateError(
            f"Mẫu “{spec.id}” cần bộ dựng ngữ cảnh “{spec.context}”, nhưng vanban không có bộ "
            f"nào tên như vậy. Các bộ hiện có: {known}. Hãy sửa khóa “context” trong tệp mô tả.",
            f"The template “{spec.id}” asks for the context builder “{spec.context}”, which "
            f"does not exist. Known builders: {known}. Fix “context” in its manifest.",
        )
    return functools.partial(_matched, builder)


def _matched(
    builder: ContextBuilder,
    spec: TemplateSpec,
    values: Mapping[str, Any],
    *,
    today: dt.date | None = None,
) -> dict[str, Any]:
    # A builder reads the fields of the templates it was written for; a manifest that names it
    # but declares other fields makes it fail on a missing key or a value of another shape.
    try:
        return builder(spec, values, today=today)
    except (LookupError, TypeError, AttributeError) as exc:
        what = f"“{exc.args[0]}”" if isinstance(exc, KeyError) and exc.args else str(exc)
        raise TemplateError(
            f"Mẫu “{spec.id}” dùng bộ dựng ngữ cảnh “{spec.context}” (khóa “context” trong tệp "
            f"mô tả), nhưng các trường tệp mô tả khai báo không khớp với bộ đó (thiếu hoặc sai "
            f"kiểu: {what}). Hãy sửa “context” hoặc “fields” trong tệp mô tả của mẫu.",
            f"The template “{spec.id}” uses the context builder “{spec.context}” (“context” in "
            f"its manifest), but the fields its manifest declares do not match that builder "
            f"(missing or of another kind: {what}). Fix “context” or “fields” in the manifest.",
        ) from exc
