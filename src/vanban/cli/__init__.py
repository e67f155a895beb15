"""The ``vanban`` command line: a thin shell over vanban.services.

Every VanbanError is caught once, here, and turned into its message and exit code; nothing
below this package prints or exits.
"""

from __future__ import annotations

import os
import sys

import click

from vanban import __version__
from vanban.cli.lazy import LazyCommand, LazyGroup
from vanban.cli.output import Output
from vanban.cli.session import Session
from vanban.cli.usage import language_asked, show_usage_error
from vanban.errors import VanbanError

# Every command, by name: where it lives and the short help `vanban --help` shows without
# importing it. Adding a command is one row; tests/cli/test_lazy.py checks every row.
COMMANDS = {
    "init": LazyCommand(
        "vanban.cli.workspace",
        "init",
        "Tạo thư mục làm việc FOLDER: vanban.toml (cơ quan, người dùng, vai trò) và .vanban/.",
    ),
    "render": LazyCommand(
        "vanban.cli.render",
        "render",
        "Soạn một văn bản từ mẫu TEMPLATE và tệp dữ liệu DATA (.yaml).",
    ),
    "batch": LazyCommand(
        "vanban.cli.batch",
        "batch",
        "In hàng loạt mẫu TEMPLATE (bang_khen, giay_khen…) cho mọi người trong danh sách.",
    ),
    "template": LazyCommand(
        "vanban.cli.template",
        "template",
        "Danh mục mẫu văn bản và các trường của từng mẫu.",
    ),
    "check": LazyCommand(
        "vanban.cli.check",
        "check",
        "Kiểm tra thể thức các tệp .docx FILES theo Phụ lục I Nghị định 30/2020/NĐ-CP.",
    ),
    "convert": LazyCommand(
        "vanban.cli.convert",
        "convert",
        "Chuyển tệp dữ liệu, danh sách (.yaml, .csv, .xlsx) hoặc .docx sang Unicode NFC.",
    ),
    "import": LazyCommand(
        "vanban.cli.importing",
        "import_command",
        "Đọc văn bản Word SOURCE (.docx) thành tệp dữ liệu YAML để soạn lại bằng vanban.",
    ),
    "fix": LazyCommand(
        "vanban.cli.importing",
        "fix",
        "Soạn lại văn bản Word SOURCE đúng thể thức Nghị định 30/2020 (Phụ lục I).",
    ),
    "demo": LazyCommand(
        "vanban.cli.demo",
        "demo",
        "Chạy thử: soạn văn bản mẫu, lập hồ sơ và chuyển từ dự thảo đến ban hành trong FOLDER.",
    ),
    "workflow": LazyCommand(
        "vanban.cli.workflow",
        "workflow",
        "Các quy trình hồ sơ: trạng thái, việc, vai trò.",
    ),
    "register": LazyCommand("vanban.cli.register", "register", "Sổ đăng ký văn bản đi."),
    "new": LazyCommand(
        "vanban.cli.dossier",
        "new",
        "Lập hồ sơ mới theo quy trình WORKFLOW từ tệp dữ liệu DATA, in số hồ sơ.",
    ),
    "list": LazyCommand("vanban.cli.dossier", "list_dossiers", "Liệt kê hồ sơ."),
    "show": LazyCommand(
        "vanban.cli.dossier",
        "show",
        "Hiện một hồ sơ: trạng thái, văn bản, ý kiến trả lại và việc có thể làm.",
    ),
    "history": LazyCommand(
        "vanban.cli.dossier",
        "history",
        "Nhật ký của hồ sơ: ai, khi nào, từ trạng thái nào sang trạng thái nào, ý kiến.",
    ),
    "advance": LazyCommand(
        "vanban.cli.dossier",
        "advance",
        "Thực hiện việc EVENT trên hồ sơ ID (ví dụ: submit, review, approve, issue).",
    ),
    "submit": LazyCommand("vanban.cli.dossier", "submit", "Trình hồ sơ ID (thư ký)."),
    "review": LazyCommand(
        "vanban.cli.dossier",
        "review",
        "Thẩm định đạt hồ sơ ID (người thẩm định).",
    ),
    "approve": LazyCommand("vanban.cli.dossier", "approve", "Phê duyệt hồ sơ ID (lãnh đạo)."),
    "return": LazyCommand(
        "vanban.cli.dossier",
        "return_",
        "Trả lại hồ sơ ID cho người soạn kèm --comment (trước khi ban hành).",
    ),
    "reject": LazyCommand(
        "vanban.cli.dossier",
        "reject",
        "Không duyệt hồ sơ ID kèm --comment (lãnh đạo).",
    ),
    "issue": LazyCommand(
        "vanban.cli.dossier",
        "issue",
        "Cấp số, ghi ngày và ban hành hồ sơ ID (văn thư).",
    ),
    "export": LazyCommand(
        "vanban.cli.dossier",
        "export",
        "Ghi các văn bản hiện tại của hồ sơ ID ra thư mục.",
    ),
    "attach": LazyCommand(
        "vanban.cli.archive",
        "attach",
        "Đính kèm bản PDF đã ký của hồ sơ ID đã ban hành (văn thư); chữ ký được kiểm tra.",
    ),
    "archive": LazyCommand(
        "vanban.cli.archive",
        "archive",
        "Lưu trữ hồ sơ ID (văn thư, sau khi đính kèm bản đã ký), kiểm tra lại hoặc xuất gói.",
    ),
    "sign": LazyCommand(
        "vanban.cli.sign",
        "sign",
        "Ký số theo Nghị định 30: lãnh đạo ký hồ sơ đã duyệt, văn thư cấp số và đóng dấu.",
    ),
}


@click.group(
    cls=LazyGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (cho script).")
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default=lambda: os.environ.get("VANBAN_LANG", "vi"),
    show_default="vi",
    help="Ngôn ngữ thông báo / message language.",
)
@click.option("--debug", is_flag=True, help="Hiện chi tiết lỗi (traceback) khi có lỗi.")
@click.option(
    "--workspace",
    "workspace_option",
    type=click.Path(file_okay=False),
    help="Thư mục làm việc (chứa vanban.toml).",
)
@click.option("--as", "as_login", metavar="LOGIN", help="Hành động với tư cách người dùng LOGIN.")
@click.version_option(__version__, prog_name="vanban")
@click.pass_context
def cli(
    context: click.Context,
    as_json: bool,
    lang: str,
    debug: bool,
    workspace_option: str | None,
    as_login: str | None,
) -> None:
    """vanban — soạn văn bản hành chính đúng Nghị định 30/2020/NĐ-CP và chuyển hồ sơ."""
    session = context.obj if isinstance(context.obj, Session) else Session()
    session.output.lang, session.output.as_json, session.output.debug = lang, as_json, debug
    if workspace_option is not None:
        from pathlib import Path  # here, not at the top: `vanban --help` never needs it

        session.workspace_option = Path(workspace_option)
    session.as_login = as_login
    context.obj = session


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (the console-script entry point)."""
    # The Output object outlives the click context, so an error raised inside a command can
    # still be reported in the language and format the user asked for.
    asked = language_asked(list(sys.argv[1:] if argv is None else argv))
    session = Session(output=Output(lang=asked or os.environ.get("VANBAN_LANG", "vi")))
    output = session.output
    try:
        result = cli.main(args=argv, prog_name="vanban", standalone_mode=False, obj=session)
    except VanbanError as error:
        if output.debug:
            raise
        output.error(error.text(output.lang), error.exit_code)
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("Đã dừng." if output.lang == "vi" else "Stopped.", file=sys.stderr)
        return 1
    except click.ClickException as error:
        show_usage_error(error, output.lang)
        return error.exit_code
    finally:
        session.close()
    return result if isinstance(result, int) else 0
