"""The ``vanban`` command line: a thin shell over vanban.services.

Every VanbanError is caught once, here, and turned into its message and exit code; nothing
below this package prints or exits.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from vanban import __version__
from vanban.cli.output import Output
from vanban.cli.session import Session
from vanban.errors import VanbanError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    type=click.Path(path_type=Path, file_okay=False),
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
    workspace_option: Path | None,
    as_login: str | None,
) -> None:
    """vanban — soạn văn bản hành chính đúng Nghị định 30/2020/NĐ-CP và chuyển hồ sơ."""
    session = context.obj if isinstance(context.obj, Session) else Session()
    session.output.lang, session.output.as_json, session.output.debug = lang, as_json, debug
    session.workspace_option, session.as_login = workspace_option, as_login
    context.obj = session


def _register() -> None:
    from vanban.cli import (
        archive,
        batch,
        check,
        demo,
        dossier,
        register,
        render,
        template,
        workflow,
        workspace,
    )

    for command in (
        render.render,
        batch.batch,
        template.template,
        check.check,
        demo.demo,
        workspace.init,
        workflow.workflow,
        register.register,
        *dossier.COMMANDS,
        *archive.COMMANDS,
    ):
        cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (the console-script entry point)."""
    # The Output object outlives the click context, so an error raised inside a command can
    # still be reported in the language and format the user asked for.
    session = Session(output=Output(lang=os.environ.get("VANBAN_LANG", "vi")))
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
        error.show()
        return error.exit_code
    return result if isinstance(result, int) else 0
