"""Signatures validated with pyHanko: integrity is judged, trust is reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.archive.helpers import (
    append_page,
    blank_pdf,
    flip_signed_byte,
    make_ca,
    sign,
    trust,
)
from vanban.archive.pdf import AttachmentError
from vanban.archive.signatures import SignatureCheck, load_trust_roots, validate_signatures
from vanban.errors import WorkspaceError


@pytest.fixture(scope="module")
def signed(ca) -> bytes:
    return sign(blank_pdf(), ca.issue("Nguyễn Văn An"))


def _roots(tmp_path: Path, ca) -> list[object]:
    trust(tmp_path, ca)
    return load_trust_roots(tmp_path)


def test_a_clean_signature_from_a_trusted_root(tmp_path: Path, ca, signed: bytes) -> None:
    before = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    [check] = validate_signatures(signed, "ky.pdf", _roots(tmp_path, ca))
    assert check.acceptable
    assert check.problem is None
    assert (check.field, check.kind, check.signer) == ("Sig1", "signature", "Nguyễn Văn An")
    assert "Hội Khuyến học tỉnh Sơn La" in check.subject
    assert "Test Root CA" in check.issuer
    assert (check.intact, check.valid, check.trusted) == (True, True, True)
    assert (check.coverage, check.modification, check.docmdp_ok) == ("ENTIRE_FILE", "NONE", True)
    assert check.signing_time is not None
    assert dt.datetime.fromisoformat(check.signing_time) > before


def test_a_certificate_from_another_root_is_untrusted_but_acceptable(
    tmp_path: Path, ca, signed: bytes
) -> None:
    [check] = validate_signatures(signed, "ky.pdf", _roots(tmp_path, make_ca("Other CA")))
    assert check.intact
    assert not check.trusted
    assert check.trust_problem == "NO_CERTIFICATE_CHAIN_FOUND"
    assert check.acceptable


def test_no_trust_folder_means_no_trusted_root(tmp_path: Path, signed: bytes) -> None:
    assert load_trust_roots(tmp_path) == []
    [check] = validate_signatures(signed, "ky.pdf", [])
    assert check.acceptable
    assert not check.trusted


def test_one_byte_flipped_inside_the_signed_range(tmp_path: Path, ca, signed: bytes) -> None:
    [check] = validate_signatures(flip_signed_byte(signed), "ky.pdf", _roots(tmp_path, ca))
    assert not check.intact
    assert check.problem is not None
    assert "không còn nguyên vẹn" in check.problem.vi
    assert "not intact" in check.problem.en


def test_an_incremental_update_adding_content(tmp_path: Path, ca, signed: bytes) -> None:
    [check] = validate_signatures(append_page(signed), "ky.pdf", _roots(tmp_path, ca))
    assert check.intact  # the signed bytes are untouched; what follows them is the change
    assert (check.coverage, check.modification) == ("ENTIRE_REVISION", "OTHER")
    assert check.problem is not None
    assert "vượt quá những thay đổi PAdES cho phép" in check.problem.vi
    assert "beyond what PAdES allows" in check.problem.en


def test_a_second_signature_is_a_change_pades_allows(tmp_path: Path, ca, signed: bytes) -> None:
    twice = sign(signed, ca.issue("Cầm Thị Lan", "Văn thư"), field="Sig2")
    first, second = validate_signatures(twice, "ky.pdf", _roots(tmp_path, ca))
    assert first.coverage == "ENTIRE_REVISION"
    assert first.modification in {"LTA_UPDATES", "FORM_FILLING"}
    assert first.acceptable
    assert first.trusted
    assert (second.signer, second.coverage) == ("Cầm Thị Lan", "ENTIRE_FILE")
    assert second.acceptable


def test_a_pdf_without_signature_has_no_check() -> None:
    assert validate_signatures(blank_pdf(), "scan.pdf", []) == []


def test_a_structure_pyhanko_cannot_read_is_refused() -> None:
    with pytest.raises(AttachmentError, match="cấu trúc tệp PDF bị hỏng"):
        validate_signatures(b"%PDF-1.7\nnot a PDF\n%%EOF\n", "hong.pdf", [])


def test_checks_round_trip_through_json(signed: bytes) -> None:
    [check] = validate_signatures(signed, "ky.pdf", [])
    assert SignatureCheck.from_json(check.as_json()) == check


def test_trust_roots_in_pem_and_der(tmp_path: Path) -> None:
    first, second = make_ca("Root A"), make_ca("Root B")
    trust(tmp_path, first, "a.pem")
    trust(tmp_path, second, "b.cer")
    (tmp_path / "trust" / ".DS_Store").write_bytes(b"\x00\x01")  # hidden files are skipped
    roots = load_trust_roots(tmp_path)
    assert sorted(root.subject.native["common_name"] for root in roots) == ["Root A", "Root B"]


def test_a_file_in_trust_that_is_not_a_certificate(tmp_path: Path) -> None:
    (tmp_path / "trust").mkdir()
    (tmp_path / "trust" / "ghi_chu.txt").write_text("không phải chứng thư", encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        load_trust_roots(tmp_path)
    assert "ghi_chu.txt" in caught.value.text("vi")
    assert "PEM hoặc DER" in caught.value.text("vi")
