"""The parts only a Quyết định has, read into the data of the ``quyet_dinh`` template.

Who decides (the capitals line under the subject) becomes ``tham_quyen`` (document.py);
the "QUYẾT ĐỊNH:" line is the template's own; the articles "Điều 1." … are the body tree
(``danh_so`` starts with ``dieu``), and what follows the last one stays in it, where vanban
prints the effect clause; "Như Điều N" naming that last article (or "Như trên" standing for
it) is dropped from Nơi nhận, since vanban prints "Như Điều N". Anything else stays as the
import found it.
"""

from __future__ import annotations

from typing import Any

from vanban.checker.anatomy import fold
from vanban.documents.body import BODY_END

__all__ = ["is_decides_line", "read_decision"]


def is_decides_line(text: str) -> bool:
    """True for the "QUYẾT ĐỊNH:" line between the căn cứ and Điều 1."""
    return fold(text).rstrip(" .") in ("quyet dinh:", "quyet dinh")


def read_decision(data: dict[str, Any], closing: list[Any], signature: dict[str, Any]) -> list[Any]:
    """Put a decision's articles where the ``quyet_dinh`` template takes them (in place).

    ``closing`` is what the outline found after the last numbered item: in a decision, the
    end of the last Điều. Returns what is left for ``ket_thuc`` (the closing, when the body
    is not numbered in articles). ``signature`` holds Nơi nhận.
    """
    tree = data.get("noi_dung") or []
    numbering = data.get("danh_so") or []
    if not tree or not numbering or numbering[0] != "dieu":
        return closing
    last = tree[-1]
    key = "sau" if last.get("muc") or last.get("bang") else "doan"
    if closing:
        last[key] = [*last.get(key, []), *closing]
    paragraphs = last.get(key) or []
    if paragraphs and isinstance(paragraphs[-1], str) and paragraphs[-1].endswith(BODY_END):
        paragraphs[-1] = paragraphs[-1][: -len(BODY_END)] + "."  # vanban prints "./." itself
    recipients = signature.get("noi_nhan") or []
    # vanban prints "Như Điều N" for those the last article names; "Như trên" meant them too.
    if recipients and fold(recipients[0]) in ("nhu tren", f"nhu dieu {len(tree)}"):
        del recipients[0]
        if not recipients:
            del signature["noi_nhan"]
    return []
