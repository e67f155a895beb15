"""A warm LibreOffice that converts .docx to PDF, run by a Python that has UNO (python3-uno).

vanban itself runs in its own Python, which has no ``uno`` module; Debian's /usr/bin/python3
gets it from the python3-uno package. So this file is run by that Python as a script
(``python3 pdf_server.py --socket … --profile … --soffice …``), started on demand by
``vanban.documents.warm_pdf`` and never imported by vanban: it uses only the standard
library and ``uno``.

It starts ``soffice`` headless with a private profile (macros and link updates off, written
by the client), reachable only through a UNO pipe (a local socket, no TCP port), and listens
on a Unix socket in a folder only its user can enter, answering only that user (SO_PEERCRED).
One LibreOffice converts one document at a time, so requests are served one after another.
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
import os
import socket
import struct
import subprocess
import time
from pathlib import Path
from typing import Any

STARTUP_SECONDS = 60.0
_MAX_REQUEST = 1 << 20
_REQUEST_SECONDS = 60.0  # to send its one line; the conversion itself is not limited here

# A Python without uno stops here (ImportError, in the log): the client then converts cold.
import uno  # type: ignore[import-not-found]  # noqa: E402
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]  # noqa: E402


def _properties(**values: Any) -> tuple[Any, ...]:
    return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())


class Office:
    """One headless LibreOffice on a private profile, driven through a UNO pipe."""

    def __init__(self, soffice: str, profile: Path) -> None:
        self.soffice = soffice
        self.profile = profile
        self.pipe = f"vanban-{os.getpid()}"
        self.process: subprocess.Popen[bytes] | None = None
        self.desktop: Any = None

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
        """Convert the .docx ``source`` into the PDF ``target`` (Writer's PDF export)."""
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
        finally:
            with contextlib.suppress(Exception):
                document.close(True)

    def stop(self) -> None:
        """Stop LibreOffice (asked first, killed if it does not go)."""
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


def _serve_one(office: Office, request: dict[str, Any]) -> dict[str, Any]:
    files = request.get("files")
    version = request.get("pdf_version", 2)
    if not isinstance(files, list) or not isinstance(version, int):
        return {"ok": False, "error": "bad request"}
    for pair in files:
        source, target = (str(path) for path in pair)
        try:
            if office.process is None or office.process.poll() is not None:
                office.start()  # died since the last request (or never started)
            office.convert(source, target, version)
        except Exception as exc:  # the client falls back to a cold soffice
            office.stop()
            return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    return {"ok": True}


def serve(socket_path: Path, office: Office, idle_seconds: float) -> None:
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
                    answer = _serve_one(office, _read_request(connection))
                except (ValueError, OSError) as exc:
                    answer = {"ok": False, "error": str(exc)}
                with contextlib.suppress(OSError):
                    connection.sendall(json.dumps(answer).encode("utf-8") + b"\n")
    finally:
        listener.close()
        with contextlib.suppress(FileNotFoundError):
            socket_path.unlink()


def main() -> None:
    """Start LibreOffice, then serve until idle."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--socket", type=Path, required=True)
    parser.add_argument("--profile", type=Path, required=True)
    parser.add_argument("--soffice", required=True)
    parser.add_argument("--idle", type=float, default=300.0)
    arguments = parser.parse_args()
    office = Office(arguments.soffice, arguments.profile)
    office.start()
    try:
        serve(arguments.socket, office, arguments.idle)
    finally:
        office.stop()


if __name__ == "__main__":
    main()
