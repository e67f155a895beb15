"""The error that lists every mistake in workflow files, and the "use one of …" tail."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from vanban.errors import Problem, ProblemsError, WorkflowError
from vanban.vietnamese import closest

__all__ = ["InvalidWorkflowError", "Problem", "choices"]


class InvalidWorkflowError(ProblemsError, WorkflowError):
    """One or more workflow files have mistakes; ``problems`` lists each of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        listed = list(problems)
        sources = sorted({problem.source for problem in listed})
        if len(sources) == 1:
            subject = (f"Tệp {sources[0]}", sources[0])
        else:
            subject = (f"{len(sources)} tệp quy trình", f"{len(sources)} workflow files")
        super().__init__(
            listed,
            subject,
            action_one=(
                "hãy sửa tệp quy trình rồi chạy lại",
                "fix the workflow file and run again",
            ),
        )


def choices(word: str, options: Collection[str]) -> tuple[str, str]:
    """Return the "did you mean …? use one of …" tail of a message, in both languages."""
    listed = ", ".join(options) if options else "(chưa có)"
    listed_en = ", ".join(options) if options else "(none yet)"
    close = closest(word, options)
    if close:
        return (
            f"có phải “{close}”? Hãy dùng một trong: {listed}",
            f"did you mean “{close}”? Use one of: {listed_en}",
        )
    return f"hãy dùng một trong: {listed}", f"use one of: {listed_en}"
