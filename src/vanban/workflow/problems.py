"""Mistakes found in workflow files, and the one error that lists them all."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from vanban.errors import WorkflowError


@dataclass(frozen=True)
class Problem:
    """One mistake in a workflow file: where it is and what to do, in both languages."""

    source: str
    path: str
    line: int | None
    vi: str
    en: str

    def where(self, lang: str = "vi") -> str:
        """Return "file, key.path (dòng N)" (or the English twin) for messages."""
        place = f"{self.source}, {self.path}" if self.path else self.source
        if self.line is None:
            return place
        return f"{place} ({'line' if lang == 'en' else 'dòng'} {self.line})"

    def text(self, lang: str = "vi") -> str:
        """Return the whole problem as one line."""
        return f"{self.where(lang)}: {self.en if lang == 'en' else self.vi}"


class InvalidWorkflowError(WorkflowError):
    """One or more workflow files have mistakes; ``problems`` lists each of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        # File by file, top to bottom, as the author will read and fix them.
        self.problems = tuple(sorted(problems, key=lambda p: (p.source, p.line or 0)))
        first = self.problems[0]
        if len(self.problems) == 1:
            super().__init__(
                f"{first.text('vi')}. Hãy sửa tệp quy trình rồi chạy lại.",
                f"{first.text('en')}. Fix the workflow file and run again.",
            )
            return
        sources = sorted({problem.source for problem in self.problems})
        where = f"Tệp {sources[0]}" if len(sources) == 1 else f"{len(sources)} tệp quy trình"
        where_en = f"{sources[0]}" if len(sources) == 1 else f"{len(sources)} workflow files"
        count = len(self.problems)
        super().__init__(
            f"{where} có {count} lỗi; hãy sửa tất cả rồi chạy lại:\n"
            + "\n".join(f"  - {problem.text('vi')}" for problem in self.problems),
            f"{where_en} has {count} problems; fix them all and run again:\n"
            + "\n".join(f"  - {problem.text('en')}" for problem in self.problems),
        )


def close_to(word: str, options: Collection[str]) -> list[str]:
    """Return the option ``word`` was most likely meant to be, if any (as a 0–1 item list)."""
    return difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)


def choices(word: str, options: Collection[str]) -> tuple[str, str]:
    """Return the "did you mean …? use one of …" tail of a message, in both languages."""
    listed = ", ".join(options) if options else "(chưa có)"
    listed_en = ", ".join(options) if options else "(none yet)"
    close = close_to(word, options)
    if close:
        return (
            f"có phải “{close[0]}”? Hãy dùng một trong: {listed}",
            f"did you mean “{close[0]}”? Use one of: {listed_en}",
        )
    return f"hãy dùng một trong: {listed}", f"use one of: {listed_en}"
