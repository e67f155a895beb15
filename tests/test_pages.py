"""The rendered samples as LibreOffice prints them: page numbers, level lines, intact letters."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from vanban.services.documents import DocumentService

pytestmark = pytest.mark.pdf
VIETNAMESE = "ăâđêôơưĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"


@pytest.fixture(scope="module")
def pdf(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    service = DocumentService()
    sample = next(s for s in service.samples() if s.name == "ke_hoach_hkh_son_la_2024")
    docx = folder / "ke_hoach.docx"
    service.render_to_file(sample.template_id, sample.data_path, docx)
    profile = folder / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / "ke_hoach.pdf"


def _page_text(pdf: Path, page: int) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
    )
    return unicodedata.normalize("NFC", result.stdout.decode("utf-8"))


def test_page_one_has_no_number_and_page_two_has_one(pdf: Path) -> None:
    first = [line.strip() for line in _page_text(pdf, 1).splitlines() if line.strip()]
    second = [line.strip() for line in _page_text(pdf, 2).splitlines() if line.strip()]
    assert first[0].startswith("UBND TỈNH SƠN LA")
    assert second[0] == "2"


def test_header_lines_are_level_and_letters_intact(pdf: Path) -> None:
    text = _page_text(pdf, 1)
    number_line = next(line for line in text.splitlines() if "Số: 03/KH-HKH" in line)
    assert "Sơn La, ngày 29 tháng 01 năm 2024" in number_line  # level with Số
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    all_text = "".join(_page_text(pdf, page) for page in range(1, 4))
    present = {letter for letter in VIETNAMESE + VIETNAMESE.upper() if letter in all_text}
    assert {"đ", "ư", "ơ", "ạ", "ế", "ộ", "ử", "Đ", "Ạ", "Ế", "Ộ"} <= present
