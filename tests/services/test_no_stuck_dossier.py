"""A dossier never gets stuck: last year's draft year, the way back from approved, and issue
problems found at submit, on a real SQLite workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from vanban.docx.reading import document_lines
from vanban.errors import NotPermittedError, ValidationError
from vanban.services.dossiers import DossierService
from vanban.workspace import init_workspace, load_workspace

PLAN_2022 = SAMPLES / "ke_hoach_tap_huan_hkh_son_la_2022.yaml"  # its data says nam: 2022


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 3, 0, tzinfo=dt.UTC)


def _approved(service: DossierService) -> int:
    user = service.workspace.user
    dossier_id = service.create(user("minh"), "ke_hoach", PLAN_2022).dossier.id
    service.advance(user("minh"), dossier_id, "submit")
    service.advance(user("an"), dossier_id, "review")
    service.advance(user("huong"), dossier_id, "approve")
    return dossier_id


@pytest.fixture
def service(tmp_path: Path) -> DossierService:
    init_workspace(tmp_path)
    return DossierService(load_workspace(tmp_path), clock=lambda: _at(dt.date(2026, 1, 5)))


def test_a_plan_approved_with_last_years_nam_is_issued_with_the_issue_date(
    service: DossierService,
) -> None:
    dossier_id = _approved(service)
    issued = service.advance(service.workspace.user("lan"), dossier_id, "issue")
    assert issued.dossier.state == "issued"
    assert "nam" not in issued.dossier.data  # the draft's year gave way to the issue date
    with service.store.read() as tx:
        lines = document_lines(tx.get_blob(issued.documents[0].sha256))
    assert "Sơn La, ngày 05 tháng 01 năm 2026" in lines


@pytest.mark.parametrize("login", ["huong", "lan"])
def test_the_approver_or_the_clerk_returns_an_approved_dossier_with_a_reason(
    service: DossierService, login: str
) -> None:
    user = service.workspace.user
    dossier_id = _approved(service)
    with pytest.raises(NotPermittedError):
        service.advance(user(login), dossier_id, "return")  # a reason is required
    returned = service.advance(user(login), dossier_id, "return", comment="Sửa năm kế hoạch")
    assert returned.dossier.state == "draft"
    last = service.history(dossier_id)[-1]
    assert (last.actor, last.from_state, last.comment) == (login, "approved", "Sửa năm kế hoạch")
    assert service.show(dossier_id, user("minh")).last_return == last


def test_what_issue_would_refuse_is_refused_at_submit(tmp_path: Path) -> None:
    # A workspace's own workflow whose issue also renders a Công văn: the plan's data lacks
    # its Kính gửi, so the issue would fail; submit finds it while the data can change.
    init_workspace(tmp_path)
    (tmp_path / "workflows").mkdir()
    shipped = (Path(__file__).resolve().parents[2] / "workflows" / "ke_hoach.yaml").read_text(
        encoding="utf-8"
    )
    (tmp_path / "workflows" / "ke_hoach.yaml").write_text(
        shipped.replace(
            "to: issued, roles: [clerk], render: true,",
            "to: issued, roles: [clerk], render: [ke_hoach, cong_van],",
        ),
        encoding="utf-8",
    )
    service = DossierService(load_workspace(tmp_path))
    user = service.workspace.user
    dossier_id = service.create(user("minh"), "ke_hoach", PLAN_2022).dossier.id
    with pytest.raises(ValidationError) as refused:
        service.advance(user("minh"), dossier_id, "submit")
    assert "khi ban hành, “cong_van” sẽ bị từ chối" in str(refused.value)
    assert service.show(dossier_id, user("minh")).dossier.state == "draft"
    assert len(service.history(dossier_id)) == 1
