"""Test material for signing: a workspace with sample signing material (cryptography, Pillow),
a dossier taken to "approved" through the real DossierService, and a SoftHSM2 token made by
the test itself."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from vanban.services.dossiers import DossierService
from vanban.services.signing_samples import add_sample_signing
from vanban.workspace import init_workspace, load_workspace

PASSWORD = "mat-khau-thu"
SOFTHSM_MODULES = (
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
)


def signing_workspace(root: Path) -> Path:
    """A workspace whose leader (huong) and body have sample keys, images and a trusted CA."""
    init_workspace(root, training=True)  # the tests act as each person (--as)
    add_sample_signing(load_workspace(root), "huong", PASSWORD)
    return root


def approved_dossier(root: Path, sample: Path) -> int:
    """Create a dossier from the Kế hoạch sample without number and date; take it to approved."""
    data = root / "ke_hoach.yaml"
    lines = sample.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(("so:", "ngay:"))]
    data.write_text("\n".join(kept) + "\n", encoding="utf-8")
    service = DossierService(load_workspace(root))
    user = service.workspace.user
    dossier_id = service.create(user("minh"), "ke_hoach", data).dossier.id
    service.advance(user("minh"), dossier_id, "submit")
    service.advance(user("an"), dossier_id, "review")
    service.advance(user("huong"), dossier_id, "approve")
    service.store.dispose()
    return dossier_id


def set_user_signing(root: Path, login: str, line: str) -> None:
    """Replace the ``signing = …`` line of ``login`` in vanban.toml."""
    config = root / "vanban.toml"
    lines = config.read_text(encoding="utf-8").splitlines()
    at = [raw.strip() for raw in lines].index(f'login = "{login}"') + 1
    assert lines[at].startswith("signing = ")
    lines[at] = line
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Token:
    """A SoftHSM2 token initialised by the test: module, label, key label and PIN."""

    module: Path
    label: str
    key: str
    pin: str


def softhsm_token(
    folder: Path,
    label: str,
    certificate: x509.Certificate,
    key: ec.EllipticCurvePrivateKey,
    monkeypatch: pytest.MonkeyPatch,
) -> Token:
    """Initialise a SoftHSM2 token in ``folder`` holding ``key`` and ``certificate``."""
    module = next((m for m in SOFTHSM_MODULES if m.is_file()), None)
    if module is None or shutil.which("softhsm2-util") is None:
        if os.environ.get("CI"):
            pytest.fail("SoftHSM2 must be installed in CI: see .ci/run")
        pytest.skip("SoftHSM2 (softhsm2) is not installed")
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    pin = "123456"
    run = {"check": True, "capture_output": True, "env": {**os.environ, "SOFTHSM2_CONF": str(conf)}}
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--pin",
            pin,
            "--so-pin",
            "654321",
        ],
        **run,  # type: ignore[call-overload]
    )
    pem = folder / "key.pem"
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    subprocess.run(
        [
            "softhsm2-util",
            "--import",
            str(pem),
            "--token",
            label,
            "--label",
            "ky",
            "--id",
            "01",
            "--pin",
            pin,
        ],
        **run,  # type: ignore[call-overload]
    )
    pem.unlink()
    _store_certificate(module, label, pin, certificate)
    return Token(module, label, "ky", pin)


def _store_certificate(module: Path, label: str, pin: str, certificate: x509.Certificate) -> None:
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    token = pkcs11.lib(str(module)).get_token(token_label=label)
    with token.open(rw=True, user_pin=pin) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "ky",
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: certificate.subject.public_bytes(),
                Attribute.VALUE: certificate.public_bytes(serialization.Encoding.DER),
            }
        )
