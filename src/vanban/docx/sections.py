"""Page sections: each section's page setup, and headers and page numbers across landscape tables.

``page_setups`` reads what a checker needs of every section (size, margins, orientation,
"different first page", the header and footer parts). ``settle_sections`` fixes up a rendered
document: a landscape table is its own section: body_table.py ends the section before it and the
landscape one after it, marking both sectPr it writes with TABLE_SECTION. Those sections belong
to the template's section that follows them (the one the table's text sits in). Word gives a
section with no header reference its previous section's headers and the first section none at
all, so the first of the table's sections takes the template section's headers, its "different
first page" and its page-number start; the template section keeps only its headers, or the
first page after every landscape table would lose its number (or restart at 1).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from vanban.docx.oxml import qn, twips

A4_TWIPS = (11906, 16838)
_A4_MARGINS = 1134  # 20 mm, when a section gives none
TABLE_SECTION = "00564E42"  # w:rsidSect of the sections a body table writes ("VNB")
_REFERENCES = (qn("w:headerReference"), qn("w:footerReference"))
_MOVED = (qn("w:pgNumType"), qn("w:titlePg"))  # in schema order, after w:pgMar


def _is_table_section(section: Any) -> bool:
    return bool(section.get(qn("w:rsidSect")) == TABLE_SECTION)


def _hand_over(first: Any, owner: Any) -> None:
    """Give ``first`` (the table section that opens ``owner``'s part) its headers and start."""
    references = [element for element in owner if element.tag in _REFERENCES]
    if not any(element.tag in _REFERENCES for element in first):
        for position, reference in enumerate(references):
            first.insert(position, copy.deepcopy(reference))
    for tag in _MOVED:
        element = owner.find(tag)
        if element is not None:
            first.append(element)  # moves it: the owner's part no longer starts here


def settle_sections(body: Any) -> None:
    """Hand each run of table sections the headers and first page of the section they open."""
    inner = body.findall(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}")
    final = body.find(qn("w:sectPr"))
    pending: list[Any] = []
    for section in [*inner, *([final] if final is not None else [])]:
        if _is_table_section(section):
            pending.append(section)
            continue
        if pending:
            _hand_over(pending[0], section)
            pending = []


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


# What a document without any section properties prints on: A4, Word's default margins.
DEFAULT_PAGE = Page(*A4_TWIPS, _A4_MARGINS, _A4_MARGINS, 1701, 850, False, False)


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


def page_setups(document: Any) -> list[Page]:
    """The page setup of every section of a python-docx ``document``, in order."""
    return [_page(document, section) for section in _sections(document.element.body)]
