"""Reading a PDF offered for attachment: every unsound file is refused with a plain sentence."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter

from tests.archive.helpers import blank_pdf, make_ca, sign
from vanban.archive.pdf import MAX_PDF_BYTES, AttachmentError, attachment_name, read_pdf
from vanban.errors import ValidationError


def _refusal(path: Path, max_bytes: int = MAX_PDF_BYTES) -> AttachmentError:
    with pytest.raises(AttachmentError) as caught:
        read_pdf(path, max_bytes)
    error = caught.value
    assert isinstance(error, ValidationError)
    assert error.exit_code == 1
    assert path.name in error.text("vi")
    assert "Traceback" not in error.text("vi")
    return error


def test_a_sound_pdf_is_read_whole_with_its_pages(tmp_path: Path) -> None:
    content = sign(blank_pdf(3), make_ca().issue("Nguyễn Văn An"))
    path = tmp_path / "ban_ky.pdf"
    path.write_bytes(content)
    pdf = read_pdf(path)
    assert (pdf.name, pdf.content, pdf.pages) == ("ban_ky.pdf", content, 3)


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "ghi_chu.pdf"
    path.write_text("Đây là một tệp văn bản, không phải PDF.\n" * 20, encoding="utf-8")
    error = _refusal(path)
    assert "không phải là tệp PDF" in error.text("vi")
    assert "not a PDF" in error.text("en")


def test_truncated(tmp_path: Path) -> None:
    content = sign(blank_pdf(), make_ca().issue("Nguyễn Văn An"))
    path = tmp_path / "cut.pdf"
    path.write_bytes(content[: len(content) // 2])
    error = _refusal(path)
    assert "bị cắt cụt" in error.text("vi")
    assert "truncated" in error.text("en")


def test_cut_inside_the_signature_update(tmp_path: Path) -> None:
    # The first revision's %%EOF is still near the end, but an object follows it unfinished.
    unsigned = blank_pdf()
    content = sign(unsigned, make_ca().issue("Nguyễn Văn An"))
    path = tmp_path / "cut.pdf"
    path.write_bytes(content[: len(unsigned) + 300])
    assert "bị cắt cụt" in _refusal(path).text("vi")


def test_empty(tmp_path: Path) -> None:
    path = tmp_path / "rong.pdf"
    path.write_bytes(b"")
    error = _refusal(path)
    assert "tệp rỗng" in error.text("vi")
    assert "empty" in error.text("en")


def test_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "lon.pdf"
    with path.open("wb") as handle:  # sparse: the size is there, the bytes were never written
        handle.truncate(MAX_PDF_BYTES + 1)
    error = _refusal(path)
    assert "quá giới hạn 50,0 MB" in error.text("vi")
    assert "over the 50.0 MB limit" in error.text("en")


def test_the_limit_can_be_lowered(tmp_path: Path) -> None:
    path = tmp_path / "nho.pdf"
    path.write_bytes(blank_pdf())
    assert "quá giới hạn" in _refusal(path, max_bytes=100).text("vi")


def test_encrypted(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("mật khẩu")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "khoa.pdf"
    path.write_bytes(buffer.getvalue())
    error = _refusal(path)
    assert "được mã hóa" in error.text("vi")
    assert "encrypted" in error.text("en")


def test_no_page(tmp_path: Path) -> None:
    path = tmp_path / "khong_trang.pdf"
    path.write_bytes(blank_pdf(pages=0))
    assert "không có trang nào" in _refusal(path).text("vi")


def test_damaged_structure(tmp_path: Path) -> None:
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200 + b"\n%%EOF\n")
    assert "bị hỏng" in _refusal(path).text("vi")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "không tìm thấy tệp" in _refusal(tmp_path / "khong_co.pdf").text("vi")
    folder = tmp_path / "thu_muc.pdf"
    folder.mkdir()
    assert "không phải là một tệp" in _refusal(folder).text("vi")


def test_names_are_kept_as_given_in_nfc(tmp_path: Path) -> None:
    decomposed = "bao_cao_đa\u0303_ky.pdf"  # "ã" as a + combining tilde, as macOS writes it
    assert attachment_name(tmp_path / decomposed) == "bao_cao_đã_ky.pdf"


@pytest.mark.parametrize("name", [".an.pdf", "dong\nmoi.pdf"])
def test_unsafe_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(AttachmentError, match="tên tệp"):
        attachment_name(tmp_path / name)
