"""The office's order on a real workspace: the leader signs, the văn thư numbers and seals.

Real LibreOffice, real pyHanko signatures, real SQLite; the signed PDF is read back with pypdf
and pdfminer and validated with pyHanko.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLES, CliResult
from tests.signing.helpers import PASSWORD, approved_dossier, signing_workspace
from vanban.archive.signatures import load_trust_roots, validate_signatures
from vanban.signing.pades import LEADER_FIELD, SEAL_FIELD
from vanban.signing.placement import find_signature_block

pytestmark = pytest.mark.pdf
Run = Callable[..., CliResult]
SAMPLE = SAMPLES / "ke_hoach_hkh_son_la_2024.yaml"


def _as(run_cli: Run, root: Path, login: str, monkeypatch: pytest.MonkeyPatch):
    def run(*args: str | Path, password: str = PASSWORD) -> CliResult:
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        return run_cli("--workspace", root, "--as", login, *args)

    return run


def _blob(root: Path, name: str) -> bytes:
    with sqlite3.connect(root / ".vanban" / "vanban.db") as db:
        row = db.execute(
            "SELECT b.content FROM blobs b JOIN attachments a ON a.sha256 = b.sha256 "
            "WHERE a.name = ? UNION ALL SELECT b.content FROM blobs b JOIN documents d "
            "ON d.sha256 = b.sha256 WHERE d.name = ?",
            (name, name),
        ).fetchone()
    return bytes(row[0])


def _fields(content: bytes) -> dict[str, Any]:
    root: Any = PdfReader(io.BytesIO(content)).trailer["/Root"]
    found = {}
    for ref in root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        found[str(field["/T"])] = field
    return found


@pytest.fixture(scope="module")
def signed_workspace(tmp_path_factory: pytest.TempPathFactory, soffice: str) -> Path:
    """A dossier signed by the leader, issued, then numbered and sealed by the văn thư."""
    from vanban.cli import main

    root = signing_workspace(tmp_path_factory.mktemp("signed") / "ws")
    dossier = approved_dossier(root, SAMPLE)
    for login, step in (("huong", "sign"), ("lan", "issue"), ("lan", "sign")):
        patch = pytest.MonkeyPatch()
        patch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        args = ["--workspace", str(root), "--as", login, step, str(dossier)]
        code = main([*args, "--password-stdin"] if step == "sign" else args)
        patch.undo()
        assert code == 0, (login, step)
    return root


def test_the_issued_pdf_carries_the_leader_and_the_body_both_intact(signed_workspace: Path):
    final = _blob(signed_workspace, "ke_hoach_0001_da_ky.pdf")
    checks = validate_signatures(final, "final.pdf", load_trust_roots(signed_workspace))
    assert [c.field for c in checks] == [LEADER_FIELD, SEAL_FIELD]
    leader, body = checks
    assert (leader.signer, body.signer) == ("Mai Thu Hương", "HỘI KHUYẾN HỌC TỈNH SƠN LA")
    assert all(c.intact and c.valid and c.trusted and c.problem is None for c in checks)
    # The number and date were added between the two signatures as form filling, which the
    # leader's certification (DocMDP: fill forms) permits.
    assert (leader.coverage, leader.modification, leader.docmdp_ok) == (
        "ENTIRE_REVISION",
        "FORM_FILLING",
        True,
    )
    assert (body.coverage, body.modification) == ("ENTIRE_FILE", "NONE")


def test_the_leaders_copy_is_kept_byte_for_byte_inside_the_issued_one(signed_workspace: Path):
    leader = _blob(signed_workspace, "ke_hoach_0001_lanh_dao_ky.pdf")
    final = _blob(signed_workspace, "ke_hoach_0001_da_ky.pdf")
    assert final.startswith(leader)
    root: Any = PdfReader(io.BytesIO(leader)).trailer["/Root"]
    assert "/DocMDP" in root["/Perms"]


def test_the_number_and_date_fill_the_blanks_of_page_one(signed_workspace: Path):
    final = _blob(signed_workspace, "ke_hoach_0001_da_ky.pdf")
    fields = _fields(final)
    with sqlite3.connect(signed_workspace / ".vanban" / "vanban.db") as db:
        issued_on = db.execute("SELECT issued_on FROM dossiers").fetchone()[0]
    _, month, day = (int(part) for part in str(issued_on)[:10].split("-"))
    assert fields["so"]["/V"] == "01"
    assert fields["ngay"]["/V"] == f"{day:02d}"
    assert fields["thang"]["/V"] == (f"{month:02d}" if month <= 2 else str(month))
    # Each value sits over its blank on the line "Số:      /KH-HKH" / "ngày     tháng".
    so_rect = [float(v) for v in fields["so"]["/Rect"]]
    assert 700 < so_rect[1] < 730


def test_the_signature_sits_between_title_and_name_and_the_seal_over_its_left_third(
    signed_workspace: Path,
):
    final = _blob(signed_workspace, "ke_hoach_0001_da_ky.pdf")
    pages = len(PdfReader(io.BytesIO(final)).pages)
    block = find_signature_block(final, pages, "CHỦ TỊCH", "Mai Thu Hương")
    fields = _fields(final)
    sig = [float(v) for v in fields[LEADER_FIELD]["/Rect"]]
    seal = [float(v) for v in fields[SEAL_FIELD]["/Rect"]]
    # Between the title line and the name line, centred under the title.
    assert block.name[3] <= sig[1] < sig[3] <= block.title[1]
    title_centre = (block.title[0] + block.title[2]) / 2
    assert abs((sig[0] + sig[2]) / 2 - title_centre) < 25
    # The seal: 36 mm across, its right edge a third into the signature image.
    assert abs((seal[2] - seal[0]) - 36 * 72 / 25.4) <= 1
    third = sig[0] + (sig[2] - sig[0]) / 3
    assert abs(seal[2] - third) <= 1
    assert seal[0] < sig[0]


def test_archive_verify_accepts_the_signed_dossier_and_refuses_a_tampered_one(
    signed_workspace: Path, run_cli: Run, tmp_path: Path
):
    ok = run_cli("--workspace", signed_workspace, "--as", "lan", "archive", "verify", "1")
    assert ok.exit_code == 0, ok.stdout + ok.stderr
    assert "Mai Thu Hương" in ok.stdout
    assert "HỘI KHUYẾN HỌC TỈNH SƠN LA" in ok.stdout
    copy = tmp_path / "copy"
    import shutil

    shutil.copytree(signed_workspace, copy)
    final = _blob(copy, "ke_hoach_0001_da_ky.pdf")
    at = final.index(b"/MediaBox")
    tampered = final[:at] + b"/MediaBoy" + final[at + 9 :]
    with sqlite3.connect(copy / ".vanban" / "vanban.db") as db:
        db.execute("UPDATE blobs SET content = ? WHERE content = ?", (tampered, final))
    bad = run_cli("--workspace", copy, "--as", "lan", "archive", "verify", "1")
    assert bad.exit_code == 3
    assert "ke_hoach_0001_da_ky.pdf" in bad.stdout + bad.stderr


def test_history_names_who_signed(signed_workspace: Path, run_cli: Run):
    history = run_cli("--workspace", signed_workspace, "--as", "lan", "history", "1")
    assert history.exit_code == 0
    assert history.stdout.count("sign") >= 2
