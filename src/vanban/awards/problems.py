"""Row-level mistakes in award lists, the one error that lists them all, and text keys.

A secretary fixing a list of 200 nominees wants every bad row at once, each with the row
number she sees in her spreadsheet, not one error per run.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from vanban.errors import ValidationError
from vanban.vietnamese import nfc

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
# Control characters become spaces (they would break the .docx XML); newlines too, since
# a name or a unit is one line on the Quyết định.
_CONTROL = {code: " " for code in range(32)} | {0x7F: " "}
_QUOTES = str.maketrans({ch: " " for ch in "\"'“”‘’«»"})
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def clean_text(text: str) -> str:
    """Return ``text`` in NFC, trimmed, with every run of spaces (and controls) folded to one."""
    return _SPACES.sub(" ", nfc(text).translate(_CONTROL)).strip()


def person_key(name: str, unit: str) -> tuple[str, str]:
    """Return the identity of a nominee: NFC-normalised, case-folded name and unit."""
    return clean_text(name).casefold(), clean_text(unit).casefold()


def match_key(text: str) -> str:
    """Return a loose key for matching names of award forms, headers and labels.

    Diacritics, case, quotes and spacing are dropped, so "Uỷ ban" and "Ủy ban" (old and new
    tone placement), NFD input and text typed without accents all meet on one key.
    """
    decomposed = unicodedata.normalize("NFKD", clean_text(text).translate(_D_STROKE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.translate(_QUOTES).replace("_", " ")).strip().casefold()


def words(text: str) -> list[str]:
    """Return the words of ``text`` as written, split where ``match_key`` splits them."""
    return clean_text(text).translate(_QUOTES).replace("_", " ").split()


def closest(word: str, options: Collection[str]) -> str | None:
    """Return the option ``word`` was most likely meant to be (compared by match_key)."""
    keyed = {match_key(option): option for option in options}
    found = difflib.get_close_matches(match_key(word), list(keyed), n=1, cutoff=0.7)
    return keyed[found[0]] if found else None


@dataclass(frozen=True)
class RowProblem:
    """One mistake in a list: the row (spreadsheet row, header = 1; or YAML line) and why."""

    row: int
    vi: str
    en: str


class InvalidListError(ValidationError):
    """A list (nominees, votes) has mistakes; ``problems`` holds each of them, row by row."""

    def __init__(
        self,
        source: str,
        problems: Iterable[RowProblem],
        *,
        row_word_en: str = "row",
        note: tuple[str, str] | None = None,
    ) -> None:
        self.source = source
        # Top to bottom, as the person will fix them; a row's problems keep their order.
        self.problems = tuple(sorted(problems, key=lambda problem: problem.row))
        count = len(self.problems)
        lines_vi = [f"  - dòng {p.row}: {p.vi}" for p in self.problems]
        lines_en = [f"  - {row_word_en} {p.row}: {p.en}" for p in self.problems]
        vi = f"Danh sách “{source}” có {count} lỗi; hãy sửa tất cả rồi nhập lại:\n" + "\n".join(
            lines_vi
        )
        en = (
            f"The list “{source}” has {count} problem{'s' if count != 1 else ''}; "
            "fix them all and import it again:\n" + "\n".join(lines_en)
        )
        if note:
            vi, en = f"{vi}\n{note[0]}", f"{en}\n{note[1]}"
        super().__init__(vi, en)

    @property
    def rows(self) -> tuple[int, ...]:
        """Return the numbers of the bad rows, each once, in order."""
        return tuple(sorted({problem.row for problem in self.problems}))
