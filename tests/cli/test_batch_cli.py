"""``vanban batch`` through the real command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, CliResult
from tests.services.test_batch import write_common, write_list
from vanban.docx.reading import document_lines

Run = Callable[..., CliResult]


@pytest.mark.slow
def test_batch_prints_every_nominee(run_cli: Run, tmp_path: Path) -> None:
    names = write_list(tmp_path / "ds.yaml", 500)
    common = write_common(tmp_path / "chung.yaml")
    out = tmp_path / "in"
    result = run_cli(
        "batch", "giay_khen", "--data", tmp_path / "ds.yaml", "--common", common, "-o", out,
        "--jobs", "2",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Đã soạn 500 văn bản" in result.stdout
    files = sorted(out.glob("*.docx"))
    assert len(files) == 500
    for path, name in zip(files, names, strict=True):
        assert name in document_lines(path.read_bytes())


def test_batch_refuses_a_spreadsheet_that_mixes_forms(run_cli: Run, tmp_path: Path) -> None:
    # The sample list holds Bằng khen and Giấy khen nominees: a Giấy khen run prints none.
    common = write_common(tmp_path / "chung.yaml")
    out = tmp_path / "in"
    data = SAMPLES / "khen_thuong" / "danh_sach.xlsx"
    result = run_cli("batch", "giay_khen", "--data", data, "--common", common, "-o", out)
    assert result.exit_code == 1
    assert "không in trên phôi “Giấy khen" in result.stderr
    assert "Hội Khuyến học huyện Thuận Châu" in result.stderr
    assert not out.exists()


def test_bad_list_exits_1_with_row_numbers(run_cli: Run, tmp_path: Path) -> None:
    write_list(tmp_path / "ds.yaml", 40, bad_rows=(5, 33))
    common = write_common(tmp_path / "chung.yaml")
    out = tmp_path / "in"
    result = run_cli(
        "batch", "giay_khen", "--data", tmp_path / "ds.yaml", "--common", common, "-o", out
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("  - dòng ") == 2
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chung.yaml", "ds.yaml"]


def test_bad_list_in_english(run_cli: Run, tmp_path: Path) -> None:
    write_list(tmp_path / "ds.yaml", 3, bad_rows=(2,))
    result = run_cli(
        "--lang", "en", "batch", "giay_khen", "--data", tmp_path / "ds.yaml", "-o", tmp_path / "o"
    )
    assert result.exit_code == 1
    assert "The list “ds.yaml”, line " in result.stderr
    assert "Fix it and import it again." in result.stderr


def test_unknown_template_is_refused(run_cli: Run, tmp_path: Path) -> None:
    write_list(tmp_path / "ds.yaml", 3)
    result = run_cli("batch", "khong_co", "--data", tmp_path / "ds.yaml", "-o", tmp_path / "o")
    assert result.exit_code == 1
    assert not (tmp_path / "o").exists()


@pytest.mark.pdf
def test_batch_merge(
    run_cli: Run, tmp_path: Path, soffice: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VANBAN_SOFFICE", soffice)
    write_list(tmp_path / "ds.yaml", 2)
    common = write_common(tmp_path / "chung.yaml")
    merged = tmp_path / "tat_ca.pdf"
    result = run_cli(
        "batch", "giay_khen", "--data", tmp_path / "ds.yaml", "--common", common,
        "-o", tmp_path / "in", "--merge", merged,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert merged.read_bytes().startswith(b"%PDF-")
    assert len(list((tmp_path / "in").glob("*.docx"))) == 2


def _list_on_second_sheet(tmp_path: Path, cover: list[str]) -> Path:
    """A workbook whose first sheet is a cover page (``cover``, maybe empty); the list sits on
    “Cá nhân”."""
    from openpyxl import load_workbook

    from vanban.awards import read_nominees, write_nominees_xlsx

    write_list(tmp_path / "ds.yaml", 3)
    path = tmp_path / "ds.xlsx"
    write_nominees_xlsx(read_nominees(tmp_path / "ds.yaml"), path, sheet_title="Cá nhân")
    workbook = load_workbook(path)
    sheet = workbook.create_sheet("Bìa", 0)
    if cover:
        sheet.append(cover)
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("lang", "cover"), [("vi", []), ("en", []), ("vi", ["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"])]
)
def test_a_list_on_another_sheet_is_named_and_chosen(
    run_cli: Run, tmp_path: Path, lang: str, cover: list[str]
) -> None:
    data = _list_on_second_sheet(tmp_path, cover)
    common = write_common(tmp_path / "chung.yaml")
    out = tmp_path / "gk"
    args = ("batch", "giay_khen", "--data", data, "--common", common, "-o", out)
    refused = run_cli("--lang", lang, *args)
    assert refused.exit_code == 1
    assert "“Bìa”, “Cá nhân”" in refused.stderr  # the sheets the file has
    assert "--sheet “Cá nhân”" in refused.stderr
    assert not out.exists()
    chosen = run_cli("--lang", lang, *args, "--sheet", "Cá nhân")
    assert chosen.exit_code == 0, chosen.stderr
    assert len(list(out.glob("*.docx"))) == 3


def test_a_sheet_for_a_list_that_has_none_is_refused(run_cli: Run, tmp_path: Path) -> None:
    write_list(tmp_path / "ds.yaml", 2)
    common = write_common(tmp_path / "chung.yaml")
    result = run_cli(
        "batch", "giay_khen", "--data", tmp_path / "ds.yaml", "--sheet", "A", "--common", common,
        "-o", tmp_path / "gk",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "--sheet" in result.stderr
    assert "không phải tệp Excel" in result.stderr
