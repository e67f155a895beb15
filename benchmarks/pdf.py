"""Measure .docx → PDF/A: one LibreOffice per document (cold) against one per batch (warm).

Renders the shipped samples (repeated to N documents), then in the same run converts them
with one ``soffice --convert-to`` per document, and all of them with a single call. Both
use LibreOfficeConverter with its profile already created, so the cold side is not charged
for making the profile; that one-off cost and the cost of a fresh profile per document (what
each ``vanban render --pdf`` pays) are printed too. Also says whether unoserver, the other
way to keep LibreOffice warm, can run here: it needs the system Python's ``uno`` module.

    python benchmarks/pdf.py [N]   (N defaults to 20)
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial

from vanban.documents.pdf import LibreOfficeConverter
from vanban.services.documents import DocumentService

SYSTEM_PYTHON = "/usr/bin/python3"


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


def unoserver_status() -> str:
    """Whether unoserver could talk to this machine's LibreOffice, and if not, why."""
    try:
        check = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, text=True, timeout=60
        )
    except OSError as exc:
        return f"not measured: {SYSTEM_PYTHON} cannot run ({exc.strerror})"
    if check.returncode != 0:
        lines = check.stderr.strip().splitlines()
        return f"not measured: {SYSTEM_PYTHON} -c 'import uno' fails: {lines[-1] if lines else ''}"
    return "the system Python has uno: install unoserver beside it to compare"


def main(count: int = 20) -> None:
    """Print seconds per document, cold and warm, and their ratio."""
    items = _documents(count)
    with LibreOfficeConverter() as converter:
        first = _seconds(lambda: converter.convert(items[:1]))
        cold = sum(_seconds(partial(converter.convert, [item])) for item in items)
        warm = _seconds(lambda: converter.convert(items))
    fresh_items = items[: min(4, count)]
    fresh = 0.0
    for item in fresh_items:
        with LibreOfficeConverter() as once:
            fresh += _seconds(partial(once.convert, [item]))
    cold_each, warm_each = cold / count, warm / count
    print(f"documents: {count} (the shipped samples, PDF/A-2b), LibreOffice soffice batch mode")
    print(f"first call ever (creates the profile):      {first:6.2f} s")
    print(
        f"fresh profile per document ({len(fresh_items)} documents):  "
        f"{fresh / len(fresh_items):6.2f} s/document"
    )
    print(f"cold, one soffice per document:            {cold_each:6.2f} s/document")
    print(
        f"warm, one soffice for all {count:>3} documents:  {warm_each:6.2f} s/document "
        f"({warm:.2f} s in all)"
    )
    print(f"ratio cold / warm: {cold_each / warm_each:.1f}x")
    print(f"unoserver: {unoserver_status()}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
