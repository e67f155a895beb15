"""``vanban convert``: text typed in TCVN3, VNI, VISCII or twice-encoded UTF-8, to Unicode."""

from __future__ import annotations

from pathlib import Path

import click

from vanban.cli.output import get_output
from vanban.services.conversion import convert_file
from vanban.vietnamese.legacy import ENCODINGS


@click.command()
@click.argument("path", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--from",
    "encoding",
    type=click.Choice(["auto", *ENCODINGS]),
    default="auto",
    show_default=True,
    help="Bảng mã cũ của văn bản (utf8 = UTF-8 bị mã hóa hai lần).",
)
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Tệp kết quả (mặc định TÊN.unicode.ĐUÔI bên cạnh; không ghi đè).",
)
@click.pass_context
def convert(context: click.Context, path: Path, encoding: str, output_path: Path | None) -> None:
    """Chuyển tệp dữ liệu, danh sách (.yaml, .csv, .xlsx) hoặc .docx sang Unicode NFC."""
    output = get_output(context)
    result = convert_file(path, encoding, output_path)
    output.say(
        f"Đã ghi {result.output} ({result.changed} chỗ được chuyển sang Unicode).",
        f"Wrote {result.output} ({result.changed} pieces of text converted to Unicode).",
    )
    output.emit({"ok": True, **result.as_json()})
