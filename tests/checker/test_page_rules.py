"""`vanban check` with laid-out pages: each page defect is found, our own documents have none.

The documents are laid out by the real LibreOffice, each fixture's files in one request to the
warm converter (services/document_check.py), the way `vanban check a.docx b.docx …` does it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.checker.corpus import Case, build, rendered
from tests.checker.corpus_pages import PAGE_CASES
from tests.conftest import CliResult
from vanban.checker import PAGE_CHECKS, FileReport, document_rules
from vanban.services.document_check import check_files
from vanban.services.documents import DocumentService

pytestmark = pytest.mark.pdf
SAMPLES = DocumentService().samples()


def _describe(report: FileReport) -> str:
    return "\n".join(f"{f.rule}: {f.found.en} ({f.where.describe('en')})" for f in report.findings)


@pytest.fixture(scope="module")
def corpus_reports(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, FileReport]:
    folder = tmp_path_factory.mktemp("page-corpus")
    paths = []
    for case in PAGE_CASES:
        path = folder / f"{case.name}.docx"
        path.write_bytes(build(case))
        paths.append(path)
    reports = check_files(paths, document_rules())
    return {Path(report.name).stem: report for report in reports}


@pytest.mark.parametrize("case", PAGE_CASES, ids=[case.name for case in PAGE_CASES])
def test_page_defect_is_found(case: Case, corpus_reports: dict[str, FileReport]) -> None:
    report = corpus_reports[case.name]
    assert report.error is None
    assert report.skipped == ()
    found = [finding for finding in report.findings if finding.rule == case.rule]
    assert found, _describe(report)
    assert all(f.found.vi and f.found.en and f.where.page is not None for f in found)


def test_every_page_rule_has_a_broken_example() -> None:
    page_rules = {rule.id for rule in document_rules() if rule.check in PAGE_CHECKS}
    assert page_rules == {case.rule for case in PAGE_CASES}


@pytest.fixture(scope="module")
def sample_reports(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> list[FileReport]:
    folder = tmp_path_factory.mktemp("page-samples")
    paths = []
    for sample in SAMPLES:
        path = folder / f"{sample.name}.docx"
        path.write_bytes(rendered(sample.name))
        paths.append(path)
    return check_files(paths, document_rules())


@pytest.mark.parametrize("index", range(len(SAMPLES)), ids=[s.name for s in SAMPLES])
def test_every_sample_lays_out_with_no_page_findings(
    index: int, sample_reports: list[FileReport]
) -> None:
    report = sample_reports[index]
    assert report.error is None
    assert report.skipped == (), report.skipped_reason
    assert report.findings == (), _describe(report)


def test_without_libreoffice_the_page_rules_are_skipped_and_said(
    run_cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ke_hoach.docx"
    path.write_bytes(rendered("ke_hoach_hkh_son_la_2024"))
    monkeypatch.setenv("VANBAN_SOFFICE", str(tmp_path / "no-soffice"))
    result = run_cli("check", path)
    assert result.exit_code == 0
    assert "các quy tắc về trang in đã bị bỏ qua" in result.stdout
    assert "VANBAN-PAGE-signature-alone" in result.stdout
    result = run_cli("--json", "--lang", "en", "check", path)
    (report,) = json.loads(result.stdout)["files"]
    assert "VANBAN-PAGE-broken-name" in report["skipped"]["rules"]
    assert "LibreOffice was not found" in report["skipped"]["reason"]
    quiet = run_cli("--json", "check", "--no-pages", path)
    (report,) = json.loads(quiet.stdout)["files"]
    assert report["skipped"]["reason"].startswith("đã chọn --no-pages")
