"""Cash rewards: base salary × coefficient, rounded up to the next 10.000 đồng (NĐ 152, Điều 49).

Explainer articles print 0,3 × 2.340.000 = 702.000 đ; Điều 49 rounds UP to the nearest
10.000 đ, so the Quyết định must say 710.000 đ.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from vanban.awards.coefficient_file import default_coefficients
from vanban.awards.coefficients import (
    RECIPIENTS,
    AwardForm,
    CoefficientTable,
    Recipient,
    recipient_label,
)
from vanban.errors import ValidationError
from vanban.vietnamese import format_number, money_in_words

__all__ = ["DEFAULT_BASE_SALARY", "ROUNDING_STEP", "Reward", "reward_amount", "round_up", "total"]

# Mức lương cơ sở from 01/7/2024 (NĐ 73/2024/NĐ-CP, Điều 3 khoản 2). Only a default: the
# workspace holds the value in force, because Điều 49 uses the one on the decision date.
DEFAULT_BASE_SALARY = 2_340_000
ROUNDING_STEP = 10_000


@dataclass(frozen=True)
class Reward:
    """The cash that goes with one award to one recipient."""

    form: AwardForm
    recipient: Recipient
    base_salary: int
    coefficient: Decimal
    amount: int
    article: str
    in_words: str

    @property
    def unrounded(self) -> Decimal:
        """Base salary × coefficient before rounding (what explainer articles print)."""
        return self.base_salary * self.coefficient

    @property
    def amount_text(self) -> str:
        """The amount as printed on a Quyết định: "3.510.000 đồng"."""
        return f"{format_number(self.amount)} đồng"


def round_up(amount: Decimal | int, step: int = ROUNDING_STEP) -> int:
    """Return ``amount`` rounded up to the next multiple of ``step`` (unchanged on one)."""
    steps = (Decimal(amount) / step).to_integral_value(rounding=ROUND_CEILING)
    return int(steps) * step


def reward_amount(
    form: str | AwardForm,
    recipient: Recipient,
    base_salary: int = DEFAULT_BASE_SALARY,
    table: CoefficientTable | None = None,
) -> Reward:
    """Return the reward for ``form`` (key, name or alias) given to ``recipient``.

    Raises ValidationError for an unknown form (naming the known ones), for a form not
    given to that kind of recipient, and for a base salary that is not a positive number
    of đồng; ValueError for a ``recipient`` other than "individual" / "collective".
    """
    if recipient not in RECIPIENTS:
        raise ValueError(f"recipient must be one of {RECIPIENTS}, got {recipient!r}")
    if isinstance(base_salary, bool) or not isinstance(base_salary, int) or base_salary <= 0:
        raise ValidationError(
            f"Mức lương cơ sở phải là một số đồng nguyên dương, không phải “{base_salary}”. "
            "Hãy kiểm tra cấu hình workspace.",
            f"The base salary must be a positive whole number of đồng, not “{base_salary}”. "
            "Check the workspace configuration.",
        )
    if isinstance(form, str):
        form = (table or default_coefficients()).get(form)
    coefficient = form.coefficient(recipient)
    if coefficient is None:
        given = next(r for r in RECIPIENTS if form.coefficient(r) is not None)
        raise ValidationError(
            f"“{form.name}” chỉ tặng cho {recipient_label(given)}, không tặng cho "
            f"{recipient_label(recipient)}. Hãy chọn hình thức khác.",
            f"“{form.name}” is given only to {recipient_label(given, 'en')}, not to "
            f"{recipient_label(recipient, 'en')}. Choose another form.",
        )
    amount = round_up(base_salary * coefficient)
    return Reward(
        form=form,
        recipient=recipient,
        base_salary=base_salary,
        coefficient=coefficient,
        amount=amount,
        article=form.article,
        in_words=money_in_words(amount),
    )


def total(rewards: Iterable[Reward]) -> int:
    """Return the sum of the amounts, in đồng (each already rounded, as each is paid)."""
    return sum(reward.amount for reward in rewards)
