"""A khen_thuong dossier through DossierService on a real SQLite workspace.

The nominee list and the council votes (samples/khen_thuong) have mixed outcomes: approved,
proposed to a higher level, and two not approved for lack of votes.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import SAMPLES
from vanban.docx.reading import document_lines
from vanban.errors import ValidationError
from vanban.models import DocumentRecord
from vanban.services.dossiers import DossierService
from vanban.workspace import init_workspace, load_workspace

LIST = SAMPLES / "khen_thuong"
MAU = SAMPLES / "khen_thuong_mau"
HEADER = ("co_quan_chu_quan", "co_quan", "ky_hieu_co_quan", "dia_danh", "trich_yeu", "ky")
SECTIONS = {
    "to_trinh_khen_thuong": "to_trinh_khen_thuong_hkh_son_la_2025.yaml",
    "danh_sach_khen_thuong": "danh_sach_khen_thuong_hkh_son_la_2025.yaml",
    "bien_ban_hop_hoi_dong": "bien_ban_hoi_dong_tdkt_hkh_son_la_2025.yaml",
    "quyet_dinh_khen_thuong": "quyet_dinh_khen_thuong_hkh_son_la_2025.yaml",
}
FORM = "Giấy khen của Chủ tịch Hội Khuyến học tỉnh"
NOT_APPROVED_7_OF_9 = "Lường Văn Chung"


def _text(service: DossierService, record: DocumentRecord) -> str:
    with service.store.read() as tx:
        return "\n".join(document_lines(tx.get_blob(record.sha256)))


def _load(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _dossier_data(folder: Path) -> Path:
    """The sample dossier (samples/khen_thuong/ho_so.yaml) and its list, copied to ``folder``."""
    shutil.copy(LIST / "danh_sach.xlsx", folder / "danh_sach.xlsx")
    path = folder / "ho_so.yaml"
    shutil.copy(LIST / "ho_so.yaml", path)
    return path


def _votes(folder: Path, *, approve_the_7_of_9: bool = False) -> Path:
    text = (LIST / "votes.yaml").read_text(encoding="utf-8")
    if approve_the_7_of_9:
        text = text.replace(
            "dong_y: 7\n    ket_qua: không đồng ý", "dong_y: 7\n    ket_qua: đồng ý"
        )
    path = folder / ("votes_bad.yaml" if approve_the_7_of_9 else "votes.yaml")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def service(tmp_path: Path) -> DossierService:
    init_workspace(tmp_path, training=True)
    return DossierService(load_workspace(tmp_path))


def test_award_dossier_from_list_to_issued_decision(
    service: DossierService, tmp_path: Path
) -> None:
    user = service.workspace.user
    created = service.create(user("minh"), "khen_thuong", _dossier_data(tmp_path))
    dossier_id = created.dossier.id
    assert len(created.dossier.data["danh_sach"]) == 20

    # Before the council: the Tờ trình proposes everyone listed for the province's Bằng khen,
    # and cites the Biên bản in its draft-blank form.
    submitted = service.advance(user("minh"), dossier_id, "submit")
    assert [d.template_id for d in submitted.documents] == [
        "to_trinh_khen_thuong",
        "danh_sach_khen_thuong",
    ]
    proposal = _text(service, submitted.documents[0])
    assert "cho 03 tập thể và 07 cá nhân" in proposal
    assert "Căn cứ Biên bản số /BB-HĐTĐKT ngày tháng năm" in proposal
    listing = _text(service, submitted.documents[1])
    assert NOT_APPROVED_7_OF_9 in listing
    assert "Trung tâm học tập cộng đồng xã Tà Xùa" not in listing  # a Giấy khen row

    # Approving someone with 7 of 9 votes (77,78% < 80%) is refused; nothing is written.
    with pytest.raises(ValidationError) as refused:
        service.advance(
            user("an"), dossier_id, "review", patch_path=_votes(tmp_path, approve_the_7_of_9=True)
        )
    assert f"Không thể ghi “đồng ý” cho {NOT_APPROVED_7_OF_9}" in str(refused.value)
    assert "7/9" in str(refused.value)
    assert service.show(dossier_id, user("an")).dossier.state == "submitted"
    assert len(service.history(dossier_id)) == 2

    reviewed = service.advance(user("an"), dossier_id, "review", patch_path=_votes(tmp_path))
    assert [d.template_id for d in reviewed.documents] == [
        "bien_ban_hop_hoi_dong",
        "to_trinh_khen_thuong",
        "danh_sach_khen_thuong",
        "danh_sach_de_nghi_cap_tren",
    ]
    minutes, proposal, listing, referral = (_text(service, d) for d in reviewed.documents)
    assert "08/09 thành viên Hội đồng có mặt" in minutes
    assert "Vắng mặt: 01/09" in minutes
    assert "01 phiếu biểu quyết bằng văn bản của thành viên vắng mặt (Nguyễn Văn Bình)" in minutes
    assert "tổng số 09 thành viên" in minutes
    assert "Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho 02 tập thể và 06 cá nhân" in minutes
    assert "Chủ tịch Hội Khuyến học tỉnh Sơn La tặng Giấy khen cho 03 tập thể và 06 cá nhân" in (
        minutes
    )
    # The referral upward: a section of its own in the Biên bản, naming each nominee.
    referred = (
        "Hội đồng thống nhất đề nghị cấp trên trình Thủ tướng Chính phủ tặng Bằng khen cho "
        "01 tập thể (lập danh sách riêng), gồm:\n- Hội Khuyến học huyện Mai Sơn (Huyện Mai Sơn)."
    )
    assert referred in minutes
    assert "chưa đạt tỷ lệ phiếu đồng ý): Lường Văn Chung, Hà Văn Sơn" in minutes
    # The Tờ trình and its list now hold exactly those the council passed for the Bằng khen.
    assert "cho 02 tập thể và 06 cá nhân" in proposal
    assert "Căn cứ Biên bản số /BB-HĐTĐKT ngày 12 tháng 11 năm 2025" in proposal
    for left_out in (NOT_APPROVED_7_OF_9, "Tà Xùa"):
        assert left_out not in listing
    assert "Huyện Mai Sơn" not in listing.splitlines()  # the collective referred upward
    assert "Tổng số: 02 tập thể và 06 cá nhân./." in listing
    assert "Tập thể, cá nhân đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in listing
    # … its own sentence in the Tờ trình, and its own danh sách titled by the form it asks for.
    assert (
        "Đồng thời, Hội Khuyến học tỉnh Sơn La kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem "
        "xét, trình Thủ tướng Chính phủ tặng Bằng khen cho 01 tập thể đã có thành tích"
    ) in proposal
    assert "Tập thể đề nghị cấp trên xét tặng Bằng khen của Thủ tướng Chính phủ" in referral
    assert "Tổng số: 01 tập thể./." in referral
    assert "Hội Khuyến học huyện Thuận Châu" not in referral

    approved = service.advance(user("huong"), dossier_id, "approve")
    draft = _text(service, approved.documents[0]).splitlines()
    assert "Trung tâm học tập cộng đồng xã Tà Xùa" in draft  # a Giấy khen the council passed
    # The Hội's decision gives only its own Giấy khen; the Bằng khen is the province's to give.
    assert "Hội Khuyến học huyện Thuận Châu" not in draft
    assert "Hà Văn Sơn" not in draft  # not approved by the council
    assert "Hội Khuyến học huyện Mai Sơn" not in draft  # proposed to a higher level

    issued = service.advance(user("lan"), dossier_id, "issue")
    assert issued.register_entry is not None
    registered = [e.number_and_symbol for e in service.register()]
    assert sorted(registered) == ["01/BB-HĐTĐKT", "01/TTr-HKH", "02/QĐ-HKH"]
    texts = {d.template_id: _text(service, d) for d in issued.documents}
    assert "Số: 01/BB-HĐTĐKT" in texts["bien_ban_hop_hoi_dong"]
    assert "Số: 01/TTr-HKH" in texts["to_trinh_khen_thuong"]
    assert "Số: 02/QĐ-HKH" in texts["quyet_dinh_khen_thuong"]
    for cites in ("to_trinh_khen_thuong", "quyet_dinh_khen_thuong"):
        assert "Căn cứ Biên bản số 01/BB-HĐTĐKT ngày 12 tháng 11 năm 2025" in texts[cites]
    for listed in ("danh_sach_khen_thuong", "danh_sach_de_nghi_cap_tren"):
        assert "(Kèm theo Tờ trình số 01/TTr-HKH ngày " in texts[listed]
    assert "8.490.000" in texts["quyet_dinh_khen_thuong"]
    service.advance(user("lan"), dossier_id, "archive")
    assert service.show(dossier_id, user("lan")).dossier.state == "archived"


def test_a_section_may_not_write_a_derived_fact(service: DossierService, tmp_path: Path) -> None:
    data = _dossier_data(tmp_path)
    values = _load(data)
    values["to_trinh_khen_thuong"]["so_tap_the"] = 5
    values["quyet_dinh_khen_thuong"]["bien_ban"] = "Biên bản số 02/BB-HĐTĐKT ngày 12/11/2025"
    data.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        service.create(service.workspace.user("minh"), "khen_thuong", data)
    assert "to_trinh_khen_thuong.so_tap_the" in str(refused.value)
    assert "quyet_dinh_khen_thuong.bien_ban" in str(refused.value)
    assert service.dossiers() == []


def test_a_vote_file_mistake_refuses_the_review_with_its_line(
    service: DossierService, tmp_path: Path
) -> None:
    user = service.workspace.user
    dossier_id = service.create(user("minh"), "khen_thuong", _dossier_data(tmp_path)).dossier.id
    service.advance(user("minh"), dossier_id, "submit")
    votes = _votes(tmp_path)
    text = votes.read_text(encoding="utf-8")
    votes.write_text(
        text.replace("y_kien_van_ban: [Nguyễn Văn Bình]", "y_kien_van_ban: [Tòng Văn Hải]"),
        encoding="utf-8",
    )
    line = next(
        number
        for number, row in enumerate(votes.read_text(encoding="utf-8").splitlines(), 1)
        if row.startswith("y_kien_van_ban")
    )
    with pytest.raises(ValidationError) as refused:
        service.advance(user("an"), dossier_id, "review", patch_path=votes)
    assert f"dòng {line}: phiếu bằng văn bản của “Tòng Văn Hải”, người không phải thành viên" in (
        str(refused.value)
    )
    assert service.show(dossier_id, user("an")).dossier.state == "submitted"


def test_a_bad_list_refuses_the_dossier_with_rows(service: DossierService, tmp_path: Path) -> None:
    data = _dossier_data(tmp_path)
    (tmp_path / "ds.yaml").write_text(
        "danh_sach:\n  - {ho_ten: A, loai: Cá nhân, don_vi: X, hinh_thuc: Không có}\n",
        encoding="utf-8",
    )
    data.write_text(
        data.read_text(encoding="utf-8").replace("danh_sach: danh_sach.xlsx", "danh_sach: ds.yaml"),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as refused:
        service.create(service.workspace.user("minh"), "khen_thuong", data)
    assert "dòng 2" in str(refused.value)
    assert service.dossiers() == []


def test_an_inline_list_is_read_with_its_lines(service: DossierService, tmp_path: Path) -> None:
    data = _dossier_data(tmp_path)
    rows = [
        {"ho_ten": "Lò Văn A", "loai": "Cá nhân", "don_vi": "Xã X", "hinh_thuc": FORM},
        {"ho_ten": "Lò Văn B", "loai": "Cá nhân", "don_vi": "Xã X", "hinh_thuc": "Không có"},
    ]
    values = _load(data)
    values["danh_sach"] = rows
    data.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        service.create(service.workspace.user("minh"), "khen_thuong", data)
    assert "Lò Văn B" in str(refused.value) or "Không có" in str(refused.value)
    values["danh_sach"] = rows[:1]
    data.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    created = service.create(service.workspace.user("minh"), "khen_thuong", data)
    assert [row["ho_ten"] for row in created.dossier.data["danh_sach"]] == ["Lò Văn A"]


def _approved_decision(service: DossierService, folder: Path) -> str:
    user = service.workspace.user
    dossier_id = service.create(user("minh"), "khen_thuong", _dossier_data(folder)).dossier.id
    service.advance(user("minh"), dossier_id, "submit")
    service.advance(user("an"), dossier_id, "review", patch_path=_votes(folder))
    return _text(service, service.advance(user("huong"), dossier_id, "approve").documents[0])


@pytest.mark.parametrize(
    ("settings", "total"),
    # 3 collectives × 0,6 and 6 individuals × 0,3 of the base salary, each rounded up to 10.000 đ
    [("", "8.490.000"), ("[awards]\nbase_salary = 2530000\n", "9.120.000")],
    ids=["default-2340000", "workspace-2530000"],
)
def test_rewards_follow_the_workspace_base_salary(
    tmp_path: Path, settings: str, total: str
) -> None:
    init_workspace(tmp_path, training=True)
    with (tmp_path / "vanban.toml").open("a", encoding="utf-8") as handle:
        handle.write(settings)
    decision = _approved_decision(DossierService(load_workspace(tmp_path)), tmp_path)
    assert total in decision


def _other_province(folder: Path, decision_form: str) -> Path:
    """A dossier of another province: Giấy khen and Bằng khen nominees, forms naming places."""
    data = _dossier_data(folder)
    values = _load(data)
    giay = "Giấy khen của Chủ tịch Hội Khuyến học tỉnh Điện Biên"
    bang = "Bằng khen của Chủ tịch UBND tỉnh Điện Biên"
    rows = [
        {"ho_ten": "Hội Khuyến học xã Mường Phăng", "loai": "Tập thể", "don_vi": "Tỉnh Điện Biên"},
        {"ho_ten": "Chi hội Khuyến học bản Him Lam", "loai": "Tập thể", "don_vi": "Phường Him Lam"},
        {"ho_ten": "Lò Văn Pấng", "loai": "Cá nhân", "don_vi": "Xã Mường Phăng"},
        {"ho_ten": "Quàng Thị Én", "loai": "Cá nhân", "don_vi": "Xã Thanh Nưa"},
        {"ho_ten": "Tòng Văn Xôm", "loai": "Cá nhân", "don_vi": "Phường Him Lam"},
        {"ho_ten": "Hội Khuyến học xã Thanh Nưa", "loai": "Tập thể", "don_vi": "Tỉnh Điện Biên"},
        {"ho_ten": "Lường Thị Hoa", "loai": "Cá nhân", "don_vi": "Xã Thanh Nưa"},
    ]
    for index, row in enumerate(rows):
        row["hinh_thuc"] = bang if index >= 5 else giay
    values["danh_sach"] = rows
    values["quyet_dinh_khen_thuong"]["hinh_thuc"] = decision_form
    data.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    votes = {
        "hoi_dong": "Hội đồng Thi đua - Khen thưởng Hội Khuyến học tỉnh Điện Biên",
        "ngay_hop": "2025-11-20",
        "thanh_vien": [{"ho_ten": f"Thành viên {n}", "chuc_vu": "Ủy viên"} for n in range(9)],
        "phieu": [
            {"ho_ten": row["ho_ten"], "don_vi": row["don_vi"], "dong_y": 9, "ket_qua": "đồng ý"}
            for row in rows
        ],
    }
    (folder / "votes.yaml").write_text(yaml.safe_dump(votes, allow_unicode=True), "utf-8")
    return data


def test_forms_naming_another_province_pay_the_right_amounts(
    service: DossierService, tmp_path: Path
) -> None:
    user = service.workspace.user
    data = _other_province(tmp_path, "Giấy khen của Chủ tịch Hội Khuyến học tỉnh Điện Biên")
    dossier_id = service.create(user("minh"), "khen_thuong", data).dossier.id
    listing = _text(service, service.advance(user("minh"), dossier_id, "submit").documents[1])
    assert "Bằng khen của Chủ tịch UBND tỉnh Điện Biên" in listing  # printed as written
    assert "Giấy khen" not in listing  # the Tờ trình's list holds only the province's form
    assert "Tổng số: 01 tập thể và 01 cá nhân./." in listing
    service.advance(user("an"), dossier_id, "review", patch_path=tmp_path / "votes.yaml")
    decision = _text(service, service.advance(user("huong"), dossier_id, "approve").documents[0])
    # 2 collectives × 1.410.000 + 3 individuals × 710.000; the Bằng khen pair is not paid here.
    assert "4.950.000" in decision
    assert "15.480.000" not in decision
    assert "Lường Thị Hoa" not in decision
    assert "Hội Khuyến học xã Thanh Nưa" not in decision


def test_an_unknown_decision_form_refuses_the_event_with_the_known_forms(
    service: DossierService, tmp_path: Path
) -> None:
    user = service.workspace.user
    data = _other_province(tmp_path, "Giấy khen của Chủ tịch Hội Nông dân tỉnh Điện Biên")
    with pytest.raises(ValidationError) as refused:
        service.create(user("minh"), "khen_thuong", data)
    message = str(refused.value)
    assert "quyet_dinh_khen_thuong.hinh_thuc" in message
    assert "Các hình thức đã biết" in message
    assert "Có phải “Giấy khen của Chủ tịch Hội Khuyến học tỉnh”" in message
    assert service.dossiers() == []
