"""``vanban init``: make a workspace."""

from __future__ import annotations

from pathlib import Path

import click

from vanban.cli.output import get_output
from vanban.workspace import init_workspace


@click.command()
@click.argument(
    "folder", required=False, default=".", type=click.Path(path_type=Path, file_okay=False)
)
@click.option(
    "--training",
    is_flag=True,
    help="Thư mục tập huấn/thử: cho phép --as và VANBAN_USER chọn người hành động.",
)
@click.pass_context
def init(context: click.Context, folder: Path, training: bool) -> None:
    """Tạo thư mục làm việc FOLDER: vanban.toml (cơ quan, người dùng, vai trò) và .vanban/.

    Người hành động là tài khoản máy (hoặc vai trò PostgreSQL) đã xác thực; chỉ thư mục tập
    huấn (--training) mới cho phép --as.
    """
    output = get_output(context)
    path = init_workspace(folder, training=training)
    output.say(
        f"Đã tạo {path}. Hãy sửa thông tin cơ quan và người dùng trong tệp này.",
        f"Created {path}. Edit the organisation and the users in it.",
    )
    output.emit(
        {
            "ok": True,
            "workspace": str(folder.resolve()),
            "config": str(path),
            "training": training,
        }
    )
