"""Checks of the page (Phụ lục I, Phần I, Mục I): paper, margins, typeface, colour, page numbers."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from vanban.checker.findings import Finding, Location, join, number, span
from vanban.checker.inspection import Inspection
from vanban.checker.reading import SINGLE_LINE, Para, Piece
from vanban.checker.rules import Rule
from vanban.documents.text_metrics import text_width_pt
from vanban.docx.reading import page_number_paragraphs
from vanban.docx.units import TWIPS_PER_MM
from vanban.errors import Message

_PAGE_FIELD = re.compile(r"(^|\s)PAGE(\s|\\|$)")
_BLACK = ("AUTO", "000000")


def _mm(value: int) -> float:
    return round(value / TWIPS_PER_MM, 1)


def _page_where(index: int) -> Location:
    return Location(part="page", section=index)


def paper_size(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check that every section is A4 (either way round; orientation is its own rule)."""
    wanted = sorted((float(rule.params["width"]), float(rule.params["height"])))
    tolerance = float(rule.params.get("tolerance", 1))
    findings = []
    for index, page in enumerate(inspection.pages):
        size = sorted((_mm(page.width), _mm(page.height)))
        if any(abs(a - b) > tolerance for a, b in zip(size, wanted, strict=True)):
            found = Message(
                f"{number(size[0]).vi} × {number(size[1]).vi} mm", f"{size[0]:g} × {size[1]:g} mm"
            )
            expected = Message(
                f"A4, {wanted[0]:g} × {wanted[1]:g} mm", f"A4, {wanted[0]:g} × {wanted[1]:g} mm"
            )
            findings.append(rule.finding(found, expected, _page_where(index)))
    return findings


def orientation(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check for portrait pages; landscape is allowed when the body has tables of its own."""
    tables = {para.cell_key[0] for para in inspection.paras if para.cell_key}
    anatomy = inspection.anatomy
    layout = {anatomy.header_table} | {
        span.para.cell_key[0] for span in anatomy.get("noi_nhan") if span.para.cell_key
    }
    if tables - layout:
        return []
    return [
        rule.finding(
            Message("trang nằm ngang", "landscape page"),
            Message(
                "trang dọc (ngang chỉ khi có bảng, biểu)", "portrait (landscape only with tables)"
            ),
            _page_where(index),
        )
        for index, page in enumerate(inspection.pages)
        if page.landscape
    ]


def margins(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check the four margins of every section."""
    names = {
        "top": ("trên", "top"),
        "bottom": ("dưới", "bottom"),
        "left": ("trái", "left"),
        "right": ("phải", "right"),
    }
    findings = []
    for index, page in enumerate(inspection.pages):
        found: list[Message] = []
        expected: list[Message] = []
        for side, (vi, en) in names.items():
            low, high = (float(value) for value in rule.params[side])
            value = _mm(getattr(page, side))
            if not low <= value <= high:
                found.append(
                    Message(f"lề {vi} {number(value).vi} mm", f"{en} margin {number(value).en} mm")
                )
                wanted = span(low, high, "mm")
                expected.append(Message(f"lề {vi} {wanted.vi}", f"{en} margin {wanted.en}"))
        if found:
            findings.append(rule.finding(join(found), join(expected), _page_where(index)))
    return findings


def _pieces(inspection: Inspection) -> Iterator[tuple[Para, Piece]]:
    for para in [*inspection.paras, *inspection.margins_paras]:
        for piece in para.whole.printed:
            yield para, piece


def _per_value(
    rule: Rule, seen: dict[str, list[Para]], vi: str, en: str, expected: Message
) -> list[Finding]:
    findings = []
    for value, paras in seen.items():
        count = len({id(para) for para in paras})
        found = Message(
            f"{vi} {value} ({count} đoạn)", f"{en} {value} ({count} paragraph{'s' * (count > 1)})"
        )
        findings.append(rule.finding(found, expected, paras[0].where.with_text(paras[0].text)))
    return findings


def font_family(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check that every printed character is set in the required typeface."""
    wanted = str(rule.params["font"])
    seen: dict[str, list[Para]] = {}
    for para, piece in _pieces(inspection):
        for font in piece.look.fonts:
            if font.casefold() != wanted.casefold():
                seen.setdefault(font or "(theme)", []).append(para)
    return _per_value(rule, seen, "phông", "typeface", Message(wanted, wanted))


def font_colour(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check that every printed character is black."""
    seen: dict[str, list[Para]] = {}
    for para, piece in _pieces(inspection):
        if piece.look.colour not in _BLACK:
            seen.setdefault(piece.look.colour, []).append(para)
    return _per_value(rule, seen, "màu", "colour", Message("màu đen", "black"))


def _field_paragraphs(root: Any) -> list[Any]:
    return page_number_paragraphs(root, lambda code: bool(_PAGE_FIELD.search(code.strip().upper())))


def estimated_pages(inspection: Inspection) -> float:
    """Return a rough page count: the height of the text over the height of a page."""
    page = inspection.pages[0]
    usable = max(page.height - page.top - page.bottom, 1) / 20
    rows: dict[Any, dict[Any, float]] = {}
    for para in inspection.paras:
        size = para.whole.printed[0].look.size_pt if para.printed else 12.0
        lines = sum(
            max(1, math.ceil(text_width_pt(line, size) / max(para.width_twips / 20, 1)))
            for line in (para.text or " ").split("\n")
        )
        spacing = para.look.line / 240 if para.look.line and para.look.line_rule == "auto" else 1.0
        height = lines * size * SINGLE_LINE * spacing + (para.look.before + para.look.after) / 20
        row = para.cell_key[:2] if para.cell_key else id(para)
        cells = rows.setdefault(row, {})
        cell = para.cell_key[2] if para.cell_key else 0
        cells[cell] = cells.get(cell, 0.0) + height
    return sum(max(cells.values()) for cells in rows.values()) / usable


def page_numbers(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check page numbers: none on page 1, a centred PAGE field in the header after it."""
    page = inspection.pages[0]
    where = Location(part="header", section=0)
    first_root = page.headers.get("first") if page.title_page else page.headers.get("default")
    default_root = page.headers.get("default")
    expected = Message(
        "số trang canh giữa ở đầu trang từ trang 2, không hiện ở trang 1",
        "page numbers centred in the header from page 2, none on page 1",
    )
    findings = []
    if first_root is not None and _field_paragraphs(first_root):
        findings.append(
            rule.finding(Message("trang 1 có số trang", "page 1 shows its number"), expected, where)
        )
    fields = _field_paragraphs(default_root) if default_root is not None else []
    if not fields:
        in_footer = any(_field_paragraphs(root) for root in page.footers.values())
        if in_footer:
            found = Message("số trang ở chân trang", "page numbers in the footer")
            findings.append(rule.finding(found, expected, Location(part="footer", section=0)))
        elif estimated_pages(inspection) > 1:
            findings.append(
                rule.finding(Message("không đánh số trang", "no page numbers"), expected, where)
            )
        return findings
    walked = {id(para.element): para for para in inspection.margins_paras}
    para = walked.get(id(fields[0]))
    if para is None:
        return findings
    problems: list[Message] = []
    if para.look.alignment != "center":
        problems.append(Message("số trang không canh giữa", "the number is not centred"))
    low, high = (float(value) for value in rule.params["size"])
    for piece in para.whole.printed:
        if not low <= piece.look.size_pt <= high:
            problems.append(
                Message(
                    f"cỡ chữ {number(piece.look.size_pt).vi} pt",
                    f"size {number(piece.look.size_pt).en} pt",
                )
            )
        if piece.look.bold or piece.look.italic:
            problems.append(Message("không phải chữ đứng thường", "not upright regular"))
    if problems:
        wanted = span(low, high, "pt")
        findings.append(
            rule.finding(
                join(problems[:2]),
                Message(
                    f"số trang canh giữa, cỡ {wanted.vi}, chữ đứng",
                    f"centred, {wanted.en}, upright",
                ),
                para.where.with_text(para.text),
            )
        )
    return findings
