"""``vanban init``: make a workspace."""

from __future__ import annotations

from pathlib import Path

import click

from vanban.cli.output import get_output
from vanban.services.workspaces import create_workspace


@click.command()
@click.argument(
    "folder", required=False, default=".", type=click.Path(path_type=Path, file_okay=False)
)
@click.option(
    "--training",
    is_flag=True,
    help="Thư mục tập huấn/thử: cho phép --as và VANBAN_USER chọn người hành động.",
)
@click.option(
    "--sample-signing",
    is_flag=True,
    help="Với --training: thêm khóa ký, chứng thư và ảnh chữ ký, con dấu MẪU (chỉ để thử) "
    "cho lãnh đạo và cơ quan, để tập ký số (vanban sign).",
)
@click.pass_context
def init(context: click.Context, folder: Path, training: bool, sample_signing: bool) -> None:
    """Tạo thư mục làm việc FOLDER: vanban.toml (cơ quan, người dùng, vai trò) và .vanban/.

    Người hành động là tài khoản máy (hoặc vai trò PostgreSQL) đã xác thực; chỉ thư mục tập
    huấn (--training) mới cho phép --as.
    """
    output = get_output(context)
    made = create_workspace(folder, training=training, sample_signing=sample_signing)
    path = made.config
    output.say(
        f"Đã tạo {path}. Hãy sửa thông tin cơ quan và người dùng trong tệp này.",
        f"Created {path}. Edit the organisation and the users in it.",
    )
    keys = made.sample_keys
    if keys is not None:
        output.say(
            f"Khóa ký MẪU (không có giá trị pháp lý) trong {keys.folder}, mật khẩu "
            f"“{keys.password}”: lãnh đạo “{keys.leader}” và cơ quan; chứng thư gốc thử trong "
            "trust/.",
            f"Sample signing keys (of no legal value) in {keys.folder}, password "
            f"“{keys.password}”: the leader “{keys.leader}” and the body; the test root "
            "certificate is in trust/.",
        )
    output.emit(
        {
            "ok": True,
            "workspace": str(folder.resolve()),
            "config": str(path),
            "training": training,
            "sample_signing": sample_signing,
        }
    )
