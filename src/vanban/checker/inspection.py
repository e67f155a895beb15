"""Opening a checked .docx once: its pages, paragraphs, headers and recognised parts."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vanban.checker.anatomy import Anatomy, read_anatomy
from vanban.checker.reading import Para, Walker, body_paragraphs
from vanban.docx.reading import UNREADABLE_PACKAGE_ERRORS, document_body, open_docx
from vanban.docx.sections import DEFAULT_PAGE, Page, page_setups
from vanban.docx.styles import StyleSheet
from vanban.errors import ValidationError

if TYPE_CHECKING:
    from vanban.checker.page_layout import PageLayout


@dataclass
class Inspection:
    """Everything the checks read from one document."""

    name: str
    document: Any
    sheet: StyleSheet
    pages: list[Page]
    paras: list[Para]
    margins_paras: list[Para]  # paragraphs of the page headers and footers
    anatomy: Anatomy
    layout: PageLayout | None = None  # the pages as laid out, when they were (page rules)


def _unreadable(name: str, reason: str) -> ValidationError:
    return ValidationError(
        f"Không đọc được nội dung tệp “{name}” ({reason}). "
        "Hãy mở tệp bằng Word hoặc LibreOffice, lưu lại dưới dạng .docx rồi kiểm tra lại.",
        f"Cannot read the content of “{name}” ({reason}). "
        "Open it in Word or LibreOffice, save it again as .docx and check again.",
    )


def inspect_docx(data: bytes, name: str) -> Inspection:
    """Read checked .docx bytes (see docx.package_checks); raise ValidationError if unreadable."""
    try:
        document = open_docx(data)
        sheet = StyleSheet(document)
        pages = page_setups(document) or [DEFAULT_PAGE]
        walker = Walker(sheet)
        paras = body_paragraphs(walker, document_body(document), [p.text_width for p in pages])
        margins_paras: list[Para] = []
        for index, page in enumerate(pages):
            for kind, root in page.headers.items():
                part = "first-header" if kind == "first" else "header"
                margins_paras += walker.part(root, part, index, page.text_width)
            for root in page.footers.values():
                margins_paras += walker.part(root, "footer", index, page.text_width)
    except UNREADABLE_PACKAGE_ERRORS as exc:
        raise _unreadable(name, type(exc).__name__) from exc
    except zipfile.BadZipFile as exc:
        raise _unreadable(name, "zip") from exc
    return Inspection(name, document, sheet, pages, paras, margins_paras, read_anatomy(paras))
