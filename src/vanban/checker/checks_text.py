"""Checks of wording: the number and symbol, the date line, căn cứ, Nơi nhận, signature prefixes."""

from __future__ import annotations

import datetime as dt
import re

from vanban.checker.anatomy import SIGNATURE_PREFIXES, fold, signature_prefix
from vanban.checker.checks_look import aggregate, look_problems
from vanban.checker.findings import Finding, Location, join
from vanban.checker.inspection import Inspection
from vanban.checker.rules import Rule
from vanban.errors import Message
from vanban.vietnamese import ALL_ABBREVIATIONS, abbreviation_for
from vanban.vietnamese.legacy import LEGACY_NAMES, detect, to_unicode

_PLACEHOLDER = re.compile(r"^[.…_]+$")  # a draft's number left for the clerk: "…/KH-HKH"
_DATE_LINE = re.compile(
    r"^(?P<place>[^,]+?)(?P<comma>,?)\s*ngày\s*(?P<day>\S*)\s*tháng\s*(?P<month>\S*)"
    r"\s*năm\s*(?P<year>\S+)$"
)
_FILED = re.compile(r"^- Lưu: VT(, .+)?\.$")
_DIGITS = re.compile(r"^[0-9]{1,6}$")  # ASCII digits only: "²" or "١" are not a number here


def _quoted(text: str) -> Message:
    return Message(f"“{text}”", f"“{text}”")


def _type_code(inspection: Inspection) -> str | None:
    type_name = inspection.anatomy.one("ten_loai")
    if type_name is None:
        return None
    try:
        return abbreviation_for(type_name.display.rstrip(" :."))
    except KeyError:
        return None


def _symbol_problems(inspection: Inspection, symbol: str) -> list[Message]:
    problems: list[Message] = []
    if symbol != symbol.strip() or " " in symbol.strip():
        problems.append(Message("có dấu cách trong ký hiệu", "spaces in the symbol"))
    groups = symbol.strip().replace(" ", "").split("-")
    if any(not group for group in groups):
        problems.append(Message("có nhóm chữ viết tắt rỗng", "an empty group in the symbol"))
        return problems
    lower = [g for g in groups if g not in ALL_ABBREVIATIONS and g != g.upper()]
    if lower:
        problems.append(Message(f"“{lower[0]}” không in hoa", f"“{lower[0]}” is not in capitals"))
    anatomy = inspection.anatomy
    if anatomy.cong_van:
        if len(groups) < 2:
            problems.append(
                Message(
                    "ký hiệu công văn thiếu chữ viết tắt đơn vị soạn thảo",
                    "a letter's symbol lacks the drafting unit",
                )
            )
        return problems
    if groups[0] not in ALL_ABBREVIATIONS:
        if anatomy.one("ten_loai") is not None or len(groups) < 2:
            problems.append(
                Message(
                    f"“{groups[0]}” không phải chữ viết tắt tên loại trong Phụ lục III",
                    f"“{groups[0]}” is not a document type abbreviation of Appendix III",
                )
            )
        return problems
    if len(groups) < 2:
        problems.append(Message("thiếu chữ viết tắt tên cơ quan", "the issuing body is missing"))
    code = _type_code(inspection)
    if code is not None and groups[0] != code:
        problems.append(
            Message(
                f"“{groups[0]}” không khớp tên loại (cần “{code}”)",
                f"“{groups[0]}” does not match the type name (needs “{code}”)",
            )
        )
    return problems


def number_symbol(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check "Số: 03/KH-HKH": colon, leading zero, "/", known codes, no spaces."""
    line = inspection.anatomy.one("so_ky_hieu")
    if line is None:
        return []
    raw = line.raw.replace("\u00a0", " ").replace("\t", " ").strip()
    problems: list[Message] = []
    if not raw.startswith("Số:"):
        problems.append(Message("không bắt đầu bằng “Số:”", "does not start with “Số:”"))
    colon = raw.find(":")
    rest = raw[colon + 1 :] if colon >= 0 else raw[2:]
    slash = rest.find("/")
    if slash < 0:
        problems.append(Message("thiếu “/” giữa số và ký hiệu", "no “/” between number and symbol"))
    else:
        written = rest[:slash]
        digits = written.strip()
        if written.rstrip() != written and digits:
            problems.append(Message("có dấu cách trước “/”", "a space before “/”"))
        if not digits or _PLACEHOLDER.match(digits):
            if not written:
                problems.append(Message("thiếu số văn bản", "no number"))
        elif not _DIGITS.match(digits) or int(digits) == 0:
            problems.append(Message(f"số “{digits}” không hợp lệ", f"“{digits}” is not a number"))
        elif digits != (f"{int(digits):02d}" if int(digits) < 10 else str(int(digits))):
            wanted = f"{int(digits):02d}" if int(digits) < 10 else str(int(digits))
            problems.append(
                Message(f"số “{digits}” (cần “{wanted}”)", f"number “{digits}” (needs “{wanted}”)")
            )
        problems += _symbol_problems(inspection, rest[slash + 1 :])
    if not problems:
        return []
    example = "Số: 05/BNV-VP" if inspection.anatomy.cong_van else "Số: 03/KH-HKH"
    return [
        rule.finding(
            join(problems),
            Message(
                f"dạng “{example}”: số dưới 10 có số 0 phía trước, giữa các nhóm không cách chữ",
                f"the form “{example}”: a leading zero below 10, no spaces between groups",
            ),
            line.where,
        )
    ]


def _padded(value: str, width_zero: bool) -> str:
    number = int(value)
    return f"{number:02d}" if width_zero else str(number)


def place_date(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check "Sơn La, ngày 05 tháng 3 năm 2024": comma, zero-padding, a real date."""
    line = inspection.anatomy.one("dia_danh_ngay")
    if line is None:
        return []
    text = line.text.replace("\n", " ")
    match = _DATE_LINE.match(text)
    expected = Message(
        "“Địa danh, ngày 05 tháng 3 năm 2024”: ngày dưới 10 và tháng 1, 2 có số 0 phía trước",
        "“Place, ngày 05 tháng 3 năm 2024”: a leading zero on days below 10 and months 1, 2",
    )
    if match is None:
        return [rule.finding(_quoted(text), expected, line.where)]
    problems: list[Message] = []
    place, day, month, year = match["place"], match["day"], match["month"], match["year"]
    if not match["comma"]:
        problems.append(Message("thiếu dấu phẩy sau địa danh", "no comma after the place"))
    if not place[:1].isupper():
        problems.append(
            Message("địa danh không viết hoa chữ cái đầu", "the place is not capitalised")
        )
    if not re.fullmatch(r"[0-9]{4}", year):
        problems.append(Message(f"năm “{year}”", f"year “{year}”"))
    elif day or month:
        if not (_DIGITS.match(day) and _DIGITS.match(month)):
            problems.append(
                Message(f"ngày “{day}” tháng “{month}”", f"day “{day}” month “{month}”")
            )
        else:
            if day != _padded(day, int(day) < 10):
                wanted = _padded(day, int(day) < 10)
                problems.append(
                    Message(f"ngày “{day}” (cần “{wanted}”)", f"day “{day}” (needs “{wanted}”)")
                )
            if month != _padded(month, int(month) <= 2):
                wanted = _padded(month, int(month) <= 2)
                problems.append(
                    Message(
                        f"tháng “{month}” (cần “{wanted}”)", f"month “{month}” (needs “{wanted}”)"
                    )
                )
            try:
                dt.date(int(year), int(month), int(day))
            except ValueError:
                problems.append(Message("ngày không có thật", "not a real date"))
    if not problems:
        return []
    return [rule.finding(join(problems), expected, line.where)]


def place_date_level(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check that the place and date sit on the row (or line) of the number and symbol."""
    number, date = inspection.anatomy.one("so_ky_hieu"), inspection.anatomy.one("dia_danh_ngay")
    if number is None or date is None or number.para is date.para:
        return []
    a, b = number.para.cell_key, date.para.cell_key
    if a is not None and b is not None and a[:2] == b[:2] and a[2] != b[2]:
        return []
    number_at, date_at = number.para.where, date.para.where
    return [
        rule.finding(
            Message(
                f"số, ký hiệu ở {number_at.describe('vi')}; ngày tháng ở {date_at.describe('vi')}",
                f"number at {number_at.describe('en')}; date at {date_at.describe('en')}",
            ),
            Message(
                "địa danh và thời gian cùng một hàng với số, ký hiệu",
                "the place and date on the row of the number",
            ),
            date.where,
        )
    ]


def bases_punctuation(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check that every căn cứ ends with ";" and the last one with "."."""
    bases = inspection.anatomy.get("can_cu")
    problems: list[tuple[Location, Message, Message]] = []
    for index, basis in enumerate(bases):
        last = index == len(bases) - 1
        ending = basis.text.rstrip()[-1:]
        wanted = "." if last else ";"
        if ending != wanted:
            problems.append(
                (
                    basis.where,
                    Message(f"căn cứ kết thúc bằng “{ending}”", f"a basis ending in “{ending}”"),
                    Message(
                        f"căn cứ {'cuối cùng ' if last else ''}kết thúc bằng “{wanted}”",
                        f"{'the last ' if last else 'each '}basis ending in “{wanted}”",
                    ),
                )
            )
    return aggregate(rule, problems)


def recipients_punctuation(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check "- …;" on every recipient and "- Lưu: VT, …." last."""
    heading = inspection.anatomy.one("noi_nhan")
    items = inspection.anatomy.get("noi_nhan_danh_sach")
    if heading is None:
        return []
    if not items:
        return [
            rule.finding(
                Message("không có nơi nhận nào", "no recipients"),
                Message(
                    "danh sách nơi nhận, dòng cuối “- Lưu: VT, ….”",
                    "recipients ending “- Lưu: VT, ….”",
                ),
                heading.where,
            )
        ]
    problems: list[tuple[Location, Message, Message]] = []
    for item in items[:-1]:
        text = item.text
        if not text.startswith("- ") or not text.endswith(";"):
            problems.append(
                (item.where, _quoted(text), Message("“- Tên nơi nhận;”", "“- Recipient;”"))
            )
    last = items[-1]
    if not _FILED.match(last.text):
        problems.append(
            (
                last.where,
                _quoted(last.text),
                Message(
                    "dòng cuối “- Lưu: VT, <đơn vị soạn thảo>.”", "a last line “- Lưu: VT, <unit>.”"
                ),
            )
        )
    return aggregate(rule, problems)


def unicode_text(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Find text typed in a legacy encoding (TCVN3, VNI, VISCII) or UTF-8 encoded twice."""
    problems: list[tuple[Location, Message, Message]] = []
    for para in (*inspection.paras, *inspection.margins_paras):
        text = para.text
        encoding = detect(text)
        if encoding is None:
            continue
        meant = to_unicode(text, encoding)
        problems.append(
            (
                para.where,
                Message(
                    f"gõ bằng {LEGACY_NAMES[encoding]}: “{text[:60]}” (nghĩa là “{meant[:60]}”)",
                    f"typed in {encoding}: “{text[:60]}” (meaning “{meant[:60]}”)",
                ),
                Message(
                    f"chữ Unicode; hãy chuyển tệp bằng: vanban convert --from {encoding} "
                    f"{inspection.name}",
                    f"Unicode text; convert the file with: vanban convert --from {encoding} "
                    f"{inspection.name}",
                ),
            )
        )
    return aggregate(rule, problems)


def signature_authority(inspection: Inspection, rule: Rule) -> list[Finding]:
    """Check TM./KT./Q./TL./TUQ. and the title lines: capitals, bold, size."""
    problems: list[tuple[Location, Message, Message]] = []
    for line in inspection.anatomy.get("quyen_han"):
        found, expected = look_problems(line, dict(rule.params))
        prefix = signature_prefix(line.display)
        if prefix is not None and prefix not in SIGNATURE_PREFIXES:
            key = fold(prefix).replace(".", "").replace("/", "")
            wanted = next(p for p in SIGNATURE_PREFIXES if p.rstrip(".").casefold() == key)
            found.insert(0, Message(f"viết “{prefix}”", f"written “{prefix}”"))
            expected.insert(0, Message(f"“{wanted}”", f"“{wanted}”"))
        if found:
            problems.append((line.where, join(found), join(expected)))
    return aggregate(rule, problems)
