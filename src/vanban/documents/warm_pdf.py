"""PDF from a LibreOffice kept warm between commands, with a cold soffice as the fallback.

A cold ``soffice --convert-to`` spends about a second starting before it converts a one-page
document in a tenth of that. ``WarmConverter`` hands the documents to a LibreOffice that stays
up between commands (pdf_server.py, run by a Python that has UNO: Debian's python3-uno),
started by the first command that needs it and stopped by itself after a few idle minutes.

Lifecycle and safety:
- Everything lives in a private folder of the user (``$XDG_RUNTIME_DIR/vanban`` or
  ``/tmp/vanban-UID``, mode 0700, refused if someone else owns it): the Unix socket, the lock,
  the profiles of LibreOffice (two on a machine of two cores or more: a second LibreOffice
  shares batches) and the server's log. The server keeps no document after a request (it
  closes each right after answering), so one server serves every workspace of the user; a
  Unix socket path must stay under 108 bytes, which a workspace's own folder cannot promise.
- Two commands never start two servers: starting happens under an exclusive lock, and the
  second command finds the first one's socket answering when it gets the lock.
- The server listens on that socket only (no TCP port), answers only its own user, and
  drives LibreOffice through a UNO pipe; the profile turns macros and link updates off.
- Whatever goes wrong on the warm path (no python3-uno, a server that does not come up, a
  LibreOffice that crashed or failed on a document), the same documents are converted by a
  cold ``soffice`` (``LibreOfficeConverter``), which gives the same PDF or the user-facing error.
  A Python found without UNO is remembered for ten minutes, so later commands go cold at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import signal
import socket
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from vanban.documents.pdf import (
    PDF_A_2B,
    PLAIN_PDF,
    LibreOfficeConverter,
    PdfConverter,
    write_profile_settings,
)

UNO_PYTHON_ENV = "VANBAN_UNO_PYTHON"  # the Python that has uno (default /usr/bin/python3)
SERVER_ENV = "VANBAN_PDF_SERVER"  # "off": always convert cold
FOLDER_ENV = "VANBAN_PDF_SERVER_DIR"  # where the socket, lock and profile live
IDLE_ENV = "VANBAN_PDF_IDLE_SECONDS"
DEFAULT_UNO_PYTHON = "/usr/bin/python3"
DEFAULT_IDLE_SECONDS = 300.0
STARTUP_SECONDS = 60.0
NO_UNO_REMEMBERED_SECONDS = 600.0  # then tried again: python3-uno may have been installed
_SERVER_SCRIPT = Path(__file__).with_name("pdf_server.py")


class _WarmUnavailable(Exception):
    """The warm path cannot serve this request; convert cold."""


def server_folder() -> Path:
    """The user's private folder for the server (made 0700; refused if not the user's own)."""
    given = os.environ.get(FOLDER_ENV)
    if given:
        folder = Path(given)
    else:
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        base = Path(runtime) if runtime else Path(tempfile.gettempdir())
        folder = base / (f"vanban-{os.getuid()}" if not runtime else "vanban")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    status = folder.lstat()
    if status.st_uid != os.getuid() or status.st_mode & 0o077 or folder.is_symlink():
        raise _WarmUnavailable(f"{folder} is not private to this user")
    return folder


class WarmConverter:
    """Converts through the warm server, falling back to a cold soffice (see module doc)."""

    def __init__(self, *, pdf_a: bool = True, cold: LibreOfficeConverter | None = None) -> None:
        self.pdf_version = PDF_A_2B if pdf_a else PLAIN_PDF
        self.cold = cold or LibreOfficeConverter(pdf_a=pdf_a)
        self.per_document_seconds = self.cold.per_document_seconds

    def __enter__(self) -> WarmConverter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the cold converter's profile (the warm server stays up until idle)."""
        self.cold.close()

    def convert(self, items: Sequence[tuple[str, bytes]]) -> list[bytes]:
        """Return one PDF per ``(name, .docx bytes)``; see ``PdfConverter.convert``."""
        if not items:
            return []
        if os.environ.get(SERVER_ENV, "").lower() not in ("off", "0", "no"):
            try:
                return self._warm(_Server(server_folder(), self.cold.soffice()), items)
            except TimeoutError:
                pass  # _ask stopped the stuck server
            except (_WarmUnavailable, OSError, ValueError):
                pass
        return self.cold.convert(items)

    def _warm(self, server: _Server, items: Sequence[tuple[str, bytes]]) -> list[bytes]:
        with tempfile.TemporaryDirectory(prefix="job-", dir=server.folder) as work:
            pairs = []
            for index, (_, content) in enumerate(items, start=1):
                source = Path(work, f"{index:04d}.docx")
                source.write_bytes(content)
                pairs.append((str(source), str(source.with_suffix(".pdf"))))
            request = {"files": pairs, "pdf_version": self.pdf_version}
            answer = self._ask(server, request, len(items))
            if not answer.get("ok"):
                raise _WarmUnavailable(str(answer.get("error")))
            pdfs = [Path(target).read_bytes() for _, target in pairs]
        if not all(pdf.startswith(b"%PDF-") for pdf in pdfs):
            raise _WarmUnavailable("the server wrote something that is not a PDF")
        return pdfs

    def _ask(self, server: _Server, request: dict[str, object], count: int) -> dict[str, object]:
        timeout = STARTUP_SECONDS + self.per_document_seconds * count
        try:
            try:
                return _request(server.socket, request, timeout)
            except (FileNotFoundError, ConnectionRefusedError):
                server.start()
                return _request(server.socket, request, timeout)
        except TimeoutError:
            server.stop()  # a LibreOffice stuck on a document would hold every later request
            raise


class _Server:
    """The files of one warm server: one per LibreOffice program (a test may name another)."""

    def __init__(self, folder: Path, soffice: str) -> None:
        self.folder = folder
        self.soffice = soffice
        self.python = os.environ.get(UNO_PYTHON_ENV, DEFAULT_UNO_PYTHON)
        key = hashlib.sha256(f"{soffice}\0{self.python}".encode()).hexdigest()[:12]
        self.socket = folder / f"pdf-{key}.sock"
        self.lock = folder / f"pdf-{key}.lock"
        self.pid = folder / f"pdf-{key}.pid"
        self.log = folder / f"pdf-{key}.log"
        # One profile per LibreOffice of the server: a second shares batches on a machine of
        # two cores or more (pdf_server.py says why).
        self.profiles = [
            folder / f"profile-{key}{suffix}"
            for suffix in ("", "-2")[: min(2, os.cpu_count() or 1)]
        ]
        self.no_uno = folder / f"pdf-{key}.no-uno"

    def start(self) -> None:
        """Start the server unless another command did meanwhile (under the lock)."""
        with open(self.lock, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if _answers(self.socket):
                return
            with contextlib.suppress(OSError):
                if time.time() - self.no_uno.stat().st_mtime < NO_UNO_REMEMBERED_SECONDS:
                    raise _WarmUnavailable(f"{self.python} has no uno module")
            for profile in self.profiles:
                if not profile.exists():
                    write_profile_settings(profile)
            command = [
                self.python,
                str(_SERVER_SCRIPT),
                *("--socket", str(self.socket)),
                *(part for profile in self.profiles for part in ("--profile", str(profile))),
                *("--soffice", self.soffice),
                *("--idle", os.environ.get(IDLE_ENV, str(DEFAULT_IDLE_SECONDS))),
            ]
            server = self._spawn(command)
            self.pid.write_text(str(server), encoding="utf-8")
            deadline = time.monotonic() + STARTUP_SECONDS
            while not _answers(self.socket):
                if os.waitpid(server, os.WNOHANG) != (0, 0):  # it stopped while starting
                    if _lacks_uno(self.log):
                        self.no_uno.write_text(self.python, encoding="utf-8")
                    raise _WarmUnavailable("the PDF server stopped while starting")
                if time.monotonic() > deadline:
                    self.stop()
                    raise _WarmUnavailable("the PDF server did not start in time")
                time.sleep(0.05)

    def _spawn(self, command: list[str]) -> int:
        """Start ``command`` in a session of its own (it outlives this command, as it should)."""
        with open(self.log, "ab") as log:
            try:
                return os.posix_spawn(
                    command[0],
                    command,
                    os.environ,
                    file_actions=[
                        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                        (os.POSIX_SPAWN_DUP2, log.fileno(), 1),
                        (os.POSIX_SPAWN_DUP2, log.fileno(), 2),
                    ],
                    setsid=True,
                )
            except OSError as exc:
                raise _WarmUnavailable(f"{self.python} cannot be run") from exc

    def stop(self) -> None:
        """Kill the server and its LibreOffice (one process group)."""
        _kill(self.pid)


def _lacks_uno(log: Path) -> bool:
    with contextlib.suppress(OSError):
        tail = log.read_bytes()[-2000:]
        return b"No module named 'uno'" in tail
    return False


def _answers(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def _request(path: Path, request: dict[str, object], timeout: float) -> dict[str, object]:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout)
        connection.connect(str(path))
        connection.sendall(json.dumps(request).encode("utf-8") + b"\n")
        data = b""
        while not data.endswith(b"\n"):
            chunk = connection.recv(65536)
            if not chunk:
                raise ConnectionResetError("the PDF server closed the connection")
            data += chunk
    answer = json.loads(data)
    if not isinstance(answer, dict):
        raise ValueError("the PDF server answered something else than an object")
    return answer


def stop_servers(folder: Path) -> None:
    """Stop every warm server whose files are in ``folder`` (tests, and a user who asks)."""
    for pid_file in folder.glob("pdf-*.pid"):
        _kill(pid_file)


def _kill(pid_file: Path) -> None:
    """Kill the server named by ``pid_file`` with its LibreOffice (one process group)."""
    with contextlib.suppress(OSError, ValueError):
        os.killpg(int(pid_file.read_text(encoding="utf-8")), signal.SIGKILL)
    for stale in (pid_file, pid_file.with_suffix(".sock")):
        with contextlib.suppress(OSError):
            stale.unlink()


def pdf_converter(*, pdf_a: bool = True) -> PdfConverter:
    """The converter every PDF of vanban goes through: warm when it can be, else cold."""
    return WarmConverter(pdf_a=pdf_a)
