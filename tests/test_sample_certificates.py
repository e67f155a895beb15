"""samples/giay_khen/duoc_khen.xlsx lists exactly those the sample award dossier's decision awards.

The README tour prints the Giấy khen from it after running samples/khen_thuong through the
council; when the sample dossier changes, this says so at once (not only in the slow tour).
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SAMPLES
from vanban.awards import read_nominees
from vanban.services.awards import awarded_nominees
from vanban.services.dossiers import DossierService
from vanban.workspace import init_workspace, load_workspace

DOSSIER = SAMPLES / "khen_thuong"


def test_the_shipped_list_is_the_one_the_sample_decision_awards(tmp_path: Path) -> None:
    init_workspace(tmp_path, training=True)
    service = DossierService(load_workspace(tmp_path))
    user = service.workspace.user
    dossier = service.create(user("minh"), "khen_thuong", DOSSIER / "ho_so.yaml").dossier.id
    service.advance(user("minh"), dossier, "submit")
    reviewed = service.advance(user("an"), dossier, "review", patch_path=DOSSIER / "votes.yaml")
    awarded = awarded_nominees(reviewed.dossier.data)
    shipped = read_nominees(SAMPLES / "giay_khen" / "duoc_khen.xlsx")
    assert [(n.name, n.kind, n.position, n.unit, n.form_name, n.achievement) for n in shipped] == [
        (n.name, n.kind, n.position, n.unit, n.form_name, n.achievement) for n in awarded
    ], "write samples/giay_khen/duoc_khen.xlsx again: make demo, then copy demo-output/du_lieu/"
