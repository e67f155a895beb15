"""The fixed parts of an imported document as data: header, title, bases, signature, recipients.

The checker's anatomy says which lines are which part; this module reads their words: the
number and symbol ("Số: 03/KH-HKH"), the place and date, the subject without "V/v", the
bases and recipients without their punctuation (vanban adds it), the signature's
TM./KT./Q./TL./TUQ. lines, title and name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from vanban.checker.anatomy import Anatomy, fold, signature_prefix
from vanban.checker.reading import Span
from vanban.vietnamese import ALL_ABBREVIATIONS

_NUMBER = re.compile(r"^S[ốỐoO]\s*:?\s*(?P<so>\d*)\s*/\s*(?P<code>\S+)", re.IGNORECASE)
_DATE = re.compile(
    r"^(?P<place>.*?)\s*,?\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})?",
    re.IGNORECASE,
)
_SHORT_DATE = re.compile(
    r"^(?P<place>.*?)\s*,?\s*ngày\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
)
PREFIX_KEYS = {
    "tm": "thay_mat",
    "tl": "thua_lenh",
    "tuq": "thua_uy_quyen",
    "kt": "ky_thay",
    "q": "quyen",
}
_TRAILING = " ;.,:"
_ABBREVIATIONS = {code.casefold() for code in ALL_ABBREVIATIONS}


def clean_item(text: str) -> str:
    """Return a list item without its dash and its final punctuation ("- Như trên;" → …)."""
    text = re.sub(r"^[-–—•+·]\s*", "", text.strip())
    return text.rstrip(_TRAILING).strip()


def lines_text(spans: Sequence[Span]) -> str:
    """Return the text of ``spans`` as lines joined by "\\n" (a name set on several lines)."""
    lines = [line for span in spans for line in span.display.split("\n") if line.strip()]
    return "\n".join(lines)


def number_and_symbol(text: str, cong_van: bool) -> dict[str, Any]:
    """Return ``so``, ``ky_hieu_co_quan`` (and ``ky_hieu_don_vi``) from "Số: 03/KH-HKH"."""
    match = _NUMBER.match(text.strip())
    if match is None:
        return {}
    parts = [part for part in match.group("code").strip(" .;,").split("/") if part]
    codes = [part for part in parts if not re.fullmatch(r"\d{4}", part)]
    pieces = codes[-1].split("-") if codes else []
    result: dict[str, Any] = {}
    if cong_van and len(pieces) >= 2:
        result["ky_hieu_co_quan"] = pieces[0]
        result["ky_hieu_don_vi"] = "-".join(pieces[1:])
    elif len(pieces) >= 2 and pieces[0].casefold() in _ABBREVIATIONS:
        result["ky_hieu_co_quan"] = "-".join(pieces[1:])
    elif pieces:
        result["ky_hieu_co_quan"] = pieces[-1]
    if match.group("so"):
        result["so"] = int(match.group("so"))
    return result


def place_and_date(text: str) -> dict[str, Any]:
    """Return ``dia_danh`` and ``ngay`` (or ``nam`` for a draft's blank date)."""
    text = " ".join(text.split())
    match = _SHORT_DATE.match(text) or _DATE.match(text)
    if match is None:
        return {}
    result: dict[str, Any] = {}
    place = match.group("place").strip(" ,")
    if place:
        result["dia_danh"] = place
    day, month, year = match.group("d"), match.group("m"), match.group("y")
    if day and month and year:
        try:
            result["ngay"] = dt.date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            result["nam"] = int(year)
    elif year:
        result["nam"] = int(year)
    return result


def subject_of_letter(text: str) -> str:
    """Return a công văn's subject without "V/v" or "Về việc"."""
    return re.sub(r"^(v/v|về việc)\s*:?\s*", "", text.strip(), flags=re.IGNORECASE).strip()


def addressees(spans: Sequence[Span]) -> list[str]:
    """Return the Kính gửi lines without "Kính gửi:", dashes and final punctuation."""
    items: list[str] = []
    for span in spans:
        text = re.sub(r"^kính gửi\s*:?\s*", "", span.text, flags=re.IGNORECASE)
        for line in re.split(r"\n|\t+(?=[-–+•])", text):
            item = clean_item(line)
            if item:
                items.append(item)
    return items


def recipients(spans: Sequence[Span], has_addressees: bool) -> tuple[list[str], list[str]]:
    """Return the Nơi nhận items and the Lưu units ("- Lưu: VT, VP." → ["VT", "VP"])."""
    items: list[str] = []
    filed: list[str] = []
    for span in spans:
        item = clean_item(span.text)
        folded = fold(item)
        if folded.startswith("luu"):
            units = re.sub(r"^lưu\s*:?\s*", "", item, flags=re.IGNORECASE)
            filed += [unit.strip(" .;") for unit in re.split(r"[,;]", units) if unit.strip(" .;")]
        elif folded.startswith("nhu tren") and has_addressees:
            continue  # vanban writes "- Như trên;" itself when there is a Kính gửi
        elif item:
            items.append(item)
    return items, filed


def signature(
    authority: Sequence[Span], names: Sequence[Span], notes: Sequence[str]
) -> dict[str, Any]:
    """Return the ``ky`` block: TM./KT./… lines, the title and the name."""
    block: dict[str, Any] = {}
    titles: list[str] = []
    last_prefix: str | None = None
    for span in authority:
        for line in span.display.split("\n"):
            line = line.strip()
            if not line:
                continue
            prefix = signature_prefix(line)
            key = PREFIX_KEYS.get(fold(prefix or "").strip(".").replace(".", ""))
            if prefix is not None and key is not None and key not in block:
                block[key] = line[len(prefix) :].strip()
                last_prefix = key
            else:
                titles.append(line)
    if len(titles) > 1 and last_prefix is not None and "ky_thay" not in block:
        # "TM. ỦY BAN NHÂN DÂN" / "TỈNH HÀ NAM" / "CHỦ TỊCH": the middle line continues TM.
        block[last_prefix] += "\n" + "\n".join(titles[:-1])
        titles = titles[-1:]
    if titles:
        block["chuc_vu"] = "\n".join(titles)
    name = lines_text(names)
    if name:
        block["ho_ten"] = name
    if notes:
        block["ghi_chu"] = " ".join(notes)
    return block


def signature_notes(anatomy: Anatomy, paras: Sequence[Any]) -> list[str]:
    """Return the "(Đã ký)"-like lines printed in the signature's cell."""
    names = anatomy.get("ho_ten")
    if not names or names[0].para.cell_key is None:
        return []
    key = names[0].para.cell_key
    return [
        para.text
        for para in paras
        if para.cell_key == key and para.text.startswith("(") and para.text.endswith(")")
    ]
