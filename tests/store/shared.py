"""Helpers shared by the store tests, importable by spawned worker processes too."""

from __future__ import annotations

import datetime as dt
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any

from vanban.models import Dossier, RegisterEntry
from vanban.store import StoreTx, open_store

# Hà Nội time: the store must give it back as the same instant, in UTC.
ICT = dt.timezone(dt.timedelta(hours=7))
AT = dt.datetime(2024, 1, 29, 8, 30, 15, 123456, tzinfo=ICT)


def new_dossier(tx: StoreTx, title: str = "Kế hoạch năm 2024", state: str = "draft") -> Dossier:
    """Create a plain ke_hoach dossier."""
    return tx.create_dossier(
        workflow="ke_hoach",
        title=title,
        state=state,
        data={"trich_yeu": title, "ngay": "2024-01-29", "noi_nhan": ["VP", "VT"]},
        created_by="minh",
        at=AT,
    )


def entry(
    number: int,
    *,
    dossier_id: int,
    organization: str = "HKH",
    book: str = "VBĐ",
    year: int = 2024,
) -> RegisterEntry:
    """A register row with plausible Phụ lục IV columns."""
    return RegisterEntry(
        number_and_symbol=f"{number:02d}/KH-{organization}",
        issued_on=dt.date(year, 1, 29),
        type_and_subject="Kế hoạch triển khai phong trào “Cả nước thi đua xây dựng xã hội học tập”",
        signer="Mai Thu Hương",
        recipients="TW Hội KHVN; Thường trực UBND tỉnh",
        filed_at="VP, VT",
        copies=12,
        sent_on=None,
        received_by="",
        note="",
        organization=organization,
        book=book,
        year=year,
        number=number,
        dossier_id=dossier_id,
    )


class Rollback(Exception):
    """Raised inside a transaction to make it roll back."""


def issue_numbers(
    url: str, barrier: Barrier, worker: int, committed: int, rolled_back: int
) -> tuple[list[int], float, float]:
    """Open the store at ``url`` and issue ``committed`` numbers, one transaction each.

    Every issue allocates a number and writes its register row in the same transaction, the
    way the issuing service does; ``rolled_back`` more transactions allocate and then fail.
    Returns the committed numbers, and when this worker started and ended (time.time()).
    """
    barrier.wait(timeout=120)  # every process opens the same fresh store at the same moment
    started = time.time()
    store = open_store(url)
    try:
        with store.transaction() as tx:
            dossier_id = new_dossier(tx, title=f"Hồ sơ của tiến trình {worker}").id
        failing = {i * committed // rolled_back for i in range(rolled_back)}
        numbers = []
        for i in range(committed):
            if i in failing:
                try:
                    with store.transaction() as tx:
                        tx.allocate_number(organization="HKH", book="VBĐ", year=2024)
                        raise Rollback
                except Rollback:
                    pass
            with store.transaction() as tx:
                number = tx.allocate_number(organization="HKH", book="VBĐ", year=2024)
                tx.add_register_entry(entry(number, dossier_id=dossier_id))
            numbers.append(number)
        return numbers, started, time.time()
    finally:
        store.dispose()


def issue_numbers_into(queue: Queue[Any], *args: Any) -> None:
    """Run issue_numbers in a child process; put ("ok", result) or ("error", text) on queue."""
    try:
        queue.put(("ok", issue_numbers(*args)))
    except BaseException as exc:  # reported to the parent, which fails the test with it
        queue.put(("error", f"worker {args[2]}: {exc!r}"))
