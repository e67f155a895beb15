"""Checks of a Bằng khen or Giấy khen printed onto a pre-printed blank.

The blank carries the emblem, Quốc hiệu and the awarding body; what vanban prints is the name,
the unit, the achievement, the decision's number, the register number (Số vào sổ), the place
and date, and the signer. Each item sits in a frame anchored to the page, measured on the
blank, so the checks are about the sheet (A4 landscape), the items the certificate needs, and
frames that stay on the sheet and do not sit on each other.
"""

from __future__ import annotations

import re

from vanban.checker.anatomy import fold, signature_prefix
from vanban.checker.findings import Finding, Location, number
from vanban.checker.forms import page_frame, printed_body
from vanban.checker.inspection import Inspection
from vanban.checker.page_layout import ink_box
from vanban.checker.rules import Rule
from vanban.docx.frames import Frame
from vanban.docx.units import TWIPS_PER_MM
from vanban.errors import Message
from vanban.signing.placement import TextLine

_DATE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")
_ITEMS = {
    # item: (how its line starts, folded; Vietnamese and English name)
    "quyet_dinh": ("quyet dinh so", "“Quyết định số: …”", "“Quyết định số: …” (the decision)"),
    "so_vao_so": ("so vao so", "“Số vào sổ: …”", "“Số vào sổ: …” (the register number)"),
}


def certificate_sheet(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check that every section is an A4 sheet turned landscape, as the blanks are."""
    width, height = (float(value) for value in rule.params["size"])
    tolerance = float(rule.params.get("tolerance", 1))
    findings = []
    for index, page in enumerate(inspection.pages):
        found = (page.width / TWIPS_PER_MM, page.height / TWIPS_PER_MM)
        if abs(found[0] - width) > tolerance or abs(found[1] - height) > tolerance:
            findings.append(
                rule.finding(
                    Message(
                        f"{number(found[0]).vi} × {number(found[1]).vi} mm",
                        f"{found[0]:.1f} × {found[1]:.1f} mm",
                    ),
                    Message(
                        f"A4 ngang, {width:g} × {height:g} mm",
                        f"A4 landscape, {width:g} × {height:g} mm",
                    ),
                    Location(part="page", section=index),
                )
            )
    return findings


def certificate_items(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check that the certificate prints its decision, register number, date and signer."""
    paras = printed_body(inspection)
    texts = [fold(para.text) for para in paras]
    findings = []
    for item in rule.params["items"]:
        start, vi, en = _ITEMS[str(item)]
        if not any(text.startswith(start) for text in texts):
            findings.append(
                rule.finding(
                    Message(f"không in {vi}", f"no {en} printed"),
                    Message(f"in {vi}", f"{en} printed"),
                    Location(part="document"),
                )
            )
    if not any(_DATE.search(text) for text in texts):
        findings.append(
            rule.finding(
                Message("không in địa danh, ngày tháng năm", "no place and date printed"),
                Message(
                    "in địa danh, ngày tháng năm của quyết định", "the decision's place and date"
                ),
                Location(part="document"),
            )
        )
    dated = next((i for i, text in enumerate(texts) if _DATE.search(text)), len(paras))
    for position, para in enumerate(paras):
        if position <= dated:  # the signer is under the date; above it a name may be capitals
            continue
        line = para.text.split("\n")[0]
        title = (signature_prefix(line) is not None or line == line.upper()) and any(
            char.isalpha() for char in line
        )
        following = paras[position + 1].text if position + 1 < len(paras) else ""
        if title and (not following or following == following.upper()):
            findings.append(
                rule.finding(
                    Message(
                        f"dưới “{' / '.join(para.text.splitlines())}” không có họ tên người ký",
                        f"no signer's name under “{' / '.join(para.text.splitlines())}”",
                    ),
                    Message("họ tên người ký dưới chức vụ", "the signer's name under the title"),
                    para.where,
                )
            )
    return findings


def certificate_frames(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check that every item is in a page-anchored frame on the sheet, none on another.

    Frames side by side (the decision's number left, the date right) are fine; a frame that
    shares columns with an earlier one must start below it.
    """
    findings = []
    page = inspection.pages[0]
    placed: list[Frame] = []
    for para in printed_body(inspection):
        frame = page_frame(para)
        if frame is None or frame.x is None or frame.y is None or frame.width is None:
            findings.append(
                rule.finding(
                    Message("không nằm trong khung đặt theo trang", "not in a page-anchored frame"),
                    Message(
                        "mỗi mục trong một khung có vị trí x, y và độ rộng",
                        "each item in a frame with its x, y and width",
                    ),
                    para.where,
                )
            )
            continue
        x, y, width = frame.x, frame.y, frame.width
        if x < 0 or x + width > page.width or not 0 <= y < page.height:
            findings.append(
                rule.finding(
                    Message("khung ra ngoài tờ giấy", "the frame runs off the sheet"),
                    Message("khung nằm trong tờ giấy", "a frame inside the sheet"),
                    para.where,
                )
            )
        if any(_shares_columns(frame, other) and y <= (other.y or 0) for other in placed):
            findings.append(
                rule.finding(
                    Message("khung đè lên một mục ở trên", "the frame sits on an item above"),
                    Message(
                        "mỗi mục ở dưới mục cùng cột trước nó", "each item below the one before"
                    ),
                    para.where,
                )
            )
        placed.append(frame)
    return findings


def _shares_columns(one: Frame, other: Frame) -> bool:
    left, right = one.x or 0, (one.x or 0) + (one.width or 0)
    other_left = other.x or 0
    return left < other_left + (other.width or 0) and other_left < right


def certificate_printed(inspection: Inspection, rule: Rule) -> list[Finding]:
    """On the printed sheet: every line of an item inside its frame, none on another's line."""
    if inspection.layout is None or not inspection.layout.pages:
        return []
    page = inspection.layout.pages[0]
    items = [(para, page_frame(para)) for para in printed_body(inspection)]
    framed = [(para, frame) for para, frame in items if frame is not None and frame.y is not None]
    findings: list[Finding] = []
    owners: list[tuple[TextLine, Frame]] = []
    for line in page.lines:
        top = page.height - line.box[3]  # points from the sheet's top, as frames are placed
        candidates = [
            (para, frame)
            for para, frame in framed
            if fold(line.text) in fold(para.text) and (frame.y or 0) / 20 <= top + 2
        ]
        if not candidates:
            continue
        para, frame = max(candidates, key=lambda item: item[1].y or 0)
        owners.append((line, frame))
        left, width = (frame.x or 0) / 20, (frame.width or 0) / 20
        ink = ink_box(line)
        if ink[0] < left - 1.5 or ink[2] > left + width + 1.5:
            findings.append(_outside(rule, para.where.with_text(line.text)))
    for position, (line, frame) in enumerate(owners):
        for other, other_frame in owners[position + 1 :]:
            if other_frame is not frame and _overlap(ink_box(line), ink_box(other)):
                findings.append(
                    rule.finding(
                        Message(
                            f"dòng “{line.text.strip()}” in đè lên “{other.text.strip()}”",
                            f"“{line.text.strip()}” is printed over “{other.text.strip()}”",
                        ),
                        Message("mỗi dòng in riêng, không đè nhau", "no line printed over another"),
                        Location(part="layout", text=line.text, page=0),
                    )
                )
    return findings


def _outside(rule: Rule, where: Location) -> Finding:
    return rule.finding(
        Message("chữ in ra ngoài khung của mục", "text printed outside its item's frame"),
        Message("chữ nằm trong khung đo trên phôi", "text inside the frame measured on the blank"),
        where.on_page(0),
    )


def _overlap(
    one: tuple[float, float, float, float], two: tuple[float, float, float, float]
) -> bool:
    inset = 1.0  # glyph boxes of lines set close together touch without ink overlapping
    return (
        one[0] + inset < two[2]
        and two[0] + inset < one[2]
        and one[1] + inset < two[3]
        and two[1] + inset < one[3]
    )
