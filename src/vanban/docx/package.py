"""A .docx as a zip of members, each kept as compressed bytes, written back reproducibly.

A render changes two or three parts of a package; the styles, fonts, theme and numbering stay
as they were. Keeping every member's deflated bytes (with its CRC and sizes) lets the writer
copy the unchanged ones as they are and deflate only the parts it was given, once. The output
has fixed timestamps and attributes, so equal content is equal bytes (and the same sha256).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# 1980-01-01 00:00:00, the earliest time a zip can hold: no build clock leaks into documents.
_DOS_TIME, _DOS_DATE = 0, (1 << 5) | 1
_UNIX_RW_OWNER = 0o600 << 16
_VERSION = 20  # "2.0": deflate
_MADE_BY = (3 << 8) | _VERSION  # Unix, as zipfile on Linux writes it
_UTF8_NAME = 0x800
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_LOCAL_SIGNATURE, _CENTRAL_SIGNATURE, _END_SIGNATURE = 0x04034B50, 0x02014B50, 0x06054B50
_ZIP32_LIMIT = 0xFFFFFFFF
DEFLATE_LEVEL = 6  # zlib's default, what zipfile (and so python-docx) uses


@dataclass(frozen=True)
class Member:
    """One member of a package: its name and its deflated bytes, ready to be written."""

    name: str
    deflated: bytes
    crc: int
    size: int

    @classmethod
    def of(cls, name: str, content: bytes | Sequence[bytes]) -> Member:
        """Deflate ``content`` (once) into a member named ``name``.

        ``content`` may be given as pieces, deflated as one stream in their order: the same
        bytes as their concatenation gives (without a flush, zlib's output does not depend on
        how its input is cut), without first copying a long part into one more buffer.
        """
        pieces = (content,) if isinstance(content, bytes) else content
        compressor = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        deflated = [compressor.compress(piece) for piece in pieces]
        deflated.append(compressor.flush())
        crc = 0
        for piece in pieces:
            crc = zlib.crc32(piece, crc)
        return cls(name, b"".join(deflated), crc, sum(map(len, pieces)))

    def content(self) -> bytes:
        """The member's uncompressed bytes."""
        return zlib.decompress(self.deflated, -zlib.MAX_WBITS)


def read_members(data: bytes) -> dict[str, Member]:
    """Return the members of the zip ``data`` by name, in order, as deflated bytes.

    Deflated members are taken as they are (no inflating, no deflating); stored ones are
    deflated once here. ``data`` must already have passed the package checks
    (vanban.docx.package_checks): no encryption, no traversal, sane sizes.
    """
    members: dict[str, Member] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            if info.compress_type == zipfile.ZIP_DEFLATED:
                start = _data_offset(data, info)
                raw = data[start : start + info.compress_size]
                members[info.filename] = Member(info.filename, raw, info.CRC, info.file_size)
            else:
                members[info.filename] = Member.of(info.filename, archive.read(info))
    return members


def _data_offset(data: bytes, info: zipfile.ZipInfo) -> int:
    fields = _LOCAL.unpack_from(data, info.header_offset)
    if fields[0] != _LOCAL_SIGNATURE:
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    name_length: int = fields[9]
    extra_length: int = fields[10]
    return info.header_offset + _LOCAL.size + name_length + extra_length


def write_package(members: Iterable[Member]) -> bytes:
    """Write ``members`` as one zip, with fixed times and attributes (reproducible)."""
    out = io.BytesIO()
    central = io.BytesIO()
    count = 0
    for member in members:
        name = member.name.encode("utf-8")
        flags = _UTF8_NAME if not member.name.isascii() else 0
        offset = out.tell()
        if max(offset, len(member.deflated), member.size) >= _ZIP32_LIMIT:
            raise ValueError("a document over 4 GB cannot be written")
        common = (
            _VERSION,
            flags,
            zipfile.ZIP_DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            member.crc,
            len(member.deflated),
            member.size,
            len(name),
        )
        out.write(_LOCAL.pack(_LOCAL_SIGNATURE, *common, 0))
        out.write(name)
        out.write(member.deflated)
        central.write(
            _CENTRAL.pack(_CENTRAL_SIGNATURE, _MADE_BY, *common, 0, 0, 0, 0, _UNIX_RW_OWNER, offset)
        )
        central.write(name)
        count += 1
    start = out.tell()
    directory = central.getvalue()
    out.write(directory)
    out.write(_END.pack(_END_SIGNATURE, 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


def replace_members(
    members: Mapping[str, Member], changed: Mapping[str, bytes | Sequence[bytes] | Member]
) -> bytes:
    """Write the package ``members`` with the parts in ``changed`` replaced by new content
    (given whole or as pieces, see Member.of, or already deflated)."""
    return write_package(
        member if name not in changed else _member(name, changed[name])
        for name, member in members.items()
    )


def _member(name: str, content: bytes | Sequence[bytes] | Member) -> Member:
    return content if isinstance(content, Member) else Member.of(name, content)


def reproducible(data: bytes) -> bytes:
    """Rewrite the zip ``data`` with fixed timestamps, so equal documents are equal bytes."""
    return write_package(read_members(data).values())


_THUMBNAIL = "docProps/thumbnail.jpeg"
_PACKAGE_RELS = "_rels/.rels"


def without_thumbnail(data: bytes) -> bytes:
    """Return the package ``data`` without its thumbnail (python-docx ships a stock one,
    which a file browser would preview as someone else's page)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == _THUMBNAIL:
                continue
            content = source.read(item.filename)
            if item.filename == _PACKAGE_RELS:
                content = re.sub(rb"<Relationship [^>]*thumbnail.jpeg\"/>", b"", content)
            target.writestr(item, content)
    return out.getvalue()
