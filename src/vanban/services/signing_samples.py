"""Throwaway signing material for demo and training workspaces: never for real documents.

``add_sample_signing`` makes, inside a workspace, a test root CA (put in ``trust/``), a PKCS#12
key for the leader (certificate in their full name) and one for the body (in its name), a blue
signature image and a red seal image, both marked "MẪU" (sample) on the picture, and declares
them in ``vanban.toml``. Everything is generated on the spot with ``cryptography`` and Pillow.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from PIL import Image, ImageDraw, ImageFont

from vanban.errors import WorkspaceError
from vanban.workspace import WORKSPACE_FILE, Workspace

SAMPLE_FOLDER = "signing"
# The password of the sample PKCS#12 keys: throwaway material in a training or demo workspace.
SAMPLE_PASSWORD = "mau-chi-de-thu"
BLUE, RED = (22, 48, 190, 255), (206, 24, 30, 255)
_FONTS = (
    Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
)


def _name(common_name: str, organization: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _usage(ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def make_certificate(
    common_name: str,
    organization: str,
    issuer: tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None = None,
    *,
    valid_from: dt.datetime | None = None,
    valid_days: int = 730,
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A certificate and key: a self-signed CA when ``issuer`` is None, else a signer's."""
    key = ec.generate_private_key(ec.SECP256R1())
    start = valid_from or dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    subject = _name(common_name, organization)
    signing_key = issuer[1] if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer[0].subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=issuer is None, path_length=None), critical=True)
        .add_extension(_usage(issuer is None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()), False
        )
    )
    return builder.sign(signing_key, hashes.SHA256()), key


def write_pkcs12(
    path: Path,
    identity: tuple[x509.Certificate, ec.EllipticCurvePrivateKey],
    issuer: x509.Certificate,
    password: str,
) -> None:
    """Write a password-protected PKCS#12 file holding the key, its certificate and issuer."""
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"vanban",
            identity[1],
            identity[0],
            [issuer],
            serialization.BestAvailableEncryption(password.encode()),
        )
    )


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _FONTS:
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default()


def draw_signature(path: Path) -> None:
    """A blue handwritten-looking stroke on a transparent background, marked "MẪU"."""
    image = Image.new("RGBA", (720, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [
        (60 + 6 * t, 150 - 70 * math.sin(t / 9) * math.cos(t / 23) - t / 2) for t in range(100)
    ]
    draw.line(points, fill=BLUE, width=9, joint="curve")
    draw.line([(120, 230), (600, 200)], fill=BLUE, width=6)
    draw.text((250, 240), "MẪU – SAMPLE", fill=BLUE, font=_font(34))
    image.save(path)


def draw_seal(path: Path) -> None:
    """A red round seal on a transparent background, marked "CON DẤU MẪU"."""
    size = 600
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), outline=RED, width=16)
    draw.ellipse((92, 92, size - 92, size - 92), outline=RED, width=7)
    centre, radius = size / 2, 75
    star = [
        (
            centre + (radius if i % 2 == 0 else radius * 0.4) * math.sin(i * math.pi / 5),
            centre - (radius if i % 2 == 0 else radius * 0.4) * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(star, fill=RED)
    font = _font(40)
    for text, y in (("CON DẤU MẪU", 165), ("SAMPLE ONLY", 400)):
        width = draw.textlength(text, font=font)
        draw.text((centre - width / 2, y), text, fill=RED, font=font)
    image.save(path)


def add_sample_signing(workspace: Workspace, leader_login: str, password: str) -> Path:
    """Create sample signing material for ``leader_login`` and the body; declare it.

    Returns the folder holding it. The workspace's ``vanban.toml`` gains the leader's
    ``signing = {…}`` line and a ``[signing]`` table.
    """
    root = workspace.root
    leader = workspace.user(leader_login)
    folder = root / SAMPLE_FOLDER
    folder.mkdir(exist_ok=True)
    organization = workspace.organization.name
    ca = make_certificate("vanban CA MẪU (chỉ để thử)", "vanban – mẫu, không có giá trị")
    person = make_certificate(leader.full_name, organization, ca)
    body = make_certificate(organization, organization, ca)
    (root / "trust").mkdir(exist_ok=True)
    (root / "trust" / "vanban_ca_mau.pem").write_bytes(
        ca[0].public_bytes(serialization.Encoding.PEM)
    )
    write_pkcs12(folder / f"{leader_login}.p12", person, ca[0], password)
    write_pkcs12(folder / "co_quan.p12", body, ca[0], password)
    draw_signature(folder / f"{leader_login}_chu_ky.png")
    draw_seal(folder / "con_dau.png")
    config = root / WORKSPACE_FILE
    lines = config.read_text(encoding="utf-8").splitlines()
    marker = f'login = "{leader_login}"'
    if marker not in [line.strip() for line in lines]:
        raise WorkspaceError(
            f"Không tìm thấy dòng {marker} trong vanban.toml để khai báo khóa ký mẫu.",
            f"vanban.toml has no line {marker} to declare the sample signing key under.",
        )
    at = [line.strip() for line in lines].index(marker) + 1
    lines.insert(
        at,
        f'signing = {{ image = "{SAMPLE_FOLDER}/{leader_login}_chu_ky.png", '
        f'pkcs12 = "{SAMPLE_FOLDER}/{leader_login}.p12" }}   # MẪU: khóa thử, không có giá trị',
    )
    lines += [
        "",
        "# Ký số (MẪU: CA, khóa và ảnh chỉ để thử, không có giá trị pháp lý).",
        "[signing]",
        'time_format = "%Y-%m-%dT%H:%M:%S%:z"',
        f'seal_image = "{SAMPLE_FOLDER}/con_dau.png"',
        "seal_width_mm = 36",
        f'organization_key = {{ pkcs12 = "{SAMPLE_FOLDER}/co_quan.p12" }}',
    ]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
