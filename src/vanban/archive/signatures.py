"""Validating the signatures embedded in a PDF with pyHanko, against the workspace's trust roots.

What is checked, per signature (tests/archive pin how pyHanko reports each case):

- *intact*: the digest over ``/ByteRange`` matches, so no signed byte changed;
- *valid*: the CMS signature itself verifies;
- *coverage* and *modification level*: either the signature covers the entire file, or what was
  appended after it is what PAdES allows after signing (further signatures, form filling,
  document timestamps and validation data: ``ModificationLevel`` ≤ ``FORM_FILLING``) and a
  certification signature's DocMDP permissions are respected. Anything else (e.g. an update
  adding content or annotations) counts as changed after signing;
- *trust*: the signer's certificate chains to a root in ``<workspace>/trust/``. This is
  reported, not required: see ``README.md``.

Trust is judged at ``moment`` (now when a file is attached; the attach time when it is checked
again later), without fetching revocation data: vanban works offline.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import (
    DocumentTimestampStatus,
    PdfSignatureStatus,
    SignatureCoverageLevel,
)
from pyhanko_certvalidator import ValidationContext

from vanban.archive.pdf import AttachmentError
from vanban.errors import Message, WorkspaceError

TRUST_DIR = "trust"
# asn1crypto certificates, as pyHanko takes them; asn1crypto ships no type information, so
# they are Any to mypy.
TrustRoots = list[Any]
# A signature may be followed by what PAdES allows: more signatures, form filling, document
# timestamps and validation data (DSS). pyHanko's levels NONE ≤ LTA_UPDATES ≤ FORM_FILLING.
ALLOWED_AFTER_SIGNING = frozenset({"NONE", "LTA_UPDATES", "FORM_FILLING"})
# Vietnamese CA certificates carry digitalSignature and usually nonRepudiation; either will do.
_KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)


@dataclass(frozen=True)
class SignatureCheck:
    """The result of validating one embedded signature (or document timestamp)."""

    field: str
    kind: str  # "signature" or "timestamp"
    signer: str  # the certificate's common name
    subject: str  # the whole subject, as pyHanko prints it
    issuer: str
    serial: str
    signing_time: str | None  # ISO 8601, as the signer reported it
    timestamp: str | None  # ISO 8601, from a timestamp token, when there is one
    intact: bool
    valid: bool
    trusted: bool
    trust_problem: str  # pyHanko's AdES subindication when not trusted, e.g. NO_CERTIFICATE_...
    coverage: str  # SignatureCoverageLevel name
    modification: str  # ModificationLevel name; "" when it could not be determined
    docmdp_ok: bool | None
    error: str = ""  # why pyHanko could not validate it at all

    @property
    def acceptable(self) -> bool:
        """True when nothing signed was changed beyond what PAdES allows (trust aside)."""
        return self.problem is None

    @property
    def problem(self) -> Message | None:
        """Why this signature shows the file was changed or is not a signature; None if fine."""
        who = f"“{self.field}”" + (f" ({self.signer})" if self.signer else "")
        if self.error:
            return Message(
                f"không kiểm tra được chữ ký {who} ({self.error})",
                f"the signature {who} cannot be validated ({self.error})",
            )
        if not self.intact:
            return Message(
                f"chữ ký {who} không còn nguyên vẹn: nội dung đã ký bị thay đổi sau khi ký",
                f"the signature {who} is not intact: signed content was changed after signing",
            )
        if not self.valid:
            return Message(
                f"chữ ký {who} không hợp lệ về mật mã",
                f"the signature {who} is cryptographically invalid",
            )
        if self.coverage == SignatureCoverageLevel.ENTIRE_FILE.name:
            return None
        if self.coverage != SignatureCoverageLevel.ENTIRE_REVISION.name:
            return Message(
                f"chữ ký {who} không phủ trọn phần tệp mà nó ký",
                f"the signature {who} does not cover the whole revision it signs",
            )
        if self.modification not in ALLOWED_AFTER_SIGNING or self.docmdp_ok is False:
            return Message(
                f"tệp đã bị sửa sau chữ ký {who} (thêm nội dung bằng một bản cập nhật nối "
                "thêm), vượt quá những thay đổi PAdES cho phép",
                f"the file was changed after the signature {who} (content added by an appended "
                "update), beyond what PAdES allows",
            )
        return None

    def as_json(self) -> dict[str, Any]:
        """Return the check as a JSON-ready mapping (how attachments record it)."""
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> SignatureCheck:
        """Rebuild a check recorded by ``as_json``."""
        return cls(**raw)


def load_trust_roots(workspace_root: Path) -> TrustRoots:
    """Return the certificates in ``<workspace>/trust/`` (PEM or DER); none if it is missing."""
    folder = workspace_root / TRUST_DIR
    if not folder.is_dir():
        return []
    roots: TrustRoots = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        try:
            found = list(load_certs_from_pemder_data(path.read_bytes()))
        except (OSError, ValueError, TypeError) as exc:
            found, reason = [], str(exc)
        else:
            reason = "không có chứng thư nào"
        if not found:
            raise WorkspaceError(
                f"Tệp “{path}” trong thư mục trust không đọc được thành chứng thư số PEM hoặc "
                f"DER ({reason}). Hãy sửa hoặc bỏ tệp đó ra khỏi thư mục.",
                f"“{path}” in the trust folder is not a PEM or DER certificate ({reason}). "
                "Fix it or move it out of the folder.",
            )
        roots.extend(found)
    return roots


def validate_signatures(
    content: bytes,
    name: str,
    trust_roots: TrustRoots,
    moment: dt.datetime | None = None,
) -> list[SignatureCheck]:
    """Validate every signature embedded in the PDF ``content`` (called ``name``), in order.

    AttachmentError when pyHanko, which reads PDFs more strictly than pypdf, cannot read the
    file's structure at all.
    """
    try:
        embedded_signatures = PdfFileReader(io.BytesIO(content)).embedded_signatures
    # Any parse failure of these outside bytes is the file's fault; it is worded, not raised.
    except Exception as exc:
        raise AttachmentError(
            f"Không nhận tệp “{name}”: cấu trúc tệp PDF bị hỏng nên không đọc được chữ ký "
            f"({exc}). Hãy tải hoặc xuất lại tệp gốc.",
            f"“{name}” refused: the PDF structure is damaged, so its signatures cannot be read "
            f"({exc}). Download or export the original again.",
        ) from exc
    checks = []
    for embedded in embedded_signatures:
        # A fresh context per signature: the context caches paths, and trust is per signature.
        context = ValidationContext(trust_roots=trust_roots, moment=moment)
        checks.append(_check(embedded, context))
    return checks


def _check(embedded: Any, context: ValidationContext) -> SignatureCheck:
    field = str(embedded.field_name)
    cert = _certificate(embedded)
    base: dict[str, Any] = {
        "field": field,
        "kind": "timestamp" if embedded.sig_object_type == "/DocTimeStamp" else "signature",
        "signer": _common_name(cert),
        "subject": cert.subject.human_friendly if cert is not None else "",
        "issuer": cert.issuer.human_friendly if cert is not None else "",
        "serial": format(cert.serial_number, "x") if cert is not None else "",
    }
    status: PdfSignatureStatus | DocumentTimestampStatus
    try:
        if base["kind"] == "timestamp":
            stamp = validate_pdf_timestamp(embedded, validation_context=context)
            status, signing_time, timestamp = stamp, None, _iso(stamp.timestamp)
        else:
            signed = validate_pdf_signature(embedded, context, key_usage_settings=_KEY_USAGE)
            token = signed.timestamp_validity
            status, signing_time = signed, _iso(embedded.self_reported_timestamp)
            timestamp = _iso(token.timestamp) if token is not None else None
    # pyHanko parses bytes from outside; whatever it trips on means the signature cannot be
    # vouched for, which is reported as such instead of crashing the command.
    except Exception as exc:
        return SignatureCheck(
            **base,
            signing_time=None,
            timestamp=None,
            intact=False,
            valid=False,
            trusted=False,
            trust_problem="",
            coverage="",
            modification="",
            docmdp_ok=None,
            error=str(exc) or type(exc).__name__,
        )
    level: ModificationLevel | None = status.modification_level
    indication = status.trust_problem_indic
    return SignatureCheck(
        **base,
        signing_time=signing_time,
        timestamp=timestamp,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        # The subindications are enums (AdESIndeterminate, AdESFailure) behind a plain base.
        trust_problem="" if indication is None else str(getattr(indication, "name", indication)),
        coverage=status.coverage.name if status.coverage is not None else "",
        modification=level.name if level is not None else "",
        docmdp_ok=status.docmdp_ok,
    )


def _certificate(embedded: Any) -> Any:
    try:
        cert = embedded.signer_cert
    except Exception:  # a CMS blob without the signer's certificate; reported by validation
        return None
    return cert


def _common_name(cert: Any) -> str:
    if cert is None:
        return ""
    native = cert.subject.native
    return str(native.get("common_name") or cert.subject.human_friendly)


def _iso(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat()
