"""Signing use cases at the service level: a year that turns between signing and issue, a
leader's copy changed in the store, and a draft whose data names last year."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.signing.helpers import PASSWORD, approved_dossier, signing_workspace
from vanban.errors import IntegrityError, WorkflowError
from vanban.services.archive import ArchiveService
from vanban.services.dossiers import DossierService
from vanban.services.signing import SigningService
from vanban.signing.placement import printed_year
from vanban.workspace import load_workspace

pytestmark = pytest.mark.pdf


class Clock:
    """A clock the test moves: the services read the time through it."""

    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment


def _services(root: Path, clock: Clock) -> tuple[DossierService, SigningService]:
    dossiers = DossierService(load_workspace(root), clock=clock)
    return dossiers, SigningService(ArchiveService(dossiers))


def _leader_copy(dossiers: DossierService, dossier_id: int) -> bytes:
    with dossiers.store.read() as tx:
        [record] = [d for d in tx.current_documents(dossier_id) if d.name.endswith(".pdf")]
        return tx.get_blob(record.sha256)


def test_a_year_that_turns_before_sealing_needs_the_leader_again(
    tmp_path: Path, soffice: str
) -> None:
    root = signing_workspace(tmp_path / "ws")
    dossier_id = approved_dossier(root, SAMPLES / "ke_hoach_hkh_son_la_2024.yaml")
    clock = Clock(dt.datetime(2026, 12, 31, 3, 0, tzinfo=dt.UTC))
    dossiers, signing = _services(root, clock)
    huong, lan = dossiers.workspace.user("huong"), dossiers.workspace.user("lan")
    signing.sign_as_leader(huong, dossier_id, PASSWORD)
    assert printed_year(_leader_copy(dossiers, dossier_id)) == 2026
    clock.moment = dt.datetime(2027, 1, 4, 3, 0, tzinfo=dt.UTC)
    dossiers.advance(lan, dossier_id, "issue")
    with pytest.raises(WorkflowError) as caught:
        signing.seal(lan, dossier_id, PASSWORD)
    assert "in năm 2026, nhưng văn bản ban hành năm 2027" in caught.value.text()
    signing.sign_as_leader(huong, dossier_id, PASSWORD)  # signs again, now "năm 2027"
    assert printed_year(_leader_copy(dossiers, dossier_id)) == 2027
    sealed = signing.seal(lan, dossier_id, PASSWORD)
    assert [c.problem for c in sealed.signatures] == [None, None]
    with pytest.raises(WorkflowError):
        signing.sign_as_leader(huong, dossier_id, PASSWORD)  # sealed: never signed again


def test_a_leaders_copy_changed_in_the_store_is_not_sealed(tmp_path: Path, soffice: str) -> None:
    root = signing_workspace(tmp_path / "ws")
    dossier_id = approved_dossier(root, SAMPLES / "ke_hoach_hkh_son_la_2024.yaml")
    dossiers, signing = _services(root, Clock(dt.datetime.now(dt.UTC)))
    signing.sign_as_leader(dossiers.workspace.user("huong"), dossier_id, PASSWORD)
    dossiers.advance(dossiers.workspace.user("lan"), dossier_id, "issue")
    copy = _leader_copy(dossiers, dossier_id)
    at = copy.index(b"/MediaBox")
    with sqlite3.connect(root / ".vanban" / "vanban.db") as db:
        db.execute(
            "UPDATE blobs SET content = ? WHERE content = ?",
            (copy[:at] + b"/MediaBoy" + copy[at + 9 :], copy),
        )
    with pytest.raises(IntegrityError) as caught:
        signing.seal(dossiers.workspace.user("lan"), dossier_id, PASSWORD)
    assert caught.value.exit_code == 3
    assert "không còn khớp với mã sha256" in caught.value.text()
    with dossiers.store.read() as tx:
        assert tx.attachments(dossier_id) == []


def test_a_draft_naming_last_year_is_signed_with_this_years_date_line(
    tmp_path: Path, soffice: str
) -> None:
    root = signing_workspace(tmp_path / "ws")
    sample = SAMPLES / "ke_hoach_hkh_son_la_2024.yaml"
    lines = [line for line in sample.read_text(encoding="utf-8").splitlines()]
    with_year = tmp_path / "nam.yaml"
    with_year.write_text("\n".join([*lines, "nam: 2024"]) + "\n", encoding="utf-8")
    dossier_id = approved_dossier(root, with_year)
    now = dt.datetime.now(dt.UTC)
    dossiers, signing = _services(root, Clock(now))
    signing.sign_as_leader(dossiers.workspace.user("huong"), dossier_id, PASSWORD)
    this_year = now.astimezone(dt.timezone(dt.timedelta(hours=7))).year
    assert printed_year(_leader_copy(dossiers, dossier_id)) == this_year
