"""Writing a dossier's current documents out as files, and as PDFs with one merged bundle.

The one dossier use case that leaves the store: it reads, checks each stored name, converts
(LibreOffice, pypdf) when asked, and writes every file atomically, so a failed conversion
writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from vanban.atomic_write import write_atomically
from vanban.documents.pdf import PDF_MEDIA_TYPE, PdfConverter
from vanban.documents.warm_pdf import pdf_converter
from vanban.errors import IntegrityError
from vanban.output_folder import is_plain_name
from vanban.store import Store

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

__all__ = ["DOCX_MEDIA_TYPE", "export_documents"]


def export_documents(
    store: Store,
    dossier_id: int,
    folder: Path,
    *,
    pdf: bool = False,
    converter: PdfConverter | None = None,
) -> list[Path]:
    """Write the dossier's current documents into ``folder`` (created when missing).

    With ``pdf``, also each .docx's PDF and ``ho_so_<id>.pdf``, all documents merged with
    a bookmark per document. The PDFs are made (in one LibreOffice run) before any file is
    written, so a failed conversion writes nothing.
    """
    with store.read() as tx:
        dossier = tx.get_dossier(dossier_id)
        documents = tx.current_documents(dossier_id)
        contents = [(record, tx.get_blob(record.sha256, record.name)) for record in documents]
    for record, _ in contents:
        if not is_plain_name(record.name):
            raise IntegrityError(
                f"Hồ sơ số {dossier_id} ghi một văn bản có tên không hợp lệ "
                f"(“{record.name[:80]}”): kho đã bị sửa ngoài vanban. Không có gì được ghi; "
                f"hãy chạy “vanban archive verify {dossier_id}”.",
                f"Dossier {dossier_id} records a document with an invalid name "
                f"(“{record.name[:80]}”): the store was changed outside vanban. Nothing was "
                f"written; run “vanban archive verify {dossier_id}”.",
            )
    files = [(folder / record.name, content) for record, content in contents]
    if pdf:
        sources = [
            (record.name, content)
            for record, content in contents
            if record.media_type in (DOCX_MEDIA_TYPE, PDF_MEDIA_TYPE)
        ]
        from vanban.documents.pdf_merge import convert_and_merge  # pypdf, only for --pdf

        bundle = convert_and_merge(
            converter or pdf_converter(),
            sources,
            title=f"Hồ sơ số {dossier.id}: {dossier.title}",
        )
        files += [
            (folder / f"{Path(name).stem}.pdf", content)
            for (name, source), content in zip(sources, bundle.documents, strict=True)
            if not source.startswith(b"%PDF-")  # a stored PDF is written as it is, above
        ]
        files.append((folder / f"ho_so_{dossier.id}.pdf", bundle.merged))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for target, content in files:
        write_atomically(content, target)
        written.append(target)
    return written
