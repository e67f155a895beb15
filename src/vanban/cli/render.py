"""``vanban render``: one document from a data file, no dossier."""

from __future__ import annotations

from pathlib import Path

import click

from vanban.cli.output import get_output
from vanban.services.documents import DocumentService


@click.command()
@click.argument("template_id", metavar="TEMPLATE")
@click.argument("data", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    "output_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Tệp .docx kết quả.",
)
@click.option("--pdf", is_flag=True, help="Ghi thêm bản PDF/A cùng tên bên cạnh (cần LibreOffice).")
@click.pass_context
def render(
    context: click.Context, template_id: str, data: Path, output_path: Path, pdf: bool
) -> None:
    """Soạn một văn bản từ mẫu TEMPLATE và tệp dữ liệu DATA (.yaml)."""
    output = get_output(context)
    result = DocumentService().render_to_file(template_id, data, output_path, pdf=pdf)
    output.say(
        f"Đã soạn {result.output_path} ({result.size:,} byte) từ mẫu “{template_id}”.",
        f"Wrote {result.output_path} ({result.size:,} bytes) from the template “{template_id}”.",
    )
    if result.pdf_path is not None:
        output.say(f"Đã ghi bản PDF {result.pdf_path}.", f"Wrote the PDF {result.pdf_path}.")
    output.emit({"ok": True, **result.as_json()})
