"""``vanban convert`` and legacy text in data, lists and ``vanban check``: real files only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest

from tests.conftest import CliResult
from vanban.awards import read_nominees
from vanban.errors import OutputError, ValidationError
from vanban.services.conversion import convert_file

Run = Callable[..., CliResult]

TCVN3_UBND = "Uû ban nh©n d©n"  # "Uỷ ban nhân dân" typed with a .VnTime font
VNI_QUOC_HIEU = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"


def _sheet(path: Path, rows: list[tuple[str, ...]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


FORM = "Giấy khen của Chủ tịch Hội Khuyến học tỉnh"
HEADER = ("STT", "Họ và tên", "Cá nhân/Tập thể", "Chức vụ", "Đơn vị", "Hình thức khen thưởng")


def test_a_yaml_file_is_converted_line_by_line_into_a_new_file(tmp_path: Path) -> None:
    source = tmp_path / "du_lieu.yaml"
    original = f"co_quan: {TCVN3_UBND}\ntrich_yeu: {VNI_QUOC_HIEU}\ndia_danh: Sơn La\n"
    source.write_text(original, encoding="utf-8")
    result = convert_file(source, "auto")
    assert result.output == tmp_path / "du_lieu.unicode.yaml"
    assert result.changed == 2
    assert result.output.read_text(encoding="utf-8") == (
        "co_quan: Uỷ ban nhân dân\ntrich_yeu: Cộng hòa xã hội chủ nghĩa Việt Nam\n"
        "dia_danh: Sơn La\n"
    )
    assert source.read_text(encoding="utf-8") == original  # never changed in place
    with pytest.raises(OutputError, match="không ghi đè"):
        convert_file(source, "auto")


def test_an_explicit_encoding_leaves_unicode_lines_alone(tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text("a: Hµ Néi\nb: Hà Nội\n", encoding="utf-8")
    out = convert_file(source, "tcvn3", tmp_path / "b.yaml").output
    assert out.read_text(encoding="utf-8") == "a: Hà Nội\nb: Hà Nội\n"


def test_a_tcvn3_nominee_list_is_refused_and_converted_on_request(tmp_path: Path) -> None:
    listed = _sheet(
        tmp_path / "danh_sach.xlsx",
        [HEADER, ("1", "Lß ThÞ Minh", "Cá nhân", "Hội viên", "X· ChiÒng P¾c", FORM)],
    )
    with pytest.raises(ValidationError) as caught:
        read_nominees(listed)
    message = caught.value.text()
    assert "dòng 2" in message
    assert "“Họ và tên”" in message
    assert "TCVN3" in message
    assert f"vanban convert --from tcvn3 {listed}" in message
    converted = convert_file(listed, "auto").output
    sheet = openpyxl.load_workbook(converted).active
    assert sheet is not None
    assert [cell.value for cell in sheet[2]][1:5] == [
        "Lò Thị Minh",
        "Cá nhân",
        "Hội viên",
        "Xã Chiềng Pắc",
    ]
    assert read_nominees(converted)[0].name == "Lò Thị Minh"


def test_a_docx_is_converted_and_its_legacy_font_replaced(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
    paragraph.runs[0].font.name = ".VnTimeH"
    document.add_paragraph("Đoạn đã là Unicode.")
    source = tmp_path / "cu.docx"
    document.save(str(source))
    result = convert_file(source, "auto")
    converted = docx.Document(str(result.output))
    # .VnTimeH draws every letter as a capital: the office saw (and printed) capitals.
    assert [p.text for p in converted.paragraphs] == [
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Đoạn đã là Unicode.",
    ]
    assert converted.paragraphs[0].runs[0].font.name == "Times New Roman"


def test_convert_and_check_on_the_command_line(run_cli: Run, tmp_path: Path) -> None:
    run = run_cli
    document = docx.Document()
    document.add_paragraph("§éc lËp - Tù do - H¹nh phóc")
    source = tmp_path / "cu.docx"
    document.save(str(source))
    checked: CliResult = run("check", source)
    assert checked.exit_code == 1
    assert "ND30-PL1-1.1-unicode" in checked.stdout
    assert "nghĩa là “Độc lập - Tự do - Hạnh phúc”" in checked.stdout
    converted: CliResult = run("convert", "--from", "tcvn3", source)
    assert converted.exit_code == 0, converted.stderr
    assert (tmp_path / "cu.unicode.docx").is_file()
    refused: CliResult = run("--lang", "en", "convert", source)
    assert refused.exit_code == 1
    assert "already exists" in refused.stderr


def test_legacy_text_in_document_data_names_field_and_line(run_cli: Run, tmp_path: Path) -> None:
    data = tmp_path / "du_lieu.yaml"
    data.write_text(f"trich_yeu: Kế hoạch\nco_quan: {TCVN3_UBND}\n", encoding="utf-8")
    result: CliResult = run_cli("render", "ke_hoach", data, "-o", tmp_path / "out.docx")
    assert result.exit_code == 1
    assert "dòng 2 (co_quan)" in result.stderr
    assert "nghĩa là “Uỷ ban nhân dân”" in result.stderr
    assert not (tmp_path / "out.docx").exists()
