"""Dossier commands: new, list, show, history, advance and its shortcuts, export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vanban.cli.output import Output
from vanban.cli.session import get_session
from vanban.models import DossierSummary
from vanban.vietnamese import VIETNAM_TIME, format_number

if TYPE_CHECKING:  # list and show never load the services that change dossiers
    from vanban.services.dossiers import AdvanceResult

TIME_FORMAT = "%d/%m/%Y %H:%M"


def _local(moment: dt.datetime) -> str:
    """Return a stored (UTC) time as people in Vietnam read it."""
    return moment.astimezone(VIETNAM_TIME).strftime(TIME_FORMAT)


def _report(output: Output, result: AdvanceResult) -> None:
    dossier, event = result.dossier, result.event
    output.say(
        f"Hồ sơ số {dossier.id}: {event.event} ({event.from_state or '—'} → {event.to_state}).",
        f"Dossier {dossier.id}: {event.event} ({event.from_state or '—'} → {event.to_state}).",
    )
    if result.register_entry is not None:
        entry = result.register_entry
        output.say(
            f"Đã cấp số {entry.number_and_symbol}, ngày {entry.issued_on:%d/%m/%Y}.",
            f"Numbered {entry.number_and_symbol}, dated {entry.issued_on:%d/%m/%Y}.",
        )
    for record in result.documents:
        output.line(f"  {record.name}  sha256 {record.sha256[:16]}…")
    output.emit(
        {
            "ok": True,
            "dossier": dossier.as_json(),
            "event": event.as_json(),
            "documents": [
                {"name": r.name, "sha256": r.sha256, "bytes": r.size} for r in result.documents
            ],
            "register": None
            if result.register_entry is None
            else {
                "number_and_symbol": result.register_entry.number_and_symbol,
                "issued_on": result.register_entry.issued_on.isoformat(),
            },
        }
    )


@click.command()
@click.argument("workflow_name", metavar="WORKFLOW")
@click.argument("data", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--title", help="Tên hồ sơ (mặc định: trích yếu).")
@click.pass_context
def new(context: click.Context, workflow_name: str, data: Path, title: str | None) -> None:
    """Lập hồ sơ mới theo quy trình WORKFLOW từ tệp dữ liệu DATA, in số hồ sơ.

    DATA là tệp .yaml, hoặc văn bản Word .docx của cơ quan (đọc như vanban import).
    """
    session = get_session(context)
    result = session.service().create(session.user(), workflow_name, data, title)
    _report(session.output, result)


PAGE = 50  # `vanban list` shows the newest 50 unless told --limit N or --all


@click.command("list")
@click.option("--state", help="Chỉ hồ sơ ở trạng thái này (ví dụ: submitted).")
@click.option("--workflow", "workflow_name", help="Chỉ hồ sơ của quy trình này.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=PAGE,
    show_default=True,
    help="Số hồ sơ mới nhất được liệt kê.",
)
@click.option("--all", "show_all", is_flag=True, help="Liệt kê tất cả hồ sơ (bỏ qua --limit).")
@click.pass_context
def list_dossiers(
    context: click.Context,
    state: str | None,
    workflow_name: str | None,
    limit: int,
    show_all: bool,
) -> None:
    """Liệt kê hồ sơ.

    Hồ sơ mới nhất trước; mặc định 50 hồ sơ, --limit N hoặc --all để xem nhiều hơn. --json
    in cùng những hồ sơ đó và tổng số (total).
    """
    session = get_session(context)
    reader = session.reader()
    page = reader.newest(state=state, workflow=workflow_name, limit=None if show_all else limit)
    dossiers, output = page.dossiers, session.output
    if output.as_json:  # the same page as the table, and how many there are in all
        output.emit({"ok": True, "total": page.total, "dossiers": [d.as_json() for d in dossiers]})
    # One write of fixed columns, not Output.table: ten thousand lines (--all) echoed one by
    # one take longer than the query, and rich.table lays out 10 000 rows in seconds.
    elif dossiers:
        labels = {} if output.lang == "en" else reader.state_labels(dossiers)

        def state_of(dossier: DossierSummary) -> str:
            return labels.get((dossier.workflow, dossier.state), dossier.state)

        output.line(
            "\n".join(
                f"{d.id:>4}  {d.workflow:<9} {state_of(d):<14} {d.title[:70]}" for d in dossiers
            )
        )
        hidden = page.total - len(dossiers)
        if hidden:
            output.say(
                f"… và {format_number(hidden)} hồ sơ cũ hơn (tổng {format_number(page.total)}): "
                "thêm --all để xem tất cả, hoặc --limit N.",
                f"… and {hidden:,} older dossiers ({page.total:,} in all): "
                "add --all to see them all, or --limit N.",
            )
    else:
        output.say("Chưa có hồ sơ nào.", "No dossiers.")


@click.command()
@click.argument("dossier_id", metavar="ID", type=int)
@click.pass_context
def show(context: click.Context, dossier_id: int) -> None:
    """Hiện một hồ sơ: trạng thái, văn bản, ý kiến trả lại và việc có thể làm."""
    session = get_session(context)
    view = session.reader().show(dossier_id, session.user())
    dossier, output = view.dossier, session.output
    output.say(
        f"Hồ sơ số {dossier.id} — {view.workflow.label}: {dossier.title}",
        f"Dossier {dossier.id} — {view.workflow.name}: {dossier.title}",
    )
    output.say(f"Trạng thái: {view.state_label} ({dossier.state})", f"State: {dossier.state}")
    output.say(
        f"Người lập: {dossier.created_by}, {_local(dossier.created_at)}",
        f"Drafted by: {dossier.created_by}, {_local(dossier.created_at)}",
    )
    if view.number_and_symbol and dossier.issued_on is not None:
        output.say(
            f"Số, ký hiệu: {view.number_and_symbol}, ngày {dossier.issued_on:%d/%m/%Y}",
            f"Number: {view.number_and_symbol}, dated {dossier.issued_on:%d/%m/%Y}",
        )
    if view.last_return is not None:
        event = view.last_return
        output.say(
            f"Ý kiến trả lại ({event.actor}, {_local(event.at)}): {event.comment}",
            f"Returned ({event.actor}, {_local(event.at)}): {event.comment}",
        )
    for record in view.documents:
        output.say(
            f"Văn bản: {record.name} ({record.size:,} byte, sha256 {record.sha256[:16]}…)",
            f"Document: {record.name} ({record.size:,} bytes, sha256 {record.sha256[:16]}…)",
        )
    # Each choice is shown as the command that does it: a shortcut where there is one,
    # "vanban advance ID EVENT" for the others (amend, archive …).
    commands = [
        f"vanban {e.name} {dossier.id}"
        if e.name in SHORTCUT_EVENTS
        else f"vanban advance {dossier.id} {e.name}"
        for e in view.available
    ]
    choices = "; ".join(
        f"{command} ({e.label})" for command, e in zip(commands, view.available, strict=True)
    )
    choices_en = "; ".join(commands)
    output.say(f"Bạn có thể: {choices or 'không có'}", f"You can: {choices_en or 'nothing'}")
    output.emit(
        {
            "ok": True,
            "dossier": dossier.as_json(),
            "state_label": view.state_label,
            "data": dossier.data,
            "returned": None if view.last_return is None else view.last_return.as_json(),
            "documents": [
                {"name": r.name, "sha256": r.sha256, "bytes": r.size} for r in view.documents
            ],
            "available_events": [e.name for e in view.available],
        }
    )


@click.command()
@click.argument("dossier_id", metavar="ID", type=int)
@click.pass_context
def history(context: click.Context, dossier_id: int) -> None:
    """Nhật ký của hồ sơ: ai, khi nào, từ trạng thái nào sang trạng thái nào, ý kiến."""
    session = get_session(context)
    session.user()
    events = session.service().history(dossier_id)
    rows: list[tuple[str, str, str, str]] = []
    for event in events:
        comment = f" — “{event.comment}”" if event.comment else ""
        change = f"{event.from_state or '—'} → {event.to_state}{comment}"
        rows.append((_local(event.at), event.actor, event.event, change))
        rows += [("", "", "", f"{d.name} sha256 {d.sha256}") for d in event.documents]
    session.output.table(rows)
    session.output.emit(
        {"ok": True, "dossier": dossier_id, "history": [e.as_json() for e in events]}
    )


def _advance(
    context: click.Context, dossier_id: int, event: str, comment: str, patch: Path | None
) -> None:
    session = get_session(context)
    result = session.service().advance(
        session.user(), dossier_id, event, comment=comment, patch_path=patch
    )
    _report(session.output, result)


@click.command()
@click.argument("dossier_id", metavar="ID", type=int)
@click.argument("event")
@click.option("--comment", default="", help="Ý kiến, lý do (bắt buộc khi trả lại).")
@click.option(
    "--data",
    "patch",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Tệp YAML sửa đổi dữ liệu (khi còn dự thảo).",
)
@click.pass_context
def advance(
    context: click.Context, dossier_id: int, event: str, comment: str, patch: Path | None
) -> None:
    """Thực hiện việc EVENT trên hồ sơ ID (ví dụ: submit, review, approve, issue)."""
    _advance(context, dossier_id, event, comment, patch)


# The events that have a command of their own; every other event is "advance ID EVENT".
_SHORTCUTS = {
    "submit": "Trình hồ sơ ID (thư ký).",
    "review": "Thẩm định đạt hồ sơ ID (người thẩm định).",
    "approve": "Phê duyệt hồ sơ ID (lãnh đạo).",
    "return": "Trả lại hồ sơ ID cho người soạn kèm --comment (trước khi ban hành).",
    "reject": "Không duyệt hồ sơ ID kèm --comment (lãnh đạo).",
    "issue": "Cấp số, ghi ngày và ban hành hồ sơ ID (văn thư).",
}
SHORTCUT_EVENTS = frozenset(_SHORTCUTS)


def _shortcut(event: str, help_text: str) -> click.Command:
    @click.command(name=event, help=help_text)
    @click.argument("dossier_id", metavar="ID", type=int)
    @click.option("--comment", default="", help="Ý kiến, lý do.")
    @click.option(
        "--data",
        "patch",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Tệp YAML sửa đổi dữ liệu (khi còn dự thảo).",
    )
    @click.pass_context
    def command(context: click.Context, dossier_id: int, comment: str, patch: Path | None) -> None:
        _advance(context, dossier_id, event, comment, patch)

    return command


@click.command()
@click.argument("dossier_id", metavar="ID", type=int)
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Thư mục ghi văn bản.",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Ghi thêm PDF/A từng văn bản và ho_so_ID.pdf gộp lại (cần LibreOffice).",
)
@click.pass_context
def export(context: click.Context, dossier_id: int, folder: Path, pdf: bool) -> None:
    """Ghi các văn bản hiện tại của hồ sơ ID ra thư mục."""
    session = get_session(context)
    session.user()
    written = session.service().export(dossier_id, folder, pdf=pdf)
    for path in written:
        session.output.line(str(path))
    session.output.say(
        f"Đã ghi {len(written)} tệp vào {folder}.", f"Wrote {len(written)} files to {folder}."
    )
    session.output.emit({"ok": True, "files": [str(path) for path in written]})


submit = _shortcut("submit", _SHORTCUTS["submit"])
review = _shortcut("review", _SHORTCUTS["review"])
approve = _shortcut("approve", _SHORTCUTS["approve"])
return_ = _shortcut("return", _SHORTCUTS["return"])
reject = _shortcut("reject", _SHORTCUTS["reject"])
issue = _shortcut("issue", _SHORTCUTS["issue"])
