"""``vanban demo``: the samples rendered, then carried as dossiers through their lifecycle."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from vanban.awards import write_nominees_xlsx
from vanban.datafile import plain, read_yaml
from vanban.errors import WorkspaceError
from vanban.models import DossierSummary
from vanban.resources import shipped_dir
from vanban.services.archive import ArchiveService
from vanban.services.awards import awarded_nominees
from vanban.services.batch import BatchService
from vanban.services.documents import DocumentService, RenderResult
from vanban.services.dossiers import DossierService
from vanban.services.register_export import export_register
from vanban.services.signing import SigningService
from vanban.services.signing_samples import SAMPLE_PASSWORD, add_sample_signing
from vanban.workspace import WORKSPACE_FILE, init_workspace, load_workspace

# The people of the starter workspace (vanban init) and what each does.
SECRETARY, REVIEWER, APPROVER, CLERK = "minh", "an", "huong", "lan"
DEMO_PASSWORD = SAMPLE_PASSWORD
RETURN_COMMENT = "Đề nghị bổ sung nơi nhận và kiểm tra lại căn cứ trước khi trình lãnh đạo."


@dataclass(frozen=True)
class DemoReport:
    """What the demo produced."""

    folder: Path
    rendered: list[RenderResult]
    dossiers: list[DossierSummary]
    issued_files: list[Path]
    register_file: Path
    certificates: list[Path]
    main_files: dict[int, Path]  # each dossier's main document (the one numbered on issue)
    signed_files: list[Path] = field(default_factory=list)  # signed in vanban (sample keys)


def run_demo(folder: Path) -> DemoReport:
    """Render the samples, then run each seed sample through draft → issued in a workspace."""
    if (folder / WORKSPACE_FILE).exists():
        raise WorkspaceError(
            f"Thư mục {folder} đã có một thư mục làm việc; bản chạy thử cần thư mục mới. "
            "Hãy xóa thư mục đó hoặc chọn tên khác.",
            f"{folder} already holds a workspace; the demo needs a fresh folder. "
            "Delete it or choose another name.",
        )
    documents = DocumentService()
    rendered = documents.render_samples(folder / "van_ban_mau")
    init_workspace(folder, training=True)  # the demo acts as each person in turn (--as)
    # Sample keys, certificates and images (marked MẪU) so one dossier is signed end to end.
    add_sample_signing(load_workspace(folder), APPROVER, DEMO_PASSWORD)
    service = DossierService(load_workspace(folder))
    user = service.workspace.user
    signing = SigningService(ArchiveService(service))
    signed: list[Path] = []
    data_dir = folder / "du_lieu"
    data_dir.mkdir(exist_ok=True)
    dossier_ids = []
    for index, sample in enumerate(documents.samples()):
        if not sample.seed:
            continue
        values = plain(read_yaml(sample.data_path.read_text(encoding="utf-8"), "demo").root)
        for key in ("so", "ngay", "nam"):  # a dossier starts as a draft: no number, no date
            values.pop(key, None)
        data_path = data_dir / sample.data_path.name
        data_path.write_text(
            yaml.safe_dump(values, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        dossier_id = service.create(user(SECRETARY), sample.template_id, data_path).dossier.id
        service.advance(user(SECRETARY), dossier_id, "submit")
        if index == 0:  # one dossier goes back once with the reviewer's comment
            service.advance(user(REVIEWER), dossier_id, "return", comment=RETURN_COMMENT)
            service.advance(
                user(SECRETARY), dossier_id, "submit", comment="Đã bổ sung theo ý kiến thẩm định."
            )
        service.advance(user(REVIEWER), dossier_id, "review")
        service.advance(user(APPROVER), dossier_id, "approve")
        # The first dossier the approver signs is signed in the office's order (kept to one,
        # so the demo stays fast): leader, then number and date, then the body's seal.
        sign_it = not signed and _signer(values) == user(APPROVER).full_name
        if sign_it:
            signing.sign_as_leader(user(APPROVER), dossier_id, DEMO_PASSWORD)
        service.advance(user(CLERK), dossier_id, "issue")
        if sign_it:
            sealed = signing.seal(user(CLERK), dossier_id, DEMO_PASSWORD).attachment
            target = folder / "van_ban_ban_hanh" / sealed.name
            target.parent.mkdir(parents=True, exist_ok=True)
            with service.store.read() as tx:
                target.write_bytes(tx.get_blob(sealed.sha256))
            signed.append(target)
        dossier_ids.append(dossier_id)
    award_id, certificates = _award_dossier(service, data_dir, folder)
    dossier_ids.append(award_id)
    issued: list[Path] = []
    for dossier_id in dossier_ids:
        issued += service.export(dossier_id, folder / "van_ban_ban_hanh")
    register_file = export_register(service.register(), folder / "so_van_ban_di.xlsx")
    dossiers = [dossier for dossier in service.dossiers() if dossier.id in dossier_ids]
    main_files = {
        dossier.id: path
        for dossier in dossiers
        for path in issued
        if path.name == f"{service.workflow(dossier.workflow).document}_{dossier.id:04d}.docx"
    }
    return DemoReport(
        folder, rendered, dossiers, issued, register_file, certificates, main_files, signed
    )


def _signer(values: dict[str, object]) -> str:
    signature = values.get("ky")
    return str(signature.get("ho_ten", "")) if isinstance(signature, dict) else ""


def _award_dossier(service: DossierService, data_dir: Path, folder: Path) -> tuple[int, list[Path]]:
    """Carry the sample award dossier from its list to the printed Giấy khen."""
    source = shipped_dir("samples") / "khen_thuong"
    for name in ("ho_so.yaml", "danh_sach.xlsx", "votes.yaml"):
        shutil.copy(source / name, data_dir / name)
    user = service.workspace.user
    dossier_id = service.create(user(SECRETARY), "khen_thuong", data_dir / "ho_so.yaml").dossier.id
    service.advance(user(SECRETARY), dossier_id, "submit")
    service.advance(user(REVIEWER), dossier_id, "review", patch_path=data_dir / "votes.yaml")
    service.advance(user(APPROVER), dossier_id, "approve")
    issued = service.advance(user(CLERK), dossier_id, "issue")
    entry = issued.register_entry
    # The certificates: the Giấy khen this decision awards, from the dossier's own record.
    write_nominees_xlsx(awarded_nominees(issued.dossier.data), data_dir / "duoc_khen.xlsx")
    # The certificate carries the decision's own wording, not each nominee's summary.
    wording = str(issued.dossier.data["quyet_dinh_khen_thuong"]["thanh_tich"]).strip()
    common = {
        "thanh_tich": wording[:1].upper() + wording[1:],
        "so_quyet_dinh": entry.number_and_symbol if entry else "",
        "ngay_quyet_dinh": entry.issued_on.isoformat() if entry else "",
        "dia_danh": service.workspace.organization.place,
        "chuc_vu_ky": "CHỦ TỊCH",
        "nguoi_ky": "Mai Thu Hương",
    }
    common_path = data_dir / "giay_khen_chung.yaml"
    common_path.write_text(yaml.safe_dump(common, allow_unicode=True), encoding="utf-8")
    result = BatchService().run(
        "giay_khen", data_dir / "duoc_khen.xlsx", folder / "giay_khen", common_path=common_path
    )
    return dossier_id, list(result.files)
