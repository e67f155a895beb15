"""Test material for the archive: a test CA and signers (cryptography), PDFs (pypdf), PAdES
signatures (pyHanko), and dossiers taken to "issued" through the real DossierService."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pypdf import PdfWriter

from vanban.services.dossiers import DossierService
from vanban.workspace import init_workspace, load_workspace

CONG_VAN = """\
trich_yeu: Đăng ký chỉ tiêu thi đua năm 2024
kinh_gui: [Hội Khuyến học các huyện]
mo_dau: Đề nghị các đơn vị đăng ký chỉ tiêu thi đua./.
ky: {ky_thay: CHỦ TỊCH, chuc_vu: PHÓ CHỦ TỊCH, ho_ten: Lò Văn Minh}
"""
BAO_CAO = """\
trich_yeu: Kết quả công tác khuyến học năm 2024
mo_dau: Hội Khuyến học tỉnh báo cáo kết quả công tác năm 2024 như sau.
noi_dung:
  - tieu_de: KẾT QUẢ
    doan: [Các cấp hội đã hoàn thành chỉ tiêu.]
noi_nhan: [TW Hội KHVN (b/c), Lưu VT]
ky: {thay_mat: BAN THƯỜNG VỤ TỈNH HỘI, chuc_vu: CHỦ TỊCH, ho_ten: Đinh Thị Hòa}
"""
KEY_USAGE = {
    "digital_signature": True,
    "content_commitment": True,
    "key_encipherment": False,
    "data_encipherment": False,
    "key_agreement": False,
    "key_cert_sign": False,
    "crl_sign": False,
    "encipher_only": False,
    "decipher_only": False,
}


def _name(common_name: str, organization: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


@dataclass(frozen=True)
class Identity:
    """A certificate with its private key."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    issuer: Identity | None = None

    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)

    def signer(self) -> signers.SimpleSigner:
        """Return a pyHanko signer for this identity, carrying its issuer's certificate."""
        bundle = pkcs12.serialize_key_and_certificates(
            b"signer",
            self.key,
            self.certificate,
            [self.issuer.certificate] if self.issuer else None,
            serialization.NoEncryption(),
        )
        signer: signers.SimpleSigner = signers.SimpleSigner.load_pkcs12_data(bundle, [])
        return signer

    def issue(self, common_name: str, organization: str = "Hội Khuyến học tỉnh Sơn La") -> Identity:
        """Return a signer certificate issued by this CA."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name, organization))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(**KEY_USAGE), critical=True)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                critical=False,
            )
            .sign(self.key, hashes.SHA256())
        )
        return Identity(certificate, key, self)


def make_ca(common_name: str = "Test Root CA") -> Identity:
    """Return a self-signed root CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    name = _name(common_name, "Kiểm thử vanban")
    usage = {**KEY_USAGE, "content_commitment": False, "key_cert_sign": True, "crl_sign": True}
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=2))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(**usage), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(certificate, key)


def blank_pdf(pages: int = 1) -> bytes:
    """Return a small valid PDF of blank A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def sign(content: bytes, identity: Identity, field: str = "Sig1") -> bytes:
    """Return ``content`` with a PAdES signature added as an incremental update."""
    metadata = signers.PdfSignatureMetadata(
        field_name=field,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason="Ký ban hành",
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    signed: bytes = signers.sign_pdf(writer, metadata, signer=identity.signer()).getvalue()
    return signed


def flip_signed_byte(signed: bytes) -> bytes:
    """Change one byte inside the signed range (a digit of the page's MediaBox)."""
    at = signed.index(b"595")
    return signed[:at] + b"594" + signed[at + 3 :]


def append_page(signed: bytes) -> bytes:
    """Append an incremental update that adds a page: content changed after signing."""
    writer = PdfWriter(io.BytesIO(signed), incremental=True)
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def trust(workspace: Path, ca: Identity, name: str = "root.pem") -> None:
    """Put ``ca`` into the workspace's trust/ folder."""
    folder = workspace / "trust"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(ca.pem() if name.endswith(".pem") else ca.der())


def issued_dossier(service: DossierService, workflow: str = "bao_cao") -> int:
    """Create a dossier and take it to "issued" the way people do, returning its id."""
    data = service.workspace.root / f"{workflow}.yaml"
    data.write_text(BAO_CAO if workflow == "bao_cao" else CONG_VAN, encoding="utf-8")
    user = service.workspace.user
    dossier_id = service.create(user("minh"), workflow, data).dossier.id
    service.advance(user("minh"), dossier_id, "submit")
    service.advance(user("an"), dossier_id, "review")
    service.advance(user("huong"), dossier_id, "approve")
    service.advance(user("lan"), dossier_id, "issue")
    return dossier_id


def new_workspace(root: Path) -> DossierService:
    """Initialise a workspace at ``root`` and return its dossier service."""
    init_workspace(root, training=True)
    return DossierService(load_workspace(root))
