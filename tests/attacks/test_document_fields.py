"""Fields that used to break documents or the register (issue 10 item 8): a lower-case issuing
body code, a long trích yếu with quotes in the document properties."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx

from tests.archive.helpers import new_workspace
from tests.conftest import SAMPLES, CliResult
from vanban.docx.render import MAX_PROPERTY_CHARS  # noqa

Run = Callable[..., CliResult]


def _plan(path: Path, *, code: str = "HKH", subject: str | None = None) -> Path:
    lines = []
    for line in SAMPLES.joinpath("ke_hoach_hkh_son_la_2024.yaml").read_text("utf-8").splitlines():
        if line.startswith(("so:", "ngay:")):
            continue
        if line.startswith("ky_hieu_co_quan:"):
            line = f"ky_hieu_co_quan: {code}"
        if line.startswith("trich_yeu:") and subject is not None:
            line = "trich_yeu: '" + subject.replace("'", "''") + "'"
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_lower_case_code_does_not_fork_the_register(tmp_path: Path) -> None:
    service = new_workspace(tmp_path / "ws")
    user = service.workspace.user
    numbers = []
    for code in ("hkh", "HKH", " Hkh"):
        data = _plan(tmp_path / f"{code.strip()}.yaml", code=code)
        dossier_id = service.create(user("minh"), "ke_hoach", data).dossier.id
        for login, event in (("minh", "submit"), ("an", "review"), ("huong", "approve")):
            service.advance(user(login), dossier_id, event)
        numbers.append(service.advance(user("lan"), dossier_id, "issue").register_entry)
    assert [entry.number_and_symbol for entry in numbers if entry] == [
        "01/KH-HKH",
        "02/KH-HKH",
        "03/KH-HKH",
    ]
    assert {entry.organization for entry in numbers if entry} == {"HKH"}
    service.store.dispose()


def _title(path: Path) -> str:
    return str(docx.Document(io.BytesIO(path.read_bytes())).core_properties.title)


def test_a_long_subject_fits_the_document_properties(run_cli: Run, tmp_path: Path) -> None:
    subject = 'Triển khai phong trào "Cả nước thi đua" & <học tập> ' * 8
    out = tmp_path / "kh.docx"
    result = run_cli("render", "ke_hoach", _plan(tmp_path / "kh.yaml", subject=subject), "-o", out)
    assert result.exit_code == 0, result.stderr
    title = _title(out)
    assert len(title) <= MAX_PROPERTY_CHARS
    assert title.endswith("…")
    assert '"Cả nước thi đua" & <học tập>' in title
    assert "&#34;" not in title
    assert "&amp;" not in title
