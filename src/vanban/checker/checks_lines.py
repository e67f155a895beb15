"""The short rule lines under the Tiêu ngữ, the issuing body and the trích yếu.

A rule may be a paragraph border (our templates: an empty paragraph whose top border spans
between its indents, or a bottom border on the text itself), a drawn line shape, or a line
of underscores. Its length is compared with the printed width of the text above it,
measured with Times New Roman metrics (vanban.documents.text_metrics).
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.checker.checks_look import element_name
from vanban.checker.findings import Finding, number
from vanban.checker.inspection import Inspection
from vanban.checker.reading import Para, Span
from vanban.checker.rules import Rule
from vanban.documents.text_metrics import longest_line_pt, text_width_pt
from vanban.docx.units import TWIPS_PER_MM
from vanban.errors import Message

_SOLID = ("single", "thick")
_LOOK_AHEAD = 2  # the rule may sit under a note such as "(Kèm theo …)"


@dataclass(frozen=True)
class RuleLine:
    """A rule line found under some text."""

    length_mm: float | None
    left_mm: float | None = None  # indents of a border rule, to judge centring
    right_mm: float | None = None
    style: str = "single"


def _border(para: Para, style: str) -> RuleLine:
    return RuleLine(
        para.width_twips / TWIPS_PER_MM,
        para.look.left / TWIPS_PER_MM,
        para.look.right / TWIPS_PER_MM,
        style,
    )


def _underscores(para: Para, column: int) -> RuleLine | None:
    """Return a line typed as underscores, in the same tab column as the text above."""
    for segment in para.segments:
        text = segment.text
        if segment.column == column and len(text) >= 3 and not set(text) - set("_"):
            size = segment.printed[0].look.size_pt
            return RuleLine(text_width_pt(text, size) * 25.4 / 72)
    return None


def find_rule(inspection: Inspection, last: Span) -> RuleLine | None:
    """Return the rule line drawn under ``last``, or None."""
    para = last.para
    if para.look.border_bottom:
        return _border(para, para.look.border_bottom)
    if para.shapes:
        return RuleLine(para.shapes[0].length_mm)
    paras = inspection.paras
    position = next(index for index, item in enumerate(paras) if item is para)
    for following in paras[position + 1 : position + 1 + _LOOK_AHEAD]:
        if following.cell_key != para.cell_key:
            return None
        if following.look.border_top:
            return _border(following, following.look.border_top)
        if following.shapes:
            return RuleLine(following.shapes[0].length_mm)
        typed = _underscores(following, last.column)
        if typed is not None:
            return typed
        if following.printed and not following.text.startswith("("):
            return None
    return None


def _text_length_mm(spans: list[Span], single_line: bool) -> float:
    widths = []
    for text_span in spans:
        printed = text_span.printed
        if not printed:
            continue
        look = printed[0].look
        text = text_span.display
        if single_line:
            widths.append(text_width_pt(text, look.size_pt, bold=look.bold))
        else:
            available = text_span.para.width_twips / 20
            widths.append(
                longest_line_pt(text, look.size_pt, bold=look.bold, available_pt=available)
            )
    return max(widths, default=0.0) * 25.4 / 72


def rule_line(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check that a solid, centred line of the right length is drawn under a part."""
    name = str(rule.params["element"])
    spans = inspection.anatomy.get(name)
    if not spans:
        return []
    label = element_name(name)
    low, high = (float(value) for value in rule.params["share"])
    tolerance = float(rule.params.get("tolerance", 0.0))
    where = spans[-1].where
    found = find_rule(inspection, spans[-1])
    share = Message(
        "dài bằng dòng chữ" if low == high == 1 else "dài 1/3–1/2 dòng chữ",
        "as long as the text line" if low == high == 1 else "1/3 to 1/2 of the text line",
    )
    expected = Message(
        f"đường kẻ ngang nét liền dưới {label.vi}, {share.vi}",
        f"a solid line under the {label.en}, {share.en}",
    )
    if found is None:
        return [rule.finding(Message("không có đường kẻ", "no line"), expected, where)]
    if found.style not in _SOLID:
        return [
            rule.finding(
                Message(f"đường kẻ kiểu “{found.style}”", f"a “{found.style}” line"),
                expected,
                where,
            )
        ]
    text_mm = _text_length_mm(spans, single_line=name == "tieu_ngu")
    if found.length_mm is not None and text_mm > 0:
        ratio = found.length_mm / text_mm
        if not low * (1 - tolerance) <= ratio <= high * (1 + tolerance):
            length, fraction, text = number(found.length_mm), number(ratio, 2), number(text_mm)
            return [
                rule.finding(
                    Message(
                        f"đường kẻ dài {length.vi} mm, bằng {fraction.vi} dòng chữ ({text.vi} mm)",
                        f"a line {length.en} mm long, {fraction.en} of the text ({text.en} mm)",
                    ),
                    expected,
                    where,
                )
            ]
    centre = float(rule.params.get("centre", 0))
    sides = (found.left_mm, found.right_mm)
    if (
        centre
        and sides[0] is not None
        and sides[1] is not None
        and abs(sides[0] - sides[1]) > centre
    ):
        left, right = number(sides[0]), number(sides[1])
        return [
            rule.finding(
                Message(
                    f"đường kẻ lệch: lùi trái {left.vi} mm, lùi phải {right.vi} mm",
                    f"an off-centre line: indents {left.en} mm left, {right.en} mm right",
                ),
                Message("đường kẻ đặt cân đối dưới dòng chữ", "a line centred under the text"),
                where,
            )
        ]
    return []
