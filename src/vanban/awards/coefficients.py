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

from vanban.awards.problems import clean_text, closest, match_key, words
from vanban.errors import ValidationError

__all__ = [
    "GROUPS",
    "LEVEL_WORDS",
    "RECIPIENTS",
    "AwardForm",
    "CoefficientTable",
    "FormMatch",
    "Recipient",
    "recipient_label",
]

Recipient = Literal["individual", "collective"]
RECIPIENTS: tuple[Recipient, ...] = ("individual", "collective")
_RECIPIENT_LABELS = {
    "individual": ("cá nhân", "individuals"),
    "collective": ("tập thể", "collectives"),
}
# The words that end an issuer's name before its place: "… tỉnh" + "Điện Biên", "… xã" +
# "Chiềng Cơi". A spelling in the table that ends with one of them also matches the same
# text followed by a place name, so no place name has to live in the table or in code.
LEVEL_WORDS = tuple(
    match_key(word)
    for word in ("tỉnh", "thành phố", "xã", "phường", "đặc khu", "huyện", "quận", "thị xã")
)
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


@dataclass(frozen=True)
class FormMatch:
    """A form found for a text, and the title to print for it.

    ``title`` is the official name, or, when the text named the issuer's place ("Giấy khen
    của Chủ tịch Hội Khuyến học tỉnh Điện Biên"), that text as written.
    """

    form: AwardForm
    title: str


class CoefficientTable:
    """The award forms, found by key, official name or alias (see ``problems.match_key``)."""

    def __init__(self, forms: Iterable[AwardForm], *, basis: str = "", source: str = "") -> None:
        self.forms = tuple(forms)
        self.basis = basis
        self.source = source
        self._index: dict[str, AwardForm] = {}
        # Spellings that end with a level word, longest first: they accept a place after them.
        self._placed: list[tuple[tuple[str, ...], AwardForm]] = []
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
                key = tuple(match_key(spelling).split())
                if any(" ".join(key).endswith(level) for level in LEVEL_WORDS):
                    self._placed.append((key, form))
        self._placed.sort(key=lambda item: -len(item[0]))

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
        found = self.resolve(text)
        return found.form if found else None

    def resolve(self, text: str) -> FormMatch | None:
        """Return the form ``text`` names and the title to print, or None.

        Either a spelling of the table, or one ending with a level word ("… tỉnh") followed
        by a place name whose words start with a capital letter or a digit ("Điện Biên").
        """
        form = self._index.get(match_key(text))
        if form is not None:
            return FormMatch(form, form.name)
        keyed = match_key(text).split()
        written = words(text)
        if len(keyed) != len(written):
            return None
        for key, placed in self._placed:
            place = written[len(key) :]
            if (
                tuple(keyed[: len(key)]) == key
                and place
                and all(word[0].isupper() or word[0].isdigit() for word in place)
            ):
                return FormMatch(placed, " ".join(written))
        return None

    def suggestion(self, text: str) -> str | None:
        """Return the official name ``text`` was most likely meant to be, if any."""
        spellings = {spelling: form.name for form in self.forms for spelling in form.spellings}
        near = closest(text, spellings)
        return spellings[near] if near else None

    def get(self, text: str) -> AwardForm:
        """Return the form ``text`` names; a ValidationError names the known forms."""
        return self.get_match(text).form

    def get_match(self, text: str, where: str = "") -> FormMatch:
        """Return the form ``text`` names and its title; a ValidationError lists known forms.

        ``where`` (e.g. "quyet_dinh_khen_thuong.hinh_thuc") starts the message when given.
        """
        found = self.resolve(text)
        if found is not None:
            return found
        near = self.suggestion(text)
        hint = f" Có phải “{near}”?" if near else ""
        hint_en = f" Did you mean “{near}”?" if near else ""
        known = "; ".join(self.names)
        at = f"{where}: " if where else ""
        raise ValidationError(
            f"{at}Không có hình thức khen thưởng “{clean_text(text)}” trong bảng hệ số.{hint} "
            f"Các hình thức đã biết: {known}.",
            f"{at}There is no award form “{clean_text(text)}” in the coefficient table."
            f"{hint_en} Known forms: {known}.",
        )
