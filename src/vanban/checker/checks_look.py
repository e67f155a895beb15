"""Checks of how parts look: size, bold, italic, capitals, alignment, fixed wording, presence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vanban.checker.anatomy import ELEMENTS, fold
from vanban.checker.findings import Finding, Location, join, span
from vanban.checker.inspection import Inspection
from vanban.checker.reading import Span
from vanban.checker.rules import Rule
from vanban.errors import Message

ALIGNMENTS = {
    "left": ("căn trái", "left-aligned"),
    "center": ("canh giữa", "centred"),
    "right": ("căn phải", "right-aligned"),
    "both": ("canh đều hai lề", "justified"),
}


def element_spans(inspection: Inspection, name: str) -> list[Span]:
    """Return the spans of part ``name``; "noi_dung" is every body-text paragraph."""
    if name == "noi_dung":
        return [para.whole for para in inspection.anatomy.body]
    return inspection.anatomy.get(name)


def element_name(name: str) -> Message:
    """Return the printed name of part ``name``."""
    vi, en = ELEMENTS.get(name, (name, name))
    return Message(vi, en)


def sizes_text(sizes: Sequence[float]) -> Message:
    """Return "13; 14 pt" for the sizes found."""
    values = sorted(set(sizes))
    parts = [span(value, value) for value in values]
    joined = join(parts, "; ")
    return Message(joined.vi + " pt", joined.en + " pt")


def look_problems(text_span: Span, params: dict[str, Any]) -> tuple[list[Message], list[Message]]:
    """Return what is wrong with a span's look and what was expected, aspect by aspect."""
    found: list[Message] = []
    expected: list[Message] = []
    printed = text_span.printed
    if not printed:
        return found, expected
    size = params.get("size")
    if size and any(not size[0] <= piece.look.size_pt <= size[1] for piece in printed):
        shown = sizes_text([piece.look.size_pt for piece in printed])
        found.append(Message(f"cỡ chữ {shown.vi}", f"size {shown.en}"))
        wanted = span(size[0], size[1], "pt")
        expected.append(Message(f"cỡ chữ {wanted.vi}", f"size {wanted.en}"))
    for key, yes, no in (
        ("bold", ("đậm", "bold"), ("không đậm", "not bold")),
        ("italic", ("nghiêng", "italic"), ("chữ đứng", "upright")),
    ):
        wanted_flag = params.get(key)
        if wanted_flag is None:
            continue
        wrong = [piece for piece in printed if getattr(piece.look, key) != wanted_flag]
        if wrong:
            label = no if wanted_flag else yes
            part = Message(label[0], label[1])
            if len(wrong) < len(printed):
                part = Message(
                    f"{label[0]} ở “{wrong[0].text.strip()}”",
                    f"{label[1]} in “{wrong[0].text.strip()}”",
                )
            found.append(part)
            good = yes if wanted_flag else no
            expected.append(Message(good[0], good[1]))
    if params.get("upper") and any(char.islower() for char in text_span.display):
        found.append(Message("có chữ in thường", "has lower-case letters"))
        expected.append(Message("chữ in hoa", "capitals"))
    align = params.get("align")
    actual = text_span.para.look.alignment
    # Text set out with tabs is placed by its tab stops, not by the paragraph's alignment.
    if align and actual != align and "\t" not in text_span.para.whole.raw:
        shown_vi, shown_en = ALIGNMENTS.get(actual, (actual, actual))
        found.append(Message(shown_vi, shown_en))
        expected.append(Message(*ALIGNMENTS.get(align, (align, align))))
    layout = text_span.para.look
    if params.get("indent") is False and (layout.left > 0 or layout.first_line > 0):
        found.append(Message("có thụt lề", "indented"))
        expected.append(Message("sát lề trái", "at the left margin"))
    return found, expected


def aggregate(rule: Rule, problems: list[tuple[Location, Message, Message]]) -> list[Finding]:
    """Return one finding for a rule broken in several places: the first, and a count."""
    if not problems:
        return []
    where, found, expected = problems[0]
    if len(problems) > 1:
        more = len(problems) - 1
        found = Message(
            f"{found.vi} (và {more} chỗ khác)",
            f"{found.en} (and {more} more place{'s' * (more > 1)})",
        )
    return [rule.finding(found, expected, where)]


def element_look(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check the size, weight, slant, case and alignment of a part's text."""
    params = dict(rule.params)
    problems = []
    for text_span in element_spans(inspection, str(params["element"])):
        found, expected = look_problems(text_span, params)
        if found:
            problems.append((text_span.where, join(found), join(expected)))
    return aggregate(rule, problems)


def exact_text(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check that a part reads exactly one of the allowed wordings."""
    texts = [str(text) for text in rule.params["texts"]]
    findings = []
    for text_span in element_spans(inspection, str(rule.params["element"])):
        shown = text_span.display.replace("\n", " ")
        if shown not in texts:
            findings.append(
                rule.finding(
                    Message(f"“{shown}”", f"“{shown}”"),
                    Message(f"“{texts[0]}”", f"“{texts[0]}”"),
                    text_span.where,
                )
            )
    return findings[:1]


def required_parts(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Report each main part that could not be found."""
    anatomy = inspection.anatomy
    type_name = anatomy.one("ten_loai")
    exempt: list[str] = []
    for kind, names in dict(rule.params.get("not_required", {})).items():
        if type_name is not None and fold(type_name.text) == fold(str(kind)):
            exempt += [str(name) for name in names]
    findings = []
    parts = rule.params["appendix_parts"] if anatomy.appendix else rule.params["parts"]
    for name in [str(part) for part in parts]:
        if anatomy.get(name) or name in exempt:
            continue
        if name == "ten_loai" and anatomy.get("trich_yeu_cong_van"):
            continue  # a công văn has no type name, its subject follows "V/v"
        label = element_name(name)
        if name == "ten_loai":
            label = Message(
                "tên loại văn bản (hoặc “V/v” của công văn)",
                "document type name (or a letter's “V/v”)",
            )
        findings.append(
            rule.finding(
                Message(f"không tìm thấy {label.vi}", f"no {label.en} found"),
                Message(f"có {label.vi}", f"a {label.en}"),
                Location(part="document"),
            )
        )
    if (
        anatomy.one("ten_loai") is not None
        and not anatomy.get("trich_yeu")
        and not anatomy.appendix
    ):
        findings.append(
            rule.finding(
                Message("không có trích yếu dưới tên loại", "no subject line under the type name"),
                Message("trích yếu ngay dưới tên loại", "a subject line right under the type name"),
                anatomy.get("ten_loai")[0].where,
            )
        )
    return findings
