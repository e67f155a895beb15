"""The check functions, by the name rules.yaml uses for them.

Rules name their check here and only here: a name that is not a key of CHECKS is refused,
never imported, so rules.yaml can never make vanban run code it does not ship.
"""

from __future__ import annotations

from collections.abc import Callable

from vanban.checker import (
    checks_award_report,
    checks_body,
    checks_certificate,
    checks_lines,
    checks_look,
    checks_page,
    checks_pages,
    checks_text,
)
from vanban.checker.findings import Finding
from vanban.checker.inspection import Inspection
from vanban.checker.rules import Rule

Check = Callable[[Inspection, Rule], list[Finding]]

CHECKS: dict[str, Check] = {
    "paper_size": checks_page.paper_size,
    "orientation": checks_page.orientation,
    "margins": checks_page.margins,
    "font_family": checks_page.font_family,
    "font_colour": checks_page.font_colour,
    "page_numbers": checks_page.page_numbers,
    "required_parts": checks_look.required_parts,
    "element_look": checks_look.element_look,
    "exact_text": checks_look.exact_text,
    "rule_line": checks_lines.rule_line,
    "number_symbol": checks_text.number_symbol,
    "place_date": checks_text.place_date,
    "place_date_level": checks_text.place_date_level,
    "bases_punctuation": checks_text.bases_punctuation,
    "recipients_punctuation": checks_text.recipients_punctuation,
    "signature_authority": checks_text.signature_authority,
    "unicode_text": checks_text.unicode_text,
    "body_indent": checks_body.body_indent,
    "body_spacing": checks_body.body_spacing,
    "body_line_spacing": checks_body.body_line_spacing,
    "award_report_parts": checks_award_report.award_report_parts,
    "award_report_signatures": checks_award_report.award_report_signatures,
    "certificate_sheet": checks_certificate.certificate_sheet,
    "certificate_items": checks_certificate.certificate_items,
    "certificate_frames": checks_certificate.certificate_frames,
    # The checks below read the laid-out pages (Inspection.layout) and run only with them.
    "signature_alone": checks_pages.signature_alone,
    "heading_at_foot": checks_pages.heading_at_foot,
    "lone_line": checks_pages.lone_line,
    "empty_foot": checks_pages.empty_foot,
    "broken_names": checks_pages.broken_names,
    "page_numbers_printed": checks_pages.page_numbers_printed,
    "certificate_printed": checks_certificate.certificate_printed,
}
PAGE_CHECKS = frozenset(
    {
        "signature_alone",
        "heading_at_foot",
        "lone_line",
        "empty_foot",
        "broken_names",
        "page_numbers_printed",
        "certificate_printed",
    }
)
