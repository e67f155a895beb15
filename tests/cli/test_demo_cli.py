"""``vanban demo``: what ``make demo`` runs on a fresh machine."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import CliResult
from vanban.archive.signatures import load_trust_roots, validate_signatures
from vanban.docx.reading import document_lines

Run = Callable[..., CliResult]


def test_demo_runs_the_seed_dossiers_to_issued(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = run_cli("--json", "demo", folder)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["samples"]) == 18  # 9 documents and the 9 of an award dossier
    assert [d["state"] for d in report["dossiers"]] == ["issued"] * 6
    assert report["dossiers"][-1]["workflow"] == "khen_thuong"
    issued = {Path(path).name for path in report["issued_files"]}
    assert {"bao_cao_0002.docx", "ke_hoach_0001.docx", "ke_hoach_0005.docx"} <= issued
    assert {
        "to_trinh_khen_thuong_0006.docx",
        "danh_sach_khen_thuong_0006.docx",
        "danh_sach_de_nghi_cap_tren_0006.docx",  # the council's referral upward
        "bien_ban_hop_hoi_dong_0006.docx",
        "quyet_dinh_khen_thuong_0006.docx",
    } <= issued
    # The award dossier ends with one Giấy khen per nominee the council passed for it.
    certificates = [Path(path) for path in report["certificates"]]
    assert len(certificates) == 9
    first = document_lines(certificates[0].read_bytes())
    assert "Trung tâm học tập cộng đồng xã Tà Xùa" in first
    assert any("05/QĐ-HKH" in line for line in first)
    lines = document_lines((folder / "van_ban_ban_hanh" / "ke_hoach_0001.docx").read_bytes())
    assert "Số: 01/KH-HKH" in lines
    assert not any("ngày     tháng" in line for line in lines)
    # A document of another body gets none of the workspace's defaults (parent body, place).
    ha_nam = document_lines((folder / "van_ban_ban_hanh" / "ke_hoach_0004.docx").read_bytes())
    assert ha_nam[0] == "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM"
    sheet = load_workbook(folder / "so_van_ban_di.xlsx").active
    symbols = sorted(str(row[0].value) for row in sheet.iter_rows(min_row=3))
    assert symbols == [
        "01/BB-HĐTĐKT",  # the award dossier's Biên bản, Tờ trình and Quyết định: one number each
        "01/KH-HKH",
        "01/KH-TTr",
        "01/KH-UBND",
        "02/BC-HKH",
        "03/KH-HKH",
        "04/TTr-HKH",
        "05/QĐ-HKH",
    ]
    history = json.loads(
        run_cli("--json", "--workspace", folder, "--as", "minh", "history", 1).stdout
    )["history"]
    assert [event["event"] for event in history] == [
        "create",
        "submit",
        "return",
        "submit",
        "review",
        "approve",
        "sign",
        "issue",
        "sign",
    ]
    assert {event["actor"] for event in history} == {"minh", "an", "huong", "lan"}
    # That dossier was signed in the office's order with the sample keys (marked MẪU).
    sealed = folder / "van_ban_ban_hanh" / "ke_hoach_0001_da_ky.pdf"
    checks = validate_signatures(sealed.read_bytes(), sealed.name, load_trust_roots(folder))
    assert [(c.signer, c.trusted, c.problem) for c in checks] == [
        ("Mai Thu Hương", True, None),
        ("HỘI KHUYẾN HỌC TỈNH SƠN LA", True, None),
    ]
    # The whole award dossier agrees with itself: `vanban check --dossier` finds nothing.
    award = str(report["dossiers"][-1]["id"])
    checked = run_cli("--json", "--workspace", folder, "--as", "lan", "check", "--dossier", award)
    assert checked.exit_code == 0, checked.stdout
    assert json.loads(checked.stdout) == {"ok": True, "dossier": int(award), "findings": []}
    human = run_cli("--workspace", folder, "--as", "lan", "check", "--dossier", award)
    assert f"Hồ sơ {award}: 0 điểm chưa khớp." in human.stdout


def test_demo_prints_a_table(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("demo", tmp_path / "demo")
    assert result.exit_code == 0
    assert "Hồ sơ" in result.stdout
    assert "ke_hoach_0001.docx" in result.stdout
    assert "Sổ đăng ký văn bản đi" in result.stdout


def test_demo_refuses_an_existing_workspace(run_cli: Run, tmp_path: Path) -> None:
    assert run_cli("init", tmp_path / "ws").exit_code == 0
    result = run_cli("demo", tmp_path / "ws")
    assert result.exit_code == 1
    assert "thư mục mới" in result.stderr
