"""Who goes on which document of an award dossier: the groups follow the council's outcomes.

A nominee the council approved for the Hội's own form is on the Hội's Quyết định; one approved
for the higher level's form (or proposed up to it) is on the Tờ trình to that level and its
list; one proposed to any other form is a referral of its own; one not approved appears only
in the Biên bản. Before the council has voted, every nominee is still proposed for the form
of their row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vanban.awards.coefficients import AwardForm
from vanban.awards.nominees import Nominee
from vanban.awards.votes import Decision, Outcome

__all__ = ["AwardGroups", "count_phrase", "kinds_phrase"]


def count_phrase(nominees: Sequence[Nominee]) -> str:
    """Return "05 tập thể và 12 cá nhân" (only the non-zero parts) for ``nominees``."""
    collectives = sum(1 for n in nominees if n.kind == "collective")
    individuals = len(nominees) - collectives
    counts = ((collectives, "tập thể"), (individuals, "cá nhân"))
    parts = [f"{count:02d} {noun}" for count, noun in counts if count]
    return " và ".join(parts)


def kinds_phrase(nominees: Sequence[Nominee]) -> str:
    """Return "Tập thể, cá nhân", "Tập thể" or "Cá nhân": who a list holds."""
    kinds = {n.kind for n in nominees}
    if kinds == {"collective"}:
        return "Tập thể"
    if kinds == {"individual"}:
        return "Cá nhân"
    return "Tập thể, cá nhân"


@dataclass(frozen=True)
class AwardGroups:
    """The nominees of a dossier sorted by the document that carries them."""

    nominees: tuple[Nominee, ...]
    decisions: tuple[Decision, ...] | None  # None until the council's votes are recorded
    own: AwardForm | None  # the form the Hội's own Quyết định awards
    higher: AwardForm | None  # the form the Tờ trình asks the higher level for

    def _outcome(self, nominee: Nominee) -> Decision | None:
        if self.decisions is None:
            return None
        return next(d for d in self.decisions if d.nominee == nominee)

    def _passed(self, form: AwardForm | None) -> list[Nominee]:
        if form is None:
            return []
        chosen = []
        for nominee in self.nominees:
            decision = self._outcome(nominee)
            if decision is None or decision.outcome is Outcome.APPROVED:
                if nominee.form.key == form.key:
                    chosen.append(nominee)
            elif decision.outcome is Outcome.PROPOSED_HIGHER:
                proposed = decision.proposed_form
                if proposed is not None and proposed.key == form.key:
                    chosen.append(nominee)
        return chosen

    @property
    def own_list(self) -> list[Nominee]:
        """The nominees of the Hội's own Quyết định."""
        return self._passed(self.own)

    @property
    def higher_list(self) -> list[Nominee]:
        """The nominees of the Tờ trình to the higher level (and its danh sách)."""
        return self._passed(self.higher)

    @property
    def referrals(self) -> list[Decision]:
        """Proposed up to a form neither document awards nor asks for: a list of its own."""
        carried = {form.key for form in (self.own, self.higher) if form is not None}
        return [
            d
            for d in self.decisions or ()
            if d.outcome is Outcome.PROPOSED_HIGHER
            and (d.proposed_form is None or d.proposed_form.key not in carried)
        ]

    @property
    def referred(self) -> list[tuple[AwardForm, list[Nominee]]]:
        """The referrals by the form proposed, forms and nominees in the list's order."""
        by_form: dict[str, tuple[AwardForm, list[Nominee]]] = {}
        for decision in self.referrals:
            nominee, form = decision.nominee, decision.proposed_form
            if isinstance(nominee, Nominee) and form is not None:  # the vote file names it
                by_form.setdefault(form.key, (form, []))[1].append(nominee)
        return list(by_form.values())

    @property
    def referred_list(self) -> list[Nominee]:
        """Everyone on the referral list (its own danh sách), grouped by form."""
        return [nominee for _form, nominees in self.referred for nominee in nominees]

    @property
    def failed(self) -> list[Decision]:
        """Not approved by the council: only the Biên bản names them."""
        return [d for d in self.decisions or () if d.outcome is Outcome.NOT_APPROVED]

    @property
    def unplaced(self) -> list[Nominee]:
        """Approved for a form no document of the dossier awards or proposes."""
        keys = {form.key for form in (self.own, self.higher) if form is not None}
        unplaced = []
        for nominee in self.nominees:
            decision = self._outcome(nominee)
            approved = decision is None or decision.outcome is Outcome.APPROVED
            if approved and nominee.form.key not in keys:
                unplaced.append(nominee)
        return unplaced
