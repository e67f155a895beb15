"""Page sections of a rendered document: headers and page numbers across landscape tables.

A landscape table is its own section: body_table_xml.py ends the section before it and the
landscape one after it, marking both sectPr it writes with TABLE_SECTION. Those sections belong
to the template's section that follows them (the one the table's text sits in). Word gives a
section with no header reference its previous section's headers and the first section none at
all, so the first of the table's sections takes the template section's headers, its "different
first page" and its page-number start; the template section keeps only its headers, or the
first page after every landscape table would lose its number (or restart at 1).
"""

from __future__ import annotations

import copy
from typing import Any

from docx.oxml.ns import qn

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
