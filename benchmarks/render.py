"""Measure vanban's rendering against a plain docxtpl loop on the same template and data.

Two documents, in one run, each side rendering the same template with the same context:
the ke_hoach sample (one KẾ HOẠCH; goal ≥ 5×) and a 40-page plan with a 1000-row table
(goal ≥ 8×). The plain side is what a script without vanban would do:
``DocxTemplate(path).render(ctx)`` and ``save``. vanban is timed twice: rendering the same
context (``Renderer.render_context``: sandbox, reproducible zip), and the whole path
(``Renderer.render``: validating the data and building the context on every document too).
Peak memory is traced on one more document of each side.

    python benchmarks/render.py [RUNS]
"""

from __future__ import annotations

import copy
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from docxtpl import DocxTemplate

from vanban.documents import DocumentData, Renderer, TemplateCatalogue, load_document_data
from vanban.documents.builders import context_builder
from vanban.documents.validation import validate

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "ke_hoach_hkh_son_la_2024.yaml"
ROWS = 1000


def _median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up: imports, first compile
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _peak_mib(action: Callable[[], object]) -> float:
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def long_plan(folder: Path) -> DocumentData:
    """The ke_hoach sample grown to about 40 pages, with a 1000-row table in its body."""
    raw: dict[str, Any] = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    sections = raw["noi_dung"]
    grown = [copy.deepcopy(section) for _ in range(4) for section in sections]
    grown.append(
        {
            "tieu_de": "DANH SÁCH CƠ SỞ GIÁO DỤC THƯỜNG XUYÊN",
            "doan": ["Danh sách các đơn vị tham gia phong trào như sau:"],
            "bang": {
                "tieu_de": f"Bảng 1. {ROWS} đơn vị tham gia",
                "don_vi_tinh": "người",
                "tong": True,
                "cot": [
                    {"ten": "STT", "rong": 12},
                    {"ten": "Đơn vị", "rong": 70},
                    {"ten": "Huyện, thành phố", "rong": 40},
                    {"ten": "Học viên", "kieu": "so"},
                ],
                "dong": [
                    [f"Trung tâm học tập cộng đồng số {n}", f"Huyện {n % 12 + 1}", 100 + n]
                    for n in range(1, ROWS + 1)
                ],
            },
        }
    )
    raw["noi_dung"] = grown
    path = folder / "ke_hoach_dai.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_document_data(path)


def compare(name: str, data: DocumentData, runs: int, goal: float) -> None:
    """Print both sides' median time and peak memory per document, and their ratio."""
    spec = TemplateCatalogue().get("ke_hoach")
    renderer = Renderer()
    context = context_builder(spec)(spec, validate(spec, data))

    def plain() -> bytes:
        template = DocxTemplate(str(spec.docx_path))
        template.render(dict(context))
        buffer = io.BytesIO()
        template.save(buffer)
        return buffer.getvalue()

    def vanban_render() -> bytes:
        return renderer.render_context(spec, context).content

    def vanban_whole() -> bytes:
        return renderer.render(spec, data).content

    plain_ms = _median_ms(plain, runs)
    render_ms = _median_ms(vanban_render, runs)
    whole_ms = _median_ms(vanban_whole, runs)
    size = len(vanban_render()) // 1024
    print(f"{name} ({size} KB .docx), median ms per document of {runs}, peak traced memory:")
    for label, ms, action in (
        ("plain DocxTemplate(path).render(ctx) + save", plain_ms, plain),
        ("vanban render_context(spec, ctx)", render_ms, vanban_render),
        ("vanban render(spec, data): + validate, context", whole_ms, vanban_whole),
    ):
        print(f"  {label:48} {ms:8.1f} ms  peak {_peak_mib(action):5.1f} MiB")
    for label, ms in (("render", render_ms), ("whole path", whole_ms)):
        ratio = plain_ms / ms
        verdict = "ok" if ratio >= goal else "UNDER GOAL"
        print(f"  ratio plain / vanban {label}: {ratio:.1f}x (goal ≥ {goal:g}x) {verdict}")


def main(runs: int = 20) -> None:
    """Measure both documents."""
    before = os.getloadavg()[0]
    compare("KẾ HOẠCH sample", load_document_data(SAMPLE), runs, 5)
    with tempfile.TemporaryDirectory() as folder:
        plan = long_plan(Path(folder))
        compare(f"40-page plan with a {ROWS}-row table", plan, max(3, runs // 4), 8)
    print(f"load average (1 min) before and after: {before:.2f}, {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
