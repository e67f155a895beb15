"""Every file a command reads is read by reading, and only when it is a regular file (issue 10
item 1: ``/dev/zero``, a FIFO or a symlink to one was read without bound).

A FIFO or a link to /dev/zero under a .docx, .pdf, .yaml or .xlsx name, given to each command
that reads such a file, is refused at once in a sentence. An alarm turns a hang into a failure,
and a memory ceiling an endless read of /dev/zero (which took the machine's memory).
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES, TEMPLATES, CliResult
from tests.services.test_batch import write_list
from vanban.archive.pdf import AttachmentError, read_pdf
from vanban.documents.template_limits import memory_ceiling

Run = Callable[..., CliResult]
KINDS = ("fifo", "dev-zero")


class Hung(Exception):
    """The command did not answer within the alarm."""


@contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise Hung

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        with memory_ceiling(1024 * 1024 * 1024):
            yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _special(path: Path, kind: str) -> Path:
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    return path


def _commands(folder: Path, kind: str) -> list[tuple[str, ...]]:
    docx = str(_special(folder / "van_ban.docx", kind))
    data = str(_special(folder / "du_lieu.yaml", kind))
    listed = str(_special(folder / "danh_sach.xlsx", kind))
    nominees = folder / "ds.yaml"
    write_list(nominees, 2)
    out = str(folder / "out")
    return [
        ("check", docx),
        ("--json", "check", docx),
        ("import", docx, "-o", f"{out}.yaml"),
        ("fix", docx, "-o", f"{out}.docx"),
        ("convert", docx, "-o", f"{out}.docx"),
        ("convert", data, "-o", f"{out}.yaml"),
        ("render", "ke_hoach", data, "-o", f"{out}.docx"),
        ("batch", "giay_khen", "--data", listed, "-o", out),
        ("batch", "giay_khen", "--data", str(nominees), "--common", data, "-o", out),
        ("--as", "minh", "new", "ke_hoach", docx),
        ("--as", "minh", "new", "ke_hoach", data),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_special_file_is_refused_by_every_command(
    run_cli: Run, tmp_path: Path, kind: str
) -> None:
    workspace = tmp_path / "ws"
    assert run_cli("init", "--training", workspace).exit_code == 0
    for args in _commands(tmp_path, kind):
        with _alarm(60):
            result = run_cli("--workspace", workspace, *args)
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        said = result.stdout + result.stderr
        assert "không phải một tệp thông thường" in said or "không phải là một tệp" in said, (
            args,
            said,
        )
        assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_template_that_is_a_special_file_is_refused(
    run_cli: Run, tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mau"
    folder.mkdir()
    shutil.copy(TEMPLATES / "ke_hoach.yaml", folder)
    _special(folder / "ke_hoach.docx", kind)
    monkeypatch.setenv("VANBAN_TEMPLATES", str(folder))
    sample = SAMPLES / "ke_hoach_hkh_son_la_2024.yaml"
    for args in (("render", "ke_hoach", sample, "-o", tmp_path / "o.docx"), ("template", "lint")):
        with _alarm(60):
            result = run_cli(*args)
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_a_pdf_that_is_a_special_file_is_refused(tmp_path: Path, kind: str) -> None:
    with _alarm(30), pytest.raises(AttachmentError, match="không phải là một tệp"):
        read_pdf(_special(tmp_path / "ban_ky.pdf", kind))
