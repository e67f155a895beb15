"""Opening a checked .docx once: its pages, paragraphs, headers and recognised parts."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml.etree import XMLSyntaxError

from vanban.checker.anatomy import Anatomy, read_anatomy
from vanban.checker.reading import Para, Walker, body_paragraphs
from vanban.checker.styles import StyleSheet, twips
from vanban.documents.inspect import open_docx
from vanban.errors import ValidationError

A4_TWIPS = (11906, 16838)
_A4_MARGINS = 1134  # 20 mm, when a section gives none


@dataclass(frozen=True)
class Page:
    """One section's page setup, in twips."""

    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int
    landscape: bool
    title_page: bool  # "different first page"
    headers: dict[str, Any] = field(default_factory=dict)  # "default"/"first"/"even" → XML
    footers: dict[str, Any] = field(default_factory=dict)

    @property
    def text_width(self) -> int:
        """Width between the left and right margins."""
        return max(self.width - self.left - self.right, 0)


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


def _attr(element: Any, name: str, default: int) -> int:
    return twips(element.get(qn(f"w:{name}")), default) if element is not None else default


def _parts(document: Any, section: Any, tag: str) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    for reference in section.findall(qn(f"w:{tag}Reference")):
        part = document.part.related_parts.get(reference.get(qn("r:id")))
        if part is not None and hasattr(part, "element"):
            parts[reference.get(qn("w:type"), "default")] = part.element
    return parts


def _page(document: Any, section: Any) -> Page:
    size = section.find(qn("w:pgSz"))
    margins = section.find(qn("w:pgMar"))
    width, height = _attr(size, "w", A4_TWIPS[0]), _attr(size, "h", A4_TWIPS[1])
    orient = size.get(qn("w:orient"), "") if size is not None else ""
    title = section.find(qn("w:titlePg"))
    return Page(
        width=width,
        height=height,
        top=abs(_attr(margins, "top", _A4_MARGINS)),
        bottom=abs(_attr(margins, "bottom", _A4_MARGINS)),
        left=_attr(margins, "left", _A4_MARGINS) + _attr(margins, "gutter", 0),
        right=_attr(margins, "right", _A4_MARGINS),
        landscape=orient == "landscape" or width > height,
        title_page=title is not None and title.get(qn("w:val"), "true") not in ("0", "false"),
        headers=_parts(document, section, "header"),
        footers=_parts(document, section, "footer"),
    )


def _sections(body: Any) -> list[Any]:
    found = [p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") for p in body.iter(qn("w:p"))]
    sections = [section for section in found if section is not None]
    final = body.find(qn("w:sectPr"))
    return [*sections, final] if final is not None else sections


def _unreadable(name: str, reason: str) -> ValidationError:
    return ValidationError(
        f"Không đọc được nội dung tệp “{name}” ({reason}). "
        "Hãy mở tệp bằng Word hoặc LibreOffice, lưu lại dưới dạng .docx rồi kiểm tra lại.",
        f"Cannot read the content of “{name}” ({reason}). "
        "Open it in Word or LibreOffice, save it again as .docx and check again.",
    )


def inspect_docx(data: bytes, name: str) -> Inspection:
    """Read checked .docx bytes (run package_guard first); raise ValidationError if unreadable."""
    try:
        document = open_docx(data)
        sheet = StyleSheet(document)
        body = document.element.body
        pages = [_page(document, section) for section in _sections(body)]
        if not pages:
            pages = [Page(*A4_TWIPS, _A4_MARGINS, _A4_MARGINS, 1701, 850, False, False)]
        walker = Walker(sheet)
        paras = body_paragraphs(walker, body, [page.text_width for page in pages])
        margins_paras: list[Para] = []
        for index, page in enumerate(pages):
            for kind, root in page.headers.items():
                part = "first-header" if kind == "first" else "header"
                margins_paras += walker.part(root, part, index, page.text_width)
            for root in page.footers.values():
                margins_paras += walker.part(root, "footer", index, page.text_width)
    except (ValueError, KeyError, IndexError, XMLSyntaxError, PackageNotFoundError) as exc:
        raise _unreadable(name, type(exc).__name__) from exc
    except zipfile.BadZipFile as exc:
        raise _unreadable(name, "zip") from exc
    return Inspection(name, document, sheet, pages, paras, margins_paras, read_anatomy(paras))
