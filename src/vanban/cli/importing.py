"""``vanban import`` and ``vanban fix``: start from the Word file an office already has."""

from __future__ import annotations

from pathlib import Path

import click

from vanban.cli.check import print_finding
from vanban.cli.output import Output, get_output
from vanban.errors import Message
from vanban.services.importing import FixResult, ImportResult, ImportService


def _say_all(output: Output, messages: tuple[Message, ...]) -> None:
    for message in messages:
        output.say(message.vi, message.en)


def _unplaced(output: Output, unplaced: tuple[str, ...]) -> None:
    for text in unplaced:
        output.line(f"  ? {text[:100]}")


def _converted(result: ImportResult | FixResult) -> list[dict[str, object]]:
    return [item.as_json() for item in result.converted]


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Tệp dữ liệu .yaml sẽ ghi (không có: in ra màn hình).",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
@click.pass_context
def import_command(
    context: click.Context, source: Path, output_path: Path | None, force: bool
) -> None:
    """Đọc văn bản Word SOURCE (.docx) thành tệp dữ liệu YAML để soạn lại bằng vanban.

    Nhận ra kế hoạch, báo cáo, công văn, tờ trình, quyết định; bỏ số đề mục (vanban tự đánh
    lại); đoạn không xác định được vị trí được giữ lại kèm ghi chú.
    """
    output = get_output(context)
    result = ImportService().import_file(source, output_path, overwrite=force)
    if output_path is None:
        if not output.as_json:
            click.echo(result.yaml_text, nl=False)
    else:
        _say_all(output, result.messages)
        _unplaced(output, result.unplaced)
        output.say(
            f"Đã ghi {output_path}. Soạn lại: vanban render {result.template_id} {output_path} "
            "-o VAN_BAN.docx",
            f"Wrote {output_path}. Render it: vanban render {result.template_id} {output_path} "
            "-o DOCUMENT.docx",
        )
    output.emit(
        {
            "ok": True,
            "source": str(source),
            "output": str(output_path) if output_path else None,
            "template": result.template_id,
            "unplaced": list(result.unplaced),
            "converted": _converted(result),
            **({} if output_path else {"yaml": result.yaml_text}),
        }
    )


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Tệp .docx mới, đúng thể thức.",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp kết quả nếu đã có.")
@click.pass_context
def fix(context: click.Context, source: Path, output_path: Path, force: bool) -> int:
    """Soạn lại văn bản Word SOURCE đúng thể thức Nghị định 30/2020 (Phụ lục I).

    Nhập nội dung, soạn lại bằng mẫu phù hợp rồi kiểm tra; in những gì đã sửa và những gì
    còn phải xem lại. Không sửa tệp gốc.
    """
    output = get_output(context)
    result = ImportService().fix(source, output_path, overwrite=force)
    _say_all(output, result.messages)
    lang = output.lang
    if result.fixed:
        output.say("Đã sửa:", "Fixed:")
        for title, count in result.fixed:
            output.line(f"  - {title.in_language(lang)} ({count})")
    if result.unplaced:
        output.say(
            "Không xác định được vị trí (đã đặt cuối phần kết thúc, hãy xem lại):",
            "Could not place (put at the end of the closing, please review):",
        )
        _unplaced(output, result.unplaced)
    for finding in result.remaining:
        print_finding(output, finding)
    output.say(
        f"Đã ghi {output_path} (mẫu “{result.template_id}”), còn {len(result.remaining)} vi phạm.",
        f"Wrote {output_path} (template “{result.template_id}”), "
        f"{len(result.remaining)} violation(s) left.",
    )
    output.emit(
        {
            "ok": not result.remaining,
            "source": str(source),
            "output": str(output_path),
            "template": result.template_id,
            "fixed": [
                {"rule": title.in_language(lang), "count": count} for title, count in result.fixed
            ],
            "remaining": [finding.as_json(lang) for finding in result.remaining],
            "unplaced": list(result.unplaced),
            "converted": _converted(result),
        }
    )
    return 0
