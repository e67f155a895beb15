"""Issue 11's list of silent damages, each tried through ``vanban render`` as a secretary would.

Every one either renders exactly what was meant, or exits 1 with a message naming the field,
the line, the value as typed and the fix, in Vietnamese and with ``--lang en`` in English,
writing nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult
from vanban.docx.reading import document_lines

Run = Callable[..., CliResult]
# A plan small enough to read; line 5 is the line each case below replaces.
BASE = """\
co_quan: HỘI KHUYẾN HỌC TỈNH SƠN LA
ky_hieu_co_quan: HKH
dia_danh: Sơn La
trich_yeu: Tập huấn công tác khuyến học
mo_dau: "Hội Khuyến học tỉnh xây dựng kế hoạch tập huấn."
noi_dung:
  - tieu_de: Mục đích
    doan: ["Nâng cao năng lực cho cán bộ hội."]
ky: {thay_mat: HỘI KHUYẾN HỌC TỈNH, chuc_vu: CHỦ TỊCH, ho_ten: Mai Thu Hương}
"""
LINE_5 = 'mo_dau: "Hội Khuyến học tỉnh xây dựng kế hoạch tập huấn."\n'

# (what replaces line 5, [texts of the Vietnamese message], [texts of the English one])
REFUSED = {
    "flow list cut at commas": (
        "mo_dau: [Chủ trì, phối hợp các ngành, vận động nhân dân]\n",
        ["dòng 5", "mo_dau", "[Chủ trì, phối hợp các ngành", "cắt thành 3 đoạn", "dấu nháy"],
        ["line 5", "mo_dau", "[Chủ trì, phối hợp các ngành", "3 paragraphs", "quotes"],
    ),
    "colon inside a paragraph": (
        "mo_dau: Hội xây dựng kế hoạch như sau: tập huấn\n",
        ["dòng 5", "mo_dau: Hội xây dựng kế hoạch như sau: tập huấn", "trong dấu nháy"],
        ["line 5", "mo_dau: Hội xây dựng kế hoạch như sau: tập huấn", "in quotes"],
    ),
    "colon ending a paragraph, as in the docs' old example": (
        "mo_dau: Hội xây dựng kế hoạch như sau:\n",
        ["dòng 5", "mo_dau", "như sau:", "dấu nháy"],
        ["line 5", "mo_dau", "như sau:", "quotes"],
    ),
    "colon inside a flow item": (
        "mo_dau: [Phần lễ: dâng hương]\n",
        ["dòng 5", "mo_dau", "Phần lễ: dâng hương", "dấu hai chấm", "dấu nháy"],
        ["line 5", "mo_dau", "Phần lễ: dâng hương", "colon", "quotes"],
    ),
    "TCVN3 (ABC) text": (
        "mo_dau: Uû ban nh©n d©n tØnh x©y dùng kÕ ho¹ch\n",
        ["dòng 5", "mo_dau", "Uû ban nh©n d©n", "TCVN3", "vanban convert"],
        ["line 5", "mo_dau", "Uû ban nh©n d©n", "TCVN3", "vanban convert"],
    ),
    "UTF-8 read as Latin-1 (mojibake)": (
        "mo_dau: Há»™i Khuyáº¿n há»c tá»‰nh Sơn La\n",  # "học" lost its 0x8D on the way
        ["dòng 5", "mo_dau", "Há»™i Khuyáº¿n", "Hội Khuyến", "vanban convert --from utf8"],
        ["line 5", "mo_dau", "Há»™i Khuyáº¿n", "Hội Khuyến", "vanban convert --from utf8"],
    ),
    "a date that does not exist": (
        "so: 3\nngay: 2024-02-30\n" + LINE_5,
        ["dòng 6", "ngay", "không phải “2024-02-30”", "2024-01-29 hoặc 29/01/2024"],
        ["line 6", "ngay", "not “2024-02-30”", "2024-01-29 or 29/01/2024"],
    ),
}


def _data(tmp_path: Path, line_5: str) -> Path:
    path = tmp_path / "du_lieu.yaml"
    path.write_text(BASE.replace(LINE_5, line_5), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", list(REFUSED))
def test_each_silent_damage_is_now_one_located_refusal(
    run_cli: Run, tmp_path: Path, case: str, lang: str
) -> None:
    line_5, vi, en = REFUSED[case]
    out = tmp_path / "ke_hoach.docx"
    result = run_cli("--lang", lang, "render", "ke_hoach", _data(tmp_path, line_5), "-o", out)
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stderr
    for text in vi if lang == "vi" else en:
        assert text in result.stderr, (text, result.stderr)
    assert not out.exists()


def test_a_bad_date_is_one_error_not_two(run_cli: Run, tmp_path: Path) -> None:
    line_5, _, _ = REFUSED["a date that does not exist"]
    result = run_cli("render", "ke_hoach", _data(tmp_path, line_5), "-o", tmp_path / "x.docx")
    assert "phải có ngày ban hành" not in result.stderr  # the date is there, only wrong


@pytest.mark.parametrize(
    ("line", "written", "expected"),
    [
        # YAML 1.1 read 010 as octal 8; vanban reads the number 10.
        (LINE_5, "so: 010\nngay: 2024-01-29\n" + LINE_5, "Số: 10/KH-HKH"),
        # "\n" unquoted means what it means in double quotes: a line break.
        (
            "co_quan: HỘI KHUYẾN HỌC TỈNH SƠN LA\n",
            "co_quan: HỘI KHUYẾN HỌC\\nTỈNH SƠN LA\n",
            "HỘI KHUYẾN HỌC\nTỈNH SƠN LA",
        ),
        # One sentence in a flow list, quoted: one paragraph, commas and all.
        (
            LINE_5,
            'mo_dau: ["Chủ trì, phối hợp các ngành, vận động nhân dân."]\n',
            "Chủ trì, phối hợp các ngành, vận động nhân dân.",
        ),
    ],
    ids=["so-010", "newline-escape", "quoted-flow-item"],
)
def test_what_was_meant_is_what_renders(
    run_cli: Run, tmp_path: Path, line: str, written: str, expected: str
) -> None:
    data = tmp_path / "du_lieu.yaml"
    data.write_text(BASE.replace(line, written), encoding="utf-8")
    out = tmp_path / "ke_hoach.docx"
    result = run_cli("render", "ke_hoach", data, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert expected in document_lines(out.read_bytes())
