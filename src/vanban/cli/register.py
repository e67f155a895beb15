"""``vanban register list``: the outgoing register, on screen or as .xlsx/.csv."""

from __future__ import annotations

from pathlib import Path

import click

from vanban.cli.session import get_session
from vanban.services.register_export import HEADERS, export_register, register_rows


@click.group()
def register() -> None:
    """Sổ đăng ký văn bản đi."""


@register.command("list")
@click.option("--year", type=int, help="Chỉ năm này.")
@click.option(
    "--export",
    "export_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Ghi sổ ra tệp .xlsx hoặc .csv.",
)
@click.pass_context
def list_register(context: click.Context, year: int | None, export_path: Path | None) -> None:
    """Liệt kê các văn bản đã cấp số (10 cột theo Phụ lục IV, Nghị định 30/2020)."""
    session = get_session(context)
    session.user()
    entries = session.service().register(year)
    output = session.output
    if export_path is not None:
        export_register(entries, export_path)
        output.say(
            f"Đã ghi {len(entries)} dòng vào {export_path}.",
            f"Wrote {len(entries)} rows to {export_path}.",
        )
    else:
        # Fixed columns, not Output.table: a year's register runs to thousands of lines, which
        # rich.table lays out in seconds (see cli/dossier.py list).
        for row in register_rows(entries):
            output.line(f"{row[0]:<16} {row[1]:<11} {row[3]:<18} {row[2]}")
        if not entries:
            output.say("Sổ chưa có văn bản nào.", "The register is empty.")
    output.emit(
        {
            "ok": True,
            "columns": list(HEADERS),
            "rows": register_rows(entries),
            "export": str(export_path) if export_path else None,
        }
    )
