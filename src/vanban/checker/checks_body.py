"""Checks of the body text layout (điểm e khoản 6 Mục II): indent, paragraph and line spacing.

Only body-text paragraphs are checked: headings set entirely in bold (Phần, Mục, "I. …")
have their own rules in the decree and are left out, as are tables.
"""

from __future__ import annotations

import itertools

from vanban.checker.checks_look import aggregate
from vanban.checker.findings import Finding, Location, number, span
from vanban.checker.inspection import Inspection
from vanban.checker.reading import SINGLE_LINE, Para
from vanban.checker.rules import Rule
from vanban.docx.units import TWIPS_PER_MM
from vanban.errors import Message


def body_indent(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check the first-line indent of every body paragraph (1 cm or 1,27 cm)."""
    low, high = (float(value) for value in rule.params["indent"])
    tolerance = float(rule.params.get("tolerance", 0))
    problems: list[tuple[Location, Message, Message]] = []
    for para in inspection.anatomy.body:
        indent = para.look.first_line / TWIPS_PER_MM
        if not low - tolerance <= indent <= high + tolerance:
            value = number(indent / 10, 2)
            problems.append(
                (
                    para.where.with_text(para.text),
                    Message(f"lùi đầu dòng {value.vi} cm", f"first-line indent {value.en} cm"),
                    Message(
                        "lùi đầu dòng 1 cm hoặc 1,27 cm", "first-line indent of 1 cm or 1.27 cm"
                    ),
                )
            )
    return aggregate(rule, problems)


def _gap_pt(para: Para, following: Para) -> float:
    """Return the space Word leaves between two paragraphs (the larger of after and before)."""
    same_style = para.style == following.style
    after = 0 if para.look.contextual and same_style else para.look.after
    before = 0 if following.look.contextual and same_style else following.look.before
    return max(after, before) / 20


def body_spacing(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check the space between each body paragraph and the one right after it."""
    minimum = float(rule.params["minimum"])
    body = {id(para) for para in inspection.anatomy.body}
    paras = inspection.paras
    problems: list[tuple[Location, Message, Message]] = []
    for para, following in itertools.pairwise(paras):
        if id(para) not in body or id(following) not in body:
            continue
        gap = _gap_pt(para, following)
        if gap < minimum:
            problems.append(
                (
                    para.where.with_text(para.text),
                    Message(
                        f"cách đoạn sau {number(gap).vi} pt", f"{number(gap).en} pt before the next"
                    ),
                    Message(
                        f"tối thiểu {number(minimum).vi} pt", f"at least {number(minimum).en} pt"
                    ),
                )
            )
    return aggregate(rule, problems)


def line_multiple(para: Para) -> float:
    """Return the line spacing as a multiple of a single line."""
    line, rule = para.look.line, para.look.line_rule
    if line is None or line <= 0:
        return 1.0
    if rule == "auto":
        return line / 240
    size = para.whole.printed[0].look.size_pt if para.printed else 14.0
    multiple = line / 20 / (size * SINGLE_LINE)
    # "At least" never makes lines closer than single.
    return max(multiple, 1.0) if rule == "atLeast" else multiple


def body_line_spacing(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check that body line spacing lies between single and 1,5 lines."""
    low, high = (float(value) for value in rule.params["lines"])
    tolerance = float(rule.params.get("tolerance", 0))
    problems: list[tuple[Location, Message, Message]] = []
    for para in inspection.anatomy.body:
        multiple = line_multiple(para)
        if not low - tolerance <= multiple <= high + tolerance:
            value = number(multiple, 2)
            problems.append(
                (
                    para.where.with_text(para.text),
                    Message(f"giãn dòng {value.vi} lines", f"line spacing {value.en} lines"),
                    Message(
                        f"giãn dòng {span(low, high).vi} lines",
                        f"line spacing {span(low, high).en} lines",
                    ),
                )
            )
    return aggregate(rule, problems)
