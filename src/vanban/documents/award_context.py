"""Context builders for an award dossier: the Tờ trình, its Danh sách and the Quyết định.

The data is plain (names, counts, amounts per row); everything a secretary should not have to
type consistently by hand is computed here: "05 tập thể và 12 cá nhân", STT and the
"I. TẬP THỂ" / "II. CÁ NHÂN" groups, the "(Kèm theo Tờ trình số …)" line, the total reward
in figures and in words, "Điều 1." … "Điều 3.". The standard header, căn cứ, signature and
Nơi nhận come from context.build_context, so they follow the same rules as every document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from docxtpl import RichText

from vanban.documents.award_layout import A4_LANDSCAPE
from vanban.documents.catalogue import TemplateSpec
from vanban.documents.context import build_context, rich, signing_note
from vanban.documents.data_source import KeyPath
from vanban.documents.decision_context import carried_out_by, last_article
from vanban.documents.layout import A4_PORTRAIT, PageLayout, centred_rule, pt_to_mm
from vanban.documents.markup import parse_emphasis, plain_text
from vanban.documents.text_metrics import longest_line_pt
from vanban.documents.validation import SIGNATURE_PREFIXES, DataProblem
from vanban.errors import Problem
from vanban.vietnamese import (
    abbreviation_for,
    format_date_long,
    format_number,
    money_in_words,
    to_roman,
    upper_vi,
)
from vanban.vietnamese.unbreakable import keep_together

RULE_SHARE = 0.4  # as context.py: the rule under a title is 1/3 to 1/2 of its line
DRAFT_BLANK = "     "
# Repealed texts a căn cứ must not cite, with the text in force.
REPEALED = {
    "98/2023/NĐ-CP": "Nghị định số 152/2025/NĐ-CP (bãi bỏ Nghị định số 98/2023/NĐ-CP từ 01/7/2025)",
}
GROUPS = (("tap_the", "TẬP THỂ", "tập thể"), ("ca_nhan", "CÁ NHÂN", "cá nhân"))


class Problems:
    """Collects what is wrong with the data, then raises all of it at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: KeyPath, vi: str, en: str) -> None:
        self.items.append(Problem(None, vi, en, key_path=path))

    def raise_any(self) -> None:
        if self.items:
            raise DataProblem(self.items)


def check_bases(problems: Problems, values: Mapping[str, Any], keys: Iterable[str]) -> None:
    """Refuse a căn cứ that cites a repealed decree (NĐ 98/2023 since 01/7/2025)."""
    for key in keys:
        lines = values.get(key, [])
        for index, line in enumerate([lines] if isinstance(lines, str) else lines):
            for repealed, current in REPEALED.items():
                if repealed in line:
                    path: KeyPath = (key, index) if not isinstance(lines, str) else (key,)
                    problems.add(
                        path,
                        f"Nghị định số {repealed} đã hết hiệu lực; hãy dẫn {current}",
                        f"Decree {repealed} is repealed; cite {current} instead",
                    )


def basis(text: str, prefix: str = "Căn cứ") -> str:
    """Return ``text`` as a căn cứ line, adding "Căn cứ " unless it already starts a basis."""
    starts = ("căn cứ", "xét", "theo đề nghị", "thực hiện")
    return text if text.casefold().startswith(starts) else f"{prefix} {text}"


def counted(number: int, noun: str) -> str:
    """Return "05 tập thể": a count below 10 takes a leading zero, as numbers do in documents."""
    return f"{number:02d} {noun}"


def count_phrase(collectives: int, individuals: int) -> str:
    """Return "05 tập thể và 12 cá nhân", or only the part that is not zero."""
    parts = [counted(n, noun) for n, noun in ((collectives, "tập thể"), (individuals, "cá nhân"))]
    return " và ".join(part for part, n in zip(parts, (collectives, individuals), strict=True) if n)


def money(amount: int) -> str:
    """Return an amount in figures: 6.100.000."""
    return format_number(amount)


def title_rule(text: str, layout: PageLayout) -> dict[str, int]:
    """Return the indents of the rule under a bold 14 pt title line."""
    width = longest_line_pt(text, 14, bold=True, available_pt=layout.text_width * 72 / 25.4)
    return asdict(centred_rule(layout.text_width, RULE_SHARE * pt_to_mm(width)))


def signature_column(heading: Sequence[str], block: Mapping[str, Any] | None) -> dict[str, Any]:
    """Return one of two signature columns: heading lines, TM./KT. lines, chức vụ, name."""
    lines = [upper_vi(line) for line in heading]
    if block:
        lines += [
            f"{prefix} {upper_vi(block[key])}"
            for key, prefix in SIGNATURE_PREFIXES.items()
            if key in block
        ]
        lines.append(upper_vi(block["chuc_vu"]))
    return {
        "dong": lines,
        "ghi_chu": signing_note(block),
        "ho_ten": (block or {}).get("ho_ten", ""),
    }


def attachment_line(
    type_name: str,
    number: int | None,
    day: dt.date | None,
    symbol: str,
    issuer: str,
    year: int,
) -> str:
    """Return "(Kèm theo Tờ trình số 25/TTr-HKH ngày 14 tháng 11 năm 2025 của …)".

    Without a number or date the blanks stay open to be written in after signing, as on the
    parent document itself.
    """
    printed = f"{number:02d}" if number else DRAFT_BLANK
    when = format_date_long(day) if day else f"ngày{DRAFT_BLANK}tháng{DRAFT_BLANK}năm {year}"
    of = f" của {issuer}" if issuer else ""
    return f"(Kèm theo {type_name} số {printed}/{symbol} {when}{of})"


RowCells = Callable[[Mapping[str, Any], KeyPath, "Problems"], dict[str, Any]]


def grouped_rows(
    values: Mapping[str, Any], cells: Mapping[str, RowCells], problems: Problems
) -> list[dict[str, Any]]:
    """Return table rows: a "I. TẬP THỂ" row, its members numbered 1…n, then "II. CÁ NHÂN".

    ``cells(kind, row, index)`` turns one data row into the printed cells.
    """
    rows: list[dict[str, Any]] = []
    present = [group for group in GROUPS if values.get(group[0])]
    for number, (key, heading, _noun) in enumerate(present, start=1):
        rows.append({"nhom": f"{to_roman(number)}. {heading}"})
        for index, row in enumerate(values[key]):
            printed = cells[key](row, (key, index), problems)
            rows.append({"nhom": "", "stt": str(index + 1), **printed})
    return rows


def require_nominees(problems: Problems, values: Mapping[str, Any]) -> tuple[int, int]:
    """Return (collectives, individuals); at least one list must have a row."""
    collectives, individuals = len(values.get("tap_the", [])), len(values.get("ca_nhan", []))
    if not collectives and not individuals:
        problems.add(
            ("tap_the",),
            "danh sách chưa có ai: hãy điền “tap_the” hoặc “ca_nhan”",
            "the list is empty: fill in “tap_the” or “ca_nhan”",
        )
    return collectives, individuals


def award_form(
    problems: Problems, values: Mapping[str, Any], row: Mapping[str, Any], path: KeyPath
) -> str:
    """Return a row's form of award, falling back to the document's ``hinh_thuc``."""
    form = row.get("hinh_thuc") or values.get("hinh_thuc")
    if not form:
        problems.add(
            path,
            "hàng này thiếu “hinh_thuc” và văn bản không có “hinh_thuc” chung",
            "this row has no “hinh_thuc” and the document has no common “hinh_thuc”",
        )
        return ""
    return str(form)


def joined(*parts: Any) -> str:
    """Return the non-empty parts joined with ", "."""
    return ", ".join(str(part) for part in parts if part)


# ---- Tờ trình -------------------------------------------------------------------------------


def form_after(form: str, authority: str) -> str:
    """Return "Bằng khen" for ("Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ"):
    the form as said after its authority ("… Thủ tướng Chính phủ tặng Bằng khen")."""
    tail = f" của {authority}"
    return form[: -len(tail)] if authority and form.casefold().endswith(tail.casefold()) else form


def referral_phrase(form: str, authority: str) -> str:
    """Return "trình Thủ tướng Chính phủ tặng Bằng khen": how a referral upward is asked for."""
    return f"trình {authority} tặng {form_after(form, authority)}" if authority else f"tặng {form}"


def build_to_trinh(
    spec: TemplateSpec, values: Mapping[str, Any], *, today: dt.date | None = None
) -> dict[str, Any]:
    """Tờ trình đề nghị khen thưởng: the standard layout with the proposal sentences computed.

    One sentence asks for the Tờ trình's own form (its danh sách attached); each referral
    the council made to another form follows in a sentence of its own, pointing to its own
    danh sách, so the two lists are never mixed.
    """
    problems = Problems()
    check_bases(problems, values, ("can_cu", "bien_ban"))
    collectives, individuals = values.get("so_tap_the", 0), values.get("so_ca_nhan", 0)
    referrals = [
        row for row in values.get("de_nghi_cap_tren", []) if row.get("so_tap_the") or
        row.get("so_ca_nhan")
    ]  # fmt: skip
    if not collectives and not individuals and not referrals:
        problems.add(
            ("so_tap_the",),
            "tờ trình phải đề nghị khen thưởng ít nhất một tập thể hoặc cá nhân: "
            "hãy điền “so_tap_the” hoặc “so_ca_nhan”",
            "the proposal must name at least one collective or individual: "
            "fill in “so_tap_the” or “so_ca_nhan”",
        )
    problems.raise_any()
    lead, merit = values["de_nghi"].rstrip(" ,"), values["thanh_tich"].rstrip(" .,;")
    proposals = []
    if collectives or individuals:
        proposals.append(
            f"{lead} tặng {values['hinh_thuc']} cho {count_phrase(collectives, individuals)} "
            f"{merit} (có danh sách kèm theo)."
        )
    for row in referrals:
        asked = referral_phrase(row["hinh_thuc"], row.get("tham_quyen", ""))
        counted_here = count_phrase(row.get("so_tap_the", 0), row.get("so_ca_nhan", 0))
        also = "Đồng thời, " if proposals else ""
        proposals.append(
            f"{also}{lead}, {asked} cho {counted_here} {merit} (có danh sách riêng kèm theo)."
        )
    augmented = {
        **values,
        "can_cu": [*values.get("can_cu", []), basis(values["bien_ban"])],
        "ket_thuc": [*proposals, *values.get("ket_thuc", [])],
    }
    return build_context(spec, augmented, today=today)


# ---- Danh sách đề nghị khen thưởng (kèm theo Tờ trình) ------------------------------------


def build_danh_sach(
    spec: TemplateSpec, values: Mapping[str, Any], *, today: dt.date | None = None
) -> dict[str, Any]:
    """Danh sách đề nghị khen thưởng: landscape table grouped into tập thể and cá nhân."""
    today = today or dt.date.today()
    problems = Problems()
    collectives, individuals = require_nominees(problems, values)

    def collective(row: Mapping[str, Any], path: KeyPath, found: Problems) -> dict[str, Any]:
        return {
            "ten": row["ten"],
            "chuc_vu": "",
            "don_vi": row.get("don_vi", ""),
            "hinh_thuc": award_form(found, values, row, path),
            "thanh_tich": rich(row["thanh_tich"]),
        }

    def individual(row: Mapping[str, Any], path: KeyPath, found: Problems) -> dict[str, Any]:
        return {**collective(row, path, found), "chuc_vu": row.get("chuc_vu", "")}

    rows = grouped_rows(values, {"tap_the": collective, "ca_nhan": individual}, problems)
    problems.raise_any()
    context = build_context(spec, values, today=today, layout=A4_LANDSCAPE)
    submission_day = values.get("ngay_to_trinh")
    year = submission_day.year if submission_day else today.year
    context.update(
        kem_theo=attachment_line(
            "Tờ trình",
            values.get("so_to_trinh"),
            submission_day,
            f"{abbreviation_for('Tờ trình')}-{values['ky_hieu_co_quan']}",
            values.get("co_quan_trinh", ""),
            year,
        ),
        bang=rows,
        tong_so=f"Tổng số: {count_phrase(collectives, individuals)}./.",
        tieu_de_tai_lieu=f"DANH SÁCH {plain_text(values['trich_yeu'])}",
    )
    return context


# ---- Quyết định khen thưởng ---------------------------------------------------------------


def _article(number: int, text: str) -> RichText:
    """Return "Điều N." in bold followed by the article's text (with its own emphasis)."""
    result = RichText()
    result.add(f"Điều {number}. ", bold=True)
    for span in parse_emphasis(text):
        result.add(span.text, bold=span.bold, italic=span.italic)
    return result


def _rewards_sentence(values: Mapping[str, Any], total: int) -> str:
    """Return Điều 2: the reward of each nominee and the total in figures and in words."""
    each = []
    for key, _heading, noun in GROUPS:
        amounts = {row["so_tien"] for row in values.get(key, [])}
        if len(amounts) == 1:
            each.append(f"mỗi {noun} {money(amounts.pop())} đồng")
        elif amounts:
            each = []  # amounts differ within a group: the list carries each one
            break
    present = [key for key, _h, _n in GROUPS if values.get(key)]
    if len(each) == len(present):
        first = f"Tiền thưởng kèm theo: {', '.join(each)}."
    else:
        first = "Tiền thưởng kèm theo của từng tập thể, cá nhân theo danh sách kèm theo."
    source = values.get("nguon_kinh_phi", "").rstrip(" .")
    words = money_in_words(total)
    return f"{first} Tổng số tiền thưởng là {money(total)} đồng (Bằng chữ: {words})" + (
        f", {source}." if source else "."
    )


def build_quyet_dinh(
    spec: TemplateSpec, values: Mapping[str, Any], *, today: dt.date | None = None
) -> dict[str, Any]:
    """Quyết định khen thưởng: Điều 1–3, then the list with each reward and the total."""
    today = today or dt.date.today()
    problems = Problems()
    check_bases(problems, values, ("can_cu", "bien_ban", "to_trinh"))
    collectives, individuals = require_nominees(problems, values)

    def collective(row: Mapping[str, Any], path: KeyPath, found: Problems) -> dict[str, Any]:
        return {
            "ten": row["ten"],
            "don_vi": row.get("don_vi", ""),
            "so_tien": money(row["so_tien"]),
        }

    def individual(row: Mapping[str, Any], path: KeyPath, found: Problems) -> dict[str, Any]:
        unit = joined(row.get("chuc_vu"), row.get("don_vi"))
        return {"ten": row["ten"], "don_vi": unit, "so_tien": money(row["so_tien"])}

    rows = grouped_rows(values, {"tap_the": collective, "ca_nhan": individual}, problems)
    problems.raise_any()
    total = sum(row["so_tien"] for key, _h, _n in GROUPS for row in values.get(key, []))
    form = values["hinh_thuc"]
    first = (
        f"Tặng {form} cho {count_phrase(collectives, individuals)} "
        f"{values['thanh_tich'].rstrip(' .,;')} (có danh sách kèm theo)."
    )
    execution = last_article(values["thi_hanh"])
    articles = [_article(1, first), _article(2, _rewards_sentence(values, total))]
    articles.append(_article(3, execution[0]))
    articles += [rich(text) for text in execution[1:]]
    distribution = carried_out_by(values.get("noi_nhan", []), 3)
    subject = values["trich_yeu"].strip()
    if subject.casefold().startswith("về việc "):
        subject = subject[len("về việc ") :]
    augmented = {
        **values,
        "trich_yeu": f"Về việc {subject}",
        "can_cu": [
            *values.get("can_cu", []),
            basis(values["bien_ban"]),
            basis(values["to_trinh"], "Xét đề nghị tại"),
        ],
        "noi_nhan": distribution,
    }
    context = build_context(spec, augmented, today=today)
    kinds = {(True, True): "Tập thể, cá nhân", (True, False): "Tập thể", (False, True): "Cá nhân"}
    list_subject = f"{kinds[bool(collectives), bool(individuals)]} được tặng {form}"
    day = values.get("ngay")
    year = day.year if day else values.get("nam") or today.year
    symbol = context["so_ky_hieu"].split("/", 1)[1]
    context.update(
        tham_quyen=upper_vi(values["tham_quyen"]),
        dieu=articles[:-1],
        dieu_cuoi=articles[-1],
        ds_trich_yeu=keep_together(list_subject),
        ds_kem_theo=keep_together(
            attachment_line("Quyết định", values.get("so"), day, symbol, values["tham_quyen"], year)
        ),
        ds_duong_ke=title_rule(list_subject, A4_PORTRAIT),
        bang=rows,
        tong_cong=money(total),
    )
    return context
