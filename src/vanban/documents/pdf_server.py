"""A warm LibreOffice that converts .docx to PDF, run by a Python that has UNO (python3-uno).

vanban itself runs in its own Python, which has no ``uno`` module; Debian's /usr/bin/python3
gets it from the python3-uno package. So this file is run by that Python as a script
(``python3 pdf_server.py --socket … --profile … --soffice …``), started on demand by
``vanban.documents.warm_pdf`` and never imported by vanban: it uses only the standard
library and ``uno``.

It starts ``soffice`` headless with a private profile (macros and link updates off, written
by the client), reachable only through a UNO pipe (a local socket, no TCP port), and listens
on a Unix socket in a folder only its user can enter, answering only that user (SO_PEERCRED).
Requests are served one after another. One LibreOffice converts one document at a time, so
when the client gives a second profile (``--profile`` twice: it does on a machine of two cores
or more), a second LibreOffice is started behind the first once the first request is
answered (so no command waits for it; a batch that comes while it is still starting is
converted by the first, and the second joins in once up), and the documents of a batch are
taken from one queue by both. A single document always goes to the first. The second costs
about 220 MiB while the server is up, for batches converted nearly twice as fast on 2 cores.

A converted document is closed after the answer is sent (closing takes 15-20 ms the client
need not wait for), and before the next request is read, so a load never overlaps a close.
A close that fails is written to the log and that LibreOffice is stopped, to start afresh.
After ``--idle`` seconds without a request it stops LibreOffice and exits; if LibreOffice dies
it is started again once per request, and a request it cannot serve is answered with an
error, on which the client converts with a cold ``soffice`` instead.

Protocol, one request per connection, each a line of JSON:
``{"files": [[docx_path, pdf_path], ...], "pdf_version": 2}`` →
``{"ok": true}`` or ``{"ok": false, "error": "…"}``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import socket
import struct
import subprocess
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

STARTUP_SECONDS = 60.0
_MAX_REQUEST = 1 << 20
_REQUEST_SECONDS = 60.0  # to send its one line; the conversion itself is not limited here
_log = logging.getLogger("vanban.pdf_server")  # to the server's log (its stderr)

# A Python without uno stops here (ImportError, in the log): the client then converts cold.
import uno  # type: ignore[import-not-found]  # noqa: E402
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]  # noqa: E402


def _properties(**values: Any) -> tuple[Any, ...]:
    return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())


class Office:
    """One headless LibreOffice on a private profile, driven through a UNO pipe."""

    def __init__(self, soffice: str, profile: Path, name: str) -> None:
        self.soffice = soffice
        self.profile = profile
        self.pipe = f"vanban-{os.getpid()}-{name}"
        self.process: subprocess.Popen[bytes] | None = None
        self.desktop: Any = None
        self.converted: Any = None  # the document last converted, until close_converted()

    def running(self) -> bool:
        """True when this LibreOffice is up (started and not dead since)."""
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        """Start LibreOffice and connect to it (raise RuntimeError when it does not come up)."""
        self.stop()
        self.process = subprocess.Popen(
            [
                self.soffice,
                f"-env:UserInstallation={self.profile.as_uri()}",
                "--headless",
                "--invisible",
                "--nocrashreport",
                "--nodefault",
                "--nologo",
                "--norestore",
                "--nolockcheck",
                f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                context = resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext"
                )
                break
            except Exception:  # NoConnectException until LibreOffice listens
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("LibreOffice did not start") from None
                time.sleep(0.05)
        self.desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )

    def convert(self, source: str, target: str, pdf_version: int) -> None:
        """Convert the .docx ``source`` into the PDF ``target`` (Writer's PDF export); the
        document stays open until ``close_converted`` (the next convert calls it first)."""
        self.close_converted()
        document = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(source),
            "_blank",
            0,
            # Never run macros (0 = NEVER_EXECUTE), never update links (0 = NO_UPDATE).
            _properties(Hidden=True, ReadOnly=True, MacroExecutionMode=0, UpdateDocMode=0),
        )
        if document is None:
            raise RuntimeError("LibreOffice could not open the document")
        try:
            options = uno.Any(
                "[]com.sun.star.beans.PropertyValue", _properties(SelectPdfVersion=pdf_version)
            )
            arguments = _properties(FilterName="writer_pdf_Export", FilterData=options)
            uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(target), arguments))
        except BaseException:
            with contextlib.suppress(Exception):
                document.close(True)
            raise
        self.converted = document

    def close_converted(self) -> None:
        """Close the document last converted, if one is open (raising what closing raises)."""
        document, self.converted = self.converted, None
        if document is not None:
            document.close(True)

    def stop(self) -> None:
        """Stop LibreOffice (asked first, killed if it does not go)."""
        self.converted = None  # goes with LibreOffice
        if self.desktop is not None:
            with contextlib.suppress(Exception):
                self.desktop.terminate()
            self.desktop = None
        if self.process is not None:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


def _same_user(connection: socket.socket) -> bool:
    credentials = connection.getsockopt(
        socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")
    )
    _, uid, _ = struct.unpack("3i", credentials)
    return bool(uid == os.getuid())


def _read_request(connection: socket.socket) -> dict[str, Any]:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk or len(data) > _MAX_REQUEST:
            raise ValueError("incomplete request")
        data += chunk
    request = json.loads(data)
    if not isinstance(request, dict):
        raise ValueError("a request is a JSON object")
    return request


class Offices:
    """The server's LibreOffices: the first serves every request, the others help with batches."""

    def __init__(self, soffice: str, profiles: list[Path]) -> None:
        self.first, *self.spares = (
            Office(soffice, profile, str(index)) for index, profile in enumerate(profiles)
        )
        self._helpers: dict[int, threading.Thread] = {}  # spare index: its helping thread

    def convert(self, pairs: list[tuple[str, str]], version: int) -> None:
        """Convert every (source, target) pair; raise what the first failure raised.

        The first LibreOffice (started again if it died) converts in this thread; for a
        batch, each spare joins in from a thread of its own, starting first if it is not up,
        and takes documents from the same queue. This returns once the queue is empty and
        every document taken is converted, without waiting for a spare still starting.
        """
        if not self.first.running():
            self.first.start()
        batch = _Batch(pairs, version)
        for index, spare in enumerate(self.spares if len(pairs) > 1 else []):
            if not self._helping(index):
                helper = threading.Thread(target=_help, args=(spare, batch), daemon=True)
                self._helpers[index] = helper
                helper.start()
        batch.work(self.first)
        batch.wait()
        if batch.failures:
            raise batch.failures[0]

    def start_spares(self) -> None:
        """Start every spare that is not up (nor starting) behind the first, in threads."""
        for index, spare in enumerate(self.spares):
            if not spare.running() and not self._helping(index):
                self._helpers[index] = threading.Thread(
                    target=_help, args=(spare, None), daemon=True
                )
                self._helpers[index].start()

    def _helping(self, index: int) -> bool:
        return index in self._helpers and self._helpers[index].is_alive()

    def close_converted(self) -> None:
        """Close every document still open; a LibreOffice that fails to is stopped (and
        started again when next needed), the failure written to the log. A spare whose
        helping thread still runs is left alone; its next conversion closes its document."""
        idle = [spare for index, spare in enumerate(self.spares) if not self._helping(index)]
        for office in (self.first, *idle):
            try:
                office.close_converted()
            except Exception as exc:
                _log.warning("closing a converted document failed: %r", exc)
                office.stop()

    def stop(self) -> None:
        """Stop every LibreOffice (waiting for a spare still starting)."""
        for helper in self._helpers.values():
            helper.join()
        for office in (self.first, *self.spares):
            office.stop()


class _Batch:
    """The documents of one request, taken one at a time by every LibreOffice that helps."""

    def __init__(self, pairs: list[tuple[str, str]], version: int) -> None:
        self.pending = deque(pairs)
        self.version = version
        self.failures: list[Exception] = []
        self.converting = 0
        self.changed = threading.Condition()

    def work(self, office: Office) -> None:
        """Convert documents on ``office`` until none is left or one failed."""
        while True:
            with self.changed:
                if self.failures or not self.pending:
                    return
                source, target = self.pending.popleft()
                self.converting += 1
            try:
                office.convert(source, target, self.version)
            except Exception as exc:
                office.stop()
                with self.changed:
                    self.failures.append(exc)
            finally:
                with self.changed:
                    self.converting -= 1
                    self.changed.notify_all()

    def wait(self) -> None:
        """Wait until no document is left to take and none is being converted."""
        with self.changed:
            self.changed.wait_for(
                lambda: self.converting == 0 and (bool(self.failures) or not self.pending)
            )


def _help(spare: Office, batch: _Batch | None) -> None:
    """Let ``spare`` help with ``batch`` (if any), starting it first if it is not up."""
    if not spare.running():
        try:
            spare.start()
        except Exception as exc:  # the first converts the batches alone
            _log.warning("a second LibreOffice did not start: %r", exc)
            return
    if batch is not None:
        batch.work(spare)


def _serve_one(offices: Offices, request: dict[str, Any]) -> dict[str, Any]:
    files = request.get("files")
    version = request.get("pdf_version", 2)
    if (
        not isinstance(files, list)
        or not all(isinstance(pair, list) and len(pair) == 2 for pair in files)
        or not isinstance(version, int)
    ):
        return {"ok": False, "error": "bad request"}
    try:
        offices.convert([(str(source), str(target)) for source, target in files], version)
    except Exception as exc:  # the LibreOffice that failed is stopped; the client goes cold
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    return {"ok": True}


def serve(socket_path: Path, offices: Offices, idle_seconds: float) -> None:
    """Answer requests on ``socket_path`` until ``idle_seconds`` pass without one."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with contextlib.suppress(FileNotFoundError):
        socket_path.unlink()
    listener.bind(str(socket_path))
    os.chmod(socket_path, 0o600)
    listener.listen(16)
    listener.settimeout(idle_seconds)
    try:
        while True:
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                return  # idle: nobody has asked for a while
            with connection:
                if not _same_user(connection):
                    continue
                connection.settimeout(_REQUEST_SECONDS)
                try:
                    answer = _serve_one(offices, _read_request(connection))
                except (ValueError, OSError) as exc:
                    answer = {"ok": False, "error": str(exc)}
                with contextlib.suppress(OSError):
                    connection.sendall(json.dumps(answer).encode("utf-8") + b"\n")
            offices.close_converted()  # after the answer, before the next request is read
            offices.start_spares()  # after the first answer, so the first command never waits
    finally:
        listener.close()
        with contextlib.suppress(FileNotFoundError):
            socket_path.unlink()


def main() -> None:
    """Start LibreOffice, then serve until idle."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--socket", type=Path, required=True)
    parser.add_argument("--profile", type=Path, action="append", required=True)
    parser.add_argument("--soffice", required=True)
    parser.add_argument("--idle", type=float, default=300.0)
    arguments = parser.parse_args()
    logging.basicConfig(format="%(asctime)s %(message)s")
    offices = Offices(arguments.soffice, arguments.profile)
    try:
        offices.first.start()
        serve(arguments.socket, offices, arguments.idle)
    finally:
        offices.stop()


if __name__ == "__main__":
    main()
