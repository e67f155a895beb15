"""Measure numbering under load: 8 processes allocating, and 8 processes issuing via the CLI.

In one run, on fresh SQLite workspaces:
1. allocation alone — 8 processes each allocating N numbers through the store, one short
   transaction each (goal ≥ 400 numbers/s), beside the naive ``SELECT max()+1`` then
   ``INSERT`` in a deferred transaction, which loses most of its writers to "database is
   locked";
2. issuing — 8 processes each issuing their share of approved dossiers through the real
   command line (``vanban issue ID``: number, final render, history, register, one
   transaction; goal ≥ 20 issues/s). The numbers are checked gapless and unique.

    python benchmarks/numbering.py [N]
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from vanban.cli import main as vanban_main
from vanban.services.dossiers import DossierService
from vanban.store import open_store, sqlite_url
from vanban.workspace import init_workspace, load_workspace

PROCESSES = 8
DATA = """\
trich_yeu: Đăng ký chỉ tiêu thi đua năm 2024
kinh_gui: [Hội Khuyến học các huyện]
mo_dau: Đề nghị các đơn vị đăng ký chỉ tiêu thi đua./.
ky: {ky_thay: CHỦ TỊCH, chuc_vu: PHÓ CHỦ TỊCH, ho_ten: Lò Văn Minh}
"""


def _allocate(url: str, count: int, start: float) -> tuple[float, float, int]:
    store = open_store(url)
    time.sleep(max(0.0, start - time.time()))
    began = time.perf_counter()
    for _ in range(count):
        with store.transaction() as tx:
            tx.allocate_number(organization="HKH", book="VBĐ", year=2024)
    ended = time.perf_counter()
    store.dispose()
    return began, ended, count


def _naive(path: str, count: int, start: float) -> tuple[float, float, int]:
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    time.sleep(max(0.0, start - time.time()))
    began, done = time.perf_counter(), 0
    for _ in range(count):
        try:
            db.execute("BEGIN")  # deferred: a reader that later wants to write
            (last,) = db.execute("SELECT coalesce(max(number), 0) FROM naive").fetchone()
            db.execute("INSERT INTO naive(number) VALUES (?)", (last + 1,))
            db.execute("COMMIT")
            done += 1
        except sqlite3.Error:
            # "database is locked" on the read→write upgrade (busy_timeout cannot help), or
            # the UNIQUE number another writer took first
            db.execute("ROLLBACK")
    ended = time.perf_counter()
    db.close()
    return began, ended, done


def _issue(workspace: str, ids: list[int], start: float) -> tuple[float, float, int]:
    # What a warm process has loaded (the command, the service, the renderer) before the clock.
    import vanban.cli.dossier
    import vanban.documents.render

    del vanban
    time.sleep(max(0.0, start - time.time()))
    began, done = time.perf_counter(), 0
    with contextlib.redirect_stdout(io.StringIO()):
        for dossier_id in ids:
            arguments = ["--workspace", workspace, "--as", "lan", "issue", str(dossier_id)]
            done += vanban_main(arguments) == 0
    return began, time.perf_counter(), done


def _rate(results: list[tuple[float, float, int]]) -> tuple[float, int]:
    done = sum(count for _, _, count in results)
    seconds = max(end for _, end, _ in results) - min(begin for begin, _, _ in results)
    return done / seconds, done


Timed = tuple[float, float, int]  # began, ended, how many succeeded


def _run(target: Callable[..., Timed], arguments: Sequence[tuple[Any, ...]]) -> list[Timed]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(PROCESSES) as pool:
        return pool.starmap(target, arguments)


def main(each: int = 50) -> None:
    """Print numbers/s and issues/s, and check the numbers."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        url = sqlite_url(folder / "numbers.db")
        open_store(url).dispose()
        # 5 s: under load, 8 processes importing vanban on 2 cores take more than 3.
        rate, done = _rate(_run(_allocate, [(url, each, time.time() + 5)] * PROCESSES))
        print(f"allocation: {PROCESSES} processes × {each}: {done} numbers, {rate:.0f} numbers/s")
        naive_path = str(folder / "naive.db")
        with sqlite3.connect(naive_path) as db:
            db.execute("PRAGMA journal_mode=WAL")  # as vanban's store runs
            db.execute("CREATE TABLE naive (number INTEGER UNIQUE)")
        naive = [(naive_path, each, time.time() + 3)] * PROCESSES
        naive_rate, naive_done = _rate(_run(_naive, naive))
        print(
            f"  naive max()+1: {naive_done} of {PROCESSES * each} committed "
            f"({naive_rate:.0f}/s), the rest refused"
        )
        print(f"  goal ≥ 400 numbers/s: {'ok' if rate >= 400 else 'UNDER GOAL'}")

        workspace = folder / "ws"
        workspace.mkdir()
        init_workspace(workspace, training=True)  # the workers act with --as
        service = DossierService(load_workspace(workspace))
        data = workspace / "cong_van.yaml"
        data.write_text(DATA, encoding="utf-8")
        user = service.workspace.user
        ids = []
        for _ in range(PROCESSES * each // 2):
            dossier_id = service.create(user("minh"), "cong_van", data).dossier.id
            for login, event in (("minh", "submit"), ("an", "review"), ("huong", "approve")):
                service.advance(user(login), dossier_id, event)
            ids.append(dossier_id)
        service.store.dispose()
        shares = [ids[index::PROCESSES] for index in range(PROCESSES)]
        start = time.time() + 5  # every process has imported vanban before the clock starts
        issue_rate, issued = _rate(_run(_issue, [(str(workspace), s, start) for s in shares]))
        with sqlite3.connect(workspace / ".vanban" / "vanban.db") as db:
            numbers = [row[0] for row in db.execute("SELECT number FROM register ORDER BY 1")]
        assert numbers == list(range(1, len(ids) + 1)), "numbers must be gapless and unique"
        verdict = "ok" if issue_rate >= 20 else "UNDER GOAL"
        print(f"issuing through the CLI: {PROCESSES} processes, {issued} dossiers numbered")
        print(f"  1..{issued}, gapless: {issue_rate:.0f} issues/s (goal ≥ 20: {verdict})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
