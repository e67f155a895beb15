"""Every broken document of the corpus is caught by the rule it breaks, and by no other."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.checker.corpus import CASES, Case, build, write_corpus
from vanban.checker import PAGE_CHECKS, check_path, document_rules


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_document_gives_exactly_its_rule(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"{case.name}.docx"
    path.write_bytes(build(case))
    report = check_path(path)
    assert report.error is None
    assert [finding.rule for finding in report.findings] == [case.rule]
    finding = report.findings[0]
    assert all((finding.reference.vi, finding.found.vi, finding.expected.vi, finding.found.en))
    assert all((finding.where.describe("vi"), finding.where.describe("en")))


def test_corpus_breaks_every_rule_and_has_twenty_documents() -> None:
    assert len(CASES) >= 20
    # The rules about laid-out pages have their cases in corpus_pages.py (test_page_rules.py).
    static = {rule.id for rule in document_rules() if rule.check not in PAGE_CHECKS}
    assert static == {case.rule for case in CASES}


def test_corpus_script_writes_the_files(tmp_path: Path) -> None:
    written = write_corpus(tmp_path / "corpus")
    assert len(written) == len(CASES)
    assert all(path.stat().st_size > 1000 for path in written)
