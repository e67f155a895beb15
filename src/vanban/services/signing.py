"""Use cases of signing inside vanban, in the office's order (Nghị định 30/2020).

1. The approver signs an approved dossier: its document becomes a PDF (LibreOffice), signed
   with their key and signature image; the signed PDF is stored with a history entry.
2. Once the văn thư has issued it (number and date given), they sign it again: the number and
   date go into the fields the leader's signature prepared and the body's seal signature is
   added. The result is checked and kept as the dossier's signed copy, as ``attach`` keeps one.
3. Attachments and appendices in separate files get the body's text-only signature.

Every signed result is validated with pyHanko before it is stored; a password or key problem,
a changed PDF or a failed signature leaves the store as it was.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from vanban.archive.pdf import PdfFile, check_pdf, read_pdf
from vanban.archive.signatures import SignatureCheck, validate_signatures
from vanban.documents.pdf import PDF_MEDIA_TYPE, PdfConverter, convert_one
from vanban.documents.symbol import number_and_symbol
from vanban.documents.warm_pdf import pdf_converter
from vanban.errors import IntegrityError, NotPermittedError, ValidationError, WorkflowError
from vanban.models import DocumentRecord, DocumentRef, Dossier
from vanban.services.archive import (
    ArchiveService,
    AttachResult,
    judge,
    require_clerk,
    signed_comment,
)
from vanban.services.register_entry import issued_text
from vanban.signing import material
from vanban.signing.keys import check_certificate, open_signer
from vanban.signing.pades import (
    LEADER_FIELD,
    SignOptions,
    seal_with_number,
    sign_as_leader,
    sign_text_top_right,
)
from vanban.signing.placement import (
    find_number_and_date_blanks,
    find_signature_block,
    printed_year,
)
from vanban.vietnamese.dates import format_date_long
from vanban.workspace import User

APPROVER, SIGN_EVENT = "approver", "sign"
LEADER_SUFFIX = "_lanh_dao_ky.pdf"


@dataclass(frozen=True)
class LeaderSigned:
    """The leader's signed PDF, stored with the dossier."""

    dossier: Dossier
    document: DocumentRecord
    signatures: tuple[SignatureCheck, ...]


class SigningService:
    """Signing use cases of one workspace, on top of its archive service."""

    def __init__(self, archive: ArchiveService, converter: PdfConverter | None = None) -> None:
        self.archive = archive
        self.dossiers = archive.dossiers
        self.workspace = archive.workspace
        self.converter = converter
        self.settings = material.settings(self.workspace.signing)

    def _options(self, reason: str) -> SignOptions:
        return SignOptions(reason, self.workspace.organization.place, self.settings.timestamp_url)

    def _seal_diameter(self) -> float:
        width = self.workspace.signing.get("seal_width_mm", material.DEFAULT_SEAL_MM)
        return float(width) if isinstance(width, int | float) else material.DEFAULT_SEAL_MM

    # ---- 1. the leader ---------------------------------------------------------------------

    def sign_as_leader(self, user: User, dossier_id: int, secret: str) -> LeaderSigned:
        """The approver signs the approved dossier's document (PDF) with their image."""
        if APPROVER not in user.roles:
            raise NotPermittedError(
                f"Chỉ lãnh đạo (approver) ký duyệt văn bản; “{user.login}” không có vai trò này.",
                f"Only an approver signs a document; “{user.login}” does not have that role.",
            )
        with self.dossiers.store.read() as tx:
            dossier = tx.get_dossier(dossier_id)
            documents = tx.current_documents(dossier_id)
        self._require_leader_state(dossier)
        definition = self.dossiers.workflow(dossier.workflow)
        spec = self.dossiers.catalogue.get(definition.document)
        text = issued_text(spec, self.dossiers.document_values(definition, dossier.data, spec.id))
        title, name = text.signer_position, text.signer_name
        if _fold(name) != _fold(user.full_name):
            raise NotPermittedError(
                f"Văn bản của hồ sơ số {dossier_id} do “{name}” ký, không phải “{user.full_name}”."
                " Chỉ người có tên ở phần ký mới ký văn bản này.",
                f"The document of dossier {dossier_id} is signed by “{name}”, not by "
                f"“{user.full_name}”. Only the person named in its signature block signs it.",
            )
        mine = material.person(self.workspace.root, user.login, user.full_name, user.signing)
        if mine.image is None:
            raise ValidationError(
                f"Người dùng “{user.login}” chưa khai báo ảnh chữ ký (signing.image) trong "
                "vanban.toml; văn bản ký số phải có ảnh chữ ký giữa chức vụ và họ tên.",
                f"The user “{user.login}” declares no signature image (signing.image) in "
                "vanban.toml; the signed document needs it between title and name.",
            )
        source = [d for d in documents if d.template_id == definition.document]
        if not source:
            raise WorkflowError(
                f"Hồ sơ số {dossier_id} chưa có văn bản để ký.",
                f"Dossier {dossier_id} has no document to sign.",
            )
        now = self.dossiers.clock()
        # The key and certificate are checked first: a wrong password or certificate is told
        # before the document is converted.
        with open_signer(mine.key, secret) as signer:
            check_certificate(signer, mine.identity, now)
            converter = self.converter or pdf_converter()
            # Rendered as it will be issued (this year, blanks for number and date): the draft
            # stored at submit may print the year its data named.
            docx = self.dossiers.unnumbered(dossier).content
            pdf = convert_one(converter, source[0].name, docx)
            pages = check_pdf(pdf, Path(source[0].name))
            block = find_signature_block(pdf, pages, title, name)
            blanks = find_number_and_date_blanks(pdf)
            signed = sign_as_leader(
                pdf,
                signer,
                mine.image,
                block,
                blanks,
                self._seal_diameter(),
                self._options("Ký duyệt văn bản"),
            )
        stem = Path(source[0].name).stem
        file_name = f"{stem}{LEADER_SUFFIX}"
        checks = self._checked(signed, file_name)
        with self.dossiers.store.transaction() as tx:
            current = tx.get_dossier(dossier_id)
            self._require_leader_state(current)
            if any(a.name == sealed_name(file_name) for a in tx.attachments(dossier_id)):
                raise WorkflowError(
                    f"Hồ sơ số {dossier_id} đã được đóng dấu ban hành; không ký lại.",
                    f"Dossier {dossier_id} is already sealed and issued; it is not signed again.",
                )
            sha256 = hashlib.sha256(signed).hexdigest()
            event = tx.add_event(
                dossier_id=dossier_id,
                actor=user.login,
                event=SIGN_EVENT,
                from_state=current.state,
                to_state=current.state,
                comment=signed_comment(checks),
                at=now,
                documents=[DocumentRef(file_name, sha256)],
            )
            record = tx.add_document(
                dossier_id=dossier_id,
                event_id=event.id,
                name=file_name,
                template_id=definition.document,
                media_type=PDF_MEDIA_TYPE,
                content=signed,
                at=now,
            )
        return LeaderSigned(current, record, checks)

    # ---- 2. the văn thư: number, date and the body's seal ----------------------------------

    def seal(self, user: User, dossier_id: int, secret: str) -> AttachResult:
        """The văn thư fills the number and date into the leader's PDF and seals it."""
        require_clerk(user)
        with self.dossiers.store.read() as tx:
            dossier = tx.get_dossier(dossier_id)
            documents = tx.current_documents(dossier_id)
        self._require_state(dossier, "issued", "đã ban hành (cấp số)", "issued (numbered)")
        signed_by_leader = [d for d in documents if d.name.endswith(LEADER_SUFFIX)]
        if not signed_by_leader or dossier.number is None or dossier.issued_on is None:
            raise WorkflowError(
                f"Hồ sơ số {dossier_id} chưa có bản lãnh đạo đã ký trong vanban. Lãnh đạo ký "
                "(“vanban sign ID”) khi hồ sơ đã duyệt; văn bản ký ở nơi khác thì đính kèm "
                "bằng “vanban attach”.",
                f"Dossier {dossier_id} has no copy signed by the leader in vanban. The leader "
                "signs (“vanban sign ID”) once it is approved; a copy signed elsewhere is "
                "attached with “vanban attach”.",
            )
        leader = signed_by_leader[0]
        content = self._blob(dossier_id, leader)
        before = validate_signatures(content, leader.name, self.archive.trust_roots())
        if [c.field for c in before] != [LEADER_FIELD] or before[0].problem is not None:
            problem = before[0].problem if before else None
            detail = f": {problem.vi}" if problem else ""
            detail_en = f": {problem.en}" if problem else ""
            raise IntegrityError(
                f"Bản lãnh đạo đã ký của hồ sơ số {dossier_id} đã bị thay đổi sau khi ký"
                f"{detail}. Không đóng dấu; hãy để lãnh đạo ký lại.",
                f"The copy the leader signed for dossier {dossier_id} was changed after "
                f"signing{detail_en}. It is not sealed; have the leader sign again.",
            )
        if printed_year(content) != dossier.issued_on.year:
            raise WorkflowError(
                f"Bản lãnh đạo đã ký in năm {printed_year(content)}, nhưng văn bản ban hành năm "
                f"{dossier.issued_on.year}. Năm đã ký không sửa được; hãy để lãnh đạo ký lại "
                f"(“vanban sign {dossier_id}”) rồi đóng dấu.",
                f"The copy the leader signed prints the year {printed_year(content)}, but it is "
                f"issued in {dossier.issued_on.year}. A signed year cannot change; have the "
                f"leader sign again (“vanban sign {dossier_id}”), then seal it.",
            )
        body = material.organization(
            self.workspace.root,
            self.workspace.organization.name,
            self.workspace.signing,
            seal=True,
        )
        assert body.image is not None  # organization(seal=True) always reads the seal
        values = self._number_fields(dossier)
        blanks = find_number_and_date_blanks(content)
        now = self.dossiers.clock()
        with open_signer(body.key, secret) as signer:
            check_certificate(signer, body.identity, now)
            sealed = seal_with_number(
                content, signer, body.image, values, blanks, self._options("Ban hành văn bản")
            )
        return self._keep(user, dossier_id, sealed, sealed_name(leader.name))

    # ---- 3. attachments and appendices -----------------------------------------------------

    def sign_attachment(self, user: User, dossier_id: int, path: Path, secret: str) -> AttachResult:
        """Sign a separate attachment or appendix of an issued dossier, text only, top right."""
        require_clerk(user)
        with self.dossiers.store.read() as tx:
            dossier = tx.get_dossier(dossier_id)
        self._require_state(dossier, "issued", "đã ban hành (cấp số)", "issued (numbered)")
        pdf = read_pdf(path, self.archive.max_bytes)
        signed = self.sign_text(pdf, self.number_and_symbol(dossier), secret)
        return self._keep(user, dossier_id, signed, f"{Path(pdf.name).stem}_da_ky.pdf")

    def sign_file(self, user: User, path: Path, number_and_symbol: str, secret: str) -> bytes:
        """The văn thư signs a PDF outside any dossier: the body's text-only signature."""
        require_clerk(user)
        return self.sign_text(read_pdf(path, self.archive.max_bytes), number_and_symbol, secret)

    def sign_text(self, pdf: PdfFile, number_and_symbol: str, secret: str) -> bytes:
        """Return ``pdf`` signed with the body's key, the number and time at the top right."""
        existing = validate_signatures(pdf.content, pdf.name, self.archive.trust_roots())
        judge(pdf.name, tuple(existing), unsigned=not existing)
        body = material.organization(
            self.workspace.root,
            self.workspace.organization.name,
            self.workspace.signing,
            seal=False,
        )
        now = self.dossiers.clock()
        lines = [number_and_symbol, self.settings.format_time(now)]
        with open_signer(body.key, secret) as signer:
            check_certificate(signer, body.identity, now)
            signed = sign_text_top_right(
                pdf.content, signer, lines, _page_size(pdf.content), self._options("Ban hành")
            )
        self._checked(signed, pdf.name)
        return signed

    def number_and_symbol(self, dossier: Dossier) -> str:
        """ "03/KH-HKH" for an issued dossier."""
        definition = self.dossiers.workflow(dossier.workflow)
        spec = self.dossiers.catalogue.get(definition.document)
        return number_and_symbol(
            spec, self.dossiers.document_values(definition, dossier.data, spec.id)
        )

    # ---- helpers ---------------------------------------------------------------------------

    def _number_fields(self, dossier: Dossier) -> dict[str, str]:
        assert dossier.issued_on is not None
        # "ngày 09 tháng 01 năm 2024": the day and month as the decree pads them.
        words = format_date_long(dossier.issued_on).split()
        return {
            "so": self.number_and_symbol(dossier).split("/")[0],
            "ngay": words[1],
            "thang": words[3],
        }

    def _keep(self, user: User, dossier_id: int, signed: bytes, name: str) -> AttachResult:
        checks = self._checked(signed, name)
        pdf = PdfFile(name, signed, check_pdf(signed, Path(name)))
        return self.archive.keep(user, dossier_id, pdf, checks, SIGN_EVENT, signed_comment(checks))

    def _checked(self, signed: bytes, name: str) -> tuple[SignatureCheck, ...]:
        """Validate what was just signed; a result pyHanko would not accept is never kept."""
        checks = tuple(validate_signatures(signed, name, self.archive.trust_roots()))
        judge(name, checks, unsigned=False)
        return checks

    def _blob(self, dossier_id: int, record: DocumentRecord) -> bytes:
        with self.dossiers.store.read() as tx:
            content = tx.get_blob(record.sha256)
        if hashlib.sha256(content).hexdigest() != record.sha256:
            raise IntegrityError(
                f"Tệp “{record.name}” của hồ sơ số {dossier_id} không còn khớp với mã sha256 đã "
                "ghi. Không ký; hãy chạy “vanban archive verify”.",
                f"The file “{record.name}” of dossier {dossier_id} no longer matches its "
                "recorded sha256. Nothing is signed; run “vanban archive verify”.",
            )
        return content

    def _require_leader_state(self, dossier: Dossier) -> None:
        # Issued too: a leader signs again when the year changed before the văn thư sealed.
        if dossier.state != "issued":
            self._require_state(dossier, "approved", "đã duyệt", "approved")

    def _require_state(self, dossier: Dossier, state: str, label_vi: str, label_en: str) -> None:
        if dossier.state == state:
            return
        label = self.dossiers.workflow(dossier.workflow).states[dossier.state].label
        raise WorkflowError(
            f"Hồ sơ số {dossier.id} đang ở trạng thái “{label}”; bước ký này cần hồ sơ {label_vi}.",
            f"Dossier {dossier.id} is “{dossier.state}”; this signing step needs it {label_en}.",
        )


def sealed_name(leader_name: str) -> str:
    """The name of the sealed copy made from the leader's: "ke_hoach_0001_da_ky.pdf"."""
    return leader_name.removesuffix(LEADER_SUFFIX) + "_da_ky.pdf"


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _page_size(content: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(content)).pages[0].mediabox
    return float(box.width), float(box.height)
