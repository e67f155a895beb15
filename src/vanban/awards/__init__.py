"""Award dossiers (hồ sơ khen thưởng): reward amounts, nominee lists, council votes.

Pure: no click, no database, no printing. From vanban it imports only ``vanban.errors`` and
``vanban.vietnamese``; the coefficient table is data (``reward_coefficients.yaml``).
"""

from __future__ import annotations

from .coefficient_file import default_coefficients, load_coefficients, parse_coefficients
from .coefficients import RECIPIENTS, AwardForm, CoefficientTable, Recipient
from .council import CouncilVotes, read_council_votes
from .export import XLSX_HEADERS, write_nominees_xlsx
from .nominees import DEFAULT_COLUMNS, FIELDS, REQUIRED_FIELDS, Nominee, read_nominees
from .problems import InvalidListError, RowProblem
from .rewards import DEFAULT_BASE_SALARY, Reward, reward_amount, round_up, total
from .sources import MAX_LIST_BYTES, MAX_LIST_ROWS
from .votes import (
    DEFAULT_THRESHOLD,
    Decision,
    Outcome,
    decide,
    format_share,
    meets_threshold,
    vote_share,
)

__all__ = [
    "DEFAULT_BASE_SALARY",
    "DEFAULT_COLUMNS",
    "DEFAULT_THRESHOLD",
    "FIELDS",
    "MAX_LIST_BYTES",
    "MAX_LIST_ROWS",
    "RECIPIENTS",
    "REQUIRED_FIELDS",
    "XLSX_HEADERS",
    "AwardForm",
    "CoefficientTable",
    "CouncilVotes",
    "Decision",
    "InvalidListError",
    "Nominee",
    "Outcome",
    "Recipient",
    "Reward",
    "RowProblem",
    "decide",
    "default_coefficients",
    "format_share",
    "load_coefficients",
    "meets_threshold",
    "parse_coefficients",
    "read_council_votes",
    "read_nominees",
    "reward_amount",
    "round_up",
    "total",
    "vote_share",
    "write_nominees_xlsx",
]
