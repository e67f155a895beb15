"""PDF through a LibreOffice kept warm between commands, and the cold soffice behind it."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLES
from vanban.documents import Renderer, TemplateCatalogue, load_document_data
from vanban.documents.pdf import LibreOfficeConverter
from vanban.documents.warm_pdf import (
    FOLDER_ENV,
    IDLE_ENV,
    UNO_PYTHON_ENV,
    WarmConverter,
    server_folder,
    stop_servers,
)

UNO_PYTHON = "/usr/bin/python3"


@pytest.fixture(scope="module")
def letter() -> bytes:
    spec = TemplateCatalogue().get("cong_van")
    data = load_document_data(SAMPLES / "cong_van_hkh_son_la_2024.yaml")
    return Renderer().render(spec, data).content


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, soffice: str) -> Iterator[Path]:
    """A server folder of this test's own; its servers are stopped when the test ends."""
    if subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode:
        if os.environ.get("CI"):
            pytest.fail(f"{UNO_PYTHON} needs the uno module in CI (python3-uno): see .ci/run")
        pytest.skip(f"{UNO_PYTHON} has no uno module (apt-get install python3-uno)")
    own = tmp_path / "srv"
    monkeypatch.setenv(FOLDER_ENV, str(own))
    monkeypatch.setenv(UNO_PYTHON_ENV, UNO_PYTHON)
    yield server_folder()
    stop_servers(own)


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _server_pid(folder: Path) -> int:
    (pid_file,) = folder.glob("pdf-*.pid")
    return int(pid_file.read_text(encoding="utf-8"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # An exited child of this process stays a zombie until reaped: not serving any more.
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        return stat.read().split(") ")[1][0] != "Z"


def test_warm_gives_the_cold_pdf_and_stays_up_between_calls(folder: Path, letter: bytes) -> None:
    warm = WarmConverter()
    first = warm.convert([("cv.docx", letter)])[0]
    pid = _server_pid(folder)
    second, third = warm.convert([("a.docx", letter), ("b.docx", letter)])
    assert _server_pid(folder) == pid  # the same server served both calls
    assert _alive(pid)
    with LibreOfficeConverter() as cold:
        expected = cold.convert([("cv.docx", letter)])[0]
    for pdf in (first, second, third):
        assert pdf.startswith(b"%PDF-")
        assert _text(pdf) == _text(expected)
        assert b"pdfaid:part" in pdf  # PDF/A-2b, as the cold converter writes it
    assert (folder.stat().st_mode & 0o777) == 0o700
    (sock,) = folder.glob("*.sock")
    assert (sock.stat().st_mode & 0o777) == 0o600


def test_a_python_without_uno_falls_back_to_cold_and_is_remembered(
    folder: Path, letter: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(UNO_PYTHON_ENV, sys.executable)  # vanban's own Python has no uno
    pdf = WarmConverter().convert([("cv.docx", letter)])[0]
    assert (pdf.startswith(b"%PDF-") and "Hội Khuyến học" in _text(pdf)) or _text(pdf)
    assert list(folder.glob("*.no-uno")), "the missing uno is remembered"
    assert not list(folder.glob("*.sock"))
    assert WarmConverter().convert([("cv.docx", letter)])[0].startswith(b"%PDF-")


@pytest.mark.slow
def test_a_crashed_libreoffice_still_gives_the_pdf(folder: Path, letter: bytes) -> None:
    warm = WarmConverter()
    warm.convert([("cv.docx", letter)])
    pid = _server_pid(folder)
    office = [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and _parent(int(entry.name)) == pid
    ]
    assert office, "the server runs LibreOffice as its child"
    for child in office:
        os.kill(child, 9)
    assert _text(warm.convert([("cv.docx", letter)])[0])


def _offices(server: int) -> list[int]:
    """The LibreOffices (soffice.bin) of the server ``server``, its process group."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if (
                entry.name.isdigit()
                and os.getpgid(int(entry.name)) == server
                and (entry / "comm").read_text(encoding="utf-8").strip() == "soffice.bin"
            ):
                found.append(int(entry.name))
        except OSError:
            continue  # gone meanwhile
    return sorted(found)


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        fields = stat.read().rsplit(") ", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one LibreOffice on a one-core machine")
def test_a_batch_is_shared_by_two_libreoffices_and_each_pdf_is_its_own(folder: Path) -> None:
    catalogue, renderer = TemplateCatalogue(), Renderer()
    documents = [
        (f"{name}.docx", renderer.render(catalogue.get(template), load_document_data(data)).content)
        for name, template, data in (
            ("cv", "cong_van", SAMPLES / "cong_van_hkh_son_la_2024.yaml"),
            ("qd", "quyet_dinh", SAMPLES / "quyet_dinh_hkh_son_la_2024.yaml"),
            ("tt", "to_trinh", SAMPLES / "to_trinh_hkh_son_la_2024.yaml"),
        )
    ] * 2
    warm = WarmConverter()
    warm.convert(documents[:1])  # starts the server; the second starts after the answer
    server = _server_pid(folder)
    _wait_until_idle(server)  # the second is up (LibreOffice restarts once on a new profile)
    offices = _offices(server)
    assert len(offices) == 2, "a second LibreOffice started for batches"
    before = [_cpu_seconds(pid) for pid in offices]
    texts = [_text(pdf) for pdf in warm.convert(documents)]
    worked = [_cpu_seconds(pid) - spent for pid, spent in zip(offices, before, strict=True)]
    assert all(seconds > 0.05 for seconds in worked), worked  # both converted documents
    assert texts[:3] == texts[3:]  # in order, each its own
    assert len(set(texts)) == 3
    assert "QUYẾT ĐỊNH" in texts[1]
    assert "TỜ TRÌNH" in texts[2]
    # A single document after the batch: the documents were closed, the server still serves.
    assert _text(warm.convert(documents[:1])[0]) == texts[0]
    assert _offices(server) == offices


def _wait_until_idle(server: int) -> None:
    """Wait until the server's LibreOffices used no CPU for a second."""
    spent, quiet = -1.0, 0
    deadline = time.monotonic() + 60
    while quiet < 2 and time.monotonic() < deadline:
        now = 0.0
        for pid in _offices(server):
            with contextlib.suppress(OSError):
                now += _cpu_seconds(pid)
        quiet = quiet + 1 if abs(now - spent) < 0.02 else 0
        spent = now
        time.sleep(0.5)


def _parent(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return int(stat.read().rsplit(") ", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


@pytest.mark.slow
def test_two_commands_at_once_start_one_server_which_stops_when_idle(
    folder: Path, letter: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(IDLE_ENV, "3")
    results: list[bytes] = []

    def command() -> None:
        results.extend(WarmConverter().convert([("cv.docx", letter)]))

    threads = [threading.Thread(target=command) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2
    assert all(pdf.startswith(b"%PDF-") for pdf in results)
    servers = [
        entry
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit()
        and _cmdline(entry).count(str(folder))
        and "pdf_server" in _cmdline(entry)
    ]
    assert len(servers) == 1
    pid = _server_pid(folder)
    deadline = time.monotonic() + 60
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(pid), "the idle server stopped by itself"
    assert not list(folder.glob("*.sock"))


def _cmdline(entry: Path) -> str:
    try:
        return (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def test_a_folder_others_can_enter_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, letter: bytes, soffice: str
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setenv(FOLDER_ENV, str(shared))
    pdf = WarmConverter().convert([("cv.docx", letter)])[0]  # converted cold
    assert pdf.startswith(b"%PDF-")
    assert not list(shared.iterdir())  # no socket, lock or profile where others can reach
