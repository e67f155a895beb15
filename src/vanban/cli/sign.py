"""``vanban sign``: sign a dossier's document in the office's order, or a PDF file.

The password (PKCS#12) or PIN (token) is asked on the terminal, or read as the first line of
standard input with ``--password-stdin`` (for scripts and tests); never an argument or a file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from vanban.atomic_write import write_atomically
from vanban.cli.archive import show_signatures
from vanban.cli.session import get_session
from vanban.errors import ValidationError
from vanban.services.archive import ArchiveService
from vanban.services.signing import SigningService


def _secret(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        secret = line.rstrip("\r\n")
    elif sys.stdin.isatty():
        secret = click.prompt("Mật khẩu khóa ký / mã PIN", hide_input=True, err=True)
    else:
        raise ValidationError(
            "Không hỏi được mật khẩu khóa ký vì không chạy trên màn hình dòng lệnh. Hãy chạy "
            "trên terminal, hoặc đưa mật khẩu qua đầu vào chuẩn với --password-stdin.",
            "Cannot ask for the key password: not running on a terminal. Run it on a "
            "terminal, or pass the password on standard input with --password-stdin.",
        )
    if not secret:
        raise ValidationError(
            "Mật khẩu khóa ký trống. Chưa có gì được ký.",
            "The key password is empty. Nothing was signed.",
        )
    return secret


@click.command()
@click.argument("target", metavar="ID|FILE.pdf")
@click.option(
    "--attachment",
    "attachment",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Tệp phụ lục/đính kèm riêng của hồ sơ ID: ký số cơ quan, không hình, góc trên phải.",
)
@click.option(
    "--number",
    "number",
    metavar="SỐ/KÝ-HIỆU",
    help="Với FILE.pdf: số và ký hiệu in ở góc trên phải (chữ ký cơ quan không hình).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Với FILE.pdf: nơi ghi bản đã ký.",
)
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Đọc mật khẩu khóa (hoặc PIN token) từ dòng đầu của đầu vào chuẩn.",
)
@click.pass_context
def sign(
    context: click.Context,
    target: str,
    attachment: Path | None,
    number: str | None,
    output: Path | None,
    password_stdin: bool,
) -> None:
    """Ký số theo Nghị định 30: lãnh đạo ký hồ sơ đã duyệt, văn thư cấp số và đóng dấu.

    \b
    vanban sign ID                       lãnh đạo ký (hồ sơ đã duyệt), hoặc văn thư ghi số,
                                         ngày và ký số cơ quan (hồ sơ đã ban hành)
    vanban sign ID --attachment PL.pdf   văn thư ký số cơ quan lên phụ lục tách riêng
    vanban sign FILE.pdf --number 03/KH-HKH -o OUT.pdf
    """
    session = get_session(context)
    out = session.output
    signing = SigningService(ArchiveService(session.service()))
    user = session.user()
    if not target.isdigit():
        if not number or output is None:
            raise click.UsageError("FILE.pdf cần --number SỐ/KÝ-HIỆU và -o OUT.pdf.")
        content = signing.sign_file(user, Path(target), number, _secret(password_stdin))
        write_atomically(content, output)
        out.say(
            f"Đã ký số cơ quan lên “{Path(target).name}” (góc trên phải: {number}); ghi {output}.",
            f"Signed “{Path(target).name}” with the body's signature (top right: {number}); "
            f"wrote {output}.",
        )
        out.emit({"ok": True, "output": str(output)})
        return
    dossier_id = int(target)
    if attachment is not None:
        result = signing.sign_attachment(user, dossier_id, attachment, _secret(password_stdin))
        what_vi, what_en = "phụ lục đã ký số cơ quan", "appendix signed by the body"
    else:
        state = signing.dossiers.show(dossier_id, user).dossier.state
        # The approver signs an approved dossier (or signs again, once issued, when the year
        # changed before sealing); the văn thư seals an issued one.
        leader = "approver" in user.roles and (
            state == "approved" or (state == "issued" and "clerk" not in user.roles)
        )
        if leader:
            signed = signing.sign_as_leader(user, dossier_id, _secret(password_stdin))
            out.say(
                f"Lãnh đạo đã ký “{signed.document.name}” của hồ sơ số {dossier_id}; văn thư "
                "cấp số (vanban issue) rồi ký số cơ quan (vanban sign).",
                f"The leader signed “{signed.document.name}” of dossier {dossier_id}; the "
                "clerk now issues it (vanban issue) and signs for the body (vanban sign).",
            )
            show_signatures(out, signed.signatures, "  ")
            out.emit(
                {
                    "ok": True,
                    "dossier": dossier_id,
                    "document": signed.document.name,
                    "sha256": signed.document.sha256,
                    "signatures": [check.as_json() for check in signed.signatures],
                }
            )
            return
        result = signing.seal(user, dossier_id, _secret(password_stdin))
        what_vi, what_en = "bản đã ghi số, ngày và ký số cơ quan", "copy numbered and sealed"
    record = result.attachment
    out.say(
        f"Đã lưu {what_vi} “{record.name}” vào hồ sơ số {dossier_id} ({record.pages} trang).",
        f"Stored the {what_en} “{record.name}” in dossier {dossier_id} ({record.pages} pages).",
    )
    show_signatures(out, result.signatures, "  ")
    out.emit(
        {
            "ok": True,
            "dossier": dossier_id,
            "attachment": {"name": record.name, "sha256": record.sha256, "pages": record.pages},
            "signatures": [check.as_json() for check in result.signatures],
        }
    )
