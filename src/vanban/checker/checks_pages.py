"""Checks of what only the laid-out pages show (the document's PDF, see page_layout.py).

A .docx says how text should flow; only a layout engine says where it went. These checks read
the pages LibreOffice made: a last page holding only the signature, a heading or a lone line
at the foot of a page, a page ending in empty lines that could have been filled, a proper name
or number broken across lines in the header, title or signature block, page numbers that are
not printed where Phụ lục I puts them. Each returns nothing when the pages were not laid out.
"""

from __future__ import annotations

import re

from vanban.checker.anatomy import fold
from vanban.checker.findings import Finding, Location
from vanban.checker.inspection import Inspection
from vanban.checker.page_layout import (
    below,
    body_lines,
    is_bold,
    is_page_number,
    lines_of,
    pitch,
    section_of,
    text_of,
)
from vanban.checker.reading import Span
from vanban.checker.rules import Rule
from vanban.docx.units import TWIPS_PER_POINT
from vanban.errors import Message
from vanban.signing.placement import PrintedPage, TextLine

# The parts whose lines must not split a name or a number, as a reader sees them.
NAMED_PARTS = (
    "co_quan_chu_quan",
    "co_quan_ban_hanh",
    "ten_loai",
    "trich_yeu",
    "trich_yeu_cong_van",
    "tieu_de_phu_luc",
    "kem_theo",
    "quyen_han",
    "ho_ten",
)
# Words that open the name of an administrative unit ("tỉnh Sơn La", "THÀNH PHỐ HÀ NỘI");
# two-word units are named by their last word and the word before it.
_UNITS = {"tinh", "huyen", "xa", "phuong", "quan"}
_TWO_WORD_UNITS = {("thanh", "pho"), ("thi", "xa"), ("thi", "tran")}
_NOT_UNITS = {("xa", "hoi")}  # "xã hội" (society) is not a commune
_SPLIT_TOKEN = re.compile(r"[^\s][-–/]$")
_EDGE = 3.0  # points: how close to a margin a line starts or ends to count as touching it


def _pages(inspection: Inspection) -> tuple[PrintedPage, ...]:
    return inspection.layout.pages if inspection.layout is not None else ()


def _page_where(page: int, text: str = "") -> Location:
    return Location(part="layout", text=text, page=page)


def _signature_spans(inspection: Inspection) -> list[Span]:
    anatomy = inspection.anatomy
    return [*anatomy.get("noi_nhan"), *anatomy.get("quyen_han"), *anatomy.get("ho_ten")]


def signature_alone(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Report a page that begins with the signature block: no body text above it."""
    spans = _signature_spans(inspection)
    pages = _pages(inspection)
    if not spans or len(pages) < 2:
        return []
    for index in reversed(range(1, len(pages))):
        lines = body_lines(inspection, pages[index])
        signed = lines_of(spans, lines)
        if not signed:
            continue
        top = max(line.box[3] for line in signed)
        if not any(line.box[1] > top + 1 for line in lines):
            first = spans[0].text.split("\n")[0]
            return [
                rule.finding(
                    Message(
                        f"trang {index + 1} chỉ có phần ký, nơi nhận",
                        f"page {index + 1} holds only the signature and recipients",
                    ),
                    Message(
                        "ít nhất đoạn cuối của nội dung ở cùng trang với phần ký",
                        "at least the last paragraph of the body on the signature's page",
                    ),
                    _page_where(index, first),
                )
            ]
        return []
    return []


def _text_edges(inspection: Inspection, page: PrintedPage) -> tuple[float, float]:
    section = section_of(inspection, page)
    return section.left / TWIPS_PER_POINT, page.width - section.right / TWIPS_PER_POINT


def _headings(inspection: Inspection) -> list[Span]:
    start, end = inspection.anatomy.body_range
    return [
        para.whole
        for para in inspection.paras[start:end]
        if para.printed and para.cell_key is None and all(p.look.bold for p in para.whole.printed)
    ]


def heading_at_foot(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Report a heading printed as the last line of a page, its text on the next page."""
    headings = _headings(inspection)
    pages = _pages(inspection)
    findings = []
    for index, page in enumerate(pages[:-1]):
        lines = body_lines(inspection, page)
        if lines and is_bold(lines[-1]) and lines_of(headings, lines[-1:]):
            findings.append(
                rule.finding(
                    Message(
                        "đề mục nằm cuối trang, nội dung sang trang sau", "a heading ends the page"
                    ),
                    Message("đề mục ở cùng trang với nội dung của nó", "a heading with its text"),
                    _page_where(index, lines[-1].text),
                )
            )
    return findings


def lone_line(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Report a paragraph's first line alone at a page's foot, or its last line alone on top."""
    body = [para.whole for para in inspection.anatomy.body]
    pages = _pages(inspection)
    findings = []
    for index in range(len(pages) - 1):
        last_lines = lines_of(body, body_lines(inspection, pages[index]))
        next_lines = lines_of(body, body_lines(inspection, pages[index + 1]))
        if not last_lines or not next_lines:
            continue
        last, first = last_lines[-1], next_lines[0]
        left, right = _text_edges(inspection, pages[index])
        next_left, next_right = _text_edges(inspection, pages[index + 1])
        size = max(char[3] for char in last.chars)
        continues = abs(first.box[0] - next_left) < _EDGE and last.box[2] > right - size
        if not continues:
            continue
        if last.box[0] > left + _EDGE:  # an indented first line, the rest overleaf
            findings.append(_lone(rule, index, last, orphan=True))
        elif first.box[2] < next_right - 2 * size and (
            len(next_lines) < 2 or next_lines[1].box[0] > next_left + _EDGE
        ):  # a short last line, alone on top of the next page
            findings.append(_lone(rule, index + 1, first, orphan=False))
    return findings


def _lone(rule: Rule, page: int, line: TextLine, *, orphan: bool) -> Finding:
    found = (
        Message("dòng đầu của đoạn nằm một mình cuối trang", "a paragraph's first line alone")
        if orphan
        else Message("dòng cuối của đoạn nằm một mình đầu trang", "a paragraph's last line alone")
    )
    return rule.finding(
        found,
        Message("ít nhất hai dòng của đoạn ở mỗi trang", "at least two lines of it on each page"),
        _page_where(page, line.text),
    )


def empty_foot(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Report a page ending in empty lines that what opens the next page could have filled.

    A heading keeps with its text, and a paragraph leaves at least two lines on each page, so
    a page may end short by the heading's lines and two more; a page ending with ``lines``
    empty lines or more, and at least a line more than that, was left empty for nothing
    (usually headings chained to headings, or text kept with text).
    """
    headings = _headings(inspection)
    body = [para.whole for para in inspection.anatomy.body]
    signature = _signature_spans(inspection)
    pages = _pages(inspection)
    least = float(rule.params.get("lines", 3))
    findings = []
    for index in range(len(pages) - 1):
        page, following = pages[index], pages[index + 1]
        if (page.width, page.height) != (following.width, following.height):
            continue  # a section break to landscape pages (and back) starts a page anyway
        lines, next_lines = body_lines(inspection, page), body_lines(inspection, following)
        if not lines or not next_lines:
            continue
        step = pitch(lines)
        bottom = section_of(inspection, page).bottom / TWIPS_PER_POINT
        empty = (lines[-1].box[1] - bottom) / step
        opening = 0
        while opening < len(next_lines) and lines_of(headings, next_lines[opening : opening + 1]):
            opening += 1
        text = next_lines[opening : opening + 2]
        if len(text) < 2 or len(lines_of(body, text)) < len(text):
            continue  # what follows is a table, a title or the signature: it does not split
        if lines_of(signature, next_lines):
            continue  # the closing paragraph keeps with the signature, as it must
        if empty >= least and empty >= opening + len(text) + 1:
            findings.append(
                rule.finding(
                    Message(
                        f"trang kết thúc với {int(empty)} dòng trống",
                        f"the page ends with {int(empty)} empty lines",
                    ),
                    Message(
                        "trang được lấp đầy khi nội dung trang sau có thể bắt đầu ở đây",
                        "a full page when what opens the next page could start on it",
                    ),
                    _page_where(index, lines[-1].text),
                )
            )
    return findings


def _unit_before_break(words: list[str]) -> bool:
    """True when one of the last three words opens a unit name that runs to the line's end."""
    keys = [fold(word).strip(',.;:()“”"') for word in words]
    for position in range(max(0, len(keys) - 3), len(keys)):
        if any(word.endswith((",", ";", ".")) for word in words[position:-1]):
            continue
        pair = (keys[position - 1], keys[position]) if position else ("", keys[position])
        if keys[position] in _UNITS or pair in _TWO_WORD_UNITS:
            return True
    return False


def _splits_name(part: str, upper: str, lower: str) -> bool:
    words, following = upper.split(), lower.split()
    if not words or not following:
        return False
    if part == "ho_ten":
        return True  # a person's name is one line
    if _SPLIT_TOKEN.search(upper.rstrip()):
        return True  # "2021- / 2030", "03/KH- / HKH"
    if (fold(words[-1]), fold(following[0])) in _NOT_UNITS:
        return False
    return _unit_before_break(words) and following[0][:1].isupper()


def broken_names(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Report a line break inside a place name, a person's name or a number in the header,
    the title or the signature block ("TỈNH SƠN / LA", "2021- / 2030").
    """
    findings = []
    for index, page in enumerate(_pages(inspection)):
        lines = body_lines(inspection, page)
        for part in NAMED_PARTS:
            spans = inspection.anatomy.get(part)
            # A break typed in the document ("HỘI KHUYẾN HỌC⏎TỈNH SƠN LA") is the writer's
            # choice; only the breaks the layout made inside one typed line are judged.
            typed = [fold(line) for span in spans for line in span.text.split("\n")]
            printed = lines_of(spans, lines)
            for line in printed:
                under = below(line, printed)
                joined = fold(f"{line.text} {under.text}") if under is not None else ""
                if under is None or not any(joined in segment for segment in typed):
                    continue
                if _splits_name(part, line.text, under.text):
                    shown = f"{line.text.strip()} / {under.text.strip()}"
                    findings.append(
                        rule.finding(
                            Message(f"xuống dòng giữa tên: “{shown}”", f"a name broken: “{shown}”"),
                            Message(
                                "tên riêng, số và ký hiệu không bị tách xuống dòng",
                                "names, numbers and symbols kept on one line",
                            ),
                            spans[0].where.on_page(index),
                        )
                    )
    return findings


def page_numbers_printed(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Report a page number printed on page 1, or a later page without its number on top.

    Each appendix is numbered on its own (Phụ lục I, Mục III): a page that opens one with its
    "(Kèm theo …)" line starts again at 1 and, like page 1, shows no number.
    """
    pages = _pages(inspection)
    if len(pages) < 2:
        return []
    findings = []
    expected = 0
    for index, page in enumerate(pages):
        section = section_of(inspection, page)
        top = page.height - section.top / TWIPS_PER_POINT
        numbers = [
            line
            for line in page.lines
            if is_page_number(line, page, section) and line.box[1] >= top - 1
        ]
        opens = index == 0 or any(
            text_of(line).startswith("(kem theo") for line in body_lines(inspection, page)[:6]
        )
        expected = 1 if opens else expected + 1
        if opens and numbers:
            findings.append(
                rule.finding(
                    Message(
                        f"trang {index + 1} (trang đầu) có in số trang",
                        f"page {index + 1} (a first page) shows a page number",
                    ),
                    Message(
                        "không in số ở trang thứ nhất (của văn bản, của phụ lục)",
                        "no number on a first page (of the document or an appendix)",
                    ),
                    _page_where(index, numbers[0].text),
                )
            )
        elif not opens and not any(text_of(line) == str(expected) for line in numbers):
            shown = ", ".join(line.text.strip() for line in numbers) or "—"
            findings.append(
                rule.finding(
                    Message(
                        f"trang {index + 1} không in số {expected} ở lề trên (thấy: {shown})",
                        f"page {index + 1} has no number {expected} in its top margin ({shown})",
                    ),
                    Message(
                        "số trang in ở lề trên, từ trang thứ hai",
                        "the page number in the top margin from page 2 on",
                    ),
                    _page_where(index),
                )
            )
    return findings
