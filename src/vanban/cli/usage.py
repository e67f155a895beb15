"""click's own usage errors, said in Vietnamese unless ``--lang en`` asks for English.

click writes "Error: Missing argument 'DATA'." whatever the language; a secretary who runs
vanban in Vietnamese gets the same mistake explained in Vietnamese, with the usage line and
the --help to read. Exit code 2, as for every usage error.
"""

from __future__ import annotations

import re
import sys

import click

__all__ = ["language_asked", "show_usage_error"]

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Missing argument '(?P<a>.+)'\.$"), "Thiếu tham số {a}."),
    (re.compile(r"^Missing option '(?P<a>.+)'\.$"), "Thiếu tùy chọn {a}."),
    (re.compile(r"^No such option:? '?(?P<a>[^' ]+)'?\.?$"), "Không có tùy chọn {a}."),
    (
        re.compile(r"^No such command '(?P<a>.+)'\.$"),
        "Không có lệnh “{a}”.{hint} Xem các lệnh: vanban --help.",
    ),
    (re.compile(r"^Option '(?P<a>.+)' requires an argument\.$"), "Tùy chọn {a} cần một giá trị."),
    (
        re.compile(r"^Option '(?P<a>.+)' requires (?P<n>\d+) arguments\.$"),
        "Tùy chọn {a} cần {n} giá trị.",
    ),
    (
        re.compile(r"^Invalid value for '(?P<a>.+)': '(?P<v>.*)' is not a valid integer\.$"),
        "“{v}” không phải một số nguyên (ở {a}).",
    ),
    (
        re.compile(r"^Invalid value for '(?P<a>.+)': '(?P<v>.*)' is not one of (?P<c>.+)\.$"),
        "“{v}” không dùng được cho {a}; hãy dùng một trong {c}.",
    ),
    (
        re.compile(r"^Invalid value for '(?P<a>.+)': (?P<why>.+)$"),
        "Giá trị không hợp lệ cho {a}: {why}",
    ),
    (re.compile(r"^Got unexpected extra arguments? \((?P<a>.+)\)$"), "Thừa tham số: {a}."),
)
_DID_YOU_MEAN = re.compile(r"\s*\(?Did you mean (?P<d>.+?)\??\)?$")


def _vietnamese(error: click.UsageError) -> str:
    message = error.format_message().strip()
    hint = ""
    found = _DID_YOU_MEAN.search(message)
    if found:
        message = message[: found.start()].strip()
        hint = f" Có phải {found['d'].replace(chr(39), '“', 1).replace(chr(39), '”', 1)}?"
    for pattern, template in _PATTERNS:
        matched = pattern.match(message)
        if matched:
            text = template.format(**matched.groupdict(), hint=hint)
            return text if "{hint}" in template else text + hint
    return message + hint


def language_asked(args: list[str]) -> str | None:
    """Return the --lang value in ``args``, read before click parses them.

    click resolves the command before the group's options take effect, so a mistyped
    command would otherwise be reported before --lang en is known.
    """
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def show_usage_error(error: click.ClickException, lang: str) -> None:
    """Print ``error`` as click would, in Vietnamese unless ``lang`` is "en"."""
    if lang == "en" or not isinstance(error, click.UsageError):
        error.show()
        return
    context = error.ctx
    if context is not None:
        usage = context.get_usage().replace("Usage:", "Cách dùng:", 1)
        click.echo(usage, file=sys.stderr)
        click.echo(f"Xem thêm: {context.command_path} --help\n", file=sys.stderr)
    click.echo(f"Lỗi: {_vietnamese(error)}", file=sys.stderr)
