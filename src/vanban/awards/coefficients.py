"""Award forms and the reward coefficient table they make up (NĐ 152/2025, Điều 49 – 54).

The coefficients are law that changes by decree, so they are data: ``coefficient_file``
reads them from ``reward_coefficients.yaml``, each row with its article. This module holds
the values and finds a form by any of the ways people write its name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from vanban.awards.problems import clean_text, closest, match_key
from vanban.errors import ValidationError

__all__ = [
    "GROUPS",
    "RECIPIENTS",
    "AwardForm",
    "CoefficientTable",
    "Recipient",
    "recipient_label",
]

Recipient = Literal["individual", "collective"]
RECIPIENTS: tuple[Recipient, ...] = ("individual", "collective")
_RECIPIENT_LABELS = {
    "individual": ("cá nhân", "individuals"),
    "collective": ("tập thể", "collectives"),
}
GROUPS = {
    "danh_hieu_thi_dua": "Danh hiệu thi đua",
    "hinh_thuc_khen_thuong": "Hình thức khen thưởng",
}


def recipient_label(recipient: Recipient, lang: str = "vi") -> str:
    """Return "cá nhân" / "tập thể" (or the English plural) for messages."""
    vi, en = _RECIPIENT_LABELS[recipient]
    return en if lang == "en" else vi


@dataclass(frozen=True)
class AwardForm:
    """One form of commendation or emulation title and its reward coefficients.

    A coefficient of None means the form is not given to that kind of recipient (a Cờ thi
    đua goes only to collectives). ``unconfirmed`` says what has not been checked against
    the decree itself; empty when the row is confirmed.
    """

    key: str
    name: str
    group: str
    authority: str
    individual: Decimal | None
    collective: Decimal | None
    article: str
    unconfirmed: str = ""
    aliases: tuple[str, ...] = ()

    def coefficient(self, recipient: Recipient) -> Decimal | None:
        """Return the coefficient for ``recipient``, None when the form is not given to it."""
        return self.individual if recipient == "individual" else self.collective

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every text that names this form: the key, the name and the aliases."""
        return (self.key, self.name, *self.aliases)


class CoefficientTable:
    """The award forms, found by key, official name or alias (see ``problems.match_key``)."""

    def __init__(self, forms: Iterable[AwardForm], *, basis: str = "", source: str = "") -> None:
        self.forms = tuple(forms)
        self.basis = basis
        self.source = source
        self._index: dict[str, AwardForm] = {}
        for form in self.forms:
            for spelling in form.spellings:
                other = self._index.setdefault(match_key(spelling), form)
                if other is not form:
                    raise ValidationError(
                        f"Bảng hệ số: “{spelling}” vừa là tên của “{other.name}” vừa là tên "
                        f"của “{form.name}”. Hãy đổi một trong hai tên.",
                        f"Coefficient table: “{spelling}” names both “{other.name}” and "
                        f"“{form.name}”. Rename one of them.",
                    )

    def __iter__(self) -> Iterator[AwardForm]:
        return iter(self.forms)

    def __len__(self) -> int:
        return len(self.forms)

    @property
    def names(self) -> tuple[str, ...]:
        """The official names, in table order."""
        return tuple(form.name for form in self.forms)

    def find(self, text: str) -> AwardForm | None:
        """Return the form ``text`` names, or None."""
        return self._index.get(match_key(text))

    def suggestion(self, text: str) -> str | None:
        """Return the official name ``text`` was most likely meant to be, if any."""
        spellings = {spelling: form.name for form in self.forms for spelling in form.spellings}
        near = closest(text, spellings)
        return spellings[near] if near else None

    def get(self, text: str) -> AwardForm:
        """Return the form ``text`` names; a ValidationError names the known forms."""
        form = self.find(text)
        if form is not None:
            return form
        near = self.suggestion(text)
        hint = f" Có phải “{near}”?" if near else ""
        hint_en = f" Did you mean “{near}”?" if near else ""
        known = "; ".join(self.names)
        raise ValidationError(
            f"Không có hình thức khen thưởng “{clean_text(text)}” trong bảng hệ số.{hint} "
            f"Các hình thức đã biết: {known}.",
            f"There is no award form “{clean_text(text)}” in the coefficient table.{hint_en} "
            f"Known forms: {known}.",
        )
