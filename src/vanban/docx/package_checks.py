"""Checks a .docx package before python-docx, docxtpl or LibreOffice open it.

python-docx reads every referenced part into memory eagerly, so a 1 MB file can hold a 1 GiB
part. Everything here reads only the zip central directory and the small
XML parts it must inspect, so a hostile file costs milliseconds, not memory. Reading a .docx
file from disk with these limits is documents.package_guard.read_docx.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from vanban.docx.namespaces import HYPERLINK_RELATIONSHIPS, WORD_NAMESPACES
from vanban.errors import TemplateError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
_MACRO_CONTENT_TYPE = b"application/vnd.ms-word.document.macroenabled"
# No DTDs, no entities, no network: a .rels part is read as data, never as instructions.
_SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
)


@dataclass(frozen=True)
class PackageLimits:
    """Size limits a .docx must stay within to be opened."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_members: int = MAX_MEMBERS
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_ratio: int = MAX_RATIO


def _refuse(name: str, vi_reason: str, en_reason: str) -> TemplateError:
    return TemplateError(
        f"Tệp “{name}” không phải tệp .docx an toàn: {vi_reason}. "
        "Hãy mở và lưu lại tệp bằng Word hoặc LibreOffice dưới dạng .docx rồi thử lại.",
        f"“{name}” is not a safe .docx file: {en_reason}. "
        "Open it in Word or LibreOffice, save it again as .docx and retry.",
    )


def too_large(name: str) -> TemplateError:
    """The refusal of a .docx larger than the limit, before anything of it is read."""
    return _refuse(name, "tệp quá lớn", "the file is too large")


def check_docx_bytes(data: bytes, name: str, limits: PackageLimits | None = None) -> None:
    """Raise TemplateError unless ``data`` is a plain, reasonably sized .docx package."""
    limits = limits or PackageLimits()
    if len(data) > limits.max_file_bytes:
        raise too_large(name)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _refuse(
            name, "nội dung không phải gói .docx (zip)", "it is not a .docx (zip) package"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_members(package, name, limits)
            _check_content(package, name)
    except zipfile.BadZipFile as exc:
        raise _refuse(name, "gói zip bị hỏng", "the zip package is damaged") from exc


def _check_members(package: zipfile.ZipFile, name: str, limits: PackageLimits) -> None:
    members = package.infolist()
    if len(members) > limits.max_members:
        raise _refuse(name, "có quá nhiều phần bên trong", "it has too many parts")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise _refuse(name, "tệp đã bị mã hóa", "it is encrypted")
        member_name = member.filename
        if member_name.startswith("/") or "\\" in member_name or ".." in member_name.split("/"):
            raise _refuse(name, "có đường dẫn không hợp lệ bên trong", "it holds an unsafe path")
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > limits.max_ratio and member.file_size > 1024 * 1024:
            raise _refuse(name, "có phần nén bất thường (zip bomb)", "it looks like a zip bomb")
    if total > limits.max_uncompressed_bytes:
        raise _refuse(name, "nội dung giải nén quá lớn", "it unpacks to too much data")
    counts = Counter(member.filename for member in members)
    if any(count > 1 for count in counts.values()):
        raise _refuse(name, "có hai phần trùng tên bên trong", "it holds two parts of one name")
    names = set(counts)
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise _refuse(name, "thiếu phần văn bản chính", "the main document part is missing")
    if any(member.lower().endswith("vbaproject.bin") for member in names):
        raise _refuse(name, "có chứa macro", "it contains macros")


def _check_content(package: zipfile.ZipFile, name: str) -> None:
    content_types = package.read("[Content_Types].xml")
    if _MACRO_CONTENT_TYPE in content_types.lower():
        raise _refuse(name, "là tệp có macro (.docm)", "it is a macro-enabled document (.docm)")
    if _root_of(package, "word/document.xml", name) not in {
        f"{{{namespace}}}document" for namespace in WORD_NAMESPACES
    }:
        raise _refuse(
            name,
            "phần văn bản chính không phải là văn bản Word",
            "its main part is not a Word document",
        )
    for member in package.namelist():
        if member.endswith(".rels"):
            _check_relationships(_parse(package, member, name), name)


def _parse(package: zipfile.ZipFile, member: str, name: str) -> etree._Element:
    try:
        root = etree.fromstring(package.read(member), _SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise _refuse(name, f"phần {member} bị hỏng", f"its part {member} is damaged") from exc
    if root.getroottree().docinfo.doctype:
        raise _refuse(name, f"phần {member} có khai báo DTD", f"its part {member} has a DTD")
    return root


def _root_of(package: zipfile.ZipFile, member: str, name: str) -> str:
    """The qualified tag of ``member``'s root element, read without parsing the whole part."""
    try:
        with package.open(member) as stream:
            for _, element in etree.iterparse(
                stream, events=("start",), resolve_entities=False, no_network=True, load_dtd=False
            ):
                return str(element.tag)
    except etree.XMLSyntaxError as exc:
        raise _refuse(name, f"phần {member} bị hỏng", f"its part {member} is damaged") from exc
    return ""


def _check_relationships(root: etree._Element, name: str) -> None:
    """Refuse any relationship whose target is fetched from outside the file on open.

    Read as XML, so every spelling counts: any prefix or namespace on the element, single or
    double quotes, spaces and case in TargetMode; only a true hyperlink Type may be external.
    """
    for element in root.iter():
        if not isinstance(element.tag, str) or etree.QName(element).localname != "Relationship":
            continue
        attributes = {etree.QName(key).localname: value for key, value in element.attrib.items()}
        external = attributes.get("TargetMode", "").strip().lower() == "external"
        if external and attributes.get("Type", "").strip() not in HYPERLINK_RELATIONSHIPS:
            # A clickable hyperlink is harmless; a remote template, image or OLE object is
            # fetched by Word or LibreOffice on open and leaks the reader's address.
            raise _refuse(
                name,
                "có liên kết tải nội dung từ bên ngoài",
                "it links to content outside the file",
            )
