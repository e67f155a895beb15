"""Building the template context: validated data → the strings a template prints.

Everything Nghị định 30 fixes about *wording* is decided here, not left to the person typing:
the "Số: 03/KH-HKH" form with its leading zero, the place-and-date line, ";" after every
căn cứ and "." after the last, "- " and ";" in Nơi nhận with "- Lưu: VT, …." last, the
TM./KT./Q./TL./TUQ. lines and the upper case of agency names. The template decides the look.
The context holds only plain strings, lists, dicts, RichText and a body table's Fragment (the
sandbox rule: no objects with methods a template could call).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from docxtpl import RichText

from vanban.documents.body import BodyParagraph, flatten_body
from vanban.documents.catalogue import TemplateSpec
from vanban.documents.layout import A4_LANDSCAPE, A4_PORTRAIT, PageLayout, centred_rule, pt_to_mm
from vanban.documents.markup import parse_emphasis, plain_text
from vanban.documents.symbol import number_and_symbol
from vanban.documents.text_metrics import longest_line_pt
from vanban.documents.validation import SIGNATURE_PREFIXES
from vanban.docx.body_table import table_markup
from vanban.docx.docxtpl_steps import plain_rich_text
from vanban.vietnamese import format_place_date, upper_vi
from vanban.vietnamese.unbreakable import keep_name_together, keep_together, keep_together_all

# Rule under the issuing body and under the trích yếu: 1/3 to 1/2 of the text line (PL I).
RULE_SHARE = 0.4
AGENCY_SIZE_PT = 12
TITLE_SIZE_PT = 14
_FIRST_LINE_PREFIXES = ("thay_mat", "thua_lenh", "thua_uy_quyen")
_SECOND_LINE_PREFIXES = ("ky_thay", "quyen")


def rich(text: str) -> RichText:
    """Return ``text`` as runs, with its inline emphasis made real bold and italic."""
    if "*" not in text:  # most paragraphs: one plain run
        return plain_rich_text(text)
    result = RichText()
    for span in parse_emphasis(text):
        result.add(span.text, bold=span.bold, italic=span.italic)
    return result


def _place_and_date(values: Mapping[str, Any], today: dt.date) -> str:
    day = values.get("ngay")
    year = day.year if day else values.get("nam") or today.year  # a dated text: its date's year
    return format_place_date(values.get("dia_danh"), day, year)


def _end_lines(items: Sequence[str], middle: str, last: str) -> list[str]:
    stripped = [item.rstrip(" ;.,") for item in items]
    return [
        item + (last if index == len(stripped) - 1 else middle)
        for index, item in enumerate(stripped)
    ]


def _recipients(values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the Kính gửi lines: one recipient inline; several as "- …;" lines, last "."."""
    names = [name.lstrip("- ").strip() for name in values.get("kinh_gui", [])]
    if len(names) == 1:
        return [{"dau": True, "noi_dung": _end_lines(names, ";", ".")[0]}]
    lines = _end_lines([f"- {name}" for name in names], ";", ".")
    return [{"dau": index == 0, "noi_dung": line} for index, line in enumerate(lines)]


def _distribution(values: Mapping[str, Any]) -> list[str]:
    """Return the Nơi nhận lines, ending with "- Lưu: VT, …."."""
    items = [item.lstrip("- ").rstrip(" ;.") for item in values.get("noi_nhan", [])]
    # A document with "Kính gửi" lists its addressees first as "- Như trên;" (Phụ lục I, 9b).
    if values.get("kinh_gui") and (not items or items[0].casefold() != "như trên"):
        items.insert(0, "Như trên")
    kept = [code.strip() for code in values.get("luu", []) if code.strip() != "VT"]
    lines = [f"- {item};" for item in items]
    lines.append("- Lưu: " + ", ".join(["VT", *kept]) + ".")
    return lines


def signing_note(block: Mapping[str, Any] | None) -> str:
    """Return the note printed in the signing space, never "(Đã ký)".

    "(Đã ký)" marks a copy of a signed paper; vanban renders drafts and the original that is
    about to be signed, on which it would be false. Other notes ("(Chữ ký số)") print.
    """
    note = str((block or {}).get("ghi_chu", ""))
    return "" if fold_signed(note) else note


def fold_signed(note: str) -> bool:
    """Return True when ``note`` says the paper has been signed ("(Đã ký)", "đã ký")."""
    return note.strip(" ()").casefold() == "đã ký"


def _signature(values: Mapping[str, Any]) -> dict[str, Any]:
    block = values["ky"]
    authority = [
        keep_together(f"{SIGNATURE_PREFIXES[key]} {upper_vi(block[key])}")
        for key in (*_FIRST_LINE_PREFIXES, *_SECOND_LINE_PREFIXES)
        if key in block
    ]
    return {
        "quyen_han": authority,
        "chuc_vu": keep_together(upper_vi(block["chuc_vu"])),
        "ho_ten": keep_name_together(block["ho_ten"]),
        "ghi_chu": signing_note(block),
    }


def _rules(values: Mapping[str, Any], layout: PageLayout) -> dict[str, Any]:
    cell = layout.header_left - 2 * layout.cell_margin
    agency_pt = longest_line_pt(
        values["co_quan"], AGENCY_SIZE_PT, bold=True, available_pt=cell * 72 / 25.4
    )
    title_pt = longest_line_pt(
        plain_text(values.get("trich_yeu", "")),
        TITLE_SIZE_PT,
        bold=True,
        available_pt=layout.text_width * 72 / 25.4,
    )
    return {
        "co_quan": asdict(centred_rule(cell, RULE_SHARE * pt_to_mm(agency_pt))),
        "trich_yeu": asdict(centred_rule(layout.text_width, RULE_SHARE * pt_to_mm(title_pt))),
    }


def _landscape(items: Sequence[BodyParagraph], index: int) -> bool:
    if not 0 <= index < len(items):
        return False
    table = items[index].table
    return table is not None and table.landscape


def body_items(items: Sequence[BodyParagraph]) -> list[dict[str, Any]]:
    """Return the body as the template loops over it: kind and rich text, or a table's markup."""
    result: list[dict[str, Any]] = []
    texts = [index for index, item in enumerate(items) if item.table is None]
    kept = iter(keep_together_all([items[index].text for index in texts]))
    for index, item in enumerate(items):
        if item.table is None:
            # The last paragraph stays on the signature's page: no page holds only a signature.
            kind = "doan_cuoi" if index == texts[-1] and item.kind == "doan" else item.kind
            result.append({"kieu": kind, "noi_dung": rich(next(kept))})
            continue
        wide = item.table.landscape
        markup = table_markup(
            item.table,
            opens_landscape=A4_PORTRAIT if wide and not _landscape(items, index - 1) else None,
            closes_landscape=A4_LANDSCAPE if wide and not _landscape(items, index + 1) else None,
        )
        result.append({"kieu": "bang", "noi_dung": markup})
    return result


def build_context(
    spec: TemplateSpec,
    values: Mapping[str, Any],
    *,
    today: dt.date | None = None,
    layout: PageLayout = A4_PORTRAIT,
) -> dict[str, Any]:
    """Return the context ``spec``'s template renders with, from validated ``values``."""
    today = today or dt.date.today()
    number = number_and_symbol(spec, values)
    body = flatten_body(
        values.get("mo_dau", []),
        values.get("noi_dung", []),
        values.get("ket_thuc", []),
        values.get("danh_so"),
    )
    parent = values.get("co_quan_chu_quan")
    type_name = upper_vi(spec.document_type) if spec.document_type else ""
    return {
        "co_quan_chu_quan": keep_together(upper_vi(parent)) if parent else "",
        "co_quan": keep_together(upper_vi(values["co_quan"])),
        "so_ky_hieu": number,
        "dia_danh_ngay": _place_and_date(values, today),  # one short line in its cell
        "trich_yeu": rich(keep_together(values.get("trich_yeu", ""))),
        "ghi_chu_trich_yeu": values.get("ghi_chu_trich_yeu", ""),
        "kinh_gui": _recipients(values),
        "can_cu": [keep_together(line) for line in _end_lines(values.get("can_cu", []), ";", ".")],
        "than": body_items(body),
        "ky": _signature(values),
        "noi_nhan": _distribution(values),
        "duong_ke": _rules(values, layout),
        "tieu_de_tai_lieu": " ".join(
            part
            for part in (type_name, number.strip(), plain_text(values.get("trich_yeu", "")))
            if part
        ),
    }
