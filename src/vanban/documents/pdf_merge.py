"""One PDF from many, with a bookmark per part: the dossier file and the future batch output.

The merged file is a reading copy; the archival copies are the separate PDF/A-2b files. It
does not claim PDF/A itself: pypdf writes its own document information and drops the parts'
XMP metadata and output intents, which PDF/A requires to agree with each other.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from pypdf import PdfWriter
from pypdf.errors import PyPdfError

from vanban.documents.pdf import ConversionError, PdfConverter


@dataclass(frozen=True)
class PdfBundle:
    """The PDFs of a batch of documents, in input order, and all of them merged."""

    documents: list[bytes]
    merged: bytes


def bookmark_title(name: str) -> str:
    """The outline title of a document: its file name without the .docx or .pdf ending."""
    path = PurePath(name)
    return path.stem if path.suffix.lower() in (".docx", ".pdf") else name


def merge_pdfs(parts: Sequence[tuple[str, bytes]], *, title: str = "") -> bytes:
    """Concatenate ``(bookmark title, PDF bytes)`` parts; each title points at its first page."""
    writer = PdfWriter()
    current = ""
    try:
        for current, content in parts:
            writer.append(io.BytesIO(content), outline_item=current, import_outline=False)
        # Open with the bookmarks panel showing: the outline is the table of contents.
        writer.page_mode = "/UseOutlines"
        if title:
            writer.add_metadata({"/Title": title})
        buffer = io.BytesIO()
        writer.write(buffer)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ConversionError(
            f"Không ghép được “{current}” vào tệp PDF chung ({exc}). "
            "Hãy kiểm tra tệp PDF đó có mở được không.",
            f"Cannot merge “{current}” into the combined PDF ({exc}). Check that this PDF opens.",
        ) from exc
    return buffer.getvalue()


def convert_and_merge(
    converter: PdfConverter, items: Sequence[tuple[str, bytes]], *, title: str = ""
) -> PdfBundle:
    """Convert ``(name, .docx bytes)`` items in one batch, then merge them with bookmarks.

    An item that is already a PDF (a signed copy, say) is merged as it is. The bookmark of
    each part is its name without the ending. Nothing is written, so a failure leaves no
    files: this is the call a batch command makes before it writes anything.
    """
    docx = [(name, content) for name, content in items if not content.startswith(b"%PDF-")]
    converted = iter(converter.convert(docx))
    pdfs = [content if content.startswith(b"%PDF-") else next(converted) for _, content in items]
    parts = [(bookmark_title(name), pdf) for (name, _), pdf in zip(items, pdfs, strict=True)]
    return PdfBundle(documents=pdfs, merged=merge_pdfs(parts, title=title))
