"""Turning rendered .docx files into PDF (PDF/A-2b by default) with LibreOffice.

One ``soffice --convert-to`` call converts a whole batch: LibreOffice starts once (≈1 s) and
then needs ≈0.1 s per one-page document, where one call per document pays the start every
time (benchmarks/pdf.py measures both in one run). This cold converter is the fallback:
warm_pdf.py keeps a LibreOffice up *between* commands and converts through it when it can.

Each converter owns a private LibreOffice profile (``-env:UserInstallation``), so it never
touches the user's own LibreOffice and two converters never hand work to each other's
process. The profile turns macros and link updates off, so a document cannot make
LibreOffice run code or fetch linked content while it converts (package_guard already
refuses external relationships in templates). Merging with bookmarks is in pdf_merge.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from vanban.errors import VanbanError

PDF_MEDIA_TYPE = "application/pdf"
SOFFICE_ENV = "VANBAN_SOFFICE"
DEBIAN_PACKAGES = ("libreoffice-writer-nogui", "fonts-liberation2")
PDF_A_2B = 2  # writer_pdf_Export's SelectPdfVersion: 0 plain PDF, 1/2/3 PDF/A-1b/2b/3b
PLAIN_PDF = 0

# Written into a fresh profile before LibreOffice first starts. Macros off, and Writer
# never updates links (0 = never) nor follows untrusted referer links: a document could
# otherwise make LibreOffice fetch remote content while it converts.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update">\
<prop oor:name="Link" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class ConversionError(VanbanError):
    """A .docx could not be turned into PDF, or PDFs could not be merged."""


class PdfConverter(Protocol):
    """Something that turns .docx files into PDF files."""

    def convert(self, items: Sequence[tuple[str, bytes]]) -> list[bytes]:
        """Return one PDF per ``(name, .docx bytes)``, in order; all of them or an error.

        ``name`` is only used in messages; the content is all that is converted.
        """
        ...


def convert_one(converter: PdfConverter, name: str, docx: bytes) -> bytes:
    """Convert a single .docx with ``converter`` and return its PDF."""
    return converter.convert([(name, docx)])[0]


def missing_soffice(program: str) -> ConversionError:
    """The error for a LibreOffice program that cannot be found or started."""
    packages = " ".join(DEBIAN_PACKAGES)
    return ConversionError(
        f"Không tìm thấy LibreOffice (“{program}”) nên không tạo được PDF. "
        f"Hãy cài: sudo apt-get install {packages}, hoặc đặt biến {SOFFICE_ENV} "
        "là đường dẫn tới soffice.",
        f"LibreOffice was not found (“{program}”), so no PDF can be made. "
        f"Install it with: sudo apt-get install {packages}, or set {SOFFICE_ENV} "
        "to the path of soffice.",
    )


def _last_line(text: bytes) -> str:
    lines = [line.strip() for line in text.decode("utf-8", "replace").splitlines()]
    # LibreOffice always warns about Java on a machine without it; that is never the cause.
    useful = [line for line in lines if line and "javaldx" not in line]
    return useful[-1] if useful else ""


class LibreOfficeConverter:
    """Converts .docx to PDF with headless LibreOffice, one process per batch.

    ``binary`` defaults to ``$VANBAN_SOFFICE``, then ``soffice`` or ``libreoffice`` on PATH.
    A batch may take ``startup_seconds + per_document_seconds × len(items)``; past that the
    process is killed and the call fails. Calls on one converter run one at a time, because a
    second LibreOffice on the same profile would hand its work to the first and return at once.
    """

    def __init__(
        self,
        binary: str | os.PathLike[str] | None = None,
        *,
        pdf_a: bool = True,
        per_document_seconds: float = 30.0,
        startup_seconds: float = 60.0,
    ) -> None:
        self.binary = binary
        self.pdf_version = PDF_A_2B if pdf_a else PLAIN_PDF
        self.per_document_seconds = per_document_seconds
        self.startup_seconds = startup_seconds
        self._lock = threading.Lock()
        self._profile: Path | None = None
        self._cleanup: weakref.finalize[[str], LibreOfficeConverter] | None = None

    def __enter__(self) -> LibreOfficeConverter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Delete the private LibreOffice profile (a later call makes a new one)."""
        if self._cleanup is not None:
            self._cleanup()
        self._profile, self._cleanup = None, None

    def soffice(self) -> str:
        """Return the LibreOffice program to run, or raise the install instructions."""
        wanted = self.binary or os.environ.get(SOFFICE_ENV)
        if wanted:
            found = shutil.which(os.fspath(wanted))
            if found is None:
                raise missing_soffice(os.fspath(wanted))
            return found
        found = shutil.which("soffice") or shutil.which("libreoffice")
        if found is None:
            raise missing_soffice("soffice")
        return found

    def filter_spec(self) -> str:
        """The ``--convert-to`` argument: PDF through Writer's export filter and its options."""
        options = {"SelectPdfVersion": {"type": "long", "value": str(self.pdf_version)}}
        return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))

    def convert(self, items: Sequence[tuple[str, bytes]]) -> list[bytes]:
        """Convert every .docx in one LibreOffice run; see ``PdfConverter.convert``."""
        if not items:
            return []
        program = self.soffice()
        with self._lock, tempfile.TemporaryDirectory(prefix="vanban-pdf-") as work:
            inbox, outbox = Path(work, "in"), Path(work, "out")
            # Numbered names: the given names may repeat or hold characters soffice dislikes.
            sources = [inbox / f"{index:04d}.docx" for index in range(1, len(items) + 1)]
            try:
                profile = self.profile_dir()
                inbox.mkdir()
                for source, (_, content) in zip(sources, items, strict=True):
                    source.write_bytes(content)
            except OSError as exc:
                raise ConversionError(
                    f"Không ghi được tệp tạm để chuyển sang PDF ({exc.strerror}). "
                    "Hãy kiểm tra dung lượng thư mục tạm.",
                    f"Cannot write temporary files for the PDF conversion ({exc.strerror}). "
                    "Check the free space of the temporary folder.",
                ) from exc
            command = [
                program,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--nodefault",
                "--convert-to",
                self.filter_spec(),
                "--outdir",
                str(outbox),
                *map(str, sources),
            ]
            stderr = self._run(command, len(items))
            return [
                self._result(outbox / f"{source.stem}.pdf", name, stderr)
                for source, (name, _) in zip(sources, items, strict=True)
            ]

    def profile_dir(self) -> Path:
        """The private LibreOffice profile folder, made on first use, deleted by ``close``."""
        if self._profile is None:
            root = Path(tempfile.mkdtemp(prefix="vanban-soffice-"))
            write_profile_settings(root)
            self._profile = root
            self._cleanup = weakref.finalize(self, _remove_tree, str(root))
        return self._profile

    def _run(self, command: list[str], count: int) -> bytes:
        timeout = self.startup_seconds + self.per_document_seconds * count
        try:
            # A session of its own, so a timeout can kill soffice.bin and its launcher together.
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as exc:
            raise missing_soffice(command[0]) from exc
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            # A killed LibreOffice may leave its profile half-written or locked: start afresh.
            self.close()
            seconds = f"{timeout:g}".replace(".", ",")  # Vietnamese writes 0,5 for 0.5
            raise ConversionError(
                f"LibreOffice không chuyển xong {count} văn bản sang PDF trong {seconds} giây "
                "nên đã bị dừng. Hãy thử lại; nếu vẫn lỗi, hãy mở tệp .docx bằng LibreOffice "
                "để kiểm tra.",
                f"LibreOffice did not convert {count} document(s) to PDF within {timeout:g} "
                "seconds and was stopped. Retry; if it fails again, open the .docx in "
                "LibreOffice to check it.",
            ) from None
        except BaseException:
            # Ctrl-C, say: soffice runs in its own session, so it would not get the signal.
            _kill(process)
            raise
        if process.returncode != 0:
            code = f"{process.returncode}: {_last_line(stderr)}".rstrip(": ")
            raise ConversionError(
                f"LibreOffice gặp lỗi khi chuyển sang PDF (mã {code}). "
                "Hãy thử lại hoặc cài lại gói libreoffice-writer-nogui.",
                f"LibreOffice failed while converting to PDF (code {code}). "
                "Retry, or reinstall the libreoffice-writer-nogui package.",
            )
        return stderr

    @staticmethod
    def _result(path: Path, name: str, stderr: bytes) -> bytes:
        # soffice exits 0 even when it could not load a file; the missing PDF is the signal.
        try:
            content = path.read_bytes()
        except OSError:
            content = b""
        if not content.startswith(b"%PDF-"):
            reason = _last_line(stderr)
            detail = f" ({reason})" if reason else ""
            raise ConversionError(
                f"LibreOffice không chuyển được “{name}” sang PDF{detail}. "
                "Hãy mở tệp .docx đó bằng LibreOffice để kiểm tra.",
                f"LibreOffice could not convert “{name}” to PDF{detail}. "
                "Open that .docx in LibreOffice to check it.",
            )
        return content


def write_profile_settings(profile: Path) -> None:
    """Make ``profile`` a LibreOffice profile with macros and link updates off."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")


def _remove_tree(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    try:
        process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        # Something outside the group still holds the pipes; the process itself is dead.
        process.wait()
