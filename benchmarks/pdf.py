"""Measure .docx → PDF/A: the warm converter against a cold ``soffice`` per document.

Renders the shipped samples (repeated to N documents), then in the same run converts them:
- cold: one ``soffice --convert-to`` per document, each with a fresh profile, as every
  ``vanban render --pdf`` paid before (the baseline of the goal);
- cold batch: all N in one ``soffice`` call (what ``vanban batch --pdf`` paid);
- warm: through ``WarmConverter`` (warm_pdf.py) with its server already up, one document per
  call (a ``render --pdf`` after the first) and all N in one call (a batch, which the
  server shares between its two LibreOffices on a machine of two cores or more; the second
  starts behind the first after its first answer). The server's start, paid once by the
  first command that needs it, is printed too.
Goal: warm ≥ 10× cold per document, for single documents and for batches. Peak memory: the
largest cold soffice, and the warm server with all its LibreOffices added up.

    python benchmarks/pdf.py [N]   (N defaults to 20)
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from vanban.documents.pdf import LibreOfficeConverter
from vanban.documents.warm_pdf import FOLDER_ENV, WarmConverter, stop_servers
from vanban.services.documents import DocumentService

GOAL = 10.0


def _documents(count: int) -> list[tuple[str, bytes]]:
    service = DocumentService()
    rendered = [
        (sample.name, service.render(sample.template_id, sample.data_path).content)
        for sample in service.samples()
    ]
    return [
        (f"{rendered[i % len(rendered)][0]}_{i}.docx", rendered[i % len(rendered)][1])
        for i in range(count)
    ]


def _seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _cold_one(item: tuple[str, bytes]) -> float:
    with LibreOfficeConverter() as once:  # a fresh profile, as a new command has
        return _seconds(lambda: once.convert([item]))


def _warm_one(warm: WarmConverter, item: tuple[str, bytes]) -> float:
    return _seconds(lambda: warm.convert([item]))


def _group_files(leader: int, name: str) -> Iterator[str]:
    """The /proc file ``name`` of each live process of a process group."""
    for folder in Path("/proc").glob("[0-9]*"):
        try:
            if os.getpgid(int(folder.name)) == leader:
                yield (folder / name).read_text()
        except (OSError, ValueError):
            continue  # gone meanwhile


def _peak_mib_of_group(leader: int) -> float:
    """The peak resident sizes (VmHWM) of the live processes of a process group, added up."""
    peaks = (
        line.split(":", 1)[1].split()[0]
        for status in _group_files(leader, "status")
        for line in status.splitlines()
        if line.startswith("VmHWM:")
    )
    return sum(int(peak) for peak in peaks) / 1024


def _cpu_seconds_of_group(leader: int) -> float:
    """The CPU seconds the live processes of a process group have used."""
    ticks = 0
    for stat in _group_files(leader, "stat"):
        fields = stat.rsplit(") ", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # user and system time
    return ticks / os.sysconf("SC_CLK_TCK")


def _wait_until_idle(leaders: list[int]) -> None:
    """Wait (60 s at most) until the servers use no CPU: the second LibreOffice, starting
    behind the first, would otherwise slow the cold runs measured next."""
    spent = sum(_cpu_seconds_of_group(leader) for leader in leaders)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = sum(_cpu_seconds_of_group(leader) for leader in leaders)
        if now - spent < 0.02:
            return
        spent = now


def main(count: int = 20) -> None:
    """Print seconds per document for each way, and the warm/cold ratios."""
    before = os.getloadavg()[0]
    items = _documents(count)
    with tempfile.TemporaryDirectory() as folder:
        server_folder = Path(folder, "srv")
        os.environ[FOLDER_ENV] = str(server_folder)
        warm = WarmConverter()
        try:
            start = _seconds(lambda: warm.convert(items[:1]))  # starts the server
            leaders = [int(pid.read_text()) for pid in server_folder.glob("pdf-*.pid")]
            _wait_until_idle(leaders)
            singles = min(count, 8)
            cold_each = sum(_cold_one(item) for item in items[:singles]) / singles
            warm_each = sum(_warm_one(warm, item) for item in items) / count
            with LibreOfficeConverter() as batch:
                cold_batch = _seconds(lambda: batch.convert(items)) / count
            warm_batch = _seconds(lambda: warm.convert(items)) / count
            # The cold soffice runs were this process's children; the server and its
            # LibreOffice are one process group, still up.
            cold_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            warm_peak = sum(_peak_mib_of_group(leader) for leader in leaders)
        finally:
            warm.close()
            stop_servers(server_folder)
    print(f"documents: {count} (the shipped samples, PDF/A-2b)")
    print(f"warm server start (first command only):       {start:6.2f} s")
    print(f"cold, one soffice per document ({singles} docs):     {cold_each:6.3f} s/document")
    print(f"cold, one soffice for all {count:>3} documents:      {cold_batch:6.3f} s/document")
    print(f"warm, one document per call:                  {warm_each:6.3f} s/document")
    print(f"warm, all {count:>3} documents in one call:         {warm_batch:6.3f} s/document")
    for label, ratio in (
        ("single documents: cold per document / warm", cold_each / warm_each),
        ("batch: cold per document / warm batch", cold_each / warm_batch),
    ):
        verdict = "ok" if ratio >= GOAL else "UNDER GOAL"
        print(f"ratio {label}: {ratio:.1f}x (goal ≥ {GOAL:g}x) {verdict}")
    print(f"(for reference: one cold soffice batch / warm batch: {cold_batch / warm_batch:.1f}x)")
    print(
        f"peak resident memory: cold soffice {cold_peak:.0f} MiB, "
        f"warm server with its LibreOffices {warm_peak:.0f} MiB"
    )
    print(f"load average (1 min) before and after: {before:.2f}, {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
