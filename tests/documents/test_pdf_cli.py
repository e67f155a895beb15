"""``--pdf`` on ``vanban render`` and ``vanban export`` through the real command line."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLES, CliResult

Run = Callable[..., CliResult]
SAMPLE = SAMPLES / "ke_hoach_hkh_son_la_2024.yaml"


def _pages(path: Path) -> int:
    return len(PdfReader(io.BytesIO(path.read_bytes())).pages)


@pytest.fixture
def workspace(run_cli: Run, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    assert run_cli("init", "--training", folder).exit_code == 0
    data = SAMPLE.read_text(encoding="utf-8")
    lines = [line for line in data.splitlines() if not line.startswith(("so:", "ngay:"))]
    (folder / "ke_hoach.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _new_dossier(run_cli: Run, workspace: Path) -> int:
    result = run_cli(
        "--workspace", workspace, "--as", "minh", "--json", "new", "ke_hoach",
        workspace / "ke_hoach.yaml",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return int(json.loads(result.stdout)["dossier"]["id"])


@pytest.mark.pdf
def test_render_pdf_writes_both_files(
    run_cli: Run, tmp_path: Path, soffice: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VANBAN_SOFFICE", soffice)
    out = tmp_path / "ke_hoach.docx"
    result = run_cli("--json", "render", "ke_hoach", SAMPLE, "-o", out, "--pdf")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["pdf"] == str(tmp_path / "ke_hoach.pdf")
    assert out.is_file()
    pdf = tmp_path / "ke_hoach.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    root: Any = PdfReader(io.BytesIO(pdf.read_bytes())).trailer["/Root"].get_object()
    assert b"<pdfaid:part>2</pdfaid:part>" in root["/Metadata"].get_object().get_data()
    assert "Đã ghi bản PDF" in run_cli("render", "ke_hoach", SAMPLE, "-o", out, "--pdf").stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke_hoach.docx", "ke_hoach.pdf"]


@pytest.mark.pdf
def test_export_pdf_writes_each_pdf_and_the_dossier_file(
    run_cli: Run, workspace: Path, tmp_path: Path, soffice: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VANBAN_SOFFICE", soffice)
    dossier = _new_dossier(run_cli, workspace)
    out = tmp_path / "xuat"
    result = run_cli(
        "--workspace", workspace, "--as", "minh", "export", dossier, "-o", out, "--pdf"
    )
    assert result.exit_code == 0, result.stderr
    name = f"ke_hoach_{dossier:04d}"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{name}.docx", f"{name}.pdf", f"ho_so_{dossier}.pdf"]
    )
    merged = PdfReader(io.BytesIO((out / f"ho_so_{dossier}.pdf").read_bytes()))
    assert [getattr(item, "title", None) for item in merged.outline] == [name]
    assert len(merged.pages) == _pages(out / f"{name}.pdf")
    assert "3 tệp" in result.stdout


def test_render_pdf_without_libreoffice_fails_cleanly(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VANBAN_SOFFICE", str(tmp_path / "khong_co" / "soffice"))
    out = tmp_path / "ke_hoach.docx"
    for lang, phrase in (("vi", "Không tìm thấy LibreOffice"), ("en", "LibreOffice was not found")):
        result = run_cli("--lang", lang, "render", "ke_hoach", SAMPLE, "-o", out, "--pdf")
        assert result.exit_code == 1
        assert "Traceback" not in result.stderr + result.stdout
        assert phrase in result.stderr
        assert "apt-get install libreoffice-writer-nogui fonts-liberation2" in result.stderr
    assert list(tmp_path.iterdir()) == [], "neither the .docx nor the PDF is left behind"


def test_export_pdf_without_libreoffice_writes_nothing(
    run_cli: Run, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier = _new_dossier(run_cli, workspace)
    monkeypatch.setenv("VANBAN_SOFFICE", str(tmp_path / "khong_co" / "soffice"))
    out = tmp_path / "xuat"
    result = run_cli(
        "--workspace", workspace, "--as", "minh", "export", dossier, "-o", out, "--pdf"
    )
    assert result.exit_code == 1
    assert "libreoffice-writer-nogui" in result.stderr
    assert not out.exists()
