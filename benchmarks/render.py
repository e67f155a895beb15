"""Measure rendering the ke_hoach sample through vanban against a plain docxtpl loop.

Both sides render the same template with the same context, N times, in one run; the plain
side is what a script without vanban would do: ``DocxTemplate(path).render(ctx)`` and save.
vanban additionally validates the data, builds the context, renders in the sandbox and makes
the zip reproducible, but reuses the template bytes, the patched XML and compiled Jinja code.

    python benchmarks/render.py [N]
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from docxtpl import DocxTemplate

from vanban.documents import Renderer, TemplateCatalogue, load_document_data
from vanban.documents.context import build_context
from vanban.documents.validation import validate

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "ke_hoach_hkh_son_la_2024.yaml"


def _median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up: imports, first compile
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(runs: int = 30) -> None:
    """Print the median time per document of both ways and their ratio."""
    spec = TemplateCatalogue().get("ke_hoach")
    data = load_document_data(SAMPLE)
    renderer = Renderer()
    context = build_context(spec, validate(spec, data))

    def plain() -> bytes:
        template = DocxTemplate(str(spec.docx_path))
        template.render(context)
        buffer = io.BytesIO()
        template.save(buffer)
        return buffer.getvalue()

    def vanban() -> bytes:
        return renderer.render(spec, data).content

    plain_ms = _median_ms(plain, runs)
    vanban_ms = _median_ms(vanban, runs)
    print(
        f"documents rendered per side: {runs} (ke_hoach sample, {len(context['than'])} paragraphs)"
    )
    print(f"plain DocxTemplate(...).render(ctx): median {plain_ms:7.1f} ms/document")
    print(f"vanban Renderer.render(spec, data):  median {vanban_ms:7.1f} ms/document")
    print(f"ratio plain / vanban: {plain_ms / vanban_ms:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
