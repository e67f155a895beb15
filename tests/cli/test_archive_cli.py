"""``vanban attach`` and ``vanban archive …`` on a real workspace: output, exit codes, refusals."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

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
from tests.conftest import CliResult
from vanban.archive.pdf import MAX_PDF_BYTES

Run = Callable[..., CliResult]


@pytest.fixture(scope="module")
def signer(ca: Identity) -> Identity:
    return ca.issue("Đinh Thị Hòa")


@pytest.fixture
def workspace(tmp_path: Path, ca: Identity) -> Path:
    service = new_workspace(tmp_path / "ws")
    trust(tmp_path / "ws", ca)
    assert issued_dossier(service) == 1
    service.store.dispose()
    return tmp_path / "ws"


def _as(run_cli: Run, workspace: Path, login: str = "lan") -> Callable[..., CliResult]:
    def run(*args: str | Path) -> CliResult:
        return run_cli("--workspace", workspace, "--as", login, *args)

    return run


def _pdf(folder: Path, content: bytes, name: str = "bao_cao_ky.pdf") -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def _snapshot(workspace: Path) -> tuple[object, ...]:
    with sqlite3.connect(workspace / ".vanban" / "vanban.db") as db:
        result = tuple(
            tuple(db.execute(query).fetchall())
            for query in (
                "SELECT id, state, version FROM dossiers ORDER BY id",
                "SELECT COUNT(*) FROM events",
                "SELECT COUNT(*) FROM attachments",
                "SELECT COUNT(*) FROM blobs",
                "SELECT COUNT(*) FROM archive_records",
            )
        )
    db.close()
    return result


def _refused(result: CliResult, code: int = 1) -> str:
    assert result.exit_code == code, result
    assert "Traceback" not in result.stderr + result.stdout
    return result.stderr


def test_the_whole_path(run_cli: Run, workspace: Path, signer: Identity, tmp_path: Path) -> None:
    lan = _as(run_cli, workspace)
    attached = lan("attach", "1", _pdf(tmp_path, sign(blank_pdf(2), signer)))
    assert attached.exit_code == 0, attached.stderr
    assert "Đã đính kèm “bao_cao_ky.pdf” vào hồ sơ số 1 (2 trang" in attached.stdout
    assert "Chữ ký 1 “Sig1”: Đinh Thị Hòa" in attached.stdout
    assert "Ký lúc:" in attached.stdout
    assert "(giờ Việt Nam)" in attached.stdout
    assert "Nguyên vẹn; phạm vi: toàn bộ tệp" in attached.stdout
    assert "Chứng thư: tin cậy" in attached.stdout

    archived = lan("archive", "1")
    assert archived.exit_code == 0, archived.stderr
    assert "Hồ sơ số 1: archive (issued → archived)." in archived.stdout
    assert "thời hạn lưu trữ: Vĩnh viễn" in archived.stdout

    checked = lan("archive", "verify")
    assert checked.exit_code == 0, checked.stderr
    assert "OK   hồ sơ 1: bao_cao_ky.pdf" in checked.stdout
    assert "tất cả còn khớp" in checked.stdout

    exported = lan("archive", "export", "1", "-o", tmp_path / "goi")
    assert exported.exit_code == 0, exported.stderr
    assert "data/pdf/bao_cao_ky.pdf" in exported.stdout
    assert lan("archive", "verify", "--package", tmp_path / "goi").exit_code == 0

    history = lan("history", "1").stdout
    assert "attach" in history
    assert "archive" in history


def test_retention_and_json(
    run_cli: Run, workspace: Path, signer: Identity, tmp_path: Path
) -> None:
    lan = _as(run_cli, workspace)
    attached = lan("--json", "attach", "1", _pdf(tmp_path, sign(blank_pdf(), signer)))
    payload = json.loads(attached.stdout)
    assert payload["attachment"]["signed"] is True
    assert payload["signatures"][0]["signer"] == "Đinh Thị Hòa"
    archived = lan("--json", "archive", "--retention", "15 năm", "1")
    assert archived.exit_code == 0, archived.stderr
    metadata = json.loads(archived.stdout)["metadata"]
    assert metadata["Maintenance"] == "15 năm"
    assert metadata["Documents"][0]["TypeName"] == "Báo cáo"


def test_an_untrusted_certificate_is_reported(
    run_cli: Run, workspace: Path, tmp_path: Path
) -> None:
    stranger = make_ca("Unknown CA").issue("Người Lạ")
    result = _as(run_cli, workspace)("attach", "1", _pdf(tmp_path, sign(blank_pdf(), stranger)))
    assert result.exit_code == 0, result.stderr
    assert "Chứng thư: CHƯA TIN CẬY (NO_CERTIFICATE_CHAIN_FOUND)" in result.stdout
    assert "ghi là chưa tin cậy" in result.stdout
    english = _as(run_cli, workspace)("--lang", "en", "archive", "verify", "1")
    assert "Certificate: NOT TRUSTED" in english.stdout


def test_an_unsigned_scan(run_cli: Run, workspace: Path, tmp_path: Path) -> None:
    lan = _as(run_cli, workspace)
    scan = _pdf(tmp_path, blank_pdf(), "ban_quet.pdf")
    assert "--unsigned" in _refused(lan("attach", "1", scan))
    result = lan("attach", "1", scan, "--unsigned")
    assert result.exit_code == 0, result.stderr
    assert "đã ghi là bản quét" in result.stdout


def _sparse(folder: Path) -> Path:
    path = folder / "lon.pdf"
    with path.open("wb") as handle:
        handle.truncate(MAX_PDF_BYTES + 1)
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (
            lambda folder, signer: _pdf(folder, b"PK\x03\x04 not a pdf" * 50),
            "không phải là tệp PDF",
        ),
        (lambda folder, signer: _pdf(folder, sign(blank_pdf(), signer)[:900]), "bị cắt cụt"),
        (lambda folder, signer: _pdf(folder, b""), "tệp rỗng"),
        (lambda folder, signer: _sparse(folder), "quá giới hạn"),
        (
            lambda folder, signer: _pdf(folder, flip_signed_byte(sign(blank_pdf(), signer))),
            "không còn nguyên vẹn",
        ),
        (
            lambda folder, signer: _pdf(folder, append_page(sign(blank_pdf(), signer))),
            "vượt quá những thay đổi PAdES cho phép",
        ),
        (lambda folder, signer: folder / "khong_co.pdf", "không tìm thấy tệp"),
    ],
    ids=["not-pdf", "truncated", "empty", "too-large", "byte-flipped", "appended", "missing"],
)
def test_attach_refusals_exit_1_and_change_nothing(
    run_cli: Run, workspace: Path, signer: Identity, tmp_path: Path, make, words: str
) -> None:
    path = make(tmp_path, signer)
    before = _snapshot(workspace)
    message = _refused(_as(run_cli, workspace)("attach", "1", path))
    assert words in message
    assert message.startswith(f"Không nhận tệp “{path.name}”")
    assert _snapshot(workspace) == before


def test_other_refusals_exit_1_and_change_nothing(
    run_cli: Run, workspace: Path, signer: Identity, tmp_path: Path
) -> None:
    lan, minh = _as(run_cli, workspace), _as(run_cli, workspace, "minh")
    before = _snapshot(workspace)
    message = _refused(lan("archive", "1"))
    assert "Hãy đính kèm bản đã ký bằng “vanban attach” trước khi lưu trữ." in message
    signed = _pdf(tmp_path, sign(blank_pdf(), signer))
    assert "văn thư" in _refused(minh("attach", "1", signed))
    assert "cần vai trò clerk" in _refused(minh("archive", "1"))
    assert "không đúng dạng" in _refused(lan("archive", "1", "--retention", "mãi mãi"))
    assert "Không có hồ sơ số 7" in _refused(lan("attach", "7", signed))
    assert "chưa được lưu trữ" in _refused(lan("archive", "export", "1", "-o", tmp_path / "g"))
    assert _snapshot(workspace) == before


def test_after_archive_nothing_more_happens(
    run_cli: Run, workspace: Path, signer: Identity, tmp_path: Path
) -> None:
    lan = _as(run_cli, workspace)
    assert lan("attach", "1", _pdf(tmp_path, sign(blank_pdf(), signer))).exit_code == 0
    assert lan("archive", "1").exit_code == 0
    before = _snapshot(workspace)
    _refused(lan("archive", "1"))
    _refused(lan("attach", "1", _pdf(tmp_path, sign(blank_pdf(2), signer), "khac.pdf")))
    for event in ("submit", "review", "approve", "issue", "return", "reject"):
        _refused(_as(run_cli, workspace, "huong")(event, "1", "--comment", "thử"))
    assert _snapshot(workspace) == before


def _corrupt_blob(workspace: Path) -> None:
    with sqlite3.connect(workspace / ".vanban" / "vanban.db") as db:
        [sha256] = db.execute("SELECT sha256 FROM attachments").fetchone()
        db.execute(
            "UPDATE blobs SET content = CAST(replace(CAST(content AS TEXT), '595', '594') AS BLOB)"
            " WHERE sha256 = ?",
            (sha256,),
        )
    db.close()


def test_verify_exits_3_naming_the_changed_file(
    run_cli: Run, workspace: Path, signer: Identity, tmp_path: Path
) -> None:
    lan = _as(run_cli, workspace)
    assert lan("attach", "1", _pdf(tmp_path, sign(blank_pdf(), signer))).exit_code == 0
    assert lan("archive", "1").exit_code == 0
    _corrupt_blob(workspace)
    result = lan("archive", "verify", "1")
    message = _refused(result, code=3)
    assert "hồ sơ 1: bao_cao_ky.pdf" in message
    assert "không còn khớp với mã sha256" in message
    assert "LỖI  hồ sơ 1: bao_cao_ky.pdf" in result.stdout
    assert "OK   hồ sơ 1: bao_cao_0001.docx" in result.stdout
    as_json = lan("--json", "archive", "verify")
    assert as_json.exit_code == 3
    payload = json.loads(as_json.stdout)  # one JSON object, the error naming the file
    assert payload["ok"] is False
    assert "bao_cao_ky.pdf" in payload["error"]


def test_verify_package_exits_3_naming_the_changed_file(
    run_cli: Run, workspace: Path, signer: Identity, tmp_path: Path
) -> None:
    lan = _as(run_cli, workspace)
    assert lan("attach", "1", _pdf(tmp_path, sign(blank_pdf(), signer))).exit_code == 0
    assert lan("archive", "1").exit_code == 0
    assert lan("archive", "export", "1", "-o", tmp_path / "goi").exit_code == 0
    source = tmp_path / "goi" / "data" / "sources" / "bao_cao_0001.docx"
    source.write_bytes(source.read_bytes() + b"\x00")
    message = _refused(lan("archive", "verify", "--package", tmp_path / "goi"), code=3)
    assert "data/sources/bao_cao_0001.docx" in message
    assert "bảng kê sha256" in message
    assert "không phải là gói" in _refused(lan("archive", "verify", "--package", tmp_path))


def test_export_refuses_a_folder_with_content(
    run_cli: Run, workspace: Path, signer: Identity, tmp_path: Path
) -> None:
    lan = _as(run_cli, workspace)
    assert lan("attach", "1", _pdf(tmp_path, sign(blank_pdf(), signer))).exit_code == 0
    assert lan("archive", "1").exit_code == 0
    target = tmp_path / "goi"
    target.mkdir()
    (target / "cu.txt").write_text("cũ", encoding="utf-8")
    assert "không ghi đè" in _refused(lan("archive", "export", "1", "-o", target))
    assert [path.name for path in target.iterdir()] == ["cu.txt"]


def test_the_group_help_and_unknown_subcommands(run_cli: Run, workspace: Path) -> None:
    lan = _as(run_cli, workspace)
    shown = lan("archive", "--help")
    assert shown.exit_code == 0
    assert "verify" in shown.stdout
    assert "export" in shown.stdout
    assert "vanban archive ID" in shown.stdout
    assert lan("archive", "nonsense").exit_code == 2
