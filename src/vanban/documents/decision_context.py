"""A Quyết định (cá biệt), Mẫu 1.2 of Phụ lục III: who decides, căn cứ, "QUYẾT ĐỊNH:", Điều 1 …

What makes a decision a decision is shared with the award's Quyết định (award_context): the
authority line in bold capitals, the articles numbered "Điều 1.", "Điều 2." in bold, the
effect clause opening the last Điều (never standing alone after it), and those who carry the
decision out ("Như Điều 3") heading Nơi nhận.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from vanban.documents.body import ensure_body_end
from vanban.documents.catalogue import TemplateSpec
from vanban.documents.context import build_context
from vanban.vietnamese import upper_vi
from vanban.vietnamese.unbreakable import keep_together

__all__ = ["ARTICLES", "build_quyet_dinh", "carried_out_by", "last_article"]

ARTICLES = ("dieu", "1", "a")  # Điều 1., then khoản 1., then điểm a)


def last_article(lines: Sequence[str]) -> list[str]:
    """Return the last Điều's paragraphs: the effect clause opens it, as Mẫu 1.2 has it.

    "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng … chịu trách nhiệm
    thi hành Quyết định này./." — never the effect clause alone after the last Điều.
    """
    effect = [line for line in lines if _is_effect_clause(line)]
    others = [line for line in lines if not _is_effect_clause(line)]
    if effect and others:
        opening = " ".join(_sentence(line) for line in [*effect, others[0]])
        paragraphs = [opening, *others[1:]]
    else:
        paragraphs = list(lines)
    paragraphs[-1] = ensure_body_end(paragraphs[-1])
    return paragraphs


def _is_effect_clause(line: str) -> bool:
    return line.strip().casefold().startswith("quyết định này có hiệu lực")


def _sentence(line: str) -> str:
    line = line.strip()
    return line if line.endswith((".", "./.")) else line.rstrip(",;:") + "."


def carried_out_by(distribution: Sequence[str], article: int) -> list[str]:
    """Return Nơi nhận with "Như Điều N" (those the last Điều names) first, as Mẫu 1.2 has it."""
    items = list(distribution)
    if not items or not items[0].casefold().lstrip("- ").startswith("như điều"):
        items.insert(0, f"Như Điều {article}")
    return items


def _with_closing(tree: Sequence[Mapping[str, Any]], closing: Sequence[str]) -> list[Any]:
    """The articles with the closing lines and the effect clause inside the last Điều."""
    articles = [dict(node) for node in tree]
    last = articles[-1]
    if last.get("muc") or last.get("bang"):  # khoản or a table: the lines follow them
        last["sau"] = [*last.get("sau", []), *closing]
    elif last.get("doan") or closing:
        last["doan"] = last_article([*last.get("doan", []), *closing])
    return articles


def build_quyet_dinh(
    spec: TemplateSpec, values: Mapping[str, Any], *, today: dt.date | None = None
) -> dict[str, Any]:
    """A general Quyết định: the standard parts, the authority line, articles "Điều N."."""
    numbering = list(values.get("danh_so") or ARTICLES)
    tree = values["noi_dung"]
    distribution = list(values.get("noi_nhan", []))
    if numbering[0] == "dieu":
        tree = _with_closing(tree, values.get("ket_thuc", []))
        distribution = carried_out_by(distribution, len(tree))
    augmented = {
        **values,
        "danh_so": numbering,
        "noi_dung": tree,
        "ket_thuc": values.get("ket_thuc", []) if numbering[0] != "dieu" else [],
        "noi_nhan": distribution,
    }
    context = build_context(spec, augmented, today=today)
    context["tham_quyen"] = keep_together(upper_vi(values["tham_quyen"]))
    return context
