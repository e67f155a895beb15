"""Documents vanban did not make: direct formatting, other rule lines, LibreOffice, blanks."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.checker.corpus import run
from tests.checker.direct import build_appendix, build_direct, build_tabbed
from tests.checker.finding_paragraphs import paragraph
from tests.docx.crafting import ancestor
from vanban.checker import check_bytes, check_path
from vanban.docx.oxml import element_of, find_path

_WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"


def _rules(data: bytes) -> list[str]:
    report = check_bytes(data, "x.docx")
    assert report.error is None
    return [finding.rule for finding in report.findings]


def _changed(data: bytes, change: Callable[[Any], None]) -> bytes:
    document = Document(io.BytesIO(data))
    change(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "build", [build_direct, build_appendix, build_tabbed], ids=["ke-hoach", "phu-luc", "tabs"]
)
def test_direct_formatting_only_has_no_findings(build: Callable[[], bytes]) -> None:
    assert _rules(build()) == []


def _drop_shape(document: Any) -> None:
    for shape in document.element.body.iter(f"{_WPS}wsp"):
        drawing = ancestor(shape, "w:drawing")
        drawing.getparent().remove(drawing)


def _drop_bottom_border(document: Any) -> None:
    borders = find_path(element_of(paragraph(document, "Độc lập")), "w:pPr", "w:pBdr")
    borders.getparent().remove(borders)


def _drop_underscores(document: Any) -> None:
    paragraph(document, "___").runs[0].text = ""


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (_drop_shape, "ND30-PL1-1.2-co-quan-rule"),
        (_drop_bottom_border, "ND30-PL1-1.2-tieu-ngu-rule"),
        (_drop_underscores, "ND30-PL1-1.2-trich-yeu-rule"),
    ],
    ids=["drawn-line", "bottom-border", "underscores"],
)
def test_rule_lines_drawn_other_ways_are_seen(change: Callable[[Any], None], rule: str) -> None:
    assert _rules(_changed(build_direct(), change)) == [rule]


def test_tabbed_header_rules_are_seen() -> None:
    def drop_rules(document: Any) -> None:
        paragraph(document, "____").runs[0].text = "\t"

    assert _rules(_changed(build_tabbed(), drop_rules)) == [
        "ND30-PL1-1.2-tieu-ngu-rule",
        "ND30-PL1-1.2-co-quan-rule",
    ]


def test_tabbed_header_date_on_its_own_line_is_not_level() -> None:
    def move_date(document: Any) -> None:
        number = paragraph(document, "Số:")
        number.runs[-1].text = ""
        document.add_paragraph().add_run("\t\tSơn La, ngày 05 tháng 3 năm 2024")
        element_of(number).addnext(element_of(document.paragraphs[-1]))

    assert "ND30-PL1-1.2-dia-danh-ngay-level" in _rules(_changed(build_tabbed(), move_date))


def test_hidden_text_is_not_checked() -> None:
    def hide_red_arial(document: Any) -> None:
        target = run(document, "Sở Giáo dục và Đào tạo xây dựng")
        target.font.name, target.font.hidden = "Arial", True

    assert _rules(_changed(build_direct(), hide_red_arial)) == []


def test_all_caps_formatting_counts_as_capitals() -> None:
    def caps(document: Any) -> None:
        target = run(document, "KẾ HOẠCH")
        target.text, target.font.all_caps = "Kế hoạch", True

    assert _rules(_changed(build_direct(), caps)) == []


def test_libreoffice_copy_of_a_direct_document(soffice: str, tmp_path: Path) -> None:
    source = tmp_path / "direct.docx"
    source.write_bytes(build_direct())
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "docx",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    report = check_path(tmp_path / "out" / "direct.docx")
    assert report.error is None
    assert report.findings == ()


def test_an_empty_word_document_is_read_not_crashed() -> None:
    buffer = io.BytesIO()
    Document().save(buffer)
    rules = _rules(buffer.getvalue())
    # python-docx's stock document is US Letter with 1-inch margins, and has no parts at all.
    assert rules == ["ND30-PL1-1.1-paper", "ND30-PL1-1.1-margins"] + ["ND30-PL1-1.2-required"] * 9
