"""The archive use cases on a real SQLite workspace: attach, archive, verify, export."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import bagit
import pytest

from tests.archive.helpers import (
    Identity,
    append_page,
    blank_pdf,
    flip_signed_byte,
    issued_dossier,
    make_ca,
    new_workspace,
    sign,
    trust,
)
from vanban.archive.pdf import AttachmentError
from vanban.errors import IntegrityError, NotFoundError, NotPermittedError, WorkflowError
from vanban.services.archive import ArchiveService
from vanban.services.archive_verify import verify, verify_package
from vanban.services.dossiers import DossierService
from vanban.workspace import User


@dataclass
class World:
    root: Path
    dossiers: DossierService
    archive: ArchiveService
    ca: Identity
    signer: Identity
    dossier_id: int

    def user(self, login: str) -> User:
        return self.dossiers.workspace.user(login)

    def pdf(self, content: bytes, name: str = "bao_cao_ky.pdf") -> Path:
        path = self.root / name
        path.write_bytes(content)
        return path

    def signed(self, pages: int = 2) -> bytes:
        return sign(blank_pdf(pages), self.signer)

    def snapshot(self) -> tuple[object, ...]:
        with sqlite3.connect(self.root / ".vanban" / "vanban.db") as db:
            return tuple(
                tuple(db.execute(query).fetchall())
                for query in (
                    "SELECT id, state, version FROM dossiers ORDER BY id",
                    "SELECT COUNT(*) FROM events",
                    "SELECT COUNT(*) FROM attachments",
                    "SELECT COUNT(*) FROM blobs",
                    "SELECT COUNT(*) FROM archive_records",
                )
            )


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    dossiers = new_workspace(tmp_path)
    ca = make_ca()
    trust(tmp_path, ca)
    dossier_id = issued_dossier(dossiers)
    yield World(
        tmp_path, dossiers, ArchiveService(dossiers), ca, ca.issue("Đinh Thị Hòa"), dossier_id
    )
    dossiers.store.dispose()


def test_a_signed_pdf_is_kept_byte_for_byte(world: World) -> None:
    content = world.signed()
    result = world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(content))
    record = result.attachment
    assert (record.name, record.size, record.pages, record.signed) == (
        "bao_cao_ky.pdf",
        len(content),
        2,
        True,
    )
    assert record.attached_by == "lan"
    with world.dossiers.store.read() as tx:
        assert tx.get_blob(record.sha256) == content
        [stored] = tx.attachments(world.dossier_id)
        history = tx.history(world.dossier_id)
    assert stored == record
    assert stored.signatures[0]["signer"] == "Đinh Thị Hòa"
    assert stored.signatures[0]["trusted"] is True
    last = history[-1]
    assert (last.event, last.from_state, last.to_state, last.actor) == (
        "attach",
        "issued",
        "issued",
        "lan",
    )
    assert [(d.name, d.sha256) for d in last.documents] == [("bao_cao_ky.pdf", record.sha256)]
    assert "Đinh Thị Hòa (tin cậy)" in last.comment
    assert result.dossier.state == "issued"


def test_an_untrusted_certificate_is_accepted_and_recorded_as_such(world: World) -> None:
    stranger = make_ca("Unknown CA").issue("Người Lạ")
    path = world.pdf(sign(blank_pdf(), stranger))
    result = world.archive.attach(world.user("lan"), world.dossier_id, path)
    [check] = result.signatures
    assert check.acceptable
    assert not check.trusted
    assert result.attachment.signatures[0]["trusted"] is False
    assert "chưa tin cậy" in result.event.comment


def test_a_scan_needs_unsigned_and_is_recorded_unsigned(world: World) -> None:
    path = world.pdf(blank_pdf(3), "ban_quet.pdf")
    before = world.snapshot()
    with pytest.raises(AttachmentError, match="--unsigned"):
        world.archive.attach(world.user("lan"), world.dossier_id, path)
    assert world.snapshot() == before
    record = world.archive.attach(world.user("lan"), world.dossier_id, path, unsigned=True)
    assert (record.attachment.signed, record.attachment.signatures) == (False, ())


@pytest.mark.parametrize(
    ("make", "login", "unsigned", "error", "words"),
    [
        (lambda w: flip_signed_byte(w.signed()), "lan", False, AttachmentError, "nguyên vẹn"),
        (lambda w: append_page(w.signed()), "lan", False, AttachmentError, "PAdES cho phép"),
        (lambda w: w.signed(), "lan", True, AttachmentError, "không dùng --unsigned"),
        (lambda w: w.signed(), "minh", False, NotPermittedError, "văn thư"),
        (lambda w: b"", "lan", False, AttachmentError, "tệp rỗng"),
    ],
    ids=["byte-flipped", "appended", "signed-as-unsigned", "not-clerk", "empty"],
)
def test_refusals_change_nothing(world: World, make, login, unsigned, error, words) -> None:
    path = world.pdf(make(world))
    before = world.snapshot()
    with pytest.raises(error) as caught:
        world.archive.attach(world.user(login), world.dossier_id, path, unsigned=unsigned)
    assert words in caught.value.text("vi")
    assert caught.value.exit_code == 1
    assert world.snapshot() == before


def test_only_an_issued_dossier_takes_attachments(world: World) -> None:
    data = world.root / "bao_cao.yaml"
    draft = world.dossiers.create(world.user("minh"), "bao_cao", data).dossier.id
    with pytest.raises(WorkflowError, match="Dự thảo"):
        world.archive.attach(world.user("lan"), draft, world.pdf(world.signed()))
    with pytest.raises(NotFoundError):
        world.archive.attach(world.user("lan"), 999, world.pdf(world.signed()))


def test_an_attachment_is_never_replaced(world: World) -> None:
    first = world.signed()
    world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(first))
    before = world.snapshot()
    with pytest.raises(AttachmentError, match="không bị thay"):
        world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(world.signed(3)))
    with pytest.raises(AttachmentError, match="cùng nội dung"):
        world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(first, "copy.pdf"))
    assert world.snapshot() == before


def test_archive_refuses_without_an_attachment(world: World) -> None:
    before = world.snapshot()
    with pytest.raises(WorkflowError) as caught:
        world.archive.archive(world.user("lan"), world.dossier_id)
    assert "Hãy đính kèm bản đã ký bằng “vanban attach” trước khi lưu trữ." in caught.value.text(
        "vi"
    )
    assert world.snapshot() == before


def test_archive_records_the_metadata_in_the_same_transaction(world: World) -> None:
    content = world.signed(pages=3)
    world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(content))
    result = world.archive.archive(world.user("lan"), world.dossier_id, comment="Nộp lưu")
    record = result.record
    assert (result.dossier.state, result.event.event) == ("archived", "archive")
    assert record.event_id == result.event.id
    assert record.retention == "Vĩnh viễn"  # a report of the workspace's own organisation
    assert record.file_code.startswith("HKH.")
    assert record.file_code.endswith(".0001")
    assert record.number_and_symbol.endswith("/BC-HKH")
    assert (record.signer, record.page_total) == ("Đinh Thị Hòa", 3)
    kinds = {entry["FileName"]: entry["Kind"] for entry in record.files}
    assert kinds == {"bao_cao_ky.pdf": "signed", "bao_cao_0001.docx": "source"}
    with world.dossiers.store.read() as tx:
        assert tx.archive_record(world.dossier_id) == record
    document = record.metadata["Documents"][0]
    assert (document["TypeName"], document["PageAmount"]) == ("Báo cáo", 3)
    assert document["SignerInfo"]["FullName"] == "Đinh Thị Hòa"


def test_retention_can_be_overridden_and_is_checked(world: World) -> None:
    world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(world.signed()))
    before = world.snapshot()
    with pytest.raises(Exception, match="không đúng dạng"):
        world.archive.archive(world.user("lan"), world.dossier_id, retention="mãi mãi")
    assert world.snapshot() == before
    result = world.archive.archive(world.user("lan"), world.dossier_id, retention="20")
    assert result.record.retention == result.record.metadata["Maintenance"] == "20 năm"


def test_a_cong_van_is_kept_ten_years(world: World) -> None:
    other = issued_dossier(world.dossiers, "cong_van")
    world.archive.attach(world.user("lan"), other, world.pdf(world.signed(), "cv.pdf"))
    assert world.archive.archive(world.user("lan"), other).record.retention == "10 năm"


def test_after_archive_no_event_can_fire(world: World) -> None:
    world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(world.signed()))
    world.archive.archive(world.user("lan"), world.dossier_id)
    before = world.snapshot()
    definition = world.dossiers.workflow("bao_cao")
    for event in definition.events:
        for login in ("minh", "an", "huong", "lan"):
            with pytest.raises(WorkflowError):
                world.dossiers.advance(world.user(login), world.dossier_id, event)
    with pytest.raises(WorkflowError, match="Đã lưu trữ"):
        world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(world.signed(3), "b"))
    assert world.snapshot() == before


def test_archive_refuses_a_stored_file_that_changed(world: World) -> None:
    result = world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(world.signed()))
    _corrupt(world, result.attachment.sha256)
    before = world.snapshot()
    with pytest.raises(IntegrityError) as caught:
        world.archive.archive(world.user("lan"), world.dossier_id)
    assert caught.value.exit_code == 3
    assert "bao_cao_ky.pdf" in caught.value.text("vi")
    assert world.snapshot() == before


def _corrupt(world: World, sha256: str) -> None:
    with sqlite3.connect(world.root / ".vanban" / "vanban.db") as db:
        [content] = db.execute("SELECT content FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
        changed = bytes(content).replace(b"595", b"594", 1)
        db.execute("UPDATE blobs SET content = ? WHERE sha256 = ?", (changed, sha256))
    db.close()


def test_verify_passes_then_names_a_changed_blob(world: World) -> None:
    attached = world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(world.signed()))
    world.archive.archive(world.user("lan"), world.dossier_id)
    seen: list[tuple[int, int]] = []
    report = verify(
        world.archive, world.dossier_id, lambda done, total, _: seen.append((done, total))
    )
    assert report.problems == ()
    assert report.error() is None
    kinds = sorted(check.kind for check in report.checks)
    # two renderings of the report, and the dossier's history chain
    assert kinds == ["history", "record", "signed", "source", "source"]
    assert seen[-1] == (4, 4)
    [signed] = [check for check in report.checks if check.kind == "signed"]
    assert signed.signatures[0].trusted

    _corrupt(world, attached.attachment.sha256)
    report = verify(world.archive)
    [problem] = report.problems
    assert problem.name == "bao_cao_ky.pdf"
    error = report.error()
    assert isinstance(error, IntegrityError)
    assert error.exit_code == 3
    assert f"hồ sơ {world.dossier_id}: bao_cao_ky.pdf" in error.text("vi")


def test_verify_catches_a_record_pointed_at_other_content(world: World) -> None:
    world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(world.signed()))
    world.archive.archive(world.user("lan"), world.dossier_id)
    with sqlite3.connect(world.root / ".vanban" / "vanban.db") as db:
        # Someone points the document row at another (intact) blob: hashes match, the record not.
        db.execute("DROP TRIGGER documents_append_only_update")  # as an attacker would
        [other] = db.execute(
            "SELECT sha256 FROM documents WHERE dossier_id = ? ORDER BY id LIMIT 1",
            (world.dossier_id,),
        ).fetchone()
        db.execute(
            "UPDATE documents SET sha256 = ?, size = (SELECT size FROM blobs WHERE sha256 = ?) "
            "WHERE id = (SELECT MAX(id) FROM documents WHERE dossier_id = ?)",
            (other, other, world.dossier_id),
        )
    db.close()
    error = verify(world.archive, world.dossier_id).error()
    assert error is not None
    assert "bao_cao_0001.docx" in error.text("vi")
    assert "sự kiện" in error.text("vi")  # the history chain names the event that wrote it


def test_export_writes_a_valid_bag_and_a_changed_file_is_caught(world: World) -> None:
    content = world.signed()
    world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(content))
    with pytest.raises(NotFoundError, match="chưa được lưu trữ"):
        world.archive.export(world.dossier_id, world.root / "goi")
    world.archive.archive(world.user("lan"), world.dossier_id)
    folder = world.root / "xuat" / "goi"
    written = world.archive.export(world.dossier_id, folder)
    assert written == [
        "data/history.json",
        "data/metadata.json",
        "data/pdf/bao_cao_ky.pdf",
        "data/sources/bao_cao_0001.docx",
    ]
    assert bagit.Bag(str(folder)).validate()
    assert (folder / "data" / "pdf" / "bao_cao_ky.pdf").read_bytes() == content
    metadata = json.loads((folder / "data" / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["Maintenance"] == "Vĩnh viễn"
    assert metadata["FileCode"]["OrganId"] == "HKH"
    history = json.loads((folder / "data" / "history.json").read_text(encoding="utf-8"))
    assert [e["event"] for e in history["history"]][-2:] == ["attach", "archive"]
    assert verify_package(folder, world.archive.trust_roots()).problems == ()

    signed = folder / "data" / "pdf" / "bao_cao_ky.pdf"
    signed.write_bytes(flip_signed_byte(signed.read_bytes()))
    assert not bagit.Bag(str(folder)).is_valid()
    report = verify_package(folder, world.archive.trust_roots())
    [problem] = report.problems
    assert problem.name == "data/pdf/bao_cao_ky.pdf"
    error = report.error()
    assert error is not None
    assert "data/pdf/bao_cao_ky.pdf" in error.text("en")


def test_export_never_packages_a_changed_file(world: World) -> None:
    result = world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(world.signed()))
    world.archive.archive(world.user("lan"), world.dossier_id)
    _corrupt(world, result.attachment.sha256)
    with pytest.raises(IntegrityError):
        world.archive.export(world.dossier_id, world.root / "goi")
    assert not (world.root / "goi").exists()


def test_the_same_pdf_is_not_attached_to_two_dossiers(world: World) -> None:
    content = world.signed()
    world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(content))
    other = issued_dossier(world.dossiers, "cong_van")
    before = world.snapshot()
    with pytest.raises(AttachmentError) as caught:
        world.archive.attach(world.user("lan"), other, world.pdf(content, "cong_van_ky.pdf"))
    assert f"hồ sơ số {world.dossier_id} với tên “bao_cao_ky.pdf”" in caught.value.text("vi")
    assert f"already attached to dossier {world.dossier_id}" in caught.value.text("en")
    assert world.snapshot() == before
    # Another signed copy (other bytes) is what the second dossier takes.
    world.archive.attach(world.user("lan"), other, world.pdf(world.signed(), "cong_van_ky.pdf"))


def test_a_pdf_with_javascript_is_refused_at_attach(world: World) -> None:
    from tests.attacks.test_pdf_input import _with

    before = world.snapshot()
    with pytest.raises(AttachmentError) as caught:
        world.archive.attach(world.user("lan"), world.dossier_id, world.pdf(_with("open-action")))
    assert "JavaScript" in caught.value.text("vi")
    assert world.snapshot() == before
