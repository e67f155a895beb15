"""``vanban init``: make a workspace."""

from __future__ import annotations

from pathlib import Path

import click

from vanban.cli.output import get_output
from vanban.errors import WorkspaceError
from vanban.workspace import init_workspace, load_workspace


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
    if sample_signing and not training:
        raise WorkspaceError(
            "Khóa ký MẪU (--sample-signing) chỉ dùng cho thư mục tập huấn; hãy thêm --training.",
            "Sample signing keys (--sample-signing) are only for a training workspace; "
            "add --training.",
        )
    path = init_workspace(folder, training=training)
    output.say(
        f"Đã tạo {path}. Hãy sửa thông tin cơ quan và người dùng trong tệp này.",
        f"Created {path}. Edit the organisation and the users in it.",
    )
    if sample_signing:
        # Imported here: cryptography and Pillow only for the workspaces that ask for keys.
        from vanban.services.signing_samples import SAMPLE_PASSWORD, add_sample_signing

        workspace = load_workspace(folder)
        leader = next(user.login for user in workspace.users.values() if "approver" in user.roles)
        keys = add_sample_signing(workspace, leader, SAMPLE_PASSWORD)
        output.say(
            f"Khóa ký MẪU (không có giá trị pháp lý) trong {keys}, mật khẩu “{SAMPLE_PASSWORD}”: "
            f"lãnh đạo “{leader}” và cơ quan; chứng thư gốc thử trong trust/.",
            f"Sample signing keys (of no legal value) in {keys}, password “{SAMPLE_PASSWORD}”: "
            f"the leader “{leader}” and the body; the test root certificate is in trust/.",
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
