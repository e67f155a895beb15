"""Dossiers, history, blobs and documents: what goes in comes back, all or nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text

from tests.store.shared import AT, ICT, Rollback, entry, new_dossier
from vanban.errors import ConflictError, NotFoundError, StoreError
from vanban.models import DocumentRef, DossierSummary
from vanban.store import Store, sqlite_url
from vanban.store.schema import SUMMARY_COLUMNS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def count(db_path: Path, table: str) -> int:
    """Rows in ``table``, read through a separate connection (what was really committed)."""
    engine = create_engine(sqlite_url(db_path))
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def test_a_dossier_round_trips(store: Store) -> None:
    data = {"trich_yeu": "Triển khai “Cả nước thi đua”", "so_luong": 3, "ngay": "2024-01-29"}
    with store.transaction() as tx:
        created = tx.create_dossier(
            workflow="ke_hoach",
            title="Kế hoạch",
            state="draft",
            data=data,
            created_by="minh",
            at=AT,
        )
    assert created.version == 1
    assert created.number is None
    assert created.issued_on is None
    assert created.created_at == AT
    assert created.created_at.tzinfo == dt.UTC
    assert created.updated_at == AT
    with store.read() as tx:
        assert tx.get_dossier(created.id) == created
        assert tx.get_dossier(created.id).data == data


def test_data_is_stored_as_readable_json(store: Store) -> None:
    with store.transaction() as tx:
        dossier = new_dossier(tx, title="Báo cáo tổng kết")
        stored = tx.connection.execute(
            text("SELECT data_json FROM dossiers WHERE id = :id"), {"id": dossier.id}
        ).scalar_one()
    assert "Báo cáo tổng kết" in stored  # ensure_ascii=False: no \\u escapes


@pytest.mark.parametrize(
    ("state", "workflow", "titles"),
    [
        (None, None, ["A", "B", "C"]),
        ("draft", None, ["A", "C"]),
        (None, "bao_cao", ["B", "C"]),
        ("draft", "bao_cao", ["C"]),
        ("draft", "ke_hoach", ["A"]),
        ("issued", None, []),
    ],
)
def test_list_dossiers_filters_and_orders_by_id(
    store: Store, state: str | None, workflow: str | None, titles: list[str]
) -> None:
    with store.transaction() as tx:
        for title, kind, status in [
            ("A", "ke_hoach", "draft"),
            ("B", "bao_cao", "submitted"),
            ("C", "bao_cao", "draft"),
        ]:
            tx.create_dossier(
                workflow=kind, title=title, state=status, data={}, created_by="minh", at=AT
            )
    with store.read() as tx:
        listed = tx.list_dossiers(state=state, workflow=workflow)
    assert [d.title for d in listed] == titles
    assert [d.id for d in listed] == sorted(d.id for d in listed)


def test_a_page_of_the_newest_dossiers_and_the_count(store: Store) -> None:
    with store.transaction() as tx:
        for title, kind in [("A", "ke_hoach"), *((title, "bao_cao") for title in "BCD")]:
            tx.create_dossier(
                workflow=kind, title=title, state="draft", data={}, created_by="minh", at=AT
            )
    with store.read() as tx:
        newest = tx.list_dossiers(newest_first=True, limit=2)
        of_one_kind = tx.list_dossiers(workflow="bao_cao", newest_first=True, limit=5)
        assert [d.title for d in newest] == ["D", "C"]
        assert [d.title for d in of_one_kind] == ["D", "C", "B"]
        assert [d.title for d in tx.list_dossiers(newest_first=True)] == ["D", "C", "B", "A"]
        assert tx.count_dossiers() == 4
        assert tx.count_dossiers(workflow="bao_cao") == 3
        assert tx.count_dossiers(state="issued") == 0


def test_update_bumps_the_version_and_stores_number_and_date(store: Store) -> None:
    later = AT + dt.timedelta(hours=2)
    with store.transaction() as tx:
        dossier = new_dossier(tx)
        updated = tx.update_dossier(
            dossier,
            state="issued",
            data={**dossier.data, "so": 3},
            at=later,
            number=3,
            issued_on=dt.date(2024, 1, 29),
        )
    assert updated.version == 2
    assert (updated.state, updated.number, updated.issued_on) == (
        "issued",
        3,
        dt.date(2024, 1, 29),
    )
    assert updated.data["so"] == 3
    assert updated.updated_at == later
    assert updated.created_at == AT
    with store.read() as tx:
        assert tx.get_dossier(dossier.id) == updated


def test_an_update_based_on_an_old_version_is_a_conflict(store: Store) -> None:
    with store.transaction() as tx:
        dossier = new_dossier(tx)
    with store.transaction() as tx:
        tx.update_dossier(dossier, state="submitted", data=dossier.data, at=AT)
    with pytest.raises(ConflictError) as caught, store.transaction() as tx:
        tx.update_dossier(dossier, state="reviewed", data=dossier.data, at=AT)
    assert f"Hồ sơ số {dossier.id} vừa được người khác thay đổi" in caught.value.text("vi")
    assert f"vanban show {dossier.id}" in caught.value.text("en")
    with store.read() as tx:
        current = tx.get_dossier(dossier.id)
    assert (current.state, current.version) == ("submitted", 2)


def test_a_missing_dossier_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError) as caught, store.read() as tx:
        tx.get_dossier(42)
    assert caught.value.text("vi") == (
        "Không có hồ sơ số 42. Hãy xem danh sách bằng lệnh “vanban list”."
    )
    assert "42" in caught.value.text("en")


def test_history_round_trips_with_its_documents(store: Store) -> None:
    refs = [DocumentRef("ke_hoach.docx", "a" * 64), DocumentRef("phu_luc.pdf", "b" * 64)]
    with store.transaction() as tx:
        dossier = new_dossier(tx)
        first = tx.add_event(
            dossier_id=dossier.id,
            actor="minh",
            event="create",
            from_state=None,
            to_state="draft",
            comment="",
            at=AT,
            documents=refs,
        )
        second = tx.add_event(
            dossier_id=dossier.id,
            actor="huong",
            event="return",
            from_state="submitted",
            to_state="draft",
            comment="Sửa lại mục II.",
            at=AT + dt.timedelta(minutes=5),
            documents=[],
        )
        other = new_dossier(tx, title="Hồ sơ khác")
        tx.add_event(
            dossier_id=other.id,
            actor="minh",
            event="create",
            from_state=None,
            to_state="draft",
            comment="",
            at=AT,
            documents=[DocumentRef("x.docx", "c" * 64)],
        )
    assert first.documents == tuple(refs)
    with store.read() as tx:
        history = tx.history(dossier.id)
    assert history == [first, second]
    assert history[0].at == AT
    assert history[1].comment == "Sửa lại mục II."
    assert history[1].documents == ()


def test_blobs_are_content_addressed_and_stored_once(store: Store, db_path: Path) -> None:
    content = "Nội dung văn bản".encode()
    with store.transaction() as tx:
        first = tx.put_blob(content)
        second = tx.put_blob(content)
        other = tx.put_blob(b"")
    assert first == second == hashlib.sha256(content).hexdigest()
    assert other == hashlib.sha256(b"").hexdigest()
    assert count(db_path, "blobs") == 2
    with store.read() as tx:
        assert tx.get_blob(first) == content
        assert tx.get_blob(other) == b""
        with pytest.raises(NotFoundError):
            tx.get_blob("0" * 64)


def test_current_documents_are_the_newest_per_name(store: Store, db_path: Path) -> None:
    with store.transaction() as tx:
        dossier = new_dossier(tx)
        records = []
        for step, (name, content) in enumerate(
            [
                ("to_trinh.docx", b"v1"),
                ("danh_sach.xlsx", b"list"),
                ("to_trinh.docx", b"v2"),
                ("bien_ban.docx", b"v2"),  # same bytes as another document: one blob
            ]
        ):
            event = tx.add_event(
                dossier_id=dossier.id,
                actor="minh",
                event=f"e{step}",
                from_state=None,
                to_state="draft",
                comment="",
                at=AT,
                documents=[],
            )
            record = tx.add_document(
                dossier_id=dossier.id,
                event_id=event.id,
                name=name,
                template_id="ke_hoach",
                media_type=DOCX,
                content=content,
                at=AT,
            )
            records.append(record)
    with store.read() as tx:
        current = tx.current_documents(dossier.id)
        assert [(r.name, tx.get_blob(r.sha256)) for r in current] == [
            ("bien_ban.docx", b"v2"),
            ("danh_sach.xlsx", b"list"),
            ("to_trinh.docx", b"v2"),
        ]
        assert current == [records[3], records[1], records[2]]
        assert tx.current_documents(dossier.id + 1) == []
    assert records[2].size == 2
    assert records[2].created_at == AT
    assert count(db_path, "blobs") == 3


def write_everything_then_fail(store: Store) -> None:
    """Write one of each kind of row, then raise inside the transaction."""
    with store.transaction() as tx:
        dossier = new_dossier(tx)
        event = tx.add_event(
            dossier_id=dossier.id,
            actor="minh",
            event="create",
            from_state=None,
            to_state="draft",
            comment="",
            at=AT,
            documents=[DocumentRef("a.docx", "a" * 64)],
        )
        tx.add_document(
            dossier_id=dossier.id,
            event_id=event.id,
            name="a.docx",
            template_id="ke_hoach",
            media_type=DOCX,
            content=b"draft",
            at=AT,
        )
        tx.allocate_number(organization="HKH", book="VBĐ", year=2024)
        tx.add_register_entry(entry(1, dossier_id=dossier.id))
        raise Rollback


def test_an_exception_inside_a_transaction_leaves_nothing_written(
    store: Store, db_path: Path
) -> None:
    with pytest.raises(Rollback):
        write_everything_then_fail(store)
    for table in (
        "dossiers",
        "events",
        "event_documents",
        "documents",
        "blobs",
        "counters",
        "register",
    ):
        assert count(db_path, table) == 0, table
    with store.transaction() as tx:
        assert tx.allocate_number(organization="HKH", book="VBĐ", year=2024) == 1


def test_a_naive_datetime_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="múi giờ"), store.transaction() as tx:
        tx.create_dossier(
            workflow="ke_hoach",
            title="T",
            state="draft",
            data={},
            created_by="minh",
            at=dt.datetime(2024, 1, 29, 8, 0),
        )


def test_data_that_is_not_json_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="không lưu được"), store.transaction() as tx:
        tx.create_dossier(
            workflow="ke_hoach",
            title="T",
            state="draft",
            data={"ngay": dt.date(2024, 1, 29)},
            created_by="minh",
            at=AT,
        )


def test_an_event_of_a_missing_dossier_is_refused(store: Store, db_path: Path) -> None:
    with pytest.raises(StoreError, match="từ chối"), store.transaction() as tx:
        tx.add_event(
            dossier_id=99,
            actor="minh",
            event="create",
            from_state=None,
            to_state="draft",
            comment="",
            at=dt.datetime(2024, 1, 29, tzinfo=ICT),
            documents=[],
        )
    assert count(db_path, "events") == 0


def test_listing_reads_only_the_covering_index(store: Store) -> None:
    # SQLite stores a row's columns together: a list that touched the table would read the
    # whole document data of every dossier. The plan must name the covering index.
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    with store.read() as tx:
        event.listen(tx.connection, "before_cursor_execute", record)
        tx.list_dossiers()
        event.remove(tx.connection, "before_cursor_execute", record)
        plan = tx.connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {seen[-1]}").fetchall()
    assert "COVERING INDEX ix_dossiers_summary" in " ".join(str(row[-1]) for row in plan)


def test_the_summary_columns_are_the_summary_fields_in_order() -> None:
    assert tuple(field.name for field in fields(DossierSummary)) == SUMMARY_COLUMNS
