"""Measure what sealing history costs: events per second with and without the hash chain.

In one run, on one fresh SQLite store that already holds ``--dossiers`` dossiers with their
history (a year of an office's work), the same workload — one transaction per event: a new
version of the dossier, the event and a generated document, as ``advance`` writes them — is
timed twice, alternating in rounds so that neither side gets a warmer disk:

- unsealed: the transaction as vanban wrote it before the chain (the baseline);
- sealed: ``Store.transaction()``, which seals each event before commit (hash of the previous
  event, of the dossier row and of every row the event wrote).

It prints both rates and their ratio, then ``archive verify``'s cost per event.

    python benchmarks/sealing.py [--events N] [--dossiers N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from vanban.models import DocumentRef
from vanban.store import Store, StoreTx, open_store, sqlite_url
from vanban.store.database import create_store_engine

AT = dt.datetime(2024, 1, 29, 8, 30, tzinfo=dt.UTC)
DATA = {
    "trich_yeu": "Kết quả công tác khuyến học năm 2024",
    "noi_dung": [{"tieu_de": f"Mục {i}", "doan": ["Các cấp hội đã hoàn thành chỉ tiêu."] * 8}
                 for i in range(12)],
}  # fmt: skip
DOCUMENT = os.urandom(40_000)  # a rendered .docx is ~40 KB of compressed bytes


def _event(tx: StoreTx, dossier_id: int, index: int) -> None:
    dossier = tx.get_dossier(dossier_id)
    updated = tx.update_dossier(dossier, state="draft", data={**DATA, "lan": index}, at=AT)
    content = DOCUMENT + index.to_bytes(8, "big")
    event = tx.add_event(
        dossier_id=dossier_id,
        actor="minh",
        event="amend",
        from_state="draft",
        to_state=updated.state,
        comment="",
        at=AT,
        documents=[DocumentRef("bao_cao.docx", "0" * 64)],
    )
    tx.add_document(
        dossier_id=dossier_id,
        event_id=event.id,
        name="bao_cao.docx",
        template_id="bao_cao",
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        content=content,
        at=AT,
    )


def _fill(store: Store, dossiers: int) -> list[int]:
    ids = []
    with store.transaction() as tx:
        for number in range(dossiers):
            dossier = tx.create_dossier(
                workflow="bao_cao", title="Báo cáo", state="draft", data=DATA, created_by="minh",
                at=AT,
            )  # fmt: skip
            ids.append(dossier.id)
            for index in range(3):
                _event(tx, dossier.id, number * 10 + index)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--dossiers", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = sqlite_url(Path(folder) / "vanban.db")
        store = open_store(url)
        ids = _fill(store, args.dossiers)
        engine = create_store_engine(url)  # the same file, without the sealing transaction
        times = {"unsealed": 0.0, "sealed": 0.0}
        rounds = 10
        per_round = max(1, args.events // rounds)
        counter = 10**6
        for _ in range(rounds):
            for side in ("unsealed", "sealed"):
                started = time.perf_counter()
                for _ in range(per_round):
                    counter += 1
                    # Each side writes its own half: an unsealed event breaks a dossier's chain.
                    half = ids[: len(ids) // 2] if side == "sealed" else ids[len(ids) // 2 :]
                    dossier_id = half[counter % len(half)]
                    if side == "sealed":
                        with store.transaction() as tx:
                            _event(tx, dossier_id, counter)
                    else:
                        with engine.begin() as connection:
                            _event(StoreTx(connection), dossier_id, counter)
                times[side] += time.perf_counter() - started
        events = rounds * per_round
        unsealed, sealed = events / times["unsealed"], events / times["sealed"]
        started = time.perf_counter()
        with store.read() as tx:
            checked = sum(len(tx.history(dossier_id)) for dossier_id in ids[:200])
            problems = sum(len(tx.chain_problems(dossier_id)) for dossier_id in ids[:200])
        verify = (time.perf_counter() - started) / checked
        engine.dispose()
        store.dispose()
    print(f"store: {args.dossiers} dossiers, {args.dossiers * 4} events; {events} events timed")
    print(f"unsealed (baseline): {unsealed:8.1f} events/s")
    print(f"sealed:              {sealed:8.1f} events/s")
    cost = 1 - sealed / unsealed
    print(f"ratio sealed/unsealed: {sealed / unsealed:.2f} (sealing costs {cost:.0%})")
    print(f"verify: {verify * 1000:.2f} ms per event ({problems} problems found, expected 0)")


if __name__ == "__main__":
    main()
