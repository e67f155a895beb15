"""Context builder for printing a Bằng khen or Giấy khen onto a pre-printed blank.

The blank already carries the emblem, the awarding body and "BẰNG KHEN"; vanban prints only
the name, the unit, the achievement, the decision and the date, each at a position measured
on the blank. Positions are page coordinates in mm from the sheet's top-left corner: the
manifest's example of ``vi_tri`` holds the defaults and the data (or a workspace) overrides
any item or any key of an item, so a province whose blanks differ moves one field, not all.

Each item becomes a paragraph in a frame anchored to the page (w:framePr), which Word and
LibreOffice both place at exactly these coordinates whatever the margins or the other items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from vanban.documents.award_context import Problems
from vanban.documents.award_layout import CERTIFICATE_MARGIN, CERTIFICATE_PAGE
from vanban.documents.catalogue import TemplateSpec
from vanban.documents.layout import mm_to_twips
from vanban.vietnamese import format_place_date, upper_vi

DEFAULT_SIZE = 14.0
# The items a blank can receive, in the order they are printed (top to bottom).
ITEMS = (
    "ten",
    "don_vi",
    "thanh_tich",
    "quyet_dinh",
    "so_vao_so",
    "ngay",
    "chuc_vu_ky",
    "nguoi_ky",
)


def _texts(values: Mapping[str, Any]) -> dict[str, str]:
    """Return the text of every item the data provides."""
    texts = {
        "ten": values["ten"],
        "don_vi": values.get("don_vi", ""),
        "thanh_tich": values["thanh_tich"],
        "quyet_dinh": f"Quyết định số: {values['so_quyet_dinh']}",
        "so_vao_so": f"Số vào sổ: {values['so_vao_so']}" if values.get("so_vao_so") else "",
        "ngay": format_place_date(values["dia_danh"], values["ngay_quyet_dinh"]),
        "chuc_vu_ky": upper_vi(values.get("chuc_vu_ky", "")),
        "nguoi_ky": values.get("nguoi_ky", ""),
    }
    return {item: text for item, text in texts.items() if text}


def merged_positions(spec: TemplateSpec, values: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Return the manifest's default positions with the data's overrides, key by key."""
    field = spec.field("vi_tri")
    defaults: Mapping[str, Any] = (field.example if field else None) or {}
    given: Mapping[str, Any] = values.get("vi_tri", {})
    return {item: {**defaults.get(item, {}), **given.get(item, {})} for item in {*defaults, *given}}


def build_phoi_khen(
    spec: TemplateSpec, values: Mapping[str, Any], *, today: dt.date | None = None
) -> dict[str, Any]:
    """Bằng khen / Giấy khen: each item as a page-anchored frame at its (x, y) in mm."""
    problems = Problems()
    positions = merged_positions(spec, values)
    page_width, page_height = CERTIFICATE_PAGE
    items = []
    for item, text in sorted(_texts(values).items(), key=lambda pair: ITEMS.index(pair[0])):
        position = positions.get(item, {})
        if "x" not in position or "y" not in position:
            problems.add(
                ("vi_tri", item),
                f"chưa có vị trí (x, y) để in “{item}”: hãy thêm vào “vi_tri”",
                f"there is no position (x, y) to print “{item}”: add it to “vi_tri”",
            )
            continue
        x, y = float(position["x"]), float(position["y"])
        width = float(position.get("width", page_width - CERTIFICATE_MARGIN - x))
        if x + width > page_width or y >= page_height:
            problems.add(
                ("vi_tri", item),
                f"“{item}” tràn ra ngoài tờ giấy {page_width:g} × {page_height:g} mm",
                f"“{item}” runs off the {page_width:g} × {page_height:g} mm sheet",
            )
            continue
        items.append(
            {
                "muc": item,
                "noi_dung": text,
                "x": mm_to_twips(x),
                "y": mm_to_twips(y),
                "w": mm_to_twips(width),
                "co": round(float(position.get("size", DEFAULT_SIZE)) * 2),  # half-points
                "dam": "1" if position.get("bold") else "0",
                "nghieng": "1" if position.get("italic") else "0",
                "can": position.get("align", "center"),
            }
        )
    problems.raise_any()
    return {
        "muc_in": items,
        "tieu_de_tai_lieu": f"{spec.title}: {values['ten']}",
    }
