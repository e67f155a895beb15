"""The cross-document check of award dossiers: what it finds, and that it runs before events."""

from __future__ import annotations

import copy
import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.services.test_award_dossier import _dossier_data, _load, _votes
from vanban.docx.reading import document_lines
from vanban.errors import ValidationError
from vanban.services.dossiers import DossierService
from vanban.workspace import init_workspace, load_workspace

TODAY = dt.date(2025, 11, 14)


@pytest.fixture
def service(tmp_path: Path) -> DossierService:
    init_workspace(tmp_path)
    moment = dt.datetime(2025, 11, 14, 3, 0, tzinfo=dt.UTC)
    return DossierService(load_workspace(tmp_path), clock=lambda: moment)


def _issued(service: DossierService, folder: Path, votes: Path | None = None) -> int:
    user = service.workspace.user
    dossier_id = service.create(user("minh"), "khen_thuong", _dossier_data(folder)).dossier.id
    service.advance(user("minh"), dossier_id, "submit")
    service.advance(user("an"), dossier_id, "review", patch_path=votes or _votes(folder))
    service.advance(user("huong"), dossier_id, "approve")
    service.advance(user("lan"), dossier_id, "issue")
    return dossier_id


def _texts(service: DossierService, dossier_id: int) -> dict[str, str]:
    with service.store.read() as tx:
        return {
            record.template_id: "\n".join(document_lines(tx.get_blob(record.sha256)))
            for record in tx.current_documents(dossier_id)
        }


@dataclass(frozen=True)
class IssuedSample:
    """The sample award dossier issued once for this module, with its documents' texts."""

    service: DossierService
    dossier_id: int
    texts: dict[str, str]
    data: dict[str, Any]


@pytest.fixture(scope="module")
def issued_sample(tmp_path_factory: pytest.TempPathFactory) -> IssuedSample:
    """Issued through the service once: each test below changes a copy of its texts."""
    folder = tmp_path_factory.mktemp("award")
    init_workspace(folder)
    moment = dt.datetime(2025, 11, 14, 3, 0, tzinfo=dt.UTC)
    service = DossierService(load_workspace(folder), clock=lambda: moment)
    dossier_id = _issued(service, folder)
    data = service.show(dossier_id, service.workspace.user("lan")).dossier.data
    return IssuedSample(service, dossier_id, _texts(service, dossier_id), data)


def test_the_issued_sample_dossier_has_no_finding(issued_sample: IssuedSample) -> None:
    assert issued_sample.service.check_dossier(issued_sample.dossier_id) == []


@pytest.mark.parametrize(
    ("document", "old", "new", "rule"),
    [
        ("quyet_dinh_khen_thuong", "8.490.000 đồng", "8.940.000 đồng", "amounts"),
        ("to_trinh_khen_thuong", "cho 02 tập thể và 06 cá nhân", "cho 05 tập thể", "counts"),
        ("danh_sach_khen_thuong", "Tờ trình số 01/TTr-HKH", "Tờ trình số 25/TTr-HKH", "citations"),
        (
            "quyet_dinh_khen_thuong",
            "Biên bản số 01/BB-HĐTĐKT",
            "Biên bản số 02/BB-HĐTĐKT",
            "citations",
        ),
        ("bien_ban_hop_hoi_dong", "08/09 thành viên", "09/09 thành viên", "meeting"),
        ("danh_sach_khen_thuong", "Lò Văn Phương", "Lò Văn Phượng", "names"),
        # The referral upward is its own list and must agree wherever it is printed.
        (
            "to_trinh_khen_thuong",
            "trình Thủ tướng Chính phủ tặng Bằng khen cho 01 tập thể",
            "trình Thủ tướng Chính phủ tặng Bằng khen cho 02 tập thể",
            "referrals",
        ),
        (
            "bien_ban_hop_hoi_dong",
            "- Hội Khuyến học huyện Mai Sơn (Huyện Mai Sơn).",
            "- Hội Khuyến học huyện Mường La (Huyện Mường La).",
            "referrals",
        ),
        (
            "danh_sach_de_nghi_cap_tren",
            "Tổng số: 01 tập thể./.",
            "Tổng số: 02 tập thể./.",
            "referrals",
        ),
        (
            "danh_sach_de_nghi_cap_tren",
            "Tập thể đề nghị cấp trên xét tặng Bằng khen của Thủ tướng Chính phủ",
            "Tập thể đề nghị cấp trên xét tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "referrals",
        ),
        (
            "danh_sach_de_nghi_cap_tren",
            "Tờ trình số 01/TTr-HKH",
            "Tờ trình số 03/TTr-HKH",
            "citations",
        ),
        # A referred nominee mixed into the Tờ trình's own list, a passed one into the referral's.
        (
            "danh_sach_khen_thuong",
            "Tổng số:",
            "Hội Khuyến học huyện Mai Sơn\nHuyện Mai Sơn\nTổng số:",
            "referrals",
        ),
        (
            "danh_sach_de_nghi_cap_tren",
            "Tổng số:",
            "Lò Văn Phương\nChủ tịch Hội Khuyến học huyện\nTổng số:",
            "referrals",
        ),
    ],
)
def test_a_document_that_disagrees_is_found(
    issued_sample: IssuedSample, document: str, old: str, new: str, rule: str
) -> None:
    texts = dict(issued_sample.texts)
    assert old in texts[document]
    texts[document] = texts[document].replace(old, new)
    mapping = issued_sample.service.mappings["khen_thuong"]
    findings = mapping.check(copy.deepcopy(issued_sample.data), texts, TODAY)
    assert [(f.rule, f.document) for f in findings] == [(rule, document)]


def _restating_a_count(service: DossierService, folder: Path) -> int:
    """A draft whose Tờ trình restates, in free text, a count the nominee list does not have."""
    data = _dossier_data(folder)
    values = _load(data)
    values["to_trinh_khen_thuong"]["mo_dau"].append("Hội đồng đã chọn 05 tập thể và 12 cá nhân.")
    data.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    return service.create(service.workspace.user("minh"), "khen_thuong", data).dossier.id


def test_free_text_restating_a_count_refuses_the_submit(
    service: DossierService, tmp_path: Path
) -> None:
    user = service.workspace.user
    dossier_id = _restating_a_count(service, tmp_path)
    with pytest.raises(ValidationError) as refused:
        service.advance(user("minh"), dossier_id, "submit")
    assert "[derived-text] to_trinh_khen_thuong.mo_dau tự ghi “05 tập thể”" in str(refused.value)
    assert service.show(dossier_id, user("minh")).dossier.state == "draft"


def test_the_rehearsal_refuses_before_the_write_lock(
    service: DossierService, tmp_path: Path
) -> None:
    """The issue is rehearsed before the store's write lock is taken, not while holding it."""
    user = service.workspace.user
    dossier_id = _restating_a_count(service, tmp_path)
    # Another writer holds SQLite's one write lock: a submit that needed it would wait the
    # whole busy timeout and then be refused as "the store is busy".
    writer = sqlite3.connect(tmp_path / ".vanban" / "vanban.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ValidationError) as refused:
            service.advance(user("minh"), dossier_id, "submit")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert "[derived-text]" in str(refused.value)
    assert service.show(dossier_id, user("minh")).dossier.state == "draft"


def test_a_meeting_after_today_refuses_the_review(service: DossierService, tmp_path: Path) -> None:
    user = service.workspace.user
    dossier_id = service.create(user("minh"), "khen_thuong", _dossier_data(tmp_path)).dossier.id
    service.advance(user("minh"), dossier_id, "submit")
    votes = _votes(tmp_path)
    votes.write_text(
        votes.read_text(encoding="utf-8").replace("ngay_hop: 2025-11-12", "ngay_hop: 2025-12-01"),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as refused:
        service.advance(user("an"), dossier_id, "review", patch_path=votes)
    assert "[dates]" in str(refused.value)


def test_a_member_who_is_a_nominee_is_reported_without_refusing(
    service: DossierService, tmp_path: Path
) -> None:
    votes = _votes(tmp_path)
    votes.write_text(
        votes.read_text(encoding="utf-8").replace("Đinh Văn Tiến", "Lò Văn Phương"),
        encoding="utf-8",
    )
    dossier_id = _issued(service, tmp_path, votes)
    findings = service.check_dossier(dossier_id)
    assert [(f.rule, f.note) for f in findings] == [("membership", True)]
    assert "“Lò Văn Phương” vừa là thành viên Hội đồng vừa được đề nghị" in findings[0].vi


def test_a_referral_without_its_own_list_is_found(service: DossierService, tmp_path: Path) -> None:
    dossier_id = _issued(service, tmp_path)
    texts = _texts(service, dossier_id)
    del texts["danh_sach_de_nghi_cap_tren"]
    data = service.show(dossier_id, service.workspace.user("lan")).dossier.data
    findings = service.mappings["khen_thuong"].check(data, texts, TODAY)
    assert [(f.rule, f.document) for f in findings] == [("referrals", "danh_sach_de_nghi_cap_tren")]
    assert "thiếu danh sách riêng" in findings[0].vi


def test_a_referral_list_when_nobody_was_referred_is_found(
    service: DossierService, tmp_path: Path
) -> None:
    votes = _votes(tmp_path)
    text = votes.read_text(encoding="utf-8")
    votes.write_text(
        text.replace(
            "    ket_qua: đề nghị cấp trên khen thưởng\n    de_nghi: Bằng khen của Thủ tướng Chính "
            "phủ\n",
            "    ket_qua: đồng ý\n",
        ),
        encoding="utf-8",
    )
    dossier_id = _issued(service, tmp_path, votes)
    texts = _texts(service, dossier_id)
    assert "danh_sach_de_nghi_cap_tren" not in texts  # no referral: no list
    assert service.check_dossier(dossier_id) == []
    texts["danh_sach_de_nghi_cap_tren"] = texts["danh_sach_khen_thuong"]
    data = service.show(dossier_id, service.workspace.user("lan")).dossier.data
    findings = service.mappings["khen_thuong"].check(data, texts, TODAY)
    assert ("referrals", "danh_sach_de_nghi_cap_tren") in [(f.rule, f.document) for f in findings]
