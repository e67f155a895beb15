"""Signing keys: a PKCS#12 file or a PKCS#11 token, and the checks on their certificate.

Vietnamese CAs deliver personal and organisation certificates on PKCS#11 USB tokens; a PKCS#12
file is the other common form. The password or PIN is passed in by the caller (the command line
asks on the terminal or reads standard input); it is never read from a file or an argument here.

Before anything is signed the certificate must be valid now and carry the name of whoever signs
(the person's full name, or the body's name for the organisation's signature): the certificate
is the proof of who signed.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.sign import signers

from vanban.errors import ValidationError


class SigningKeyError(ValidationError):
    """A key cannot be opened, or its certificate may not sign for this person or body."""


@dataclass(frozen=True)
class Pkcs12Key:
    """A key and certificate in a PKCS#12 (.p12/.pfx) file."""

    path: Path

    def describe(self) -> str:
        """How the key is named in messages."""
        return f"tệp khóa “{self.path.name}”"


@dataclass(frozen=True)
class Pkcs11Key:
    """A key and certificate on a PKCS#11 token (USB token, HSM, SoftHSM2)."""

    module: Path
    token: str
    key: str  # the label of the private key and of its certificate

    def describe(self) -> str:
        """How the key is named in messages."""
        return f"token “{self.token}”"


KeySource = Pkcs12Key | Pkcs11Key


@dataclass(frozen=True)
class Identity:
    """Whose name the certificate must carry: a person's full name or a body's name."""

    name: str
    is_person: bool


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _plain(text: str) -> str:
    """``text`` folded and without diacritics (đ → d): many CA certificates are written so."""
    decomposed = unicodedata.normalize("NFD", _fold(text).replace("đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


@contextmanager
def open_signer(source: KeySource, secret: str) -> Iterator[signers.Signer]:
    """Yield a pyHanko signer for ``source``, unlocked with ``secret``; close it afterwards."""
    if isinstance(source, Pkcs12Key):
        yield _pkcs12_signer(source, secret)
        return
    with _pkcs11_signer(source, secret) as signer:
        yield signer


def _pkcs12_signer(source: Pkcs12Key, secret: str) -> signers.Signer:
    try:
        content = source.path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(
            f"Không đọc được tệp khóa “{source.path}” ({exc.strerror}). Hãy kiểm tra đường dẫn "
            "khai báo trong vanban.toml.",
            f"Cannot read the key file “{source.path}” ({exc.strerror}). Check the path "
            "declared in vanban.toml.",
        ) from exc
    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(content, secret.encode())
    except ValueError as exc:
        raise SigningKeyError(
            f"Mật khẩu của tệp khóa “{source.path.name}” không đúng (hoặc tệp không phải "
            "PKCS#12). Chưa có gì được ký; hãy nhập lại đúng mật khẩu.",
            f"The password of the key file “{source.path.name}” is wrong (or the file is not "
            "PKCS#12). Nothing was signed; enter the right password.",
        ) from exc
    if key is None or certificate is None:
        raise SigningKeyError(
            f"Tệp khóa “{source.path.name}” không chứa cả khóa bí mật và chứng thư số.",
            f"The key file “{source.path.name}” does not hold both a private key and a "
            "certificate.",
        )
    signer: signers.SimpleSigner | None = signers.SimpleSigner.load_pkcs12_data(
        content, [], passphrase=secret.encode()
    )
    if signer is None:  # pragma: no cover - cryptography read it above
        raise SigningKeyError(
            f"pyHanko không đọc được tệp khóa “{source.path.name}”.",
            f"pyHanko cannot read the key file “{source.path.name}”.",
        )
    return signer


@contextmanager
def _pkcs11_signer(source: Pkcs11Key, secret: str) -> Iterator[signers.Signer]:
    # python-pkcs11 loads a C library: imported only when a token is used.
    import pkcs11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    if not source.module.is_file():
        raise SigningKeyError(
            f"Không thấy thư viện PKCS#11 “{source.module}” của token. Hãy cài phần mềm của "
            "token (hoặc sửa đường dẫn module trong vanban.toml).",
            f"The token's PKCS#11 library “{source.module}” does not exist. Install the "
            "token's software (or fix the module path in vanban.toml).",
        )
    try:
        session = open_pkcs11_session(
            str(source.module), token_criteria=TokenCriteria(label=source.token), user_pin=secret
        )
    except pkcs11.exceptions.PinIncorrect as exc:
        raise SigningKeyError(
            f"Mã PIN của token “{source.token}” không đúng. Chưa có gì được ký; hãy nhập lại "
            "(token có thể bị khóa sau vài lần nhập sai).",
            f"The PIN of the token “{source.token}” is wrong. Nothing was signed; enter it "
            "again (the token may lock after a few wrong PINs).",
        ) from exc
    # No matching token is pkcs11's PKCS11Error raised by pyHanko; a library that does not
    # load or a token that answers oddly raises others. Each means: the token is not usable.
    except Exception as exc:
        raise SigningKeyError(
            f"Không thấy token “{source.token}” ({exc}). Hãy cắm token vào máy rồi thử lại.",
            f"The token “{source.token}” is not there ({exc}). Plug it in and try again.",
        ) from exc
    try:
        try:
            # Raw mechanisms (hash here, sign there): tokens such as SoftHSM2 lack ECDSA-SHA256.
            signer = PKCS11Signer(
                session, cert_label=source.key, key_label=source.key, use_raw_mechanism=True
            )
            # Fetch the certificate now, so a wrong label is reported before signing starts.
            signer.signing_cert  # noqa: B018
        except Exception as exc:
            raise SigningKeyError(
                f"Token “{source.token}” không có khóa và chứng thư mang nhãn “{source.key}” "
                f"({exc}). Hãy kiểm tra nhãn khai báo trong vanban.toml.",
                f"The token “{source.token}” has no key and certificate labelled "
                f"“{source.key}” ({exc}). Check the label declared in vanban.toml.",
            ) from exc
        yield signer
    finally:
        session.close()


def check_certificate(signer: signers.Signer, identity: Identity, now: dt.datetime) -> None:
    """Refuse a certificate that is not valid at ``now`` or does not carry ``identity``."""
    certificate = signer.signing_cert
    if certificate is None:  # pragma: no cover - both key kinds fetch it
        raise SigningKeyError("Khóa không có chứng thư số.", "The key has no certificate.")
    validity = certificate["tbs_certificate"]["validity"]
    not_before: dt.datetime = validity["not_before"].native
    not_after: dt.datetime = validity["not_after"].native
    subject: dict[str, Any] = certificate.subject.native
    common_name = str(subject.get("common_name", ""))
    shown = f"“{common_name}”" if common_name else "(không tên)"
    if now < not_before:
        raise SigningKeyError(
            f"Chứng thư số {shown} chỉ có hiệu lực từ {_day(not_before)}. Chưa có gì được ký; "
            "hãy ký khi chứng thư đã có hiệu lực hoặc dùng chứng thư khác.",
            f"The certificate {shown} is valid only from {_day(not_before)}. Nothing was "
            "signed; sign once it is valid or use another certificate.",
        )
    if now > not_after:
        raise SigningKeyError(
            f"Chứng thư số {shown} đã hết hạn ngày {_day(not_after)}. Chưa có gì được ký; "
            "hãy gia hạn chứng thư với nhà cung cấp dịch vụ chứng thực.",
            f"The certificate {shown} expired on {_day(not_after)}. Nothing was signed; "
            "renew it with the certification service.",
        )
    names = [common_name]
    if not identity.is_person:
        names.append(str(subject.get("organization_name", "")))
    wanted = _plain(identity.name)
    if not any(name and _plain(name) == wanted for name in names):
        whose = "người ký" if identity.is_person else "cơ quan"
        whose_en = "the signer" if identity.is_person else "the body"
        raise SigningKeyError(
            f"Chứng thư số mang tên {shown}, không phải tên {whose} “{identity.name}”. Chưa có "
            "gì được ký; mỗi người (cơ quan) chỉ ký bằng chứng thư của chính mình.",
            f"The certificate is issued to {shown}, not to {whose_en} “{identity.name}”. "
            "Nothing was signed; everyone signs only with their own certificate.",
        )


def _day(moment: dt.datetime) -> str:
    return moment.strftime("%d/%m/%Y")
