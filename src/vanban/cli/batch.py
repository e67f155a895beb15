"""``vanban batch``: one certificate per nominee of a list, optionally one PDF for the printer."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from vanban.cli.output import Output, get_output
from vanban.services.batch import BatchService
from vanban.services.batch import Progress as ProgressCallback


@contextmanager
def _progress(output: Output) -> Iterator[ProgressCallback | None]:
    """A progress bar on a terminal; nothing when stdout is a file, a pipe or JSON."""
    if output.as_json or not sys.stdout.isatty():
        yield None
        return
    label = "Đang soạn" if output.lang == "vi" else "Rendering"
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    # Redrawn by the callback, not by rich's refresh thread: with no second thread the batch
    # may fork its workers (see vanban.services.batch), which is safe only in a one-thread process.
    with Progress(*columns, transient=True, auto_refresh=False) as bar:
        task = bar.add_task(label, total=None)
        drawn = 0.0

        def update(done: int, total: int) -> None:
            nonlocal drawn
            bar.update(task, completed=done, total=total)
            if done == total or time.monotonic() - drawn >= 0.1:
                bar.refresh()
                drawn = time.monotonic()

        yield update


@click.command()
@click.argument("template_id", metavar="TEMPLATE")
@click.option(
    "--data",
    "list_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Danh sách đề nghị khen thưởng (.xlsx, .csv hoặc .yaml).",
)
@click.option(
    "--sheet",
    metavar="TÊN",
    help="Trang tính chứa danh sách trong tệp .xlsx (mặc định: trang đầu tiên).",
)
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Thư mục ghi các tệp .docx (mỗi người một tệp).",
)
@click.option(
    "--common",
    "common_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Tệp .yaml các trường chung (số, ngày quyết định, địa danh, người ký, vị trí in…).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Số tiến trình soạn song song.",
)
@click.option(
    "--merge",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Ghi thêm một tệp PDF gộp tất cả để in (cần LibreOffice).",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Thay các tệp do lần in trước ghi vào thư mục này (tệp khác không bị động đến).",
)
@click.pass_context
def batch(
    context: click.Context,
    template_id: str,
    list_path: Path,
    sheet: str | None,
    folder: Path,
    common_path: Path | None,
    jobs: int,
    merge: Path | None,
    overwrite: bool,
) -> None:
    """In hàng loạt mẫu TEMPLATE (bang_khen, giay_khen…) cho mọi người trong danh sách."""
    output = get_output(context)
    with _progress(output) as progress:
        result = BatchService().run(
            template_id,
            list_path,
            folder,
            common_path=common_path,
            jobs=jobs,
            merge=merge,
            progress=progress,
            overwrite=overwrite,
            sheet=sheet,
        )
    count = len(result.files)
    output.say(
        f"Đã soạn {count} văn bản từ mẫu “{template_id}” vào {result.folder}.",
        f"Wrote {count} documents from the template “{template_id}” into {result.folder}.",
    )
    if result.merged is not None:
        output.say(f"Đã ghi tệp PDF gộp {result.merged}.", f"Wrote the merged PDF {result.merged}.")
    output.emit({"ok": True, **result.as_json()})
