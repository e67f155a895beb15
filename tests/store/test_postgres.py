"""The same store on a real PostgreSQL server; skipped unless VANBAN_TEST_POSTGRES_URL is set.

Example: VANBAN_TEST_POSTGRES_URL=postgresql+psycopg://vanban@localhost/vanban_test. Each test
works in a schema of its own, dropped at the end, so the database may be shared.
"""

from __future__ import annotations

import multiprocessing
import os
import uuid
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from tests.store.shared import AT, entry, issue_numbers_into, new_dossier
from vanban.errors import NumberingError, StoreError
from vanban.store import Store, open_store
from vanban.store.migrate import head_revisions
from vanban.store.schema import metadata

BASE_URL = os.environ.get("VANBAN_TEST_POSTGRES_URL", "")

pytestmark = pytest.mark.skipif(
    not BASE_URL, reason="set VANBAN_TEST_POSTGRES_URL to run the PostgreSQL tests"
)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a new, empty schema on the test server (search_path points at it)."""
    schema = f"vanban_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(BASE_URL)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(BASE_URL).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    store = open_store(pg_url)
    yield store
    store.dispose()


def test_migrations_create_the_schema_on_postgresql(pg_store: Store, pg_url: str) -> None:
    again = open_store(pg_url)  # already at head: nothing to do
    again.dispose()
    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            assert "register" in inspect(connection).get_table_names()
            context = MigrationContext.configure(connection)
            assert compare_metadata(context, metadata) == []
            assert set(context.get_current_heads()) == head_revisions()
    finally:
        engine.dispose()


def test_records_round_trip_on_postgresql(pg_store: Store) -> None:
    with pg_store.transaction() as tx:
        dossier = new_dossier(tx)
        sha256 = tx.put_blob("Nội dung".encode())
        assert tx.put_blob("Nội dung".encode()) == sha256
        blobs = tx.connection.execute(text("SELECT count(*) FROM blobs")).scalar_one()
    with pg_store.read() as tx:
        assert tx.get_dossier(dossier.id) == dossier
        assert tx.get_blob(sha256) == "Nội dung".encode()
    assert dossier.created_at == AT
    assert dossier.data["noi_nhan"] == ["VP", "VT"]
    assert blobs == 1


@pytest.mark.parametrize(
    ("calls", "expected"),
    [
        ([("HKH", 2024)] * 3, [1, 2, 3]),
        ([("HKH", 2024), ("HKH", 2025), ("UBND", 2024), ("HKH", 2024)], [1, 1, 1, 2]),
    ],
)
def test_allocate_number_on_postgresql(
    pg_store: Store, calls: list[tuple[str, int]], expected: list[int]
) -> None:
    numbers = []
    for organization, year in calls:
        with pg_store.transaction() as tx:
            numbers.append(tx.allocate_number(organization=organization, book="VBĐ", year=year))
    assert numbers == expected


def test_a_duplicate_register_number_on_postgresql(pg_store: Store) -> None:
    with pg_store.transaction() as tx:
        dossier_id = new_dossier(tx).id
        tx.add_register_entry(entry(1, dossier_id=dossier_id))
        with pytest.raises(NumberingError):
            tx.add_register_entry(entry(1, dossier_id=dossier_id))
        tx.add_register_entry(entry(2, dossier_id=dossier_id))  # the savepoint kept tx usable
    with pg_store.read() as tx:
        assert [row.number for row in tx.register()] == [1, 2]


def test_a_read_transaction_refuses_writes_on_postgresql(pg_store: Store) -> None:
    with pytest.raises(StoreError), pg_store.read() as tx:
        new_dossier(tx)


# A stress test like its SQLite twin (store/test_concurrency.py): eight processes racing for
# 200 numbers take 13 s of CPU, so make test-slow runs it (CI too, with its PostgreSQL).
@pytest.mark.slow
def test_processes_issue_gapless_numbers_on_postgresql(pg_url: str) -> None:
    processes, each = 8, 25
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes)
    queue = context.Queue()
    workers = [
        context.Process(target=issue_numbers_into, args=(queue, pg_url, barrier, worker, each, 5))
        for worker in range(processes)
    ]
    for process in workers:
        process.start()
    try:
        results = [queue.get(timeout=300) for _ in workers]
    finally:
        for process in workers:
            process.join(timeout=60)
    assert [payload for status, payload in results if status != "ok"] == []
    numbers = sorted(number for _, (issued, _, _) in results for number in issued)
    started = min(start for _, (_, start, _) in results)
    ended = max(end for _, (_, _, end) in results)
    rate = len(numbers) / (ended - started)
    print(f"PostgreSQL, {processes} processes × {each}: {rate:.0f} numbers/s")
    assert numbers == list(range(1, processes * each + 1))
    store = open_store(pg_url)
    try:
        with store.read() as tx:
            assert [row.number for row in tx.register()] == numbers
    finally:
        store.dispose()
