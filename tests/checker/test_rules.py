"""The rules are data: every rule names a registered check, has both languages, unique ids."""

from __future__ import annotations

import re

import pytest

from vanban.checker import Rule, choose, document_rules, split_ids, template_rules
from vanban.checker.registry import CHECKS
from vanban.checker.template_checks import TEMPLATE_CHECKS
from vanban.errors import ValidationError

ALL = document_rules() + template_rules()


@pytest.mark.parametrize("rule", ALL, ids=[rule.id for rule in ALL])
def test_rule_is_complete(rule: Rule) -> None:
    assert all((rule.title.vi, rule.title.en, rule.reference.vi, rule.reference.en))
    assert re.search(r"[à-ỹ]", rule.title.vi), "the Vietnamese title has its diacritics"


def test_document_rules_name_registered_checks_and_cite_their_source() -> None:
    cited = {
        "ND30-PL1-1.": "Phụ lục I",
        "ND152-": "152/2025",
        "PHOI-KHEN-": "phôi",
        "VANBAN-PAGE-": "trang in",
    }
    for rule in document_rules():
        assert rule.check in CHECKS
        prefix = next(prefix for prefix in cited if rule.id.startswith(prefix))
        assert cited[prefix] in rule.reference.vi
        assert rule.forms == (("phoi_khen",) if prefix == "PHOI-KHEN-" else rule.forms)


def test_template_rules_name_template_checks() -> None:
    assert {rule.check for rule in template_rules()} == set(TEMPLATE_CHECKS)


def test_ids_are_unique_and_every_check_is_used() -> None:
    assert len({rule.id for rule in ALL}) == len(ALL)
    assert {rule.check for rule in document_rules()} == set(CHECKS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [(None, []), ("", []), ("A,B", ["A", "B"]), (" A , ,B ", ["A", "B"])],
)
def test_split_ids(text: str | None, expected: list[str]) -> None:
    assert split_ids(text) == expected


@pytest.mark.parametrize(
    ("select", "ignore", "count"),
    [
        ([], [], len(document_rules())),
        (["ND30-PL1-1.1"], [], 8),
        (["ND30-PL1-1.1-margins"], [], 1),
        ([], ["ND30-PL1-1.2", "ND152", "PHOI", "VANBAN"], 8),
        (["ND30"], ["ND30"], 0),
    ],
)
def test_choose(select: list[str], ignore: list[str], count: int) -> None:
    assert len(choose(document_rules(), select, ignore)) == count


def test_choose_refuses_a_prefix_that_names_nothing() -> None:
    with pytest.raises(ValidationError, match="ND30-XYZ") as raised:
        choose(document_rules(), [], ["ND30-XYZ"])
    assert "No rule id starts with" in raised.value.text("en")


def test_a_rule_names_only_forms_the_checker_knows() -> None:
    from vanban.checker.rules import _rule

    raw = {
        "id": "X-1",
        "reference": "r",
        "reference_en": "r",
        "title": "t",
        "title_en": "t",
        "check": "paper_size",
    }
    assert _rule(raw).forms == ("van_ban",)
    with pytest.raises(ValidationError, match="forms of X-1"):
        _rule({**raw, "forms": ["giay_moi"]})
