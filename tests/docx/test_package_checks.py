"""Hostile .docx packages are refused before python-docx reads them."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.conftest import TEMPLATES
from tests.docx.repack import repack
from vanban.docx.package_checks import PackageLimits, check_docx_bytes
from vanban.errors import TemplateError

GOOD = (TEMPLATES / "ke_hoach.docx").read_bytes()


def _repack(extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> bytes:
    return repack(GOOD, extra, replace)


def test_good_template_passes() -> None:
    check_docx_bytes(GOOD, "ke_hoach.docx")


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"", "không phải gói .docx"),
        (b"%PDF-1.7 not a docx", "không phải gói .docx"),
        (_repack({"word/media/bomb.bin": b"\0" * (20 * 1024 * 1024)}), "zip bomb"),
        (_repack({"word/vbaProject.bin": b"macro"}), "macro"),
        (_repack({"../../evil.txt": b"x"}), "đường dẫn"),
    ],
    ids=["empty", "not-zip", "zip-bomb", "macro", "path-traversal"],
)
def test_hostile_packages(data: bytes, phrase: str) -> None:
    with pytest.raises(TemplateError, match=phrase):
        check_docx_bytes(data, "x.docx")


def test_macro_enabled_content_type() -> None:
    with zipfile.ZipFile(io.BytesIO(GOOD)) as package:
        types = package.read("[Content_Types].xml")
    macro = types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    assert macro != types
    with pytest.raises(TemplateError, match="macro"):
        check_docx_bytes(_repack({}, {"[Content_Types].xml": macro}), "x.docx")


def test_external_relationship_is_refused_but_hyperlinks_are_not() -> None:
    with zipfile.ZipFile(io.BytesIO(GOOD)) as package:
        rels = package.read("word/_rels/document.xml.rels")
    remote = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/attachedTemplate" Target="http://evil/t.dotm" TargetMode="External"/>'
        b"</Relationships>",
    )
    with pytest.raises(TemplateError, match="bên ngoài"):
        check_docx_bytes(_repack({}, {"word/_rels/document.xml.rels": remote}), "x.docx")
    link = remote.replace(b"attachedTemplate", b"hyperlink")
    check_docx_bytes(_repack({}, {"word/_rels/document.xml.rels": link}), "x.docx")


def test_limits_on_size_and_member_count() -> None:
    with pytest.raises(TemplateError, match="quá lớn"):
        check_docx_bytes(GOOD, "x.docx", PackageLimits(max_file_bytes=1000))
    with pytest.raises(TemplateError, match="quá nhiều"):
        check_docx_bytes(GOOD, "x.docx", PackageLimits(max_members=3))
    with pytest.raises(TemplateError, match="giải nén quá lớn"):
        check_docx_bytes(GOOD, "x.docx", PackageLimits(max_uncompressed_bytes=1000))


def test_encrypted_member_is_refused() -> None:
    data = bytearray(GOOD)
    # Set the "encrypted" flag bit in every central-directory entry.
    position = data.find(b"PK\x01\x02")
    while position != -1:
        data[position + 8] |= 0x1
        position = data.find(b"PK\x01\x02", position + 4)
    with pytest.raises(TemplateError, match="mã hóa"):
        check_docx_bytes(bytes(data), "x.docx")
