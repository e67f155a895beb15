"""Row-level mistakes in award lists, the one error that lists them all, and text keys.

A secretary fixing a list of 200 nominees wants every bad row at once, each with the row
number she sees in her spreadsheet, not one error per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from vanban.errors import Problem, ProblemsError
from vanban.vietnamese import clean_controls, closest, fold

__all__ = [
    "InvalidListError",
    "RowProblem",
    "clean_text",
    "closest",
    "match_key",
    "person_key",
    "words",
]

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({ch: " " for ch in "\"'“”‘’«»"})
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def clean_text(text: str) -> str:
    """Return ``text`` in NFC, trimmed, with every run of spaces (and controls) folded to one."""
    return _SPACES.sub(" ", clean_controls(text, keep_newlines=False)).strip()


def person_key(name: str, unit: str) -> tuple[str, str]:
    """Return the identity of a nominee: NFC-normalised, case-folded name and unit."""
    return clean_text(name).casefold(), clean_text(unit).casefold()


def match_key(text: str) -> str:
    """Return a loose key for matching names of award forms, headers and labels.

    Diacritics, case, quotes and spacing are dropped, so "Uỷ ban" and "Ủy ban" (old and new
    tone placement), NFD input and text typed without accents all meet on one key.
    """
    return fold(text)


def words(text: str) -> list[str]:
    """Return the words of ``text`` as written, split where ``match_key`` splits them."""
    return clean_text(text).translate(_QUOTES).replace("_", " ").split()


# One mistake in a list: the row (spreadsheet row, header = 1; or YAML line) and why. It is
# vanban's one problem type, named for what it means here.
RowProblem = Problem


class InvalidListError(ProblemsError):
    """A list (nominees, votes) has mistakes; ``problems`` holds each of them, row by row."""

    def __init__(
        self,
        source: str,
        problems: Iterable[Problem],
        *,
        row_word_en: str = "row",
        note: tuple[str, str] | None = None,
    ) -> None:
        self.source = source
        super().__init__(
            problems,
            (f"Danh sách “{source}”", f"The list “{source}”"),
            ("hãy sửa tất cả rồi nhập lại", "fix them all and import it again"),
            note,
            action_one=("hãy sửa rồi nhập lại", "fix it and import it again"),
            line_en=row_word_en,
        )

    @property
    def rows(self) -> tuple[int, ...]:
        """Return the numbers of the bad rows, each once, in order."""
        return tuple(sorted({problem.line for problem in self.problems if problem.line}))
