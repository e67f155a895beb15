"""Council votes (Hội đồng Thi đua - Khen thưởng): shares, the threshold, each nominee's outcome.

The share is of ALL council members, not of those present: absent members give their view
in writing and it is counted in the minutes. The 80 % default comes from NĐ 98/2023 Điều
30.7 (repealed; the NĐ 152/2025 equivalent is unconfirmed), so the threshold is a
parameter, not a constant of the law.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from vanban.awards.coefficients import AwardForm
from vanban.awards.nominees import Nominee
from vanban.awards.problems import clean_text, match_key
from vanban.errors import ValidationError
from vanban.vietnamese import format_number

__all__ = [
    "DEFAULT_THRESHOLD",
    "Decision",
    "Outcome",
    "decide",
    "format_share",
    "meets_threshold",
    "vote_share",
]

DEFAULT_THRESHOLD = Decimal("0.80")


class Outcome(enum.StrEnum):
    """What the council decided for one nominee."""

    APPROVED = "approved"
    NOT_APPROVED = "not_approved"
    PROPOSED_HIGHER = "proposed_higher"

    @property
    def label(self) -> str:
        """The Vietnamese label written in the minutes."""
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _LABELS[self][1]

    @property
    def needs_threshold(self) -> bool:
        """True when the council's vote must reach the threshold for this outcome.

        Proposing a nominee to a higher level is this council's approval plus a
        recommendation, so it needs the same share of votes as approving.
        """
        return self is not Outcome.NOT_APPROVED

    @classmethod
    def from_text(cls, text: str) -> Outcome:
        """Return the outcome named by its value ("approved") or its label ("đồng ý")."""
        key = match_key(text)
        for outcome in cls:
            if key in (match_key(outcome.value), match_key(outcome.label)):
                return outcome
        listed = ", ".join(f"“{outcome.label}”" for outcome in cls)
        raise ValidationError(
            f"Kết quả “{clean_text(text)}” không rõ; hãy ghi một trong: {listed}.",
            f"The outcome “{clean_text(text)}” is unknown; write one of: {listed}.",
        )


_LABELS = {
    Outcome.APPROVED: ("đồng ý", "approved"),
    Outcome.NOT_APPROVED: ("không đồng ý", "not approved"),
    Outcome.PROPOSED_HIGHER: ("đề nghị cấp trên khen thưởng", "proposed to a higher level"),
}


def _check_counts(votes_for: int, members: int) -> None:
    for value in (votes_for, members):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"vote counts must be ints, got {type(value).__name__}")
    if members < 1:
        raise ValidationError(
            f"Hội đồng phải có ít nhất một thành viên, không phải {members}.",
            f"The council must have at least one member, not {members}.",
        )
    if not 0 <= votes_for <= members:
        raise ValidationError(
            f"Số phiếu đồng ý ({votes_for}) phải từ 0 đến số thành viên Hội đồng ({members}).",
            f"The votes in favour ({votes_for}) must be between 0 and the number of council "
            f"members ({members}).",
        )


def _check_threshold(threshold: Decimal) -> None:
    if not isinstance(threshold, Decimal) or not threshold.is_finite() or not 0 < threshold <= 1:
        raise ValidationError(
            f"Tỷ lệ phiếu tối thiểu phải lớn hơn 0 và không quá 1 (ví dụ 0.80), "
            f"không phải “{threshold}”.",
            f"The vote threshold must be above 0 and at most 1 (e.g. 0.80), not “{threshold}”.",
        )


def vote_share(votes_for: int, members: int) -> Decimal:
    """Return votes in favour ÷ ALL council members (7 of 9 → 0.7777…)."""
    _check_counts(votes_for, members)
    return Decimal(votes_for) / Decimal(members)


def meets_threshold(votes_for: int, members: int, threshold: Decimal = DEFAULT_THRESHOLD) -> bool:
    """Return True when ``votes_for`` is at least ``threshold`` of ALL council members.

    Compared as exact fractions (votes_for / members against the Decimal threshold), so
    8 of 10 meets 0.80 exactly and no rounding of 7/9 can tip a vote over the line.
    """
    _check_counts(votes_for, members)
    _check_threshold(threshold)
    return Fraction(votes_for, members) >= Fraction(threshold)


def format_share(share: Decimal) -> str:
    """Return a share as a Vietnamese percentage: 0.7777… → "77,78%", 0.8 → "80%"."""
    percent = (share * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{format_number(percent.normalize())}%"


@dataclass(frozen=True)
class Decision:
    """The council's recorded outcome for one nominee, with the vote behind it."""

    nominee: Nominee | str
    votes_for: int
    members: int
    threshold: Decimal
    outcome: Outcome
    proposed_form: AwardForm | None = None  # the higher form recommended, if the council named one

    @property
    def name(self) -> str:
        """The nominee's name."""
        return self.nominee if isinstance(self.nominee, str) else self.nominee.name

    @property
    def share(self) -> Decimal:
        """Votes in favour ÷ all members."""
        return vote_share(self.votes_for, self.members)

    @property
    def meets_threshold(self) -> bool:
        """Whether the vote reached the threshold."""
        return meets_threshold(self.votes_for, self.members, self.threshold)


def decide(
    nominee: Nominee | str,
    votes_for: int,
    members: int,
    outcome: Outcome | str,
    threshold: Decimal = DEFAULT_THRESHOLD,
) -> Decision:
    """Record ``outcome`` for ``nominee``; refuse approving (or proposing higher) below the
    threshold with a sentence naming the nominee, the share and the threshold.
    """
    _check_counts(votes_for, members)
    _check_threshold(threshold)
    outcome = outcome if isinstance(outcome, Outcome) else Outcome.from_text(outcome)
    decision = Decision(nominee, votes_for, members, threshold, outcome)
    if outcome.needs_threshold and not meets_threshold(votes_for, members, threshold):
        share = format_share(decision.share)
        needed = format_share(threshold)
        raise ValidationError(
            f"Không thể ghi “{outcome.label}” cho {decision.name}: chỉ có {votes_for}/{members} "
            f"thành viên Hội đồng đồng ý ({share}), chưa đạt {needed} tổng số thành viên. "
            "Hãy ghi “không đồng ý” hoặc tổ chức bỏ phiếu lại.",
            f"Cannot record “{outcome.label_en}” for {decision.name}: only {votes_for} of "
            f"{members} council members voted in favour ({share}), below {needed} of all "
            "members. Record “not approved” or hold the vote again.",
        )
    return decision
