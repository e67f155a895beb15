"""“hkh” and “HKH” are one issuing body: one gapless sequence, no number twice (issue 10 item 8).

The code is printed as the data says (mixed-case codes such as “TTr” are real); only the
register's counting is blind to case. On SQLite and, when configured, on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from tests.store.shared import entry, new_dossier
from tests.store.test_postgres import BASE_URL, pg_url  # noqa: F401  (the fixture)
from vanban.errors import NumberingError
from vanban.store import Store, open_store, sqlite_url
from vanban.store.migrate import alembic_config


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "vanban.db")
    if not BASE_URL:
        pytest.skip("set VANBAN_TEST_POSTGRES_URL to run the PostgreSQL tests")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def any_store(any_url: str) -> Iterator[Store]:
    store = open_store(any_url)
    yield store
    store.dispose()


def _allocate(store: Store, organization: str) -> int:
    with store.transaction() as tx:
        return tx.allocate_number(organization=organization, book="VBĐ", year=2024)


def test_spellings_of_one_code_share_one_sequence(any_store: Store) -> None:
    spellings = ["HKH", "hkh", "Hkh", " HKH ", "TTr", "TTR", "ttr", "SGDĐT", "sgdđt"]
    numbers = [_allocate(any_store, code) for code in spellings]
    assert numbers == [1, 2, 3, 4, 1, 2, 3, 1, 2]


def test_a_number_is_not_registered_twice_under_another_case(any_store: Store) -> None:
    with any_store.transaction() as tx:
        dossier_id = new_dossier(tx).id
        tx.add_register_entry(entry(1, dossier_id=dossier_id, organization="TTr"))
    with any_store.transaction() as tx:
        with pytest.raises(NumberingError) as caught:
            tx.add_register_entry(entry(1, dossier_id=dossier_id, organization="TTR"))
        tx.add_register_entry(entry(2, dossier_id=dossier_id, organization="ttr"))
        tx.add_register_entry(entry(1, dossier_id=dossier_id, organization="UBND"))
    assert "Số 1" in caught.value.text("vi")
    with any_store.read() as tx:
        printed = [row.number_and_symbol for row in tx.register(organization="tTr")]
    assert printed == ["01/KH-TTr", "02/KH-ttr"]  # each as its data spelled it


def test_forked_counters_are_merged_by_the_migration(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "forked.db")
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0004")
        connection.execute(
            text(
                "INSERT INTO counters (organization, book, year, last_number) VALUES "
                "('HKH', 'VBĐ', 2024, 3), ('hkh', 'VBĐ', 2024, 5), ('HKH', 'VBĐ', 2025, 2), "
                "('TTr', 'VBĐ', 2024, 4)"
            )
        )
    engine.dispose()
    store = open_store(url)
    try:
        # The next number follows every number either spelling was given: nothing repeats.
        assert _allocate(store, "HKH") == 6
        assert _allocate(store, "ttr") == 5
        with store.transaction() as tx:
            assert tx.allocate_number(organization="hkh", book="VBĐ", year=2025) == 3
    finally:
        store.dispose()
