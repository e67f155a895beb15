"""A PDF offered for attachment is described truly (issue 10 item 10)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

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


# ---- something a viewer would run by itself (issue 10 item 10) --------------------------------


def _js_action(key: str = "/JS") -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript")})
    action[NameObject(key)] = TextStringObject("app.alert('x')")
    return action


def _with(place: str) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    root = writer._root_object
    if place == "names":
        scripts = ArrayObject([TextStringObject("a"), writer._add_object(_js_action())])
        tree = DictionaryObject({NameObject("/Names"): scripts})
        root[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})
    elif place == "open-action":
        root[NameObject("/OpenAction")] = writer._add_object(_js_action())
    elif place == "page-aa":
        page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js_action()})
    elif place == "catalog-aa":
        root[NameObject("/AA")] = DictionaryObject({NameObject("/WC"): _js_action()})
    elif place == "link-launch":
        launch = DictionaryObject(
            {
                NameObject("/S"): NameObject("/Launch"),
                NameObject("/F"): TextStringObject("cmd.exe"),
            }
        )
        link = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
                NameObject("/A"): launch,
            }
        )
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    elif place == "outline-js":
        item = writer.add_outline_item(title="Mục 1", page_number=0).get_object()
        assert isinstance(item, DictionaryObject)
        item[NameObject("/A")] = _js_action()
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PLACES = ("names", "open-action", "page-aa", "catalog-aa", "link-launch", "outline-js")


@pytest.mark.parametrize("place", PLACES)
def test_a_pdf_that_would_run_something_is_refused(tmp_path: Path, place: str) -> None:
    path = tmp_path / "co_ma.pdf"
    path.write_bytes(_with(place))
    with pytest.raises(AttachmentError) as caught:
        read_pdf(path)
    assert "tự chạy khi có người mở" in caught.value.text("vi")
    assert "runs by itself" in caught.value.text("en")


def test_a_name_spelled_with_escapes_is_seen_as_a_viewer_sees_it(tmp_path: Path) -> None:
    # “/J#53” is “/JS”; the file's offsets move, which readers (and pypdf) recover from.
    content = _with("open-action").replace(b"/JS ", b"/J#53 ").replace(b"/JS(", b"/J#53(")
    assert b"/JS" not in content
    path = tmp_path / "an.pdf"
    path.write_bytes(content)
    with pytest.raises(AttachmentError, match="JavaScript"):
        read_pdf(path)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["array", "dict"]), max_size=6), st.sampled_from(["/JS", "/S"]))
def test_javascript_nested_anywhere_is_found(tmp_path_factory, nesting, key) -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    node: object = (
        _js_action()
        if key == "/JS"
        else DictionaryObject({NameObject("/S"): NameObject("/JavaScript")})
    )
    for wrapper in nesting:
        if wrapper == "array":
            node = ArrayObject([NumberObject(1), node])
        else:
            node = writer._add_object(DictionaryObject({NameObject("/Inner"): node}))
    page[NameObject("/PieceInfo")] = DictionaryObject({NameObject("/X"): node})
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path_factory.mktemp("js") / "x.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(AttachmentError, match="JavaScript"):
        read_pdf(path)


def test_a_plain_pdf_with_a_link_is_fine(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_outline_item(title="Mục 1", page_number=0)
    path = tmp_path / "ok.pdf"
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    assert read_pdf(path).pages == 1
