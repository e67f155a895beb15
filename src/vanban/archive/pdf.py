"""Reading a PDF offered for the archive: size first, then structure (pypdf), refusing plainly.

A file is refused before it is read when it is larger than the limit, and after reading when it
is empty, not a PDF, truncated, damaged, encrypted, holds something a viewer would run by itself
(JavaScript, /Launch, /AA: ``active_content.py``) or has no page. Nothing here decides about
signatures; ``signatures.py`` does that on the bytes returned.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from vanban.archive.active_content import MAX_NODES, TooComplexError, find_active_content
from vanban.errors import ValidationError

MAX_PDF_BYTES = 50 * 1024 * 1024
# The PDF header may follow a little junk and %%EOF may be followed by some (ISO 32000-1 7.5.2,
# 7.5.5 and the readers' 1024-byte tolerance); beyond that the file is not whole.
_TOLERANCE = 1024
_UNFINISHED = re.compile(rb"\bobj\b|\bxref\b|\btrailer\b|\bstartxref\b")


class AttachmentError(ValidationError):
    """A file offered for attachment cannot be accepted (size, structure, signature, name)."""


@dataclass(frozen=True)
class PdfFile:
    """A PDF read whole and found sound: its name, bytes and number of pages."""

    name: str
    content: bytes
    pages: int


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _refuse(path: Path, vi: str, en: str) -> AttachmentError:
    return AttachmentError(f"Không nhận tệp “{path.name}”: {vi}", f"“{path.name}” refused: {en}")


def attachment_name(path: Path) -> str:
    """Return the name under which ``path`` is kept: its base name, NFC, without control chars.

    A name that would be unsafe in an exported package (hidden, or holding control characters)
    is refused instead of silently changed.
    """
    name = unicodedata.normalize("NFC", path.name)
    if not name or name.startswith(".") or any(unicodedata.category(c) == "Cc" for c in name):
        raise _refuse(
            path,
            "tên tệp có ký tự điều khiển hoặc bắt đầu bằng dấu chấm. Hãy đổi tên tệp rồi thử lại.",
            "the file name holds control characters or starts with a dot. Rename it and retry.",
        )
    return name


def read_pdf(path: Path, max_bytes: int = MAX_PDF_BYTES) -> PdfFile:
    """Read the PDF at ``path`` after checking its size; refuse it if it is not sound."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise _refuse(
            path,
            "không tìm thấy tệp. Hãy kiểm tra lại đường dẫn.",
            "the file does not exist. Check the path.",
        ) from exc
    except OSError as exc:
        raise _refuse(
            path, f"không đọc được tệp ({exc.strerror}).", f"cannot read it ({exc.strerror})."
        ) from exc
    if not path.is_file():
        raise _refuse(path, "đây không phải là một tệp.", "it is not a file.")
    if size > max_bytes:
        raise _refuse(
            path,
            f"tệp nặng {_mb(size)} MB, quá giới hạn {_mb(max_bytes)} MB. "
            "Hãy xuất lại bản PDF nhỏ hơn (ví dụ giảm độ phân giải ảnh quét) rồi ký lại.",
            f"it is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:.1f} MB limit. "
            "Export a smaller PDF (e.g. lower the scan resolution) and sign it again.",
        )
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise _refuse(
            path, f"không đọc được tệp ({exc.strerror}).", f"cannot read it ({exc.strerror})."
        ) from exc
    return PdfFile(attachment_name(path), content, check_pdf(content, path))


def check_pdf(content: bytes, path: Path) -> int:
    """Check that ``content`` is a whole, readable, unencrypted PDF; return its page count."""
    if not content:
        raise _refuse(
            path,
            "tệp rỗng (0 byte). Hãy chọn đúng tệp PDF đã ký.",
            "the file is empty (0 bytes). Choose the signed PDF.",
        )
    if b"%PDF-" not in content[:_TOLERANCE]:
        raise _refuse(
            path,
            "đây không phải là tệp PDF. Hãy chọn tệp PDF đã ký (đuôi .pdf).",
            "it is not a PDF. Choose the signed PDF file.",
        )
    end = content.rfind(b"%%EOF")
    # A whole file ends with %%EOF (give or take some trailing bytes); an object, xref or trailer
    # after the last one is an update cut off midway, e.g. a signature only half downloaded.
    if 0 <= end < len(content) - _TOLERANCE and not _UNFINISHED.search(content, end + 5):
        # Whole, then something else appended: not a cut-off file, and not a PDF update either.
        extra = len(content) - end - 5
        raise _refuse(
            path,
            f"sau phần kết thúc của tệp PDF (%%EOF) còn {extra} byte dữ liệu lạ: tệp đã bị ghép "
            "hoặc sửa sau khi tạo. Hãy lấy lại đúng tệp PDF gốc đã ký.",
            f"{extra} bytes of unknown data follow the end of the PDF (%%EOF): the file was "
            "joined or changed after it was made. Get the original signed PDF again.",
        )
    if end < 0 or end < len(content) - _TOLERANCE or _UNFINISHED.search(content, end + 5):
        raise _refuse(
            path,
            "tệp PDF bị cắt cụt (thiếu phần cuối). Hãy tải hoặc sao chép lại tệp gốc.",
            "the PDF is truncated (its end is missing). Download or copy the original again.",
        )
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
        active = None if encrypted else find_active_content(reader)
    except TooComplexError as exc:
        raise _refuse(
            path,
            f"tệp PDF có hơn {MAX_NODES} đối tượng, quá nhiều để kiểm tra. Hãy xuất lại "
            "tệp PDF gọn hơn từ văn bản gốc rồi ký lại.",
            f"the PDF holds more than {MAX_NODES} objects, too many to check. Export a "
            "simpler PDF from the original and sign it again.",
        ) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise _refuse(
            path,
            f"tệp PDF bị hỏng, không đọc được ({exc}). Hãy tải hoặc xuất lại tệp gốc.",
            f"the PDF is damaged and cannot be read ({exc}). Download or export it again.",
        ) from exc
    if encrypted:
        raise _refuse(
            path,
            "tệp PDF được mã hóa (đặt mật khẩu) nên không lưu trữ và kiểm tra được. "
            "Hãy xin bản không đặt mật khẩu.",
            "the PDF is encrypted (password-protected) and cannot be archived or checked. "
            "Ask for a copy without a password.",
        )
    if active is not None:
        raise _refuse(
            path,
            f"tệp PDF chứa {active.vi} (đối tượng {active.number}), sẽ tự chạy khi có người mở "
            "tệp. Văn bản đã ký không cần và không được có những thứ này; hãy xuất lại PDF từ "
            "văn bản gốc (không kèm mã, nút bấm hay biểu mẫu) rồi ký lại.",
            f"the PDF holds {active.en} (object {active.number}), which runs by itself when "
            "someone opens the file. A signed document needs none of this; export the PDF "
            "again from the original (without scripts, buttons or forms) and sign it again.",
        )
    if pages == 0:
        raise _refuse(
            path,
            "tệp PDF không có trang nào. Hãy chọn đúng tệp PDF đã ký.",
            "the PDF has no pages. Choose the signed PDF.",
        )
    return pages
