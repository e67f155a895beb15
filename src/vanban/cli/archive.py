"""``vanban attach`` and ``vanban archive ID | verify [ID] | export ID -o DIR``."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from vanban.cli.output import Output
from vanban.cli.session import Session, get_session
from vanban.services.archive import ArchiveService, SignatureCheck
from vanban.services.archive_verify import FileCheck, VerifyReport, verify, verify_package
from vanban.services.archive_verify import Progress as ProgressCallback
from vanban.vietnamese import VIETNAM_TIME

ARCHIVE_NOW = "now"  # the hidden subcommand behind "vanban archive ID"


def _service(session: Session) -> ArchiveService:
    return ArchiveService(session.service())


def _local(iso: str | None) -> str:
    if not iso:
        return "—"
    moment = dt.datetime.fromisoformat(iso)
    return moment.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y %H:%M:%S")


def _coverage(check: SignatureCheck) -> tuple[str, str]:
    if check.coverage == "ENTIRE_FILE":
        return "toàn bộ tệp", "the whole file"
    return (
        f"phần đã ký; phần nối thêm sau đó chỉ là thay đổi PAdES cho phép ({check.modification})",
        f"the signed revision; what was appended later is PAdES-allowed ({check.modification})",
    )


def show_signatures(output: Output, checks: tuple[SignatureCheck, ...], indent: str) -> None:
    for number, check in enumerate(checks, start=1):
        output.say(
            f"{indent}Chữ ký {number} “{check.field}”: {check.signer} ({check.subject})",
            f"{indent}Signature {number} “{check.field}”: {check.signer} ({check.subject})",
        )
        stamp = f", dấu thời gian {_local(check.timestamp)}" if check.timestamp else ""
        stamp_en = f", timestamp {_local(check.timestamp)}" if check.timestamp else ""
        output.say(
            f"{indent}  Ký lúc: {_local(check.signing_time)} (giờ Việt Nam){stamp}",
            f"{indent}  Signed at: {_local(check.signing_time)} (Vietnam time){stamp_en}",
        )
        problem = check.problem
        if problem is None:
            vi, en = _coverage(check)
            output.say(f"{indent}  Nguyên vẹn; phạm vi: {vi}", f"{indent}  Intact; covers: {en}")
        else:
            output.say(f"{indent}  LỖI: {problem.vi}", f"{indent}  ERROR: {problem.en}")
        if check.trusted:
            output.say(
                f"{indent}  Chứng thư: tin cậy (dẫn tới một gốc trong thư mục trust/)",
                f"{indent}  Certificate: trusted (chains to a root in the trust/ folder)",
            )
        else:
            reason = f" ({check.trust_problem})" if check.trust_problem else ""
            output.say(
                f"{indent}  Chứng thư: CHƯA TIN CẬY{reason}: không dẫn tới gốc tin cậy nào trong "
                "thư mục trust/ của thư mục làm việc; tệp được nhận và ghi là chưa tin cậy.",
                f"{indent}  Certificate: NOT TRUSTED{reason}: it does not chain to a root in the "
                "workspace's trust/ folder; the file is accepted and recorded as untrusted.",
            )


@click.command()
@click.argument("dossier_id", metavar="ID", type=int)
@click.argument("pdf", metavar="SIGNED.pdf", type=click.Path(path_type=Path))
@click.option("--unsigned", is_flag=True, help="Tệp là bản quét bản giấy, không có chữ ký số.")
@click.pass_context
def attach(context: click.Context, dossier_id: int, pdf: Path, unsigned: bool) -> None:
    """Đính kèm bản PDF đã ký của hồ sơ ID đã ban hành (văn thư); chữ ký được kiểm tra."""
    session = get_session(context)
    result = _service(session).attach(session.user(), dossier_id, pdf, unsigned=unsigned)
    record, output = result.attachment, session.output
    size = f"{record.size:,}".replace(",", ".")
    output.say(
        f"Đã đính kèm “{record.name}” vào hồ sơ số {dossier_id} ({record.pages} trang, "
        f"{size} byte, sha256 {record.sha256[:16]}…).",
        f"Attached “{record.name}” to dossier {dossier_id} ({record.pages} page(s), "
        f"{record.size:,} bytes, sha256 {record.sha256[:16]}…).",
    )
    if result.signatures:
        show_signatures(output, result.signatures, "")
    else:
        output.say(
            "Tệp không có chữ ký số; đã ghi là bản quét (--unsigned).",
            "The file has no digital signature; recorded as a scan (--unsigned).",
        )
    output.emit(
        {
            "ok": True,
            "dossier": dossier_id,
            "event": result.event.id,
            "attachment": {
                "name": record.name,
                "sha256": record.sha256,
                "bytes": record.size,
                "pages": record.pages,
                "signed": record.signed,
            },
            "signatures": [check.as_json() for check in result.signatures],
        }
    )


class ArchiveGroup(click.Group):
    """A group whose first argument may be a dossier ID: ``archive 12`` means ``archive now 12``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args:
            first = args[0]
            is_option = first.startswith("-") and first not in ctx.help_option_names
            if first.isdigit() or is_option:
                args = [ARCHIVE_NOW, *args]
        return super().parse_args(ctx, args)


@click.group(
    cls=ArchiveGroup, subcommand_metavar="ID [--retention T] | verify [ID] | export ID -o DIR"
)
def archive() -> None:
    """Lưu trữ hồ sơ ID (văn thư, sau khi đính kèm bản đã ký), kiểm tra lại hoặc xuất gói.

    \b
    vanban archive ID [--retention "Vĩnh viễn"|"10 năm"] [--comment C]
    vanban archive verify [ID] [--package DIR]
    vanban archive export ID -o DIR
    """


@archive.command(ARCHIVE_NOW, hidden=True)
@click.argument("dossier_id", metavar="ID", type=int)
@click.option(
    "--retention",
    metavar="THỜI_HẠN",
    help="Thời hạn lưu trữ: “Vĩnh viễn” hoặc số năm, ví dụ “10 năm” (mặc định theo loại văn bản).",
)
@click.option("--comment", default="", help="Ý kiến ghi vào nhật ký.")
@click.pass_context
def archive_now(
    context: click.Context, dossier_id: int, retention: str | None, comment: str
) -> None:
    """Lưu trữ hồ sơ ID: việc cuối cùng của quy trình, kèm thông tin lưu trữ."""
    session = get_session(context)
    result = _service(session).archive(
        session.user(), dossier_id, retention=retention, comment=comment
    )
    record, event, output = result.record, result.event, session.output
    output.say(
        f"Hồ sơ số {dossier_id}: {event.event} ({event.from_state} → {event.to_state}).",
        f"Dossier {dossier_id}: {event.event} ({event.from_state} → {event.to_state}).",
    )
    output.say(
        f"Mã hồ sơ {record.file_code}; thời hạn lưu trữ: {record.retention}; "
        f"{len(record.files)} tệp, {record.page_total} trang PDF.",
        f"File code {record.file_code}; retention: {record.retention}; "
        f"{len(record.files)} files, {record.page_total} PDF pages.",
    )
    for entry in record.files:
        output.line(f"  {entry['FileName']}  sha256 {entry['Sha256']}")
    output.emit(
        {
            "ok": True,
            "dossier": dossier_id,
            "event": event.id,
            "file_code": record.file_code,
            "retention": record.retention,
            "metadata": record.metadata,
        }
    )


@contextmanager
def _progress(output: Output, label: str) -> Iterator[ProgressCallback | None]:
    """A progress bar on a terminal; nothing when stdout is a file, a pipe or JSON."""
    if output.as_json or not sys.stdout.isatty():
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=f"{label} {name}")

        yield update


def _report(output: Output, report: VerifyReport) -> None:
    for check in report.checks:
        # Versions of one document share a name; the hash tells them apart.
        digest = f"  sha256 {check.sha256[:16]}…" if check.sha256 else ""
        if check.problem is None:
            output.line(f"  OK   {check.where}{digest}")
        else:
            output.say(
                f"  LỖI  {check.where}{digest}: {check.problem.vi}",
                f"  FAIL {check.where}{digest}: {check.problem.en}",
            )
        if check.signatures:
            show_signatures(output, check.signatures, "       ")


@archive.command("verify")
@click.argument("dossier_id", metavar="[ID]", type=int, required=False)
@click.option(
    "--package",
    type=click.Path(path_type=Path, file_okay=False),
    help="Kiểm tra một gói BagIt đã xuất thay cho kho dữ liệu.",
)
@click.pass_context
def archive_verify(context: click.Context, dossier_id: int | None, package: Path | None) -> None:
    """Tính lại sha256 mọi tệp đã lưu của hồ sơ ID (hoặc mọi hồ sơ) và kiểm tra lại chữ ký.

    Thoát với mã 3 và nêu tên từng tệp không còn khớp.
    """
    session = get_session(context)
    session.user()
    service = _service(session)
    output = session.output
    with _progress(output, "Kiểm tra" if output.lang == "vi" else "Checking") as progress:
        if package is not None:
            report = verify_package(package, service.trust_roots(), progress)
        else:
            report = verify(service, dossier_id, progress)
    _report(output, report)
    error = report.error()
    if error is not None:
        raise error
    output.say(
        f"Đã kiểm tra {len(report.checks)} tệp: tất cả còn khớp.",
        f"Checked {len(report.checks)} files: all still match.",
    )
    output.emit({"ok": True, "checked": [_check_json(check) for check in report.checks]})


def _check_json(check: FileCheck) -> dict[str, Any]:
    return {
        "dossier": check.dossier_id,
        "kind": check.kind,
        "name": check.name,
        "sha256": check.sha256,
        "signatures": [signature.as_json() for signature in check.signatures],
    }


@archive.command("export")
@click.argument("dossier_id", metavar="ID", type=int)
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Thư mục (mới hoặc trống) để ghi gói BagIt.",
)
@click.pass_context
def archive_export(context: click.Context, dossier_id: int, folder: Path) -> None:
    """Xuất hồ sơ ID đã lưu trữ thành gói BagIt: bản PDF đã ký, bản .docx, nhật ký, metadata."""
    session = get_session(context)
    session.user()
    written = _service(session).export(dossier_id, folder)
    for path in written:
        session.output.line(f"  {path}")
    session.output.say(
        f"Đã ghi gói lưu trữ BagIt ({len(written)} tệp) vào {folder}.",
        f"Wrote the BagIt package ({len(written)} files) to {folder}.",
    )
    session.output.emit({"ok": True, "folder": str(folder), "files": written})
