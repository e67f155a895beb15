"""``vanban demo``: render the shipped samples and show where they are."""

from __future__ import annotations

from pathlib import Path

import click

from vanban.cli.output import get_output
from vanban.services.documents import DocumentService


@click.command()
@click.argument(
    "folder",
    required=False,
    default="vanban-demo",
    type=click.Path(path_type=Path, file_okay=False),
)
@click.pass_context
def demo(context: click.Context, folder: Path) -> None:
    """Soạn toàn bộ văn bản mẫu (samples/) vào thư mục FOLDER."""
    output = get_output(context)
    service = DocumentService()
    results = service.render_samples(folder)
    for result in results:
        output.line(f"  {result.template_id:<9} {result.output_path}")
    output.say(
        f"Đã soạn {len(results)} văn bản mẫu vào thư mục {folder.resolve()}.",
        f"Rendered {len(results)} sample documents into {folder.resolve()}.",
    )
    output.emit(
        {
            "ok": True,
            "folder": str(folder.resolve()),
            "documents": [result.as_json() for result in results],
        }
    )
