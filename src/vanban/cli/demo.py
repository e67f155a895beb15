"""``vanban demo``: render the samples and carry the seed documents through their lifecycle."""

from __future__ import annotations

from pathlib import Path

import click

from vanban.cli.output import get_output
from vanban.services.demo import run_demo


@click.command()
@click.argument(
    "folder",
    required=False,
    default="vanban-demo",
    type=click.Path(path_type=Path, file_okay=False),
)
@click.pass_context
def demo(context: click.Context, folder: Path) -> None:
    """Chạy thử: soạn văn bản mẫu, lập hồ sơ và chuyển từ dự thảo đến ban hành trong FOLDER."""
    output = get_output(context)
    report = run_demo(folder)
    output.say(
        f"Văn bản mẫu ({len(report.rendered)}): {folder / 'van_ban_mau'}",
        f"Sample documents ({len(report.rendered)}): {folder / 'van_ban_mau'}",
    )
    output.line("")
    english = output.lang == "en"
    output.table(
        [
            (
                str(dossier.id),
                dossier.workflow,
                dossier.state,
                str(dossier.number or ""),
                str(report.main_files.get(dossier.id, "")),
            )
            for dossier in report.dossiers
        ],
        header=("ID", "Workflow", "State", "No.", "Main document")
        if english
        else ("Hồ sơ", "Quy trình", "Trạng thái", "Số", "Văn bản chính"),
        right=(0, 3),
    )
    output.line("")
    for signed in report.signed_files:
        output.say(
            f"Đã ký số (lãnh đạo, số và ngày, dấu cơ quan; khóa và ảnh MẪU): {signed}",
            f"Signed (leader, number and date, body's seal; SAMPLE keys and images): {signed}",
        )
    if report.certificates:
        output.say(
            f"Giấy khen đã in ({len(report.certificates)}): {report.certificates[0].parent}",
            f"Certificates printed ({len(report.certificates)}): {report.certificates[0].parent}",
        )
    output.say(
        f"Sổ đăng ký văn bản đi: {report.register_file}. Thư mục làm việc: {folder.resolve()} "
        f"(thử: vanban --workspace {folder} --as minh history 1).",
        f"Outgoing register: {report.register_file}. Workspace: {folder.resolve()} "
        f"(try: vanban --workspace {folder} --as minh history 1).",
    )
    output.emit(
        {
            "ok": True,
            "folder": str(folder.resolve()),
            "samples": [r.as_json() for r in report.rendered],
            "dossiers": [
                {"id": d.id, "workflow": d.workflow, "state": d.state, "number": d.number}
                for d in report.dossiers
            ],
            "issued_files": [str(p) for p in report.issued_files],
            "register": str(report.register_file),
            "certificates": [str(p) for p in report.certificates],
        }
    )
