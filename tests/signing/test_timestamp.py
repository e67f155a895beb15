"""PAdES B-T: with ``[signing] timestamp_url`` the signature carries a time-stamp token fetched
over HTTP (RFC 3161) from a time-stamp server; here pyHanko's own test TSA served locally."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from asn1crypto import keys, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from tests.archive.helpers import blank_pdf
from tests.signing.helpers import PASSWORD, signing_workspace
from vanban.archive.signatures import load_trust_roots, validate_signatures
from vanban.services.archive import ArchiveService
from vanban.services.dossiers import DossierService
from vanban.services.signing import SigningService
from vanban.workspace import load_workspace


def _tsa() -> DummyTimeStamper:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # the test TSA: RSA only
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TSA kiểm thử")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
    )


@pytest.fixture
def tsa_url() -> Iterator[str]:
    """A time-stamp server on localhost answering RFC 3161 requests."""
    stamper = _tsa()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            answer = asyncio.run(stamper.async_request_tsa_response(request)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_configured_time_stamp_server_makes_the_signature_b_t(
    tmp_path: Path, tsa_url: str
) -> None:
    root = signing_workspace(tmp_path / "ws")
    config = root / "vanban.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "[signing]\n", f'[signing]\ntimestamp_url = "{tsa_url}"\n'
        ),
        encoding="utf-8",
    )
    source = tmp_path / "phu_luc.pdf"
    source.write_bytes(blank_pdf())
    dossiers = DossierService(load_workspace(root))
    signing = SigningService(ArchiveService(dossiers))
    signed = signing.sign_file(dossiers.workspace.user("lan"), source, "01/KH-HKH", PASSWORD)
    [check] = validate_signatures(signed, "phu_luc.pdf", load_trust_roots(root))
    assert check.problem is None
    assert check.timestamp is not None  # B-T: a time-stamp token over the signature
    stamped = dt.datetime.fromisoformat(check.timestamp)
    assert abs(stamped - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def test_without_a_time_stamp_server_the_signature_is_b_b(tmp_path: Path) -> None:
    root = signing_workspace(tmp_path / "ws")
    source = tmp_path / "phu_luc.pdf"
    source.write_bytes(blank_pdf())
    dossiers = DossierService(load_workspace(root))
    signing = SigningService(ArchiveService(dossiers))
    signed = signing.sign_file(dossiers.workspace.user("lan"), source, "01/KH-HKH", PASSWORD)
    [check] = validate_signatures(signed, "phu_luc.pdf", load_trust_roots(root))
    assert (check.problem, check.timestamp) == (None, None)
