"""Broken examples of what only the laid-out pages show (the page rules of `vanban check`).

Each case takes a shipped sample and changes it the way a document goes wrong on paper: a
page break that leaves the signature alone, a heading no longer kept with its text, widow
control off, a paragraph kept whole that leaves a page half empty, a header whose place name
wraps, a page number on page 1, a certificate item too narrow for its text. The tests lay
them out with LibreOffice and expect the rule among the findings (a page that goes wrong in
one way often goes wrong in a second, e.g. a heading left at the foot also leaves empty lines).
``python -m tests.checker.corpus_pages OUTDIR`` writes them for a look in LibreOffice.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from tests.checker.corpus import Case, build
from tests.checker.finding_paragraphs import paragraph
from vanban.docx.oxml import descendants, element_of, find_path, new, set_attributes

GIAY_KHEN = "giay_khen_hkh_son_la_2025"


def _break_before_signature(document: Any) -> None:
    table = element_of(paragraph(document, "Nơi nhận")).getparent().getparent().getparent()
    page_break = new("w:p")
    run = new("w:r")
    brk = new("w:br", type="page")
    run.append(brk)
    page_break.append(run)
    table.addprevious(page_break)


def _heading_left_behind(document: Any) -> None:
    heading = paragraph(document, "1.2. Đối với Hội (Ban)")
    heading.paragraph_format.keep_with_next = False
    following = paragraph(document, "- Phối hợp tuyên truyền, vận động")
    following.paragraph_format.keep_together = True


def _no_widow_control(document: Any) -> None:
    for style in document.styles:
        if getattr(style, "type", None) == 1 and style.paragraph_format is not None:
            style.paragraph_format.widow_control = False
    for item in document.paragraphs:
        item.paragraph_format.widow_control = False


def _kept_whole(document: Any) -> None:
    paragraph(document, "1.3. Huy động sự vào cuộc").paragraph_format.keep_together = True


def _header_without_ties(document: Any) -> None:
    name = paragraph(document, "HỘI KHUYẾN HỌC")
    runs = [run for run in name.runs if run.text]
    runs[0].text = "HỘI KHUYẾN HỌC TỈNH SƠN LA"
    for extra in runs[1:]:
        extra.text = ""
    for item in descendants(element_of(name), "w:br"):
        item.getparent().remove(item)


def _number_on_page_one(document: Any) -> None:
    document.sections[0].different_first_page_header_footer = False


def _narrow_unit(document: Any) -> None:
    unit = document.paragraphs[1]  # the items print in order: name, unit, achievement …
    set_attributes(find_path(element_of(unit), "w:pPr", "w:framePr"), w="3000")


PAGE_CASES: tuple[Case, ...] = (
    Case("signature-alone", "VANBAN-PAGE-signature-alone", _break_before_signature),
    Case("heading-at-foot", "VANBAN-PAGE-heading-foot", _heading_left_behind),
    Case("no-widow-control", "VANBAN-PAGE-lone-line", _no_widow_control),
    Case("paragraph-kept-whole", "VANBAN-PAGE-empty-foot", _kept_whole),
    Case("header-name-wraps", "VANBAN-PAGE-broken-name", _header_without_ties),
    Case("number-on-page-1", "ND30-PL1-1.1-page-numbers-printed", _number_on_page_one),
    Case("certificate-unit-overprints", "PHOI-KHEN-printed", _narrow_unit, GIAY_KHEN),
)


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-pages")
    folder.mkdir(parents=True, exist_ok=True)
    for page_case in PAGE_CASES:
        path = folder / f"{page_case.name}.docx"
        path.write_bytes(build(page_case))
        print(path)
