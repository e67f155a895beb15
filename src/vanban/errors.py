"""The one error hierarchy of vanban: every failure a user can meet is a VanbanError.

Each error carries an exit code and a message in Vietnamese (with an English twin for
``--lang en``). The command line catches ``VanbanError`` once; library code never prints
or exits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# A place inside a data file: keys and list indexes from the root ("noi_dung", 2, "doan").
KeyPath = tuple[str | int, ...]
# Messages echo what they refuse, but a 100 KB value must not make a 100 KB message.
ECHO_LIMIT = 80
# A list of problems shows this many; the rest are counted.
SHOWN_PROBLEMS = 20


@dataclass(frozen=True)
class Message:
    """A user-facing sentence in Vietnamese and English."""

    vi: str
    en: str

    def in_language(self, lang: str) -> str:
        """Return the message in ``lang`` ("vi" or "en"); Vietnamese for anything else."""
        return self.en if lang == "en" else self.vi


class VanbanError(Exception):
    """Base of every error vanban reports to a user; exit code 1 unless a subclass says so."""

    exit_code: int = 1

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi)
        self.message = Message(vi=vi, en=en)

    def text(self, lang: str = "vi") -> str:
        """Return the message in the given language."""
        return self.message.in_language(lang)


class ValidationError(VanbanError):
    """Document data does not satisfy the template's manifest, or is not readable."""


class TemplateError(VanbanError):
    """A template is unknown, unreadable, unsafe, or fails while rendering."""


class OutputError(VanbanError):
    """A result cannot be written where the user asked."""


class WorkspaceError(VanbanError):
    """The workspace (vanban.toml, .vanban/) is missing or invalid."""


class WorkflowError(VanbanError):
    """A workflow definition is invalid or an event cannot happen."""


class NotPermittedError(WorkflowError):
    """The acting user may not fire this event."""


class NotFoundError(VanbanError):
    """A dossier, template, workflow or record that was asked for does not exist."""


class ConflictError(VanbanError):
    """Someone else changed the same thing first; nothing was written."""


class StoreError(VanbanError):
    """The store refused or failed a change; nothing was written."""


class NumberingError(StoreError):
    """The outgoing register could not allocate a number."""


class IntegrityError(VanbanError):
    """A stored or archived file no longer matches its record."""

    exit_code = 3


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    """Return ``value`` as the user wrote it, cut to ``limit`` characters, for a message."""
    text = value if isinstance(value, str) else repr(value) if value is not None else "null"
    text = " ".join(text.split("\n"))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def path_text(path: KeyPath) -> str:
    """Return a key path as the author reads it: ``noi_dung[3].muc[1].doan``."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass(frozen=True)
class Problem:
    """One mistake in a file the user wrote, where it is, and what to do, in vi and en.

    ``line`` is the line (or spreadsheet row) the user sees; ``key_path`` the place in the
    data. Every reader of user files (document data, workflows, lists, votes, manifests)
    reports with this one type, and ``ProblemsError`` lists them in one way.
    """

    line: int | None
    vi: str
    en: str
    source: str = ""
    key_path: KeyPath = ()

    @property
    def path(self) -> str:
        """Return the key path as the author reads it (empty at the top of the file)."""
        return path_text(self.key_path)

    def where(self, lang: str = "vi", *, with_source: bool = True, line_en: str = "line") -> str:
        """Return "file, dòng N (key.path)" (or the English twin), leaving out what is unknown.

        ``line_en`` is "row" for a spreadsheet, whose rows are not lines.
        """
        parts = [self.source] if with_source and self.source else []
        if self.line is not None:
            parts.append(f"{line_en if lang == 'en' else 'dòng'} {self.line}")
        place = ", ".join(parts)
        if self.key_path:
            place = f"{place} ({path_text(self.key_path)})" if place else path_text(self.key_path)
        return place

    def text(self, lang: str = "vi", *, with_source: bool = True, line_en: str = "line") -> str:
        """Return the whole problem as one line."""
        where = self.where(lang, with_source=with_source, line_en=line_en)
        reason = self.en if lang == "en" else self.vi
        return f"{where}: {reason}" if where else reason


def problem_list_text(
    problems: Iterable[Problem],
    subject: tuple[str, str],
    action: tuple[str, str],
    note: tuple[str, str] | None = None,
    action_one: tuple[str, str] = ("hãy sửa rồi chạy lại", "fix it and run again"),
    line_en: str = "line",
) -> tuple[str, str]:
    """Return the message (vi, en) that lists ``problems``: the one way vanban shows them.

    ``subject`` names what has the problems ("Tệp “a.yaml”", "The file “a.yaml”");
    ``action`` says what to do about several, ``action_one`` about one. One problem is one
    sentence; several are a heading and one line each, the first SHOWN_PROBLEMS
    shown and the rest counted.
    """
    listed = list(problems)
    sources = {problem.source for problem in listed}
    # The subject names the file when there is only one, so each line need not repeat it.
    with_source = len(sources) > 1
    if len(listed) == 1:
        only = listed[0]
        vi, en = only.text("vi"), only.text("en", line_en=line_en)
        if not only.source:
            # A problem that does not name its file is named by the subject.
            vi, en = f"{subject[0]}, {vi}", f"{subject[1]}, {en}"
        # "có phải “X”?" already ends its sentence.
        vi += "" if vi.endswith(("?", ".")) else "."
        en += "" if en.endswith(("?", ".")) else "."
        vi = f"{vi} {action_one[0][0].upper()}{action_one[0][1:]}."
        en = f"{en} {action_one[1][0].upper()}{action_one[1][1:]}."
    else:
        count = len(listed)
        shown = listed[:SHOWN_PROBLEMS]
        vi = f"{subject[0]} có {count} lỗi; {action[0]}:\n" + "\n".join(
            f"  - {problem.text('vi', with_source=with_source)}" for problem in shown
        )
        en = f"{subject[1]} has {count} problems; {action[1]}:\n" + "\n".join(
            f"  - {problem.text('en', with_source=with_source, line_en=line_en)}"
            for problem in shown
        )
        if count > len(shown):
            vi += f"\n  … và {count - len(shown)} lỗi nữa."
            en += f"\n  … and {count - len(shown)} more."
    if note:
        vi, en = f"{vi}\n{note[0]}", f"{en}\n{note[1]}"
    return vi, en


class ProblemsError(ValidationError):
    """A file the user wrote has mistakes; ``problems`` holds every one, top to bottom."""

    def __init__(
        self,
        problems: Iterable[Problem],
        subject: tuple[str, str],
        action: tuple[str, str] = ("hãy sửa tất cả rồi chạy lại", "fix them all and run again"),
        note: tuple[str, str] | None = None,
        action_one: tuple[str, str] = ("hãy sửa rồi chạy lại", "fix it and run again"),
        line_en: str = "line",
    ) -> None:
        # File by file, top to bottom, as the person will read and fix them.
        self.problems = tuple(
            sorted(problems, key=lambda problem: (problem.source, problem.line or 0))
        )
        super().__init__(
            *problem_list_text(self.problems, subject, action, note, action_one, line_en)
        )
