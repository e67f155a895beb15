"""The checks of ``vanban template lint``, and running them over templates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import TemplateSyntaxError
from jinja2.sandbox import (
    UNSAFE_ASYNC_GENERATOR_ATTRIBUTES,
    UNSAFE_COROUTINE_ATTRIBUTES,
    UNSAFE_FUNCTION_ATTRIBUTES,
    UNSAFE_GENERATOR_ATTRIBUTES,
    UNSAFE_METHOD_ATTRIBUTES,
)

from vanban.checker.findings import FileReport, Finding, Location, excerpt
from vanban.checker.rules import Rule, template_rules
from vanban.checker.template_lint import TemplateInspection, inspect_template, template_specs
from vanban.checker.template_source import attribute_names, lost_tags, tags_with_xml, where_used
from vanban.documents.environment import REMOVED_GLOBALS
from vanban.errors import Message, VanbanError

TemplateCheck = Callable[[TemplateInspection, Rule], list[Finding]]
_UNSAFE = (
    UNSAFE_FUNCTION_ATTRIBUTES
    | UNSAFE_METHOD_ATTRIBUTES
    | UNSAFE_GENERATOR_ATTRIBUTES
    | UNSAFE_COROUTINE_ATTRIBUTES
    | UNSAFE_ASYNC_GENERATOR_ATTRIBUTES
)
# Methods that change a list, dict or set: the immutable sandbox refuses every one of them.
_MUTATING = frozenset(
    {
        "append",
        "extend",
        "insert",
        "pop",
        "remove",
        "clear",
        "update",
        "setdefault",
        "popitem",
        "add",
        "discard",
        "sort",
        "reverse",
        "difference_update",
        "intersection_update",
        "symmetric_difference_update",
    }
)
_BLOCK_ENDS = {"if": "{% endif %}", "for": "{% endfor %}"}


def _quoted(text: str) -> Message:
    shown = excerpt(text, 60)
    return Message(f"“{shown}”", f"“{shown}”")


def _unreadable(inspection: TemplateInspection) -> bool:
    return any(part.tree is None for part in inspection.parts)


def split_tags(inspection: TemplateInspection, rule: Rule) -> list[Finding]:
    """Report tags docxtpl will not join: split across paragraphs, unclosed or mistyped."""
    expected = Message(
        "thẻ nằm trọn trong một đoạn, “{{” và “}}” liền nhau",
        "each tag whole within one paragraph, its braces together",
    )
    findings = []
    for part in inspection.parts:
        for tag in lost_tags(part) + part.unclosed + part.near_misses:
            findings.append(rule.finding(_quoted(tag.text), expected, tag.where))
        for joined in tags_with_xml(part):
            found = Message(
                f"thẻ nối qua nhiều đoạn: {excerpt(joined, 40)}",
                f"a tag joined across paragraphs: {excerpt(joined, 40)}",
            )
            findings.append(rule.finding(found, expected, Location(part=part.kind)))
    return findings


def _tag_error(inspection: TemplateInspection, text: str) -> str | None:
    source = text
    words = text.strip("{%-").split()
    if text.startswith("{%") and words:
        keyword = words[1] if words[0] in ("p", "tr", "tc", "r") and len(words) > 1 else words[0]
        if keyword not in _BLOCK_ENDS:
            return None  # else, endif …: only meaningful with their opening tag
        source = text + _BLOCK_ENDS[keyword]
    for marker in ("{{r ", "{%p ", "{%tr ", "{%tc ", "{%r "):
        source = source.replace(marker, marker[:2] + " ")
    try:
        inspection.environment.parse(source)
    except TemplateSyntaxError as error:
        return str(error.message)
    return None


def tag_syntax(inspection: TemplateInspection, rule: Rule) -> list[Finding]:
    """Report the first tag Jinja cannot read in each part."""
    findings = []
    for part in inspection.parts:
        if part.syntax_error is None:
            continue
        culprit = next(
            ((tag, err) for tag in part.typed if (err := _tag_error(inspection, tag.text))), None
        )
        message = culprit[1] if culprit else str(part.syntax_error.message)
        where = culprit[0].where if culprit else Location(part=part.kind)
        text = culprit[0].text if culprit else ""
        findings.append(
            rule.finding(
                Message(f"lỗi cú pháp ({message}) ở {text}", f"syntax error ({message}) in {text}"),
                Message("thẻ Jinja viết đúng cú pháp", "well-formed Jinja tags"),
                where,
            )
        )
    return findings


def undeclared_variables(inspection: TemplateInspection, rule: Rule) -> list[Finding]:
    """Report names the template prints that its context does not have."""
    if inspection.example_problem is not None or _unreadable(inspection):
        return []
    findings = []
    for name in inspection.used_names:
        if name in inspection.context_keys or name in REMOVED_GLOBALS:
            continue
        if name in inspection.environment.globals:
            continue
        in_manifest = inspection.spec.field(name) is not None
        found = Message(
            f"dùng “{name}”"
            + (", là trường nhập liệu chứ không phải giá trị mẫu nhận được" if in_manifest else ""),
            f"uses “{name}”" + (", a data field, not a context value" if in_manifest else ""),
        )
        known = ", ".join(sorted(inspection.context_keys))
        findings.append(
            rule.finding(
                found,
                Message(f"một trong: {known}", f"one of: {known}"),
                where_used(inspection.parts, name),
            )
        )
    return findings


def unused_fields(inspection: TemplateInspection, rule: Rule) -> list[Finding]:
    """Report manifest fields whose context values the template never prints."""
    if _unreadable(inspection):
        return []  # a part that does not compile hides the names it uses
    used = set(inspection.used_names)
    findings = []
    for name, feeds in inspection.feeds.items():
        if name in used:
            continue
        if feeds and feeds & used:
            continue
        # A field the builder reads but whose effect the example data does not show
        # (numbering without headings) is given the benefit of the doubt.
        if not feeds and name in inspection.read_fields:
            continue
        feeds_text = ", ".join(sorted(feeds or ())) or "—"
        findings.append(
            rule.finding(
                Message(
                    f"trường “{name}” (dẫn tới: {feeds_text}) không được mẫu dùng",
                    f"field “{name}” (feeds: {feeds_text}) is never used",
                ),
                Message(
                    "mẫu in trường này, hoặc bỏ trường khỏi tệp mô tả",
                    "the template prints it, or the manifest drops it",
                ),
                Location(part="manifest", text=name),
            )
        )
    return findings


def sandbox_access(inspection: TemplateInspection, rule: Rule) -> list[Finding]:
    """Report attribute access, filters and globals the sandboxed environment refuses."""
    findings = []
    expected = Message(
        "chỉ in dữ liệu: không thuộc tính “_…”, không bộ lọc “attr”, không gọi hàm sửa dữ liệu",
        "printing data only: no “_…” attributes, no “attr” filter, no mutating calls",
    )
    for part in inspection.parts:
        if part.tree is None:
            continue
        for kind, name in attribute_names(part.tree):
            unsafe = (
                (kind == "filter" and name == "attr")
                or (kind != "filter" and (name.startswith("_") or name in _UNSAFE))
                or (kind == "attribute" and name in _MUTATING)
            )
            if unsafe:
                found = Message(f"{kind} “{name}”", f"{kind} “{name}”")
                findings.append(rule.finding(found, expected, where_used(inspection.parts, name)))
    for name in inspection.used_names:
        if name in REMOVED_GLOBALS:
            found = Message(f"hàm toàn cục “{name}” đã bị gỡ", f"the removed global “{name}”")
            findings.append(rule.finding(found, expected, where_used(inspection.parts, name)))
    return findings


def example_render(inspection: TemplateInspection, rule: Rule) -> list[Finding]:
    """Report a template that does not render with its manifest's example data."""
    problem = inspection.render_problem or inspection.example_problem
    if problem is None:
        return []
    return [
        rule.finding(
            problem,
            Message("dựng được văn bản từ ví dụ", "renders with the example data"),
            Location(part="manifest"),
        )
    ]


TEMPLATE_CHECKS: dict[str, TemplateCheck] = {
    "split_tags": split_tags,
    "tag_syntax": tag_syntax,
    "undeclared_variables": undeclared_variables,
    "unused_fields": unused_fields,
    "sandbox_access": sandbox_access,
    "example_render": example_render,
}


def lint_templates(
    path: Path | None = None, rules: Iterable[Rule] | None = None
) -> list[FileReport]:
    """Lint the template at ``path`` (a .docx, a folder, or None for the catalogue)."""
    chosen = tuple(rules) if rules is not None else template_rules()
    try:
        catalogue, specs, orphans = template_specs(path)
    except VanbanError as error:
        return [FileReport(str(path or "doc_templates"), error=error.message)]
    reports = [
        FileReport(
            str(orphan),
            error=Message(
                f"Không có tệp mô tả (.yaml) nào bên cạnh “{orphan.name}” nhắc tới tệp này. "
                "Hãy đặt tệp mô tả cùng thư mục, với “file:” là tên tệp .docx.",
                f"No manifest (.yaml) beside “{orphan.name}” names it. "
                "Put its manifest in the same folder, with “file:” naming the .docx.",
            ),
        )
        for orphan in orphans
    ]
    for spec in specs:
        name = f"{spec.id} ({spec.docx_path})"
        try:
            inspection = inspect_template(spec, catalogue)
        except VanbanError as error:
            reports.append(FileReport(name, error=error.message))
            continue
        findings = [f for rule in chosen for f in TEMPLATE_CHECKS[rule.check](inspection, rule)]
        reports.append(FileReport(name, tuple(findings)))
    return reports
