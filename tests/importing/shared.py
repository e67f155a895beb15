"""Helpers the import tests share: data in one canonical form, and words kept in order."""

from __future__ import annotations

import difflib
import re
from typing import Any

import yaml

from vanban.documents.body import DEFAULT_NUMBERING, ensure_body_end
from vanban.importing import ImportedDocument
from vanban.importing.yaml_text import Noted, dump
from vanban.services.documents import DocumentService

SERVICE = DocumentService()
PARAGRAPH_KEYS = ("mo_dau", "ket_thuc", "can_cu", "kinh_gui", "noi_nhan", "luu")


def plain(value: Any) -> Any:
    """Return ``value`` without the comments the import attached."""
    if isinstance(value, Noted):
        return plain(value.value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def written(document: ImportedDocument) -> dict[str, Any]:
    """Return the data as the written YAML reads back."""
    loaded = yaml.safe_load(dump(document.data))
    assert isinstance(loaded, dict)
    return loaded


def _nodes(nodes: list[dict[str, Any]], numbering: list[str], depth: int) -> list[Any]:
    style = numbering[depth] if depth < len(numbering) else "-"
    result = []
    for node in nodes:
        own = dict(node)
        if "bang" in own:  # one table or a list; widths are layout, measured again
            tables = own["bang"] if isinstance(own["bang"], list) else [own["bang"]]
            own["bang"] = [
                {**table, "cot": [_column(column) for column in table["cot"]]} for table in tables
            ]
        child_style = own.pop("danh_so_con", None)
        children = own.pop("muc", [])
        levels = list(numbering)
        if child_style is not None:
            levels = [*levels[: depth + 1], child_style, *levels[depth + 2 :]]
        result.append((style, own, _nodes(children, levels, depth + 1)))
    return result


def _column(column: Any) -> dict[str, Any]:
    named = {"ten": column} if isinstance(column, str) else dict(column)
    named.pop("rong", None)
    return named


def canonical(data: dict[str, Any]) -> dict[str, Any]:
    """Return document data in one form for the forms that print the same.

    A paragraph field as a string or a one-item list, numbering styles given per level or
    per node, "./." written or left to vanban: each prints identically, so compares equal.
    """
    out = {key: value for key, value in plain(data).items() if key not in ("danh_so", "noi_dung")}
    for key in PARAGRAPH_KEYS:
        if isinstance(out.get(key), str):
            out[key] = [out[key]]
    if "ngay" in out:
        out["ngay"] = str(out["ngay"])
    numbering = list(data.get("danh_so") or DEFAULT_NUMBERING)
    out["noi_dung"] = _nodes(plain(data.get("noi_dung", [])), numbering, 0)
    if out.get("ket_thuc"):
        out["ket_thuc"][-1] = ensure_body_end(out["ket_thuc"][-1])
    return out


_WORD = re.compile(r"\w+", re.UNICODE)


def words(lines: list[str]) -> list[str]:
    """Return the words of ``lines`` in order (punctuation dropped, case kept)."""
    return [word for line in lines for word in _WORD.findall(line)]


def kept_in_order(source: list[list[str]], result: list[str]) -> float:
    """Return the share of the words of the ``source`` lines found in ``result`` in order.

    Each source line (a paragraph, or one tab column of it) is matched on its own: where the
    header or the signature block sits on the page is layout, the order of words is text.
    """
    matched = 0
    for line in source:
        matcher = difflib.SequenceMatcher(None, line, result, autojunk=False)
        matched += sum(block.size for block in matcher.get_matching_blocks())
    return matched / max(sum(len(line) for line in source), 1)


def source_lines(inspection_paras: list[Any]) -> list[list[str]]:
    """Return the words of every printed line of a document, one list per tab column."""
    return [words([segment.text]) for para in inspection_paras for segment in para.segments]
