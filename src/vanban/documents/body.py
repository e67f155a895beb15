"""Turning the ``noi_dung`` tree into the flat list of paragraphs a template loops over.

The data says *what* the structure is; this module generates the numbers ("I.", "1.", "1.1.",
"a)", "Phần thứ nhất") so they are always consecutive and always in the form Nghị định 30
prescribes, whatever the secretary typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from vanban.documents.body_tables import BodyTable
from vanban.vietnamese import ordinal_word, point_letter, to_roman, upper_vi

DEFAULT_NUMBERING = ("I", "1", "a")
BODY_END = "./."
# How the heading (an item with a ``tieu_de``) of each numbering style prints: one look per
# level, in every template (Phụ lục I: "I. TÊN MỤC" and a titled khoản "1." bold; below
# them, lighter by a step, so the level shows). An item without a title is body text: its
# number prints upright with it (a khoản or điểm without a title is upright), except
# "Điều N.", which is bold whether or not a title follows.
HEADING_KINDS = {
    "I": "de_muc",
    "1": "de_muc",
    "": "de_muc",
    "dieu": "de_muc",
    "1.1": "de_muc_dam_nghieng",
    "a": "de_muc_nghieng",
    "-": "de_muc_nghieng",
    "+": "de_muc_nghieng",
}


class BodyParagraph(NamedTuple):
    """One paragraph of the body: its kind (which template paragraph) and its text (a tuple:
    a long plan makes hundreds, a dataclass's frozen __init__ costs three times as much)."""

    # "doan" body text; "de_muc", "de_muc_dam_nghieng", "de_muc_nghieng" a heading (see
    # HEADING_KINDS); "phan" / "phan_tieu_de" a centred part; "bang" a table
    kind: str
    text: str  # may hold inline emphasis markup; empty for a table
    table: BodyTable | None = None


def _number(style: str, index: int, arabic_path: tuple[int, ...]) -> str:
    """Return the printed number of the ``index``-th (1-based) item in ``style``."""
    if style == "I":
        return f"{to_roman(index)}."
    if style == "1":
        return f"{index}."
    if style == "1.1":
        return ".".join(str(part) for part in (*arabic_path, index)) + "."
    if style == "a":
        return f"{point_letter(index)})"
    if style == "dieu":
        return f"Điều {index}."
    if style in ("-", "+"):
        return style
    return ""


def _style_for(level: int, numbering: Sequence[str], override: str | None) -> str:
    if override is not None:
        return override
    if level < len(numbering):
        return numbering[level]
    return numbering[-1] if numbering[-1] in ("-", "+", "") else "-"


def _join(number: str, text: str) -> str:
    return f"{number} {text}" if number else text


def _walk(
    nodes: Sequence[dict[str, Any]],
    level: int,
    numbering: Sequence[str],
    override: str | None,
    arabic_path: tuple[int, ...],
    out: list[BodyParagraph],
) -> None:
    style = _style_for(level, numbering, override)
    for index, node in enumerate(nodes, start=1):
        number = _number(style, index, arabic_path)
        child_path = (*arabic_path, index) if style in ("1", "1.1") else ()
        paragraphs: list[str] = list(node.get("doan", []))
        title = node.get("tieu_de")
        if style == "phan":
            out.append(BodyParagraph("phan", f"Phần thứ {ordinal_word(index)}"))
            if title:
                out.append(BodyParagraph("phan_tieu_de", upper_vi(title)))
        elif title:
            heading = upper_vi(title) if style == "I" else title
            out.append(BodyParagraph(HEADING_KINDS[style], _join(number, heading)))
        elif paragraphs:
            shown = f"**{number}**" if style == "dieu" else number
            paragraphs[0] = _join(shown, paragraphs[0])
        out.extend(BodyParagraph("doan", text) for text in paragraphs)
        out.extend(BodyParagraph("bang", "", table) for table in node.get("bang", []))
        children = node.get("muc", [])
        if children:
            _walk(children, level + 1, numbering, node.get("danh_so_con"), child_path, out)
        out.extend(BodyParagraph("doan", text) for text in node.get("sau", []))


def flatten_body(
    opening: Sequence[str],
    tree: Sequence[dict[str, Any]],
    closing: Sequence[str],
    numbering: Sequence[str] | None = None,
) -> list[BodyParagraph]:
    """Return the body paragraphs in order, numbered, ending with "./."."""
    out = [BodyParagraph("doan", text) for text in opening]
    _walk(tree, 0, tuple(numbering or DEFAULT_NUMBERING), None, (), out)
    out.extend(BodyParagraph("doan", text) for text in closing)
    texts = [index for index, item in enumerate(out) if item.table is None]
    if texts:  # "./." closes the last text, even when a table follows it
        last = out[texts[-1]]
        out[texts[-1]] = BodyParagraph(last.kind, ensure_body_end(last.text))
    return out


def ensure_body_end(text: str) -> str:
    """Return ``text`` ending with "./.", the mark that closes an official text."""
    text = text.rstrip()
    if text.endswith(BODY_END):
        return text
    if text.endswith("."):
        return text + "/."
    return text.rstrip(",;:") + BODY_END
