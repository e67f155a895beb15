"""The guarantees that need several processes: gapless numbers, one winner, crash safety.

Workers run the real command line (``vanban.cli.main``) in separate processes on one SQLite
workspace; nothing is mocked.
"""

from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vanban.cli import main
from vanban.services.dossiers import DossierService
from vanban.workspace import init_workspace, load_workspace

DATA = """\
trich_yeu: Đăng ký chỉ tiêu thi đua năm 2024
kinh_gui: [Hội Khuyến học các huyện]
mo_dau: Đề nghị các đơn vị đăng ký chỉ tiêu thi đua./.
ky: {ky_thay: CHỦ TỊCH, chuc_vu: PHÓ CHỦ TỊCH, ho_ten: Lò Văn Minh}
"""
WORKERS = 8
PER_WORKER = 25


def _approved_dossiers(workspace: Path, count: int) -> list[int]:
    service = DossierService(load_workspace(workspace))
    data = workspace / "cong_van.yaml"
    data.write_text(DATA, encoding="utf-8")
    user = service.workspace.user
    ids = []
    for _ in range(count):
        dossier_id = service.create(user("minh"), "cong_van", data).dossier.id
        service.advance(user("minh"), dossier_id, "submit")
        service.advance(user("an"), dossier_id, "review")
        service.advance(user("huong"), dossier_id, "approve")
        ids.append(dossier_id)
    service.store.dispose()
    return ids


def _issue_all(workspace: str, ids: list[int], start: float) -> list[int]:
    """Worker: wait for the common start, then issue each dossier through the CLI."""
    time.sleep(max(0.0, start - time.time()))
    codes = []
    for dossier_id in ids:
        codes.append(
            main(["--workspace", workspace, "--as", "lan", "--json", "issue", str(dossier_id)])
        )
    return codes


@pytest.mark.slow
def test_eight_processes_issue_200_numbers_without_gap(tmp_path: Path) -> None:
    init_workspace(tmp_path, training=True)
    ids = _approved_dossiers(tmp_path, WORKERS * PER_WORKER)
    batches = [ids[index::WORKERS] for index in range(WORKERS)]
    start = time.time() + 2.0
    context = multiprocessing.get_context("spawn")
    began = time.perf_counter()
    with context.Pool(WORKERS) as pool:
        results = pool.starmap(_issue_all, [(str(tmp_path), batch, start) for batch in batches])
    elapsed = time.perf_counter() - began - 2.0
    assert all(code == 0 for codes in results for code in codes)
    with sqlite3.connect(tmp_path / ".vanban" / "vanban.db") as db:
        numbers = [row[0] for row in db.execute("SELECT number FROM register ORDER BY number")]
        issued = db.execute("SELECT COUNT(*) FROM dossiers WHERE state = 'issued'").fetchone()
    assert numbers == list(range(1, WORKERS * PER_WORKER + 1))
    assert issued == (WORKERS * PER_WORKER,)
    print(
        f"\n{len(numbers)} numbers issued by {WORKERS} processes in {elapsed:.1f} s "
        f"({len(numbers) / elapsed:.0f} issues/s, each rendering the final document)"
    )


def _fire(workspace: str, login: str, args: list[str], start: float) -> tuple[int, str]:
    time.sleep(max(0.0, start - time.time()))
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        code = main(["--workspace", workspace, "--as", login, *args])
    return code, errors.getvalue()


def test_two_conflicting_events_one_wins(tmp_path: Path) -> None:
    init_workspace(tmp_path, training=True)
    with (tmp_path / "vanban.toml").open("a", encoding="utf-8") as handle:
        handle.write('[[users]]\nlogin = "binh"\nfull_name = "Lê Bình"\nroles = ["reviewer"]\n')
    service = DossierService(load_workspace(tmp_path))
    data = tmp_path / "cong_van.yaml"
    data.write_text(DATA, encoding="utf-8")
    dossier_id = service.create(service.workspace.user("minh"), "cong_van", data).dossier.id
    service.advance(service.workspace.user("minh"), dossier_id, "submit")
    service.store.dispose()
    start = time.time() + 2.0
    context = multiprocessing.get_context("spawn")
    # Two reviewers pass the same dossier at the same moment: the second must be refused.
    with context.Pool(2) as pool:
        codes = pool.starmap(
            _fire,
            [
                (str(tmp_path), login, ["review", str(dossier_id)], start)
                for login in ("an", "binh")
            ],
        )
    assert sorted(code for code, _ in codes) == [0, 1]
    refusal = next(message for code, message in codes if code == 1)
    assert "Đã thẩm định" in refusal  # the state the winner left it in
    assert "Traceback" not in refusal
    with sqlite3.connect(tmp_path / ".vanban" / "vanban.db") as db:
        events = [
            row[0]
            for row in db.execute(
                "SELECT event FROM events WHERE dossier_id = ? ORDER BY id", (dossier_id,)
            )
        ]
    assert events[:2] == ["create", "submit"]
    assert len(events) == 3
    assert events[2] == "review"


def test_killed_in_the_middle_of_an_event_leaves_nothing(tmp_path: Path) -> None:
    init_workspace(tmp_path, training=True)
    (dossier_id,) = _approved_dossiers(tmp_path, 1)
    database = tmp_path / ".vanban" / "vanban.db"

    def snapshot() -> tuple[object, ...]:
        with sqlite3.connect(database) as db:
            return tuple(
                tuple(db.execute(query).fetchall())
                for query in (
                    "SELECT state, version, number FROM dossiers",
                    "SELECT COUNT(*) FROM events",
                    "SELECT COUNT(*) FROM documents",
                    "SELECT COUNT(*) FROM blobs",
                    "SELECT COUNT(*) FROM register",
                    "SELECT COUNT(*) FROM counters",
                )
            )

    before = snapshot()
    marker = tmp_path / "paused"
    # The pause is installed from outside: tests/pause_in_transaction/sitecustomize.py.
    hooks = str(Path(__file__).resolve().parent.parent / "pause_in_transaction")
    path = os.pathsep.join(filter(None, [hooks, os.environ.get("PYTHONPATH", "")]))
    env = {**os.environ, "PYTHONPATH": path, "VANBAN_TEST_PAUSE_MARKER": str(marker)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vanban",
            "--workspace",
            str(tmp_path),
            "--as",
            "lan",
            "issue",
            str(dossier_id),
        ],
        env=env,
    )
    deadline = time.time() + 60
    while not marker.exists():
        assert process.poll() is None, "the issuing process ended before the pause"
        assert time.time() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot() == before
    # The number that was being allocated was never used: the next issue still gets 1.
    issued = subprocess.run(
        [
            sys.executable,
            "-m",
            "vanban",
            "--workspace",
            str(tmp_path),
            "--as",
            "lan",
            "--json",
            "issue",
            str(dossier_id),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(issued.stdout)["register"]["number_and_symbol"] == "01/HKH"
