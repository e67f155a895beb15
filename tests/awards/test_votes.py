"""Council votes: the share of ALL members, the 80 % threshold, and refusing a weak approval."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vanban.awards import (
    DEFAULT_THRESHOLD,
    Decision,
    Nominee,
    Outcome,
    decide,
    default_coefficients,
    format_share,
    meets_threshold,
    vote_share,
)
from vanban.errors import ValidationError


@pytest.mark.parametrize(
    ("votes_for", "members", "share"),
    [
        (9, 9, Decimal(1)),
        (8, 10, Decimal("0.8")),
        (4, 5, Decimal("0.8")),
        (0, 9, Decimal(0)),
        (7, 9, Decimal(7) / Decimal(9)),
    ],
)
def test_vote_share(votes_for: int, members: int, share: Decimal) -> None:
    assert vote_share(votes_for, members) == share


@pytest.mark.parametrize(
    ("votes_for", "members", "meets"),
    [
        (8, 10, True),  # exactly 80 %
        (4, 5, True),  # exactly 80 %
        (80, 100, True),  # exactly 80 %
        (7, 10, False),  # below
        (79, 100, False),  # just below
        (799, 1000, False),  # just below
        (801, 1000, True),  # just above
        (81, 100, True),  # above
        (9, 10, True),  # above
        (7, 9, False),  # 77,78 %
        (8, 9, True),  # 88,89 %
        (9, 9, True),
        (0, 9, False),
    ],
)
def test_the_default_threshold_is_80_percent_of_all_members(
    votes_for: int, members: int, meets: bool
) -> None:
    assert Decimal("0.80") == DEFAULT_THRESHOLD
    assert meets_threshold(votes_for, members) is meets


@pytest.mark.parametrize(
    ("votes_for", "members", "threshold", "meets"),
    [
        (5, 10, Decimal("0.5"), True),
        (4, 10, Decimal("0.5"), False),
        (9, 9, Decimal(1), True),
        (8, 9, Decimal(1), False),
        (9, 10, Decimal("0.90"), True),  # Anh hùng: 90 %
        (8, 9, Decimal("0.90"), False),
        (2, 3, Decimal("0.6666"), True),
        (2, 3, Decimal("0.6667"), False),
    ],
)
def test_the_threshold_is_configurable(
    votes_for: int, members: int, threshold: Decimal, meets: bool
) -> None:
    assert meets_threshold(votes_for, members, threshold) is meets


@pytest.mark.parametrize(
    ("votes_for", "members"),
    [(10, 9), (-1, 9), (0, 0), (1, -3)],
)
def test_impossible_counts_are_refused(votes_for: int, members: int) -> None:
    with pytest.raises(ValidationError):
        vote_share(votes_for, members)
    with pytest.raises(ValidationError):
        meets_threshold(votes_for, members)


@pytest.mark.parametrize("threshold", [Decimal(0), Decimal("1.01"), Decimal(-1), Decimal("NaN")])
def test_an_impossible_threshold_is_refused(threshold: Decimal) -> None:
    with pytest.raises(ValidationError, match="Tỷ lệ phiếu tối thiểu"):
        meets_threshold(8, 9, threshold)


@pytest.mark.parametrize("votes_for", [8.0, True, "8"])
def test_counts_must_be_ints(votes_for: object) -> None:
    with pytest.raises(TypeError):
        vote_share(votes_for, 9)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (Decimal("0.8"), "80%"),
        (Decimal(1), "100%"),
        (Decimal(0), "0%"),
        (Decimal(7) / Decimal(9), "77,78%"),
        (Decimal(8) / Decimal(9), "88,89%"),
        (Decimal(2) / Decimal(3), "66,67%"),
        (Decimal("0.805"), "80,5%"),
    ],
)
def test_format_share(share: Decimal, text: str) -> None:
    assert format_share(share) == text


@pytest.mark.parametrize(
    ("outcome", "value", "label"),
    [
        (Outcome.APPROVED, "approved", "đồng ý"),
        (Outcome.NOT_APPROVED, "not_approved", "không đồng ý"),
        (Outcome.PROPOSED_HIGHER, "proposed_higher", "đề nghị cấp trên khen thưởng"),
    ],
)
def test_outcomes_and_their_labels(outcome: Outcome, value: str, label: str) -> None:
    assert outcome.value == value
    assert outcome.label == label
    assert Outcome.from_text(value) is outcome
    assert Outcome.from_text(label.upper()) is outcome
    assert Outcome.from_text(f"  {label} ") is outcome


def test_an_unknown_outcome_lists_the_labels() -> None:
    with pytest.raises(ValidationError, match="“đồng ý”, “không đồng ý”"):
        Outcome.from_text("tán thành")


def _nominee() -> Nominee:
    form = default_coefficients().get("Bằng khen của Chủ tịch UBND tỉnh")
    return Nominee("Lường Văn Chung", "individual", "Hội Khuyến học tỉnh Sơn La", form)


def test_approving_below_the_threshold_is_refused_in_a_plain_sentence() -> None:
    with pytest.raises(ValidationError) as caught:
        decide(_nominee(), 7, 9, Outcome.APPROVED)
    assert caught.value.text("vi") == (
        "Không thể ghi “đồng ý” cho Lường Văn Chung: chỉ có 7/9 thành viên Hội đồng đồng ý "
        "(77,78%), chưa đạt 80% tổng số thành viên. Hãy ghi “không đồng ý” hoặc tổ chức "
        "bỏ phiếu lại."
    )
    assert caught.value.text("en").startswith(
        "Cannot record “approved” for Lường Văn Chung: only 7 of 9 council members"
    )


@pytest.mark.parametrize(
    ("votes_for", "outcome", "allowed"),
    [
        (8, Outcome.APPROVED, True),  # 88,89 %: above
        (7, Outcome.APPROVED, False),  # 77,78 %: below
        (7, Outcome.NOT_APPROVED, True),
        (9, Outcome.NOT_APPROVED, True),  # a council may still decline
        (9, Outcome.PROPOSED_HIGHER, True),
        (7, Outcome.PROPOSED_HIGHER, False),  # proposing upward is an approval too
    ],
)
def test_decide(votes_for: int, outcome: Outcome, allowed: bool) -> None:
    if allowed:
        decision = decide(_nominee(), votes_for, 9, outcome)
        assert decision == Decision(_nominee(), votes_for, 9, DEFAULT_THRESHOLD, outcome)
        assert decision.name == "Lường Văn Chung"
        assert decision.meets_threshold is (votes_for >= 8)
    else:
        with pytest.raises(ValidationError, match="Lường Văn Chung"):
            decide(_nominee(), votes_for, 9, outcome)


@pytest.mark.parametrize(
    ("votes_for", "members", "allowed"),
    [(8, 10, True), (7, 10, False), (9, 10, True), (4, 5, True), (3, 5, False)],
)
def test_decide_at_just_below_and_above_the_threshold(
    votes_for: int, members: int, allowed: bool
) -> None:
    if allowed:
        assert decide("Cầm Thị Hoa", votes_for, members, "đồng ý").outcome is Outcome.APPROVED
    else:
        with pytest.raises(ValidationError, match=r"Cầm Thị Hoa: chỉ có \d+/\d+"):
            decide("Cầm Thị Hoa", votes_for, members, "đồng ý")


def test_decide_with_a_configured_threshold() -> None:
    decision = decide("Cầm Thị Hoa", 6, 9, Outcome.APPROVED, threshold=Decimal("0.5"))
    assert decision.share == Decimal(6) / Decimal(9)
    with pytest.raises(ValidationError, match="chưa đạt 90% tổng số thành viên"):
        decide("Cầm Thị Hoa", 8, 9, Outcome.APPROVED, threshold=Decimal("0.90"))


def test_decide_checks_counts_even_when_not_approving() -> None:
    with pytest.raises(ValidationError, match="Số phiếu đồng ý"):
        decide("Cầm Thị Hoa", 10, 9, Outcome.NOT_APPROVED)
