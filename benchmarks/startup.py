"""Measure how fast the command line answers, against the imports it cannot avoid.

In one run, interleaved so a busy machine slows every side alike, the median wall time of:
``python -c "import click"`` against ``vanban --help`` (goal ≤ 1,5×) and ``vanban template
list`` (goal ≤ 3×); ``python -c "import sqlalchemy"`` against ``vanban show ID`` and
``vanban list`` (goal ≤ 1,5×; its first page, the newest 50) on a workspace of 10 000
dossiers, and ``vanban list --all`` (every row; printed for information, no goal). The
workspace is made once: one dossier is created through vanban, then its rows are copied
through the store 9 999 times.

    python benchmarks/startup.py [RUNS] [--dossiers N] [--reuse DIR]

``--reuse DIR`` keeps the workspace in DIR (made there when absent) for the next run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vanban.cli import main as vanban_main
from vanban.store import open_store
from vanban.workspace import load_workspace

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "ke_hoach_hkh_son_la_2024.yaml"
VANBAN = [sys.executable, "-m", "vanban"] if shutil.which("vanban") is None else ["vanban"]


def make_workspace(folder: Path, count: int) -> None:
    """Make a workspace of ``count`` dossiers: one by vanban, the rest copied in the store."""
    os.environ["VANBAN_USER"] = "minh"
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "ke_hoach.yaml"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    data.write_text(
        "\n".join(line for line in lines if not line.startswith(("so:", "ngay:"))) + "\n",
        encoding="utf-8",
    )
    with open(os.devnull, "w") as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            assert vanban_main(["init", "--training", str(folder)]) == 0
            assert vanban_main(["--workspace", str(folder), "new", "ke_hoach", str(data)]) == 0
        finally:
            sys.stdout = stdout
    store = open_store(load_workspace(folder).store_url)
    with store.transaction() as tx:
        first = tx.get_dossier(1)
        documents = [(record, tx.get_blob(record.sha256)) for record in tx.current_documents(1)]
        created = tx.history(1)[0]
        for _ in range(count - 1):
            at = dt.datetime.now(dt.UTC)
            dossier = tx.create_dossier(
                workflow=first.workflow,
                title=first.title,
                state=first.state,
                data=first.data,
                created_by=first.created_by,
                at=at,
            )
            event = tx.add_event(
                dossier_id=dossier.id,
                actor=created.actor,
                event=created.event,
                from_state=None,
                to_state=first.state,
                comment="",
                at=at,
                documents=created.documents,
            )
            for record, content in documents:
                tx.add_document(
                    dossier_id=dossier.id,
                    event_id=event.id,
                    name=record.name,
                    template_id=record.template_id,
                    media_type=record.media_type,
                    content=content,
                    at=at,
                )
    store.dispose()


def _wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    """Print the median wall time of each command, its baseline and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=15)
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--reuse", type=Path, help="keep the workspace here between runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        workspace = args.reuse or Path(temp) / "ws"
        if not (workspace / "vanban.toml").exists():
            started = time.perf_counter()
            make_workspace(workspace, args.dossiers)
            made = time.perf_counter() - started
            print(f"workspace of {args.dossiers} dossiers made in {made:.1f} s")
        # As after `pip install`: modules run from their cached bytecode, not recompiled each time.
        env = {**os.environ, "VANBAN_USER": "minh"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        in_ws = ["--workspace", str(workspace)]
        commands = {
            "import click": [sys.executable, "-c", "import click"],
            "import sqlalchemy": [sys.executable, "-c", "import sqlalchemy"],
            "vanban --help": [*VANBAN, "--help"],
            "vanban template list": [*VANBAN, "template", "list"],
            "vanban show 1": [*VANBAN, *in_ws, "show", "1"],
            "vanban list": [*VANBAN, *in_ws, "list"],
            "vanban list --all": [*VANBAN, *in_ws, "list", "--all"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # warm the file cache and the .pyc files
            _wall(command, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(_wall(command, env))
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"median wall time of {args.runs} runs each (interleaved):")
    for name, seconds in median.items():
        print(f"  {name:22} {seconds * 1000:7.0f} ms")
    for name, base, goal in (
        ("vanban --help", "import click", 1.5),
        ("vanban template list", "import click", 3.0),
        ("vanban show 1", "import sqlalchemy", 1.5),
        ("vanban list", "import sqlalchemy", 1.5),
    ):
        ratio = median[name] / median[base]
        verdict = "ok" if ratio <= goal else "OVER GOAL"
        print(f"ratio {name} / {base}: {ratio:.2f}x (goal ≤ {goal}x) {verdict}")
    every = median["vanban list --all"] / median["import sqlalchemy"]
    print(f"ratio vanban list --all / import sqlalchemy: {every:.2f}x (every row; no goal)")


if __name__ == "__main__":
    main()
