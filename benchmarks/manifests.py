"""Measure what keeping the template manifests by content saves a command, in one run.

Every command that changes a dossier needs the template manifests. Side by side, interleaved
so a busy machine slows both alike, the median wall time of a refused ``vanban approve 1``
(the dossier is a draft) on a training workspace: with the workspace's manifest cache
removed before each call (every manifest's YAML read and checked, as before the cache) and
with it kept. ``vanban new`` is timed the same way (it renders a document too). In the
process, the catalogue's load of the 14 shipped manifests: parsed, against read from the
cache. ``template list`` and ``render`` run outside a workspace and read the manifests as
before; their times are printed for information.

    python benchmarks/manifests.py [RUNS]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from vanban.documents.catalogue import MANIFEST_CACHE, TemplateCatalogue, default_folders

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "ke_hoach_hkh_son_la_2024.yaml"
VANBAN = [sys.executable, "-m", "vanban"] if shutil.which("vanban") is None else ["vanban"]


def _wall(command: list[str], env: dict[str, str], before: Callable[[], None]) -> float:
    before()
    start = time.perf_counter()
    subprocess.run(
        command, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def _in_process(folder: Path, runs: int) -> tuple[float, float]:
    """Median ms of loading the shipped manifests parsed, and from a warm cache (each load
    from a fresh copy, so this process has read none of them yet)."""
    cache = folder / "manifests.json"
    parsed: list[float] = []
    cached: list[float] = []
    for number in range(runs):
        for cache_kept, times in ((False, parsed), (True, cached)):
            copy = folder / f"{number}-{cache_kept}"
            shutil.copytree(default_folders()[-1], copy, ignore=shutil.ignore_patterns("*.docx"))
            if cache_kept:  # made warm by another copy of the same texts
                warm = folder / f"{number}-warm"
                shutil.copytree(copy, warm)
                TemplateCatalogue([warm], cache=cache).list()
            start = time.perf_counter()
            TemplateCatalogue([copy], cache=cache if cache_kept else None).list()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(parsed), statistics.median(cached)


def main(runs: int = 10) -> None:
    """Print both sides' median times and their ratio."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        workspace = folder / "ws"
        env = {**os.environ, "VANBAN_USER": "minh"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        quiet = subprocess.DEVNULL
        subprocess.run(
            [*VANBAN, "init", "--training", str(workspace)], env=env, stdout=quiet, check=True
        )
        lines = SAMPLE.read_text(encoding="utf-8").splitlines()
        data = folder / "ke_hoach.yaml"
        data.write_text(
            "\n".join(line for line in lines if not line.startswith(("so:", "ngay:"))) + "\n",
            encoding="utf-8",
        )
        ws = [*VANBAN, "--workspace", str(workspace)]
        cache = workspace / MANIFEST_CACHE
        subprocess.run([*ws, "new", "ke_hoach", str(data)], env=env, stdout=quiet, check=True)

        def remove() -> None:
            cache.unlink(missing_ok=True)

        def keep() -> None:
            pass

        render = [*VANBAN, "render", "ke_hoach", str(SAMPLE), "-o", str(folder / "out.docx")]
        commands = {
            "approve (refused), manifests parsed": ([*ws, "approve", "1"], remove),
            "approve (refused), manifests cached": ([*ws, "approve", "1"], keep),
            "new, manifests parsed": ([*ws, "new", "ke_hoach", str(data)], remove),
            "new, manifests cached": ([*ws, "new", "ke_hoach", str(data)], keep),
            "template list (no workspace)": ([*VANBAN, "template", "list"], keep),
            "render (no workspace)": (render, keep),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command, before in commands.values():  # warm the file cache and the .pyc files
            _wall(command, env, before)
        for _ in range(runs):
            for name, (command, before) in commands.items():
                times[name].append(_wall(command, env, before))
        parsed_ms, cached_ms = _in_process(folder / "catalogue", runs)
    median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"median wall time of {runs} runs each (interleaved):")
    for name, ms in median.items():
        print(f"  {name:38} {ms:7.0f} ms")
    for kind in ("approve (refused)", "new"):
        parsed = median[f"{kind}, manifests parsed"]
        cached = median[f"{kind}, manifests cached"]
        saved = parsed - cached
        print(f"ratio {kind}: parsed / cached {parsed / cached:.2f}x ({saved:.0f} ms saved)")
    print(
        f"catalogue of the shipped manifests, in the process: parsed {parsed_ms:.1f} ms, "
        f"from the cache {cached_ms:.1f} ms ({parsed_ms / cached_ms:.1f}x)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
