"""Edits made to the store behind vanban's back are found (issue 10 item 5).

Each attack is one that ``archive verify`` used to pass: it is made with sqlite3 directly, after
dropping the append-only triggers as an attacker with the file would. ``archive verify`` must exit
3 and name the dossier and the event; ``export`` and ``archive export`` must refuse to hand out
what no longer matches.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.archive.helpers import (
    Identity,
    blank_pdf,
    issued_dossier,
    new_workspace,
    sign,
    trust,
)
from tests.conftest import CliResult

Run = Callable[..., CliResult]


@pytest.fixture
def archived(tmp_path: Path, ca: Identity, run_cli: Run) -> Path:
    """A workspace whose dossier 1 went from draft to archived, with a signed PDF."""
    root = tmp_path / "ws"
    service = new_workspace(root)
    trust(root, ca)
    assert issued_dossier(service) == 1
    service.store.dispose()
    pdf = tmp_path / "ky.pdf"
    pdf.write_bytes(sign(blank_pdf(1), ca.issue("Đinh Thị Hòa")))
    lan = ("--workspace", root, "--as", "lan")
    assert run_cli(*lan, "attach", "1", pdf).exit_code == 0
    assert run_cli(*lan, "archive", "1").exit_code == 0
    assert run_cli(*lan, "archive", "verify").exit_code == 0
    return root


def _db(root: Path) -> sqlite3.Connection:
    return sqlite3.connect(root / ".vanban" / "vanban.db")


def _tamper(root: Path, *statements: str | tuple[str, tuple[object, ...]]) -> None:
    db = _db(root)
    with db:
        triggers = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for (name,) in triggers:
            db.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            if isinstance(statement, tuple):
                db.execute(*statement)
            else:
                db.execute(statement)
    db.close()


def _event_id(root: Path, event: str) -> int:
    db = _db(root)
    (found,) = db.execute("SELECT max(id) FROM events WHERE event = ?", (event,)).fetchone()
    db.close()
    return int(found)


def _swap_issued_document(root: Path) -> list[str | tuple[str, tuple[object, ...]]]:
    """A new .docx blob, with every reference to the old hash pointed at it."""
    db = _db(root)
    old_sha, content = db.execute(
        "SELECT b.sha256, b.content FROM documents d JOIN blobs b ON b.sha256 = d.sha256 "
        "ORDER BY d.id DESC LIMIT 1"
    ).fetchone()
    db.close()
    forged = bytes(content) + b"\0forged"
    new_sha = hashlib.sha256(forged).hexdigest()
    size = len(forged)
    return [
        ("INSERT INTO blobs (sha256, size, content) VALUES (?, ?, ?)", (new_sha, size, forged)),
        ("UPDATE documents SET sha256 = ?, size = ? WHERE sha256 = ?", (new_sha, size, old_sha)),
        ("UPDATE event_documents SET sha256 = ? WHERE sha256 = ?", (new_sha, old_sha)),
    ]


ATTACKS: dict[str, tuple[str, Callable[[Path], list[str | tuple[str, tuple[object, ...]]]]]] = {
    "docx-swapped-with-every-reference": ("issue", _swap_issued_document),
    "approver-changed-to-drafter": (
        "approve",
        lambda root: ["UPDATE events SET actor = 'minh' WHERE event = 'approve'"],
    ),
    "register-number-1-to-7": (
        "issue",
        lambda root: ["UPDATE register SET number = 7, number_and_symbol = '07/BC-HKH'"],
    ),
    "archived-set-back-to-draft": (
        "archive",
        lambda root: ["UPDATE dossiers SET state = 'draft'"],
    ),
    "review-deleted": (
        "approve",
        lambda root: [
            "DELETE FROM event_documents WHERE event_id IN "
            "(SELECT id FROM events WHERE event = 'review')",
            "DELETE FROM documents WHERE event_id IN "
            "(SELECT id FROM events WHERE event = 'review')",
            "DELETE FROM events WHERE event = 'review'",
        ],
    ),
    "archive-record-file-list-edited": (
        "archive",
        lambda root: ["UPDATE archive_records SET retention = '1 năm'"],
    ),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_archive_verify_finds_the_edit(archived: Path, run_cli: Run, attack: str) -> None:
    event, statements = ATTACKS[attack]
    event_id = _event_id(archived, event)
    _tamper(archived, *statements(archived))
    result = run_cli("--workspace", archived, "--as", "lan", "archive", "verify")
    assert result.exit_code == 3, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"hồ sơ 1: sự kiện {event_id} ({event})" in result.stderr
    english = run_cli("--lang", "en", "--workspace", archived, "--as", "lan", "archive", "verify")
    assert english.exit_code == 3
    assert f"sự kiện {event_id} ({event})" in english.stderr


def test_a_dossier_set_back_to_draft_cannot_be_edited(archived: Path, run_cli: Run) -> None:
    _tamper(archived, "UPDATE dossiers SET state = 'draft'")
    patch = archived / "sua.yaml"
    patch.write_text("trich_yeu: Nội dung đã bị đổi\n", encoding="utf-8")
    result = run_cli("--workspace", archived, "--as", "minh", "advance", "1", "amend",
                     "--data", patch)  # fmt: skip
    assert result.exit_code == 3
    assert "đã bị sửa ngoài vanban" in result.stderr
    db = _db(archived)
    assert db.execute("SELECT count(*) FROM events WHERE event = 'amend'").fetchone() == (0,)
    db.close()


def test_history_cannot_be_changed_through_the_store(archived: Path) -> None:
    """Without dropping its triggers, the store itself refuses to rewrite history."""
    db = _db(archived)
    for statement in (
        "UPDATE events SET actor = 'minh' WHERE event = 'approve'",
        "DELETE FROM events WHERE event = 'review'",
        "UPDATE register SET number = 7",
        "DELETE FROM documents",
        "UPDATE archive_records SET retention = '1 năm'",
    ):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute(statement)
    db.close()


def test_export_refuses_a_blob_that_no_longer_matches(
    archived: Path, run_cli: Run, tmp_path: Path
) -> None:
    _tamper(archived, "UPDATE blobs SET content = CAST('forged' AS BLOB) WHERE size > 10000")
    out = tmp_path / "ra"
    result = run_cli("--workspace", archived, "--as", "lan", "export", "1", "-o", out)
    assert result.exit_code == 3
    assert "không còn khớp với mã sha256" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_archive_export_refuses_a_path_for_a_file_name(
    archived: Path, run_cli: Run, tmp_path: Path
) -> None:
    db = _db(archived)
    (files_json,) = db.execute("SELECT files_json FROM archive_records").fetchone()
    db.close()
    files = json.loads(files_json)
    escape = tmp_path / "outside.pdf"
    files[-1]["FileName"] = "../../../../../../../../.." + str(escape)
    _tamper(
        archived,
        ("UPDATE archive_records SET files_json = ?", (json.dumps(files, ensure_ascii=False),)),
    )
    result = run_cli("--workspace", archived, "--as", "lan", "archive", "export", "1",
                     "-o", tmp_path / "bag")  # fmt: skip
    assert result.exit_code == 3
    assert "ngoài vanban" in result.stderr
    assert not escape.exists()
    assert not (tmp_path / "bag").exists()
