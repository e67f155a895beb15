"""Measure `vanban batch --jobs 2` against a plain docxtpl loop printing the same certificates.

In one run: N Giấy khen (default 1000) through the real command line in a fresh process,
and a plain loop in another fresh process that renders the same template with the same
contexts (built by vanban beforehand, outside the timing) through
``DocxTemplate(path).render(ctx)`` and ``save`` to one file each. Wall time, documents per
second, the ratio (goal ≥ 5×) and the peak resident memory of each side are printed.

    python benchmarks/batch.py [N]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

FORM = "Giấy khen của Chủ tịch Hội Khuyến học tỉnh"
COMMON = {
    "so_quyet_dinh": "15/QĐ-HKH",
    "ngay_quyet_dinh": "2025-11-20",
    "dia_danh": "Sơn La",
    "chuc_vu_ky": "CHỦ TỊCH",
    "nguoi_ky": "Nguyễn Văn Bình",
    "thanh_tich": "Đã có thành tích xuất sắc trong phong trào khuyến học",
}

# The plain side, run as its own process so its memory is its own.
_PLAIN = """
import io, json, sys, time
from pathlib import Path
from docxtpl import DocxTemplate
from vanban.awards import read_nominees
from vanban.documents import DocumentData, TemplateCatalogue, load_document_data
from vanban.documents.builders import context_builder
from vanban.documents.validation import validate
from vanban.services.batch import certificate_data
list_path, common_path, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
spec = TemplateCatalogue().get("giay_khen")
common = dict(load_document_data(common_path).values)
contexts = [
    context_builder(spec)(spec, validate(spec, DocumentData(certificate_data(n, common), "")))
    for n in read_nominees(list_path)
]
out.mkdir()
start = time.perf_counter()
for index, context in enumerate(contexts, start=1):
    template = DocxTemplate(str(spec.docx_path))
    template.render(dict(context))
    template.save(str(out / f"{index:04d}.docx"))
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def _peak_mib_of(command: list[str]) -> tuple[float, str]:
    """Run ``command``; return the peak resident memory of it and its children, and stdout."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, *command], capture_output=True, text=True, check=True
    )
    peak_kib, _, output = result.stdout.partition("\n")
    return int(peak_kib) / 1024, output


# Runs a command and prints the largest resident size among it and its children (KiB).
_MEASURED = """
import resource, subprocess, sys
out = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True).stdout
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(out, end="")
"""


def main(count: int = 1000) -> None:
    """Print both sides' wall time, throughput, peak memory and their ratio."""
    before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        rows = [
            {
                "ho_ten": f"Nguyễn Thị Hồng {index:04d}",
                "loai": "Cá nhân",
                "chuc_vu": "Hội viên",
                "don_vi": f"Chi hội bản {index % 37}",
                "hinh_thuc": FORM,
            }
            for index in range(1, count + 1)
        ]
        nominees = folder / "ds.yaml"
        nominees.write_text(yaml.safe_dump({"danh_sach": rows}, allow_unicode=True), "utf-8")
        common = folder / "chung.yaml"
        common.write_text(yaml.safe_dump(COMMON, allow_unicode=True), encoding="utf-8")
        vanban = [sys.executable, "-m", "vanban", "--json", "batch", "giay_khen"]
        vanban += ["--data", str(nominees), "--common", str(common), "--jobs", "2"]
        started = time.perf_counter()
        vanban_peak, _ = _peak_mib_of([*vanban, "-o", str(folder / "vanban")])
        vanban_s = time.perf_counter() - started
        plain = [sys.executable, "-c", _PLAIN, str(nominees), str(common), str(folder / "plain")]
        plain_peak, output = _peak_mib_of(plain)
        plain_s = json.loads(output)["seconds"]
        # The batch folder also holds vanban's record of what it wrote (.vanban-batch.json).
        written = [len(list((folder / side).glob("*.docx"))) for side in ("vanban", "plain")]
        assert written == [count, count], written
    print(f"{count} Giấy khen, one run each:")
    print(
        f"  plain DocxTemplate loop (contexts ready): {plain_s:6.1f} s  "
        f"{count / plain_s:6.0f} documents/s  peak {plain_peak:6.0f} MiB (resident)"
    )
    print(
        f"  vanban batch --jobs 2 (whole command):    {vanban_s:6.1f} s  "
        f"{count / vanban_s:6.0f} documents/s  peak {vanban_peak:6.0f} MiB (largest process)"
    )
    ratio = plain_s / vanban_s
    print(
        f"  ratio plain / vanban: {ratio:.1f}x (goal ≥ 5x) {'ok' if ratio >= 5 else 'UNDER GOAL'}"
    )
    print(f"load average (1 min) before and after: {before:.2f}, {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
