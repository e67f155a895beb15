"""Shared fixtures: the repository's folders, a command-line runner, LibreOffice."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from vanban.cli import main

if TYPE_CHECKING:
    from tests.archive.helpers import Identity

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
TEMPLATES = REPO / "doc_templates"
GOLDEN = Path(__file__).resolve().parent / "golden"


@dataclass
class CliResult:
    """What one run of the command line printed and returned."""

    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``vanban`` in-process with the given arguments."""

    def run(*args: str | os.PathLike[str]) -> CliResult:
        capsys.readouterr()
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="module")
def ca() -> Identity:
    """A test certificate authority, made once per test module (signing and archive tests)."""
    from tests.archive.helpers import make_ca  # cryptography only for the tests that sign

    return make_ca()


@pytest.fixture(scope="session")
def soffice() -> str:
    """Path of LibreOffice's soffice; skip (or, in CI, fail) when it is missing."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) must be installed in CI: see .ci/run")
        pytest.skip("LibreOffice (soffice) is not installed; the page-image tests need it")
    return path


@pytest.fixture(scope="session", autouse=True)
def pdf_server_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The warm PDF servers of this test run live in its own folder and stop when it ends."""
    from vanban.documents.warm_pdf import FOLDER_ENV, stop_servers

    folder = tmp_path_factory.mktemp("pdf-server")
    folder.chmod(0o700)
    previous = os.environ.get(FOLDER_ENV)
    os.environ[FOLDER_ENV] = str(folder)
    yield folder
    stop_servers(folder)
    if previous is None:
        os.environ.pop(FOLDER_ENV, None)
    else:
        os.environ[FOLDER_ENV] = previous
