"""What a check reports: a finding (rule, reference, what was found, what is expected, where)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from vanban.errors import Message

EXCERPT_LENGTH = 48

_PARTS = {
    "page": ("thiết lập trang", "page setup"),
    "header": ("đầu trang", "page header"),
    "first-header": ("đầu trang thứ nhất", "first-page header"),
    "footer": ("chân trang", "page footer"),
    "package": ("gói tệp", "file package"),
    "document": ("toàn văn bản", "whole document"),
    "layout": ("trang in", "printed page"),
    "manifest": ("tệp mô tả mẫu", "template manifest"),
    "properties": ("thuộc tính tệp", "document properties"),
}


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """Return ``text`` on one line, cut to ``limit`` characters with "…" when longer."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def number(value: float, digits: int = 1) -> Message:
    """Return ``value`` written the Vietnamese way (decimal comma) and the English way."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return Message(vi=text.replace(".", ","), en=text)


def span(low: float, high: float, unit: str = "") -> Message:
    """Return a range such as "13–14 pt" (or "13 pt" when both ends are equal)."""
    suffix = f" {unit}" if unit else ""
    low_text, high_text = number(low), number(high)
    if low == high:
        return Message(vi=low_text.vi + suffix, en=low_text.en + suffix)
    return Message(
        vi=f"{low_text.vi}–{high_text.vi}{suffix}", en=f"{low_text.en}–{high_text.en}{suffix}"
    )


def join(parts: list[Message], separator: str = "; ") -> Message:
    """Join messages part by part in both languages."""
    return Message(
        vi=separator.join(part.vi for part in parts), en=separator.join(part.en for part in parts)
    )


@dataclass(frozen=True)
class Location:
    """Where a finding is: a body paragraph, a table cell, a page header, the page setup."""

    part: str = "body"
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    section: int | None = None
    text: str = ""
    page: int | None = None  # the laid-out page (0-based), for what only pages show

    def with_text(self, text: str) -> Location:
        """Return the same place showing ``text``."""
        return replace(self, text=text)

    def on_page(self, page: int) -> Location:
        """Return the same place, printed on laid-out page ``page`` (0-based)."""
        return replace(self, page=page)

    def describe(self, lang: str = "vi") -> str:
        """Return the place in words, with its text shortened."""
        english = lang == "en"
        if self.table is not None:
            table, row, cell = self.table + 1, (self.row or 0) + 1, (self.cell or 0) + 1
            place = (
                f"table {table}, row {row}, column {cell}"
                if english
                else f"bảng {table}, hàng {row}, cột {cell}"
            )
        elif self.paragraph is not None and self.part == "body":
            place = f"paragraph {self.paragraph}" if english else f"đoạn {self.paragraph}"
        else:
            vi, en = _PARTS.get(self.part, (self.part, self.part))
            place = en if english else vi
            if self.section is not None:
                place += (
                    f" (section {self.section + 1})" if english else f" (mục {self.section + 1})"
                )
        if self.page is not None:
            printed = f"page {self.page + 1}" if english else f"trang {self.page + 1}"
            place = printed if self.part == "layout" else f"{printed}, {place}"
        return f"{place}: “{excerpt(self.text)}”" if self.text else place

    def as_json(self) -> dict[str, Any]:
        """Return the place as JSON-ready data (indexes are 1-based, like the text)."""
        data: dict[str, Any] = {"part": "table" if self.table is not None else self.part}
        for key in ("paragraph", "section", "table", "row", "cell", "page"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value if key == "paragraph" else value + 1
        if self.text:
            data["text"] = excerpt(self.text)
        return data


@dataclass(frozen=True)
class Finding:
    """One rule not met: which rule, where it comes from, what was found and expected, where."""

    rule: str
    reference: Message
    title: Message
    found: Message
    expected: Message
    where: Location

    def as_json(self, lang: str = "vi") -> dict[str, Any]:
        """Return the finding as JSON-ready data in ``lang``."""
        return {
            "rule": self.rule,
            "reference": self.reference.in_language(lang),
            "title": self.title.in_language(lang),
            "found": self.found.in_language(lang),
            "expected": self.expected.in_language(lang),
            "where": self.where.as_json(),
            "where_text": self.where.describe(lang),
        }


@dataclass(frozen=True)
class FileReport:
    """The result of checking one file: its findings, or why it could not be read."""

    name: str
    findings: tuple[Finding, ...] = ()
    error: Message | None = None
    form: str | None = None  # which form the document was judged as (checker/form_names.py)
    skipped: tuple[str, ...] = ()  # rules about laid-out pages that did not run
    skipped_reason: Message | None = None  # why the pages were not laid out

    @property
    def ok(self) -> bool:
        """True when the file was read and no rule was violated."""
        return self.error is None and not self.findings

    def as_json(self, lang: str = "vi") -> dict[str, Any]:
        """Return the report as JSON-ready data in ``lang``."""
        data: dict[str, Any] = {
            "file": self.name,
            "ok": self.ok,
            "error": self.error.in_language(lang) if self.error else None,
            "findings": [finding.as_json(lang) for finding in self.findings],
        }
        if self.form is not None:
            data["form"] = self.form
        if self.skipped:
            data["skipped"] = {
                "rules": list(self.skipped),
                "reason": self.skipped_reason.in_language(lang) if self.skipped_reason else None,
            }
        return data
