"""Many processes issuing numbers from one fresh SQLite file: gapless, unique, no deadlock."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from tests.store.shared import issue_numbers_into
from vanban.store import open_store, sqlite_url

PROCESSES = 8
EACH = 25
ROLLED_BACK_EACH = 5


@pytest.mark.slow
def test_processes_issue_numbers_one_to_n_without_gap_or_duplicate(db_path: Path) -> None:
    url = sqlite_url(db_path)  # not created yet: the processes race to create and migrate it
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES)
    queue = context.Queue()
    workers = [
        context.Process(
            target=issue_numbers_into,
            args=(queue, url, barrier, worker, EACH, ROLLED_BACK_EACH),
        )
        for worker in range(PROCESSES)
    ]
    for process in workers:
        process.start()
    try:
        results = [queue.get(timeout=300) for _ in workers]
    finally:
        for process in workers:
            process.join(timeout=60)
    errors = [payload for status, payload in results if status != "ok"]
    assert not errors
    numbers = [number for _, (issued, _, _) in results for number in issued]
    assert sorted(numbers) == list(range(1, PROCESSES * EACH + 1))
    for _, (issued, _, _) in results:
        assert issued == sorted(issued)  # each process sees its own numbers increase

    store = open_store(url)
    try:
        with store.read() as tx:
            register = tx.register(year=2024)
            assert [row.number for row in register] == list(range(1, PROCESSES * EACH + 1))
            assert len(tx.list_dossiers()) == PROCESSES
            # the rolled-back allocations took nothing: the next number follows on
        with store.transaction() as tx:
            next_number = tx.allocate_number(organization="HKH", book="VBĐ", year=2024)
            assert next_number == PROCESSES * EACH + 1
    finally:
        store.dispose()

    started = min(start for _, (_, start, _) in results)
    ended = max(end for _, (_, _, end) in results)
    rate = PROCESSES * EACH / (ended - started)
    # Shown by `pytest -rP`: committed numbers per second, opening and migrating included.
    print(f"{PROCESSES} processes × {EACH}: {rate:.0f} numbers/s")
    assert all(process.exitcode == 0 for process in workers)
