"""Gapless numbers per (organization, book, year) and the outgoing register's safety net."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.store.shared import Rollback, entry, new_dossier
from vanban.errors import NumberingError, StoreError
from vanban.store import Store


def allocate(store: Store, organization: str, book: str, year: int) -> int:
    with store.transaction() as tx:
        return tx.allocate_number(organization=organization, book=book, year=year)


def allocate_then_fail(store: Store) -> None:
    with store.transaction() as tx:
        assert tx.allocate_number(organization="HKH", book="VBĐ", year=2024) == 2
        raise Rollback


@pytest.mark.parametrize(
    ("calls", "expected"),
    [
        # one counter counts from 1
        ([("HKH", "VBĐ", 2024)] * 4, [1, 2, 3, 4]),
        # a new year starts again at 1; the old year carries on where it was
        (
            [
                ("HKH", "VBĐ", 2024),
                ("HKH", "VBĐ", 2024),
                ("HKH", "VBĐ", 2025),
                ("HKH", "VBĐ", 2024),
                ("HKH", "VBĐ", 2025),
            ],
            [1, 2, 1, 3, 2],
        ),
        # each organization and each book has its own counter
        (
            [
                ("HKH", "VBĐ", 2024),
                ("UBND", "VBĐ", 2024),
                ("HKH", "QĐ", 2024),
                ("UBND", "VBĐ", 2024),
                ("HKH", "VBĐ", 2024),
            ],
            [1, 1, 1, 2, 2],
        ),
    ],
)
def test_numbers_count_from_one_per_organization_book_and_year(
    store: Store, calls: list[tuple[str, str, int]], expected: list[int]
) -> None:
    assert [allocate(store, *call) for call in calls] == expected


def test_many_numbers_in_one_transaction_are_consecutive(store: Store) -> None:
    with store.transaction() as tx:
        numbers = [tx.allocate_number(organization="HKH", book="VBĐ", year=2024) for _ in range(50)]
    assert numbers == list(range(1, 51))


def test_a_rolled_back_allocation_leaves_no_gap(store: Store) -> None:
    assert allocate(store, "HKH", "VBĐ", 2024) == 1
    with pytest.raises(Rollback):
        allocate_then_fail(store)
    assert allocate(store, "HKH", "VBĐ", 2024) == 2


def test_the_register_keeps_rows_by_year_and_number(store: Store) -> None:
    with store.transaction() as tx:
        dossier_id = new_dossier(tx).id
        rows = [
            entry(2, dossier_id=dossier_id, year=2024),
            entry(1, dossier_id=dossier_id, year=2025),
            entry(1, dossier_id=dossier_id, year=2024),
            entry(1, dossier_id=dossier_id, year=2024, organization="UBND"),
        ]
        for row in rows:
            tx.add_register_entry(row)
    with store.read() as tx:
        everything = tx.register()
        year_2024 = tx.register(year=2024)
        hkh_2024 = tx.register(year=2024, organization="HKH")
        ubnd = tx.register(organization="UBND")
    assert everything == [rows[2], rows[3], rows[0], rows[1]]
    assert year_2024 == [rows[2], rows[3], rows[0]]
    assert hkh_2024 == [rows[2], rows[0]]
    assert ubnd == [rows[3]]
    assert everything[0].issued_on == dt.date(2024, 1, 29)
    assert everything[0].copies == 12
    assert everything[0].sent_on is None


def test_a_duplicate_register_number_is_a_numbering_error(store: Store) -> None:
    with store.transaction() as tx:
        dossier_id = new_dossier(tx).id
        tx.add_register_entry(entry(7, dossier_id=dossier_id))
    with store.transaction() as tx:
        with pytest.raises(NumberingError) as caught:
            tx.add_register_entry(entry(7, dossier_id=dossier_id))
        # the refusal does not spoil the transaction: the next row still goes in
        tx.add_register_entry(entry(8, dossier_id=dossier_id))
    assert "Số 7" in caught.value.text("vi")
    assert "already in the outgoing register" in caught.value.text("en")
    with store.read() as tx:
        assert [row.number for row in tx.register()] == [7, 8]


def test_the_same_number_in_another_book_or_year_is_fine(store: Store) -> None:
    with store.transaction() as tx:
        dossier_id = new_dossier(tx).id
        tx.add_register_entry(entry(1, dossier_id=dossier_id))
        tx.add_register_entry(entry(1, dossier_id=dossier_id, book="QĐ"))
        tx.add_register_entry(entry(1, dossier_id=dossier_id, year=2025))
    with store.read() as tx:
        assert len(tx.register()) == 3


def test_a_register_row_of_a_missing_dossier_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError) as caught, store.transaction() as tx:
        tx.add_register_entry(entry(1, dossier_id=404))
    assert not isinstance(caught.value, NumberingError)
