"""``vanban check``: any .docx against the rules of Nghị định 30/2020, Phụ lục I."""

from __future__ import annotations

from pathlib import Path

import click

from vanban.checker import FileReport, Finding, Rule
from vanban.cli.output import Output, get_output
from vanban.cli.session import get_session
from vanban.services.document_check import PAGES_OFF, check_files, chosen_rules


def _check_dossier(context: click.Context, output: Output, dossier_id: int) -> int:
    """``check --dossier ID``: the cross-document findings; notes are shown, never failing."""
    session = get_session(context)
    session.user()
    findings = session.service().check_dossier(dossier_id)
    english = output.lang == "en"
    for finding in findings:
        mark = ("note" if english else "ghi chú") if finding.note else finding.rule
        output.line(f"  [{mark}] {finding.en if english else finding.vi}")
    errors = [finding for finding in findings if not finding.note]
    if english:
        output.line(f"Dossier {dossier_id}: {len(errors)} disagreement(s).")
    else:
        output.line(f"Hồ sơ {dossier_id}: {len(errors)} điểm chưa khớp.")
    output.emit(
        {
            "ok": not errors,
            "dossier": dossier_id,
            "findings": [finding.as_json() for finding in findings],
        }
    )
    return 1 if errors else 0


def print_finding(output: Output, finding: Finding) -> None:
    """Print one finding on three lines: rule and source, what and where."""
    lang = output.lang
    output.line(
        f"  [{finding.rule}] {finding.title.in_language(lang)} "
        f"({finding.reference.in_language(lang)})"
    )
    if lang == "en":
        output.line(f"      found: {finding.found.en.rstrip('.')}; expected: {finding.expected.en}")
        output.line(f"      where: {finding.where.describe('en')}")
    else:
        output.line(f"      thấy: {finding.found.vi.rstrip('.')}; cần: {finding.expected.vi}")
        output.line(f"      ở: {finding.where.describe('vi')}")


def print_report(output: Output, report: FileReport) -> None:
    """Print one file's result: its findings, or why it could not be read."""
    english = output.lang == "en"
    if report.error is not None:
        output.line(f"{report.name}: {report.error.in_language(output.lang)}")
    elif not report.findings:
        output.line(f"{report.name}: {'no violations' if english else 'không có vi phạm'}")
    else:
        count = len(report.findings)
        output.line(
            f"{report.name}: {count} violation{'s' * (count > 1)}"
            if english
            else f"{report.name}: {count} vi phạm"
        )
        for finding in report.findings:
            print_finding(output, finding)


def summary(output: Output, reports: list[FileReport], noun: tuple[str, str]) -> str:
    """Return the last line: "3 tệp, 2 vi phạm" (with unreadable files when there are any)."""
    files, violations = len(reports), sum(len(report.findings) for report in reports)
    unreadable = sum(report.error is not None for report in reports)
    if output.lang == "en":
        text = f"{files} {noun[1]}{'s' * (files != 1)}, {violations} violation"
        text += "s" * (violations != 1)
        return text + (f", {unreadable} unreadable" if unreadable else "")
    text = f"{files} {noun[0]}, {violations} vi phạm"
    return text + (f", {unreadable} không đọc được" if unreadable else "")


def report_all(output: Output, reports: list[FileReport], key: str, noun: tuple[str, str]) -> int:
    """Print every report and the summary (or one JSON object); return the exit code."""
    for report in reports:
        print_report(output, report)
    line = summary(output, reports, noun)
    output.line(line)
    ok = all(report.ok for report in reports)
    output.emit(
        {
            "ok": ok,
            key: [report.as_json(output.lang) for report in reports],
            "summary": {
                key: len(reports),
                "violations": sum(len(report.findings) for report in reports),
                "unreadable": sum(report.error is not None for report in reports),
                "text": line,
            },
        }
    )
    return 0 if ok else 1


def _list_rules(output: Output, rules: tuple[Rule, ...]) -> None:
    output.table(
        [
            row
            for rule in rules
            for row in (
                (rule.id, rule.title.in_language(output.lang)),
                ("", rule.reference.in_language(output.lang)),
            )
        ]
    )
    output.emit(
        {
            "ok": True,
            "rules": [
                {
                    "id": rule.id,
                    "reference": rule.reference.in_language(output.lang),
                    "title": rule.title.in_language(output.lang),
                }
                for rule in rules
            ],
        }
    )


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--select",
    metavar="MÃ,…",
    help="Chỉ áp dụng các quy tắc có mã bắt đầu bằng các tiền tố này (cách nhau bằng dấu phẩy).",
)
@click.option(
    "--ignore", metavar="MÃ,…", help="Bỏ qua các quy tắc có mã bắt đầu bằng các tiền tố này."
)
@click.option("--list-rules", is_flag=True, help="Liệt kê các quy tắc rồi dừng.")
@click.option(
    "--no-pages",
    is_flag=True,
    help="Không dàn trang bằng LibreOffice: bỏ qua các quy tắc về trang in (nhanh hơn).",
)
@click.option(
    "--dossier",
    "dossier_id",
    type=int,
    metavar="ID",
    help="Đối chiếu các văn bản của hồ sơ ID với nhau và với dữ liệu hồ sơ (khen thưởng).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="In kết quả dạng JSON, như “vanban --json check …” (cho script).",
)
@click.pass_context
def check(
    context: click.Context,
    files: tuple[Path, ...],
    select: str | None,
    ignore: str | None,
    list_rules: bool,
    no_pages: bool,
    dossier_id: int | None,
    as_json: bool,
) -> int:
    """Kiểm tra thể thức các tệp .docx FILES theo Phụ lục I Nghị định 30/2020/NĐ-CP.

    Khi có LibreOffice, văn bản được dàn trang (PDF) để kiểm tra cả những gì chỉ trang in
    cho thấy: trang cuối chỉ có phần ký, đề mục hay một dòng lẻ ở cuối trang, trang thừa dòng
    trống, tên riêng bị tách dòng, số trang, chữ ra ngoài khung trên phôi; --no-pages bỏ qua
    các quy tắc đó.

    Với --dossier ID: đối chiếu số lượng, số tiền, tên, số và ngày văn bản được dẫn, dữ liệu
    cuộc họp giữa các văn bản của hồ sơ. Chỉ đọc, không sửa gì. Mã thoát 0 khi không có vi
    phạm, 1 khi có.
    """
    output = get_output(context)
    output.as_json = output.as_json or as_json  # "check --dossier ID --json" reads naturally
    if dossier_id is not None:
        return _check_dossier(context, output, dossier_id)
    rules = chosen_rules(select, ignore)
    if list_rules:
        _list_rules(output, rules)
        return 0
    reports = check_files(files, rules, pages=not no_pages)
    _print_skipped(output, reports)
    return report_all(output, reports, "files", ("tệp", "file"))


def _print_skipped(output: Output, reports: list[FileReport]) -> None:
    """Say which files had their page rules skipped, and why (once per reason)."""
    reasons: dict[str, list[FileReport]] = {}
    for report in reports:
        if report.skipped and report.skipped_reason and report.skipped_reason != PAGES_OFF:
            reasons.setdefault(report.skipped_reason.in_language(output.lang), []).append(report)
    for reason, skipped in reasons.items():
        rules = ", ".join(sorted({rule for report in skipped for rule in report.skipped}))
        names = ", ".join(report.name for report in skipped[:3])
        more = f" (+{len(skipped) - 3})" if len(skipped) > 3 else ""
        output.line(f"{names}{more}: {reason} [{rules}]")
