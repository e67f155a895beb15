"""The award samples agree with each other: each document's sample is what the sample dossier
(samples/khen_thuong) renders for it once issued, so the Tờ trình, its two danh sách, the
Biên bản and the Quyết định in samples/khen_thuong_mau/ can never tell different stories; the
certificates print a nominee of those documents under the decision's real number.

Refresh them after an intended change with ``VANBAN_UPDATE_SAMPLES=1 pytest`` (then the
golden texts with ``VANBAN_UPDATE_GOLDEN=1``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from typing import Any

import pytest
import yaml

from tests.conftest import SAMPLES
from vanban.documents.award_context import attachment_line
from vanban.docx.reading import document_lines
from vanban.services.documents import DocumentService
from vanban.services.dossiers import DossierService
from vanban.workspace import init_workspace, load_workspace

ISSUED = dt.datetime(2025, 11, 14, 3, 0, tzinfo=dt.UTC)  # the day the Chủ tịch signs
MAU = SAMPLES / "khen_thuong_mau"
SAMPLE_FILES = {
    "to_trinh_khen_thuong": "to_trinh_khen_thuong_hkh_son_la_2025.yaml",
    "danh_sach_khen_thuong": "danh_sach_khen_thuong_hkh_son_la_2025.yaml",
    "danh_sach_de_nghi_cap_tren": "danh_sach_de_nghi_cap_tren_hkh_son_la_2025.yaml",
    "bien_ban_hop_hoi_dong": "bien_ban_hoi_dong_tdkt_hkh_son_la_2025.yaml",
    "quyet_dinh_khen_thuong": "quyet_dinh_khen_thuong_hkh_son_la_2025.yaml",
}
HEADER = """\
# {template} của hồ sơ khen thưởng mẫu (samples/khen_thuong), như hồ sơ đó in ra khi ban hành
# ngày 14/11/2025. Không sửa tay: mọi mẫu trong thư mục này được sinh cùng nhau nên luôn khớp
# nhau; sửa samples/khen_thuong rồi chạy “VANBAN_UPDATE_SAMPLES=1 pytest tests/services/
# test_award_samples.py”.
"""


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sample dossier carried to its issue on 14/11/2025; each template's data then."""
    folder = tmp_path_factory.mktemp("mau")
    for name in ("ho_so.yaml", "danh_sach.xlsx", "votes.yaml"):
        shutil.copy(SAMPLES / "khen_thuong" / name, folder / name)
    init_workspace(folder, training=True)
    service = DossierService(load_workspace(folder), clock=lambda: ISSUED)
    user = service.workspace.user
    dossier_id = service.create(user("minh"), "khen_thuong", folder / "ho_so.yaml").dossier.id
    service.advance(user("minh"), dossier_id, "submit")
    service.advance(user("an"), dossier_id, "review", patch_path=folder / "votes.yaml")
    service.advance(user("huong"), dossier_id, "approve")
    result = service.advance(user("lan"), dossier_id, "issue")
    assert service.check_dossier(dossier_id) == []
    mapping = service.mappings["khen_thuong"]
    data = {**service.workspace.award_settings, **result.dossier.data}
    templates = {
        template: _plain(mapping.template_data(template, data)) for template in SAMPLE_FILES
    }
    return {"templates": templates, "register": service.register()}


@pytest.mark.parametrize("template", sorted(SAMPLE_FILES))
def test_each_award_sample_is_what_the_sample_dossier_issues(
    issued: dict[str, Any], template: str
) -> None:
    path = MAU / SAMPLE_FILES[template]
    expected = issued["templates"][template]
    if os.environ.get("VANBAN_UPDATE_SAMPLES"):
        text = yaml.safe_dump(expected, allow_unicode=True, sort_keys=False, width=100)
        path.write_text(HEADER.format(template=template) + text, encoding="utf-8")
    assert _plain(yaml.safe_load(path.read_text(encoding="utf-8"))) == expected


def test_the_certificates_print_nominees_of_the_sample_decision_and_proposal(
    issued: dict[str, Any],
) -> None:
    templates = issued["templates"]
    decision = next(e for e in issued["register"] if e.number_and_symbol.split("/")[1][:2] == "QĐ")
    giay_khen = yaml.safe_load((MAU / "giay_khen_hkh_son_la_2025.yaml").read_text("utf-8"))
    awarded = [row["ten"] for key in ("tap_the", "ca_nhan") for row in templates[
        "quyet_dinh_khen_thuong"][key]]  # fmt: skip
    assert giay_khen["ten"] in awarded
    assert giay_khen["so_quyet_dinh"] == decision.number_and_symbol
    assert giay_khen["ngay_quyet_dinh"] == decision.issued_on
    bang_khen = yaml.safe_load((MAU / "bang_khen_son_la_2025.yaml").read_text("utf-8"))
    proposed = [row["ten"] for key in ("tap_the", "ca_nhan") for row in templates[
        "danh_sach_khen_thuong"][key]]  # fmt: skip
    assert bang_khen["ten"] in proposed


def test_the_samples_render_the_same_citations_as_the_dossier(issued: dict[str, Any]) -> None:
    """Rendered alone (``vanban render``), each list cites the Tờ trình the dossier numbered."""
    service = DocumentService()
    proposal = issued["templates"]["to_trinh_khen_thuong"]
    cited = attachment_line(
        "Tờ trình",
        proposal["so"],
        dt.date.fromisoformat(proposal["ngay"]),
        "TTr-HKH",
        "Hội Khuyến học tỉnh Sơn La",
        2025,
    )
    for template in ("danh_sach_khen_thuong", "danh_sach_de_nghi_cap_tren"):
        content = service.render(template, MAU / SAMPLE_FILES[template]).content
        assert cited in document_lines(content)
