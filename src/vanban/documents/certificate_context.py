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
from vanban.documents.certificate_fit import Placed, fit_items
from vanban.documents.layout import mm_to_twips
from vanban.vietnamese import format_place_date, upper_vi
from vanban.vietnamese.unbreakable import keep_name_together, keep_together

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
        "ten": keep_together(values["ten"]),
        "don_vi": keep_together(values.get("don_vi", "")),
        "thanh_tich": keep_together(values["thanh_tich"]),
        "quyet_dinh": f"Quyết định số: {values['so_quyet_dinh']}",
        "so_vao_so": f"Số vào sổ: {values['so_vao_so']}" if values.get("so_vao_so") else "",
        "ngay": keep_together(format_place_date(values["dia_danh"], values["ngay_quyet_dinh"])),
        "chuc_vu_ky": upper_vi(values.get("chuc_vu_ky", "")),
        "nguoi_ky": keep_name_together(values.get("nguoi_ky", "")),
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
    if values.get("chuc_vu_ky") and not values.get("nguoi_ky"):
        problems.add(
            ("nguoi_ky",),
            "có chức vụ người ký (“chuc_vu_ky”) thì phải có họ tên người ký (“nguoi_ky”) in dưới",
            "a signer's title (“chuc_vu_ky”) needs the signer's name (“nguoi_ky”) under it",
        )
    positions = merged_positions(spec, values)
    page_width, page_height = CERTIFICATE_PAGE
    placed: list[Placed] = []
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
        size = float(position.get("size", DEFAULT_SIZE))
        placed.append(Placed(item, text, x, y, width, size, bool(position.get("bold")), 1))
    items = []
    for fitted in fit_items(placed):
        position = positions[fitted.item]
        if fitted.x + fitted.width > page_width or fitted.bottom > page_height:
            problems.add(
                ("vi_tri", fitted.item),
                f"“{fitted.item}” tràn ra ngoài tờ giấy {page_width:g} × {page_height:g} mm",
                f"“{fitted.item}” runs off the {page_width:g} × {page_height:g} mm sheet",
            )
            continue
        items.append(
            {
                "muc": fitted.item,
                "noi_dung": fitted.text,
                "x": mm_to_twips(fitted.x),
                "y": mm_to_twips(fitted.y),
                "w": mm_to_twips(fitted.width),
                "co": round(fitted.size * 2),  # half-points
                "dam": "1" if position.get("bold") else "0",
                "nghieng": "1" if position.get("italic") else "0",
                "can": position.get("align", "center"),
            }
        )
    items.sort(key=lambda entry: ITEMS.index(entry["muc"]))
    problems.raise_any()
    return {
        "muc_in": items,
        "tieu_de_tai_lieu": f"{spec.title}: {values['ten']}",
    }
