"""The nominee list's columns as documented are the ones read; the example list reads back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import CliResult
from vanban.awards import read_nominees
from vanban.errors import OutputError
from vanban.services.nominee_lists import list_columns, write_list_example

Run = Callable[..., CliResult]


def test_the_example_list_reads_back_as_one_nominee(tmp_path: Path) -> None:
    path = write_list_example(tmp_path / "danh_sach.xlsx")
    (nominee,) = read_nominees(path)
    assert (nominee.name, nominee.kind) == ("Lò Thị Minh", "individual")
    with pytest.raises(OutputError, match="không ghi đè"):
        write_list_example(path)


def test_every_documented_heading_is_accepted(tmp_path: Path) -> None:
    columns = list_columns()
    assert [column.field for column in columns if column.required] == [
        "name",
        "kind",
        "unit",
        "form",
    ]
    longest = max(len(column.spellings) for column in columns)
    for variant in range(longest):
        headings = [column.spellings[min(variant, len(column.spellings) - 1)] for column in columns]
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.append(headings)
        sheet.append(
            [
                "Lò Thị Minh",
                "Cá nhân",
                "Nữ",
                "Hội viên",
                "Xã Chiềng Pấc",
                "Giấy khen của Chủ tịch Hội Khuyến học tỉnh",
                "Thành tích tốt",
            ]
        )
        path = tmp_path / f"ds_{variant}.xlsx"
        workbook.save(path)
        assert read_nominees(path)[0].unit == "Xã Chiềng Pấc", headings
        assert read_nominees(path)[0].sex == "Nữ", headings


def test_template_show_lists_the_columns_and_example_writes_the_file(
    run_cli: Run, tmp_path: Path
) -> None:
    shown = run_cli("template", "show", "giay_khen")
    assert shown.exit_code == 0
    assert "Danh sách cho “vanban batch --data”" in shown.stdout
    assert "Cá nhân/Tập thể" in shown.stdout
    assert "Tên tập thể" in shown.stdout
    english = run_cli("--lang", "en", "template", "show", "bang_khen")
    assert "The list for “vanban batch --data”" in english.stdout
    written = run_cli("template", "example", "giay_khen", "-o", tmp_path / "ds.xlsx")
    assert written.exit_code == 0, written.stderr
    assert read_nominees(tmp_path / "ds.xlsx")[0].name == "Lò Thị Minh"
    refused = run_cli("template", "example", "ke_hoach", "-o", tmp_path / "x.xlsx")
    assert refused.exit_code == 1
    assert not (tmp_path / "x.xlsx").exists()


def test_the_docs_table_is_the_reader_s_table() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "data-format.md").read_text("utf-8")
    section = docs.split("## Nominee lists for `vanban batch`")[1]
    rows = [line.split("|")[1:4] for line in section.splitlines() if line.startswith("| ")][1:]
    documented = [(first.strip(), also.strip()) for first, also, _ in rows]
    expected = [(column.spellings[0], "; ".join(column.spellings[1:])) for column in list_columns()]
    assert documented == expected
