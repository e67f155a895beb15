"""PDF from the rendered samples: intact letters, embedded Times-metric fonts, PDF/A, merging."""

from __future__ import annotations

import io
import os
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import Destination, DictionaryObject

from vanban.documents.pdf import (
    ConversionError,
    LibreOfficeConverter,
    PdfConverter,
    convert_one,
)
from vanban.documents.pdf_merge import PdfBundle, convert_and_merge, merge_pdfs
from vanban.docx.reading import document_lines
from vanban.services.documents import DocumentService

SAMPLES = [sample.name for sample in DocumentService().samples()]
PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
# Advance widths (1/1000 em) of Times New Roman, which Liberation Serif copies (metric-compatible).
TIMES_WIDTHS = {
    "": {"a": 444, " ": 250, "W": 944, "Đ": 722},
    "Bold": {"a": 500, " ": 250, "W": 1000, "Đ": 722},
    "Italic": {"a": 500, " ": 250, "W": 833, "Đ": 722},
    "BoldItalic": {"a": 500, " ": 250, "W": 889, "Đ": 722},
}
TIMES_COMPATIBLE = {"LiberationSerif", "Tinos", "TimesNewRoman", "TimesNewRomanPS"}


@pytest.fixture(scope="module")
def documents() -> list[tuple[str, bytes]]:
    service = DocumentService()
    return [
        (f"{sample.name}.docx", service.render(sample.template_id, sample.data_path).content)
        for sample in service.samples()
    ]


@pytest.fixture(scope="module")
def bundle(soffice: str, documents: list[tuple[str, bytes]]) -> Iterator[PdfBundle]:
    with LibreOfficeConverter(soffice) as converter:
        yield convert_and_merge(converter, documents, title="Các văn bản mẫu")


def _reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def _letters(text: str) -> Counter[str]:
    return Counter(char for char in unicodedata.normalize("NFC", text) if char.isalpha())


def _root(content: bytes) -> Any:
    """The document catalogue (pypdf types its entries loosely; the tests read them as Any)."""
    return _reader(content).trailer["/Root"].get_object()


def _outline(reader: PdfReader) -> list[Destination]:
    items = reader.outline
    assert all(isinstance(item, Destination) for item in items), "a flat outline"
    return [item for item in items if isinstance(item, Destination)]


def _fonts(reader: PdfReader) -> Iterator[Any]:
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        fonts: Any = resources.get("/Font", DictionaryObject()).get_object()
        for reference in fonts.values():
            font: Any = reference.get_object()
            yield font
            for descendant in font.get("/DescendantFonts", []):
                yield descendant.get_object()


def _widths(font: Any) -> dict[str, float]:
    """Advance width of each character of a simple font, read through its ToUnicode map."""
    if "/Widths" not in font or "/ToUnicode" not in font:
        return {}
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    first, widths = int(font["/FirstChar"]), font["/Widths"]
    result = {}
    for code, unicode in re.findall(r"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,})>", cmap):
        index = int(code, 16) - first
        if 0 <= index < len(widths):
            result[bytes.fromhex(unicode).decode("utf-16-be")] = float(widths[index])
    return result


def _pdfaid(content: bytes) -> dict[str, str]:
    """The pdfaid:* entries of the XMP metadata (element or attribute form)."""
    root = _root(content)
    if "/Metadata" not in root:
        return {}
    found = {}
    for element in ElementTree.fromstring(root["/Metadata"].get_object().get_data()).iter():
        if element.tag.startswith(PDFAID):
            found[element.tag.removeprefix(PDFAID)] = (element.text or "").strip()
        for key, value in element.attrib.items():
            if key.startswith(PDFAID):
                found[key.removeprefix(PDFAID)] = value
    return found


@pytest.mark.pdf
@pytest.mark.parametrize("index", range(len(SAMPLES)), ids=SAMPLES)
def test_every_letter_of_the_docx_is_in_the_pdf(
    bundle: PdfBundle, documents: list[tuple[str, bytes]], index: int
) -> None:
    source = _letters(" ".join(document_lines(documents[index][1])))
    reader = _reader(bundle.documents[index])
    printed = _letters("".join(page.extract_text() for page in reader.pages))
    assert {"đ", "ư", "ơ", "ạ", "ế", "ộ", "Đ"} <= set(source)
    # Every letter at least as often as in the source: none lost, replaced or split into
    # base + mark. A table's heading row repeats on every page, so it may print more often.
    assert not source - printed, f"missing {source - printed}"


@pytest.mark.pdf
@pytest.mark.parametrize("index", range(len(SAMPLES)), ids=SAMPLES)
def test_fonts_are_embedded_and_times_compatible(bundle: PdfBundle, index: int) -> None:
    checked = 0
    for font in _fonts(_reader(bundle.documents[index])):
        if font.get("/Subtype") == "/Type0":
            continue  # its descendant carries the descriptor and is checked itself
        name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile2", "/FontFile3"} & set(descriptor), f"{name} is not embedded"
        family, _, style = name.partition("-")
        assert family.removesuffix("MT") in TIMES_COMPATIBLE, name
        expected = TIMES_WIDTHS[style.removesuffix("MT")]
        widths = _widths(font)
        for char in expected.keys() & widths.keys():
            assert widths[char] == pytest.approx(expected[char], abs=1), (name, char)
            checked += 1
    assert checked >= 2


@pytest.mark.pdf
def test_pdf_a_2b_by_default(bundle: PdfBundle) -> None:
    for content in bundle.documents:
        assert _pdfaid(content) == {"part": "2", "conformance": "B"}
        assert "/OutputIntents" in _root(content)


@pytest.mark.pdf
def test_plain_pdf_has_no_pdf_a_identification(
    soffice: str, documents: list[tuple[str, bytes]]
) -> None:
    with LibreOfficeConverter(soffice, pdf_a=False) as converter:
        content = convert_one(converter, *documents[0])
    assert content.startswith(b"%PDF-")
    assert "part" not in _pdfaid(content)


@pytest.mark.pdf
def test_merged_pdf_has_a_bookmark_per_document(
    bundle: PdfBundle, documents: list[tuple[str, bytes]]
) -> None:
    merged = _reader(bundle.merged)
    pages = [len(_reader(content).pages) for content in bundle.documents]
    assert len(merged.pages) == sum(pages)
    outline = _outline(merged)
    assert [item.title for item in outline] == [Path(name).stem for name, _ in documents]
    starts = [merged.get_destination_page_number(item) for item in outline]
    assert starts == [sum(pages[:i]) for i in range(len(pages))]
    assert merged.metadata is not None
    assert merged.metadata.title == "Các văn bản mẫu"


@pytest.mark.pdf
def test_unreadable_document_is_named(soffice: str, documents: list[tuple[str, bytes]]) -> None:
    converter = LibreOfficeConverter(soffice)
    with pytest.raises(ConversionError) as caught:
        # A broken zip: LibreOffice reads most other garbage as plain text and converts it.
        converter.convert([documents[0], ("hong.docx", b"PK\x03\x04 hong")])
    assert "“hong.docx”" in caught.value.text("vi")
    assert "“hong.docx”" in caught.value.text("en")
    converter.close()


def _processes_using(marker: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker in cmdline.read_bytes().decode("utf-8", "replace"):
                found.append(cmdline.parent.name)
        except OSError:
            continue  # the process ended while we looked
    return found


@pytest.mark.pdf
def test_timeout_stops_libreoffice_with_a_clear_error(
    soffice: str, documents: list[tuple[str, bytes]]
) -> None:
    converter = LibreOfficeConverter(soffice, per_document_seconds=0.1, startup_seconds=0.2)
    profile = converter.profile_dir()
    with pytest.raises(ConversionError) as caught:
        converter.convert(documents[:2])
    assert "không chuyển xong 2 văn bản sang PDF trong 0,4 giây" in caught.value.text("vi")
    assert "within 0.4 seconds and was stopped" in caught.value.text("en")
    assert not profile.exists(), "a killed run's profile is thrown away"
    if Path("/proc/self/cmdline").exists():
        deadline = time.monotonic() + 10
        while _processes_using(profile.as_uri()) and time.monotonic() < deadline:
            time.sleep(0.1)  # killed processes may take a moment to go
        assert _processes_using(profile.as_uri()) == []


class _Recorder:
    """A converter that remembers what it was asked and answers with blank pages."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def convert(self, items: Sequence[tuple[str, bytes]]) -> list[bytes]:
        self.asked.append([name for name, _ in items])
        return [_blank_pdf(1) for _ in items]


def _blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_stored_pdfs_are_merged_as_they_are() -> None:
    recorder = _Recorder()
    converter: PdfConverter = recorder
    signed = _blank_pdf(3)
    result = convert_and_merge(
        converter, [("a.docx", b"PK docx"), ("a_da_ky.pdf", signed), ("b.docx", b"PK docx")]
    )
    assert recorder.asked == [["a.docx", "b.docx"]]
    assert result.documents[1] is signed
    merged = _reader(result.merged)
    assert len(merged.pages) == 5
    assert [item.title for item in _outline(merged)] == ["a", "a_da_ky", "b"]


def test_a_broken_pdf_is_named_when_merging() -> None:
    with pytest.raises(ConversionError) as caught:
        merge_pdfs([("tot", _blank_pdf(1)), ("hong", b"%PDF-1.7 hong")])
    assert "“hong”" in caught.value.text("vi")


def test_no_documents_need_no_libreoffice(tmp_path: Path) -> None:
    assert LibreOfficeConverter(tmp_path / "khong_co" / "soffice").convert([]) == []


@pytest.mark.parametrize("how", ["argument", "environment", "path"])
def test_missing_soffice_names_the_debian_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    nowhere = tmp_path / "khong_co" / "soffice"
    monkeypatch.delenv("VANBAN_SOFFICE", raising=False)
    if how == "environment":
        monkeypatch.setenv("VANBAN_SOFFICE", str(nowhere))
    if how == "path":
        monkeypatch.setenv("PATH", str(tmp_path))
    converter = LibreOfficeConverter(nowhere if how == "argument" else None)
    with pytest.raises(ConversionError) as caught:
        convert_one(converter, "a.docx", b"PK")
    for lang in ("vi", "en"):
        message = caught.value.text(lang)
        assert "libreoffice-writer-nogui" in message
        assert "fonts-liberation2" in message
        assert "VANBAN_SOFFICE" in message
    assert "Không tìm thấy LibreOffice" in caught.value.text("vi")
    assert caught.value.exit_code == 1


def test_a_binary_that_cannot_start_is_reported_like_a_missing_one(tmp_path: Path) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/khong/co/trinh/thong/dich\n", encoding="utf-8")
    fake.chmod(0o755)
    with pytest.raises(ConversionError) as caught:
        convert_one(LibreOfficeConverter(fake), "a.docx", b"PK")
    assert "libreoffice-writer-nogui" in caught.value.text("vi")
    assert os.fspath(fake) in caught.value.text("vi")


def test_filter_options_select_pdf_a_2b_or_plain() -> None:
    assert '"SelectPdfVersion":{"type":"long","value":"2"}' in LibreOfficeConverter().filter_spec()
    plain = LibreOfficeConverter(pdf_a=False).filter_spec()
    assert plain.startswith("pdf:writer_pdf_Export:")
    assert '"value":"0"' in plain


def _fake_soffice(tmp_path: Path, script: str) -> Path:
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    fake.chmod(0o755)
    return fake


def test_a_failing_libreoffice_reports_its_exit_code_and_message(tmp_path: Path) -> None:
    fake = _fake_soffice(tmp_path, "echo 'Error: hong roi' >&2; exit 3")
    with pytest.raises(ConversionError) as caught:
        convert_one(LibreOfficeConverter(fake), "a.docx", b"PK")
    assert "(mã 3: Error: hong roi)" in caught.value.text("vi")
    assert "(code 3: Error: hong roi)" in caught.value.text("en")


def test_a_pdf_libreoffice_did_not_write_is_an_error(tmp_path: Path) -> None:
    fake = _fake_soffice(tmp_path, "exit 0")
    with pytest.raises(ConversionError) as caught:
        convert_one(LibreOfficeConverter(fake), "a.docx", b"PK")
    assert "không chuyển được “a.docx” sang PDF" in caught.value.text("vi")
