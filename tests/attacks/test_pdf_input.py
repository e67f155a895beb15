"""A PDF offered for attachment is described truly (issue 10 item 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.archive.helpers import blank_pdf
from vanban.archive.pdf import AttachmentError, read_pdf


@pytest.mark.parametrize("junk", [b"A" * 2000, b"\0" * 5000, b"%%%%" * 600])
def test_junk_after_the_end_is_not_called_truncated(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "ghep.pdf"
    path.write_bytes(blank_pdf() + b"\n" + junk)
    with pytest.raises(AttachmentError) as caught:
        read_pdf(path)
    assert "cắt cụt" not in caught.value.text("vi")
    assert "%%EOF" in caught.value.text("vi")
    assert "follow the end of the PDF" in caught.value.text("en")


def test_a_little_trailing_whitespace_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.pdf"
    path.write_bytes(blank_pdf() + b"\n\n   \n")
    read_pdf(path)
