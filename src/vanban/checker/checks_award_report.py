"""Checks of a Báo cáo thành tích (Nghị định 152/2025, Mẫu số 05 and the collective form).

Such a report is laid out like any Phụ lục I document (Quốc hiệu, place and date, a title) and
rules.yaml judges its look with the Phụ lục I rules, minus the parts the form does not have
(Số, ký hiệu; Nơi nhận; for a person, the agency header). These checks add what the form
itself requires: its three sections in order, and the signatures under it, each label with a
name (the upper level's "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" is left for that level to sign).
"""

from __future__ import annotations

from vanban.checker.anatomy import fold
from vanban.checker.findings import Finding, Location
from vanban.checker.forms import AwardReport, award_report
from vanban.checker.inspection import Inspection
from vanban.checker.reading import Para
from vanban.checker.rules import Rule
from vanban.errors import Message


def _kind(report: AwardReport) -> str:
    return "individual" if report.individual else "collective"


def _missing(rule: Rule, text: str, where: Location | None = None) -> Finding:
    return rule.finding(
        Message(f"không có “{text}”", f"no “{text}”"),
        Message(f"có “{text}” theo mẫu", f"“{text}” as the form has it"),
        where or Location(part="document"),
    )


def award_report_parts(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check the sections I, II, III of the form, in order, and a collective's agency header."""
    report = award_report(inspection)
    if report is None:
        return []
    start, end = inspection.anatomy.body_range
    texts = [fold(para.text) for para in inspection.paras[start:end] if para.printed]
    findings: list[Finding] = []
    position = 0
    for heading in rule.params[_kind(report)]:
        wanted = fold(str(heading))
        found = next((i for i in range(position, len(texts)) if texts[i] == wanted), None)
        if found is None:
            findings.append(_missing(rule, str(heading)))
        else:
            position = found + 1
    if not report.individual and inspection.anatomy.one("co_quan_ban_hanh") is None:
        findings.append(
            rule.finding(
                Message("không có tên cơ quan, đơn vị ở đầu trang", "no agency name at the top"),
                Message(
                    "tên cơ quan cấp trên và tên tập thể báo cáo, bên trái Quốc hiệu",
                    "the parent body and the reporting collective, left of the national title",
                ),
                Location(part="document"),
            )
        )
    return findings


def _columns(inspection: Inspection, table: int) -> dict[int, list[Para]]:
    columns: dict[int, list[Para]] = {}
    for para in inspection.paras:
        if para.cell_key and para.cell_key[0] == table and para.printed:
            columns.setdefault(para.cell_key[2], []).append(para)
    return columns


def award_report_signatures(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check the form's signature labels, and that every signing column ends with a name."""
    report = award_report(inspection)
    if report is None:
        return []
    labels = [str(label) for label in rule.params[_kind(report)]]
    printed = [para for para in inspection.paras if para.printed]
    findings = [
        _missing(rule, label)
        for label in labels
        if not any(fold(para.text) == fold(label) for para in printed)
    ]
    tables = {
        para.cell_key[0]
        for para in printed
        if para.cell_key and any(fold(para.text) == fold(label) for label in labels)
    }
    for table in sorted(tables):
        for column in _columns(inspection, table).values():
            last = column[-1].text
            if last == last.upper():  # a title in capitals, not a person's name
                findings.append(
                    rule.finding(
                        Message(
                            f"dưới “{column[-1].text}” không có họ tên người ký",
                            f"no signer's name under “{column[-1].text}”",
                        ),
                        Message(
                            "họ tên người ký dưới chức vụ", "the signer's name under the title"
                        ),
                        column[-1].where.with_text(column[0].text),
                    )
                )
    return findings
