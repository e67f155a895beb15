"""Bad input to signing: each a clear sentence, exit 1 (3 for a changed file), nothing written.

Also the same order with the leader's key on a SoftHSM2 token initialised by the test.
"""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.conftest import SAMPLES, CliResult
from tests.signing.helpers import (
    PASSWORD,
    approved_dossier,
    set_user_signing,
    signing_workspace,
    softhsm_token,
)
from vanban.services.signing_samples import make_certificate, write_pkcs12
from vanban.signing.images import SigningImageError, load_image

Run = Callable[..., CliResult]
SAMPLE = SAMPLES / "ke_hoach_hkh_son_la_2024.yaml"


def _snapshot(root: Path) -> tuple[object, ...]:
    with sqlite3.connect(root / ".vanban" / "vanban.db") as db:
        return tuple(
            db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("events", "documents", "attachments", "blobs")
        )


@pytest.fixture
def approved(tmp_path: Path) -> Path:
    root = signing_workspace(tmp_path / "ws")
    assert approved_dossier(root, SAMPLE) == 1
    return root


def _sign(run_cli: Run, monkeypatch, root: Path, login: str, *args, password=PASSWORD):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return run_cli("--workspace", root, "--as", login, "sign", *args, "--password-stdin")


def _ca(root: Path):
    """The sample CA of the workspace is not kept; tests make their own (cryptography)."""
    return make_certificate("CA kiểm thử", "Kiểm thử")


def test_a_wrong_password_signs_nothing(run_cli: Run, monkeypatch, approved: Path) -> None:
    before = _snapshot(approved)
    result = _sign(run_cli, monkeypatch, approved, "huong", "1", password="sai-mat-khau")
    assert result.exit_code == 1
    assert "Mật khẩu của tệp khóa “huong.p12” không đúng" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(approved) == before


def test_a_certificate_in_another_name_is_refused(run_cli: Run, monkeypatch, approved: Path):
    ca = _ca(approved)
    other = make_certificate("Nguyễn Văn Khác", "HỘI KHUYẾN HỌC TỈNH SƠN LA", ca)
    write_pkcs12(approved / "signing" / "khac.p12", other, ca[0], PASSWORD)
    set_user_signing(
        approved,
        "huong",
        'signing = { image = "signing/huong_chu_ky.png", pkcs12 = "signing/khac.p12" }',
    )
    before = _snapshot(approved)
    result = _sign(run_cli, monkeypatch, approved, "huong", "1")
    assert result.exit_code == 1
    assert "mang tên “Nguyễn Văn Khác”, không phải tên người ký “Mai Thu Hương”" in result.stderr
    assert _snapshot(approved) == before


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (dt.datetime.now(dt.UTC) - dt.timedelta(days=400), 30, "đã hết hạn ngày"),
        (dt.datetime.now(dt.UTC) + dt.timedelta(days=10), 365, "chỉ có hiệu lực từ"),
    ],
    ids=["expired", "not-yet-valid"],
)
def test_a_certificate_out_of_its_validity_is_refused(
    run_cli: Run, monkeypatch, approved: Path, start, days, expected
):
    ca = _ca(approved)
    dated = make_certificate(
        "Mai Thu Hương", "HỘI KHUYẾN HỌC", ca, valid_from=start, valid_days=days
    )
    write_pkcs12(approved / "signing" / "dated.p12", dated, ca[0], PASSWORD)
    set_user_signing(
        approved,
        "huong",
        'signing = { image = "signing/huong_chu_ky.png", pkcs12 = "signing/dated.p12" }',
    )
    before = _snapshot(approved)
    result = _sign(run_cli, monkeypatch, approved, "huong", "1")
    assert result.exit_code == 1
    assert expected in result.stderr
    assert _snapshot(approved) == before


def test_a_missing_token_is_a_sentence(run_cli: Run, monkeypatch, approved: Path) -> None:
    set_user_signing(
        approved,
        "huong",
        'signing = { image = "signing/huong_chu_ky.png", module = "/khong/co/libtoken.so", '
        'token = "HUONG", key = "ky" }',
    )
    result = _sign(run_cli, monkeypatch, approved, "huong", "1")
    assert result.exit_code == 1
    assert "Không thấy thư viện PKCS#11 “/khong/co/libtoken.so”" in result.stderr


def test_only_the_named_signer_signs(run_cli: Run, monkeypatch, approved: Path) -> None:
    result = _sign(run_cli, monkeypatch, approved, "lan", "1")
    assert result.exit_code == 1
    assert "bước ký này cần hồ sơ đã ban hành" in result.stderr


def test_no_password_off_a_terminal(run_cli: Run, monkeypatch, approved: Path) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = run_cli("--workspace", approved, "--as", "huong", "sign", "1")
    assert result.exit_code == 1
    assert "--password-stdin" in result.stderr


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda p: Image.new("RGB", (300, 120), (20, 40, 200)).save(p, "JPEG"),
            "không phải ảnh PNG",
        ),
        (lambda p: Image.new("RGB", (300, 120), (20, 40, 200)).save(p), "không có nền trong suốt"),
        (lambda p: Image.new("RGBA", (300, 120), (0, 0, 0, 0)).save(p), "trong suốt hoàn toàn"),
        (lambda p: _drawn(p, (210, 20, 20, 255)), "không phải màu xanh"),
        (lambda p: _drawn(p, (20, 40, 200, 255), size=(30, 20)), "mỗi cạnh từ 64"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\nbroken"), "bị hỏng"),
    ],
    ids=["jpeg", "opaque", "empty", "red-signature", "tiny", "damaged"],
)
def test_a_signature_image_that_is_not_a_transparent_blue_png(tmp_path: Path, make, expected):
    path = tmp_path / "chu_ky.png"
    make(path)
    with pytest.raises(SigningImageError) as caught:
        load_image(path, "signature")
    assert expected in caught.value.text()


def _drawn(path: Path, ink: tuple[int, int, int, int], size=(300, 120)) -> None:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste(ink, (5, 5, size[0] // 2, size[1] // 2))
    image.save(path)


@pytest.mark.pdf
def test_the_same_order_with_the_leaders_key_on_softhsm2(
    run_cli: Run, monkeypatch, approved: Path, tmp_path: Path, soffice: str
) -> None:
    ca = make_certificate("CA token", "Kiểm thử")
    leader = make_certificate("Mai Thu Hương", "HỘI KHUYẾN HỌC TỈNH SƠN LA", ca)
    token = softhsm_token(tmp_path / "hsm", "HUONG", leader[0], leader[1], monkeypatch)
    (approved / "trust" / "token_ca.pem").write_bytes(
        ca[0].public_bytes(__import__("cryptography").hazmat.primitives.serialization.Encoding.PEM)
    )
    set_user_signing(
        approved,
        "huong",
        f'signing = {{ image = "signing/huong_chu_ky.png", module = "{token.module}", '
        f'token = "{token.label}", key = "{token.key}" }}',
    )
    wrong = _sign(run_cli, monkeypatch, approved, "huong", "1", password="000000")
    assert wrong.exit_code == 1
    assert "Mã PIN của token “HUONG” không đúng" in wrong.stderr
    absent = approved / "vanban.toml"
    absent.write_text(absent.read_text().replace('token = "HUONG"', 'token = "KHONGCO"'))
    missing = _sign(run_cli, monkeypatch, approved, "huong", "1", password=token.pin)
    assert missing.exit_code == 1
    assert "Không thấy token “KHONGCO”" in missing.stderr
    absent.write_text(absent.read_text().replace('token = "KHONGCO"', 'token = "HUONG"'))
    signed = _sign(run_cli, monkeypatch, approved, "huong", "1", password=token.pin)
    assert signed.exit_code == 0, signed.stderr
    assert run_cli("--workspace", approved, "--as", "lan", "issue", "1").exit_code == 0
    sealed = _sign(run_cli, monkeypatch, approved, "lan", "1")
    assert sealed.exit_code == 0, sealed.stderr
    assert "FORM_FILLING" in sealed.stdout
    assert "CHƯA TIN CẬY" not in sealed.stdout
    appendix = tmp_path / "phu_luc.pdf"
    from tests.archive.helpers import blank_pdf

    appendix.write_bytes(blank_pdf())
    extra = _sign(run_cli, monkeypatch, approved, "lan", "1", "--attachment", appendix)
    assert extra.exit_code == 0, extra.stderr
    assert "phu_luc_da_ky.pdf" in extra.stdout


def test_a_pdf_changed_after_signing_is_not_signed_again(
    run_cli: Run, monkeypatch, approved: Path, tmp_path: Path
) -> None:
    from tests.archive.helpers import blank_pdf, flip_signed_byte, make_ca, sign

    broken = tmp_path / "da_sua.pdf"
    broken.write_bytes(flip_signed_byte(sign(blank_pdf(), make_ca().issue("Mai Thu Hương"))))
    out = tmp_path / "out.pdf"
    result = _sign(
        run_cli, monkeypatch, approved, "lan", broken, "--number", "01/KH-HKH", "-o", out
    )
    assert result.exit_code == 1
    assert "không còn nguyên vẹn" in result.stderr
    assert not out.exists()


def test_a_loose_pdf_gets_the_text_only_body_signature(
    run_cli: Run, monkeypatch, approved: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from tests.archive.helpers import blank_pdf
    from vanban.archive.signatures import load_trust_roots, validate_signatures

    source = tmp_path / "phu_luc.pdf"
    source.write_bytes(blank_pdf())
    out = tmp_path / "phu_luc_da_ky.pdf"
    result = _sign(
        run_cli, monkeypatch, approved, "lan", source, "--number", "01/KH-HKH", "-o", out
    )
    assert result.exit_code == 0, result.stderr
    [check] = validate_signatures(out.read_bytes(), out.name, load_trust_roots(approved))
    assert (check.signer, check.trusted, check.problem) == (
        "HỘI KHUYẾN HỌC TỈNH SƠN LA",
        True,
        None,
    )
    annotations: Any = PdfReader(out).pages[0]["/Annots"]
    [widget] = [a.get_object() for a in annotations]
    rect = [float(v) for v in widget["/Rect"]]
    assert rect[2] > 595 - 60  # the right of an A4 page …
    assert rect[3] > 842 - 30  # … at its top
    stream = widget["/AP"]["/N"].get_object().get_data()
    # The text's /ActualText: "01/KH-HKH" with "/" and "-" written as octal escapes.
    assert b"(01\\057KH\\055HKH)" in stream


def test_a_configured_image_that_is_not_transparent_signs_nothing(
    run_cli: Run, monkeypatch, approved: Path
) -> None:
    Image.new("RGB", (600, 250), (20, 40, 200)).save(approved / "signing" / "nen_trang.png")
    set_user_signing(
        approved,
        "huong",
        'signing = { image = "signing/nen_trang.png", pkcs12 = "signing/huong.p12" }',
    )
    before = _snapshot(approved)
    result = _sign(run_cli, monkeypatch, approved, "huong", "1")
    assert result.exit_code == 1
    assert "ảnh không có nền trong suốt" in result.stderr
    assert result.stderr.count("\n") == 1  # one sentence pair on one line, no traceback
    assert _snapshot(approved) == before
