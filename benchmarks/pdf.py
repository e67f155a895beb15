"""Measure .docx → PDF/A: the warm converter against a cold ``soffice`` per document.

Renders the shipped samples (repeated to N documents), then in the same run converts them:
- cold: one ``soffice --convert-to`` per document, each with a fresh profile, as every
  ``vanban render --pdf`` paid before (the baseline of the goal);
- cold batch: all N in one ``soffice`` call (what ``vanban batch --pdf`` paid);
- warm: through ``WarmConverter`` (warm_pdf.py) with its server already up, one document per
  call (a ``render --pdf`` after the first) and all N in one call (a batch). The server's
  start, paid once by the first command that needs it, is printed too.
Goal: warm ≥ 10× cold per document, for single documents and for batches.

    python benchmarks/pdf.py [N]   (N defaults to 20)
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
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


def _peak_mib_of_group(leader: int) -> float:
    """The largest peak resident size (VmHWM) among the live processes of a process group."""
    peak = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
            if os.getpgid(int(status.parent.name)) == leader and "VmHWM" in fields:
                peak = max(peak, int(fields["VmHWM"].split()[0]))
        except (OSError, ValueError):
            continue  # gone meanwhile
    return peak / 1024


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
            singles = min(count, 8)
            cold_each = sum(_cold_one(item) for item in items[:singles]) / singles
            warm_each = sum(_warm_one(warm, item) for item in items) / count
            with LibreOfficeConverter() as batch:
                cold_batch = _seconds(lambda: batch.convert(items)) / count
            warm_batch = _seconds(lambda: warm.convert(items)) / count
            # The cold soffice runs were this process's children; the server and its
            # LibreOffice are one process group, still up.
            cold_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            leaders = [int(pid.read_text()) for pid in server_folder.glob("pdf-*.pid")]
            warm_peak = max((_peak_mib_of_group(leader) for leader in leaders), default=0.0)
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
    print(f"peak resident memory: cold soffice {cold_peak:.0f} MiB, warm {warm_peak:.0f} MiB")
    print(f"load average (1 min) before and after: {before:.2f}, {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
