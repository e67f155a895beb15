"""Nominee lists (danh sách đề nghị khen thưởng): columns mapped to fields, every row checked.

Nothing is returned until the whole list is clean: a list with one bad row among two
hundred raises one InvalidListError naming every bad row, so the secretary fixes them all
in one pass instead of one per import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from vanban.awards.coefficient_file import default_coefficients
from vanban.awards.coefficients import (
    RECIPIENTS,
    AwardForm,
    CoefficientTable,
    FormMatch,
    Recipient,
    recipient_label,
)
from vanban.awards.problems import InvalidListError, RowProblem, clean_text, match_key, person_key
from vanban.awards.sources import MAX_LIST_BYTES, MAX_LIST_ROWS, RawList, read_list
from vanban.errors import ValidationError

__all__ = [
    "DEFAULT_COLUMNS",
    "FIELDS",
    "REQUIRED_FIELDS",
    "Nominee",
    "nominees_from_list",
    "read_nominees",
]

FIELDS = ("name", "kind", "sex", "position", "unit", "form", "achievement")
REQUIRED_FIELDS = ("name", "kind", "unit", "form")
_LABELS = {
    "name": ("họ và tên", "name"),
    "kind": ("cá nhân/tập thể", "individual/collective"),
    "sex": ("giới tính", "sex"),
    "position": ("chức vụ", "position"),
    "unit": ("đơn vị", "unit"),
    "form": ("hình thức khen thưởng", "award form"),
    "achievement": ("thành tích", "achievement"),
}

# Header (as a person writes it in row 1, or a YAML key) → field. Matching ignores case,
# diacritics and spacing; pass your own mapping, e.g. {**DEFAULT_COLUMNS, "Tên": "name"}.
DEFAULT_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "Họ và tên": "name",
        "Họ tên": "name",
        "Tên tập thể": "name",
        "Họ và tên / Tên tập thể": "name",
        "Tên cá nhân, tập thể": "name",
        "ho_ten": "name",
        "Cá nhân/Tập thể": "kind",
        "Cá nhân / Tập thể": "kind",
        "Đối tượng": "kind",
        "Loại": "kind",
        "loai": "kind",
        "Giới tính": "sex",
        "gioi_tinh": "sex",
        "Chức vụ": "position",
        "chuc_vu": "position",
        "Đơn vị": "unit",
        "Đơn vị công tác": "unit",
        "don_vi": "unit",
        "Hình thức khen thưởng": "form",
        "Hình thức": "form",
        "Danh hiệu, hình thức khen thưởng": "form",
        "hinh_thuc": "form",
        "Thành tích": "achievement",
        "Tóm tắt thành tích": "achievement",
        "thanh_tich": "achievement",
    }
)

_KINDS: dict[str, Recipient] = {
    match_key("cá nhân"): "individual",
    match_key("tập thể"): "collective",
    "individual": "individual",
    "collective": "collective",
}


@dataclass(frozen=True)
class Nominee:
    """One person or collective proposed for an award.

    ``row`` is where it came from (spreadsheet row or YAML line); it does not take part in
    equality, so the same list read from .xlsx and from YAML compares equal.
    """

    name: str
    kind: Recipient
    unit: str
    form: AwardForm
    position: str = ""
    achievement: str = ""
    row: int = field(default=0, compare=False)
    form_title: str = ""  # the form as written when it names the issuer's place
    sex: str = ""  # "Nam" or "Nữ" for a person when the list says it; certificates print Ông/Bà

    @property
    def form_name(self) -> str:
        """The form as documents print it: with the issuer's place when the list gave one."""
        return self.form_title or self.form.name

    @property
    def key(self) -> tuple[str, str]:
        """Identity for duplicates: NFC-normalised, case-folded name and unit."""
        return person_key(self.name, self.unit)

    @property
    def kind_label(self) -> str:
        """Return "Cá nhân" or "Tập thể"."""
        return recipient_label(self.kind).capitalize()


def read_nominees(
    path: Path,
    *,
    columns: Mapping[str, str] | None = None,
    table: CoefficientTable | None = None,
    max_bytes: int = MAX_LIST_BYTES,
    max_rows: int = MAX_LIST_ROWS,
    sheet: str | None = None,
) -> list[Nominee]:
    """Read a nominee list from .xlsx (first sheet unless ``sheet``), .csv or YAML.

    ``columns`` maps header names to FIELDS (DEFAULT_COLUMNS when None); award forms are
    looked up in ``table`` (the shipped coefficient table when None). Raises
    InvalidListError listing every bad row, or ValidationError when the file itself cannot
    be read or breaks a size limit.
    """
    mapping = _checked_mapping(columns if columns is not None else DEFAULT_COLUMNS)
    raw = read_list(path, max_bytes=max_bytes, max_rows=max_rows, sheet=sheet)
    return nominees_from_list(raw, mapping, table)


def nominees_from_list(
    raw: RawList,
    columns: Mapping[str, str] | None = None,
    table: CoefficientTable | None = None,
) -> list[Nominee]:
    """Turn rows already read into nominees; see read_nominees."""
    mapping = _checked_mapping(columns if columns is not None else DEFAULT_COLUMNS)
    table = table or default_coefficients()
    word = ("cột", "column") if raw.headers is not None else ("khóa", "key")
    problems = list(raw.problems)
    shared: dict[str, int] | None = None
    if raw.headers is not None:
        shared, header_problems = _locate(raw.headers, mapping, word)
        problems += [RowProblem(1, vi, en) for vi, en in header_problems]
        hint = raw.sheet_hint() if header_problems else None
        problems += [hint] if hint is not None else []
    nominees: list[Nominee] = []
    first_row: dict[tuple[str, str], int] = {}
    unknown_form = False
    # A YAML list names its keys on every row, mostly the same ones: each set of keys is
    # located once (a thousand rows would otherwise fold every header a thousand times).
    located: dict[tuple[str, ...], tuple[dict[str, int], list[tuple[str, str]]]] = {}
    for raw_row in raw.rows:
        if shared is None:
            headers = tuple(header for header, _ in raw_row.cells)
            if headers not in located:
                located[headers] = _locate(headers, mapping, word)
            where, row_problems = located[headers]
        else:
            where, row_problems = shared, []
        found = [RowProblem(raw_row.row, vi, en) for vi, en in row_problems]
        values = {name: clean_text(raw_row.cells[index][1]) for name, index in where.items()}
        nominee, unknown = _nominee(values, raw_row.row, table, found)
        unknown_form = unknown_form or unknown
        name, unit = values.get("name", ""), values.get("unit", "")
        if name:
            first = first_row.setdefault(person_key(name, unit), raw_row.row)
            if first != raw_row.row:
                found.append(
                    RowProblem(
                        raw_row.row,
                        f"“{name}” ({unit or 'không ghi đơn vị'}) trùng với dòng {first}: "
                        "cùng họ tên và đơn vị; hãy xóa một dòng",
                        f"“{name}” ({unit or 'no unit'}) repeats row {first} "
                        "(same name and unit); delete one of them",
                    )
                )
        problems += found
        if nominee is not None and not found:
            nominees.append(nominee)
    if problems:
        note = None
        if unknown_form:
            known = "; ".join(table.names)
            note = (
                f"Các hình thức khen thưởng đã biết: {known}.",
                f"Known award forms: {known}.",
            )
        raise InvalidListError(raw.source, problems, row_word_en=raw.row_word_en, note=note)
    if not nominees:
        raise ValidationError(
            f"Danh sách “{raw.source}” không có ai. Hãy điền từ dòng 2 trở đi rồi nhập lại.",
            f"The list “{raw.source}” is empty. Fill in rows from row 2 on and import again.",
        )
    return nominees


def _checked_mapping(columns: Mapping[str, str]) -> dict[str, str]:
    """Return a copy of ``columns``; a mapping with unknown or missing fields is refused."""
    wrong = sorted({value for value in columns.values() if value not in FIELDS})
    missing = [name for name in REQUIRED_FIELDS if name not in columns.values()]
    if wrong or missing:
        raise ValidationError(
            "Bảng ánh xạ cột không hợp lệ: "
            + (f"không có trường {', '.join(wrong)}; " if wrong else "")
            + (f"chưa có cột nào cho {', '.join(missing)}; " if missing else "")
            + f"các trường là: {', '.join(FIELDS)}.",
            "The column mapping is invalid: "
            + (f"no such field {', '.join(wrong)}; " if wrong else "")
            + (f"no column maps to {', '.join(missing)}; " if missing else "")
            + f"the fields are: {', '.join(FIELDS)}.",
        )
    return dict(columns)


def _locate(
    headers: Sequence[str], mapping: dict[str, str], words: tuple[str, str]
) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Return field → column index, and the problems: missing or doubled columns (or keys)."""
    word, word_en = words
    keyed = {match_key(header): name for header, name in mapping.items()}
    where: dict[str, int] = {}
    problems: list[tuple[str, str]] = []
    for index, header in enumerate(headers):
        name = keyed.get(match_key(header)) if header.strip() else None
        if name is None:
            continue  # STT, notes and other columns are not ours
        if name in where:
            other = headers[where[name]]
            label, label_en = _LABELS[name]
            problems.append(
                (
                    f"{word} “{other}” và {word} “{header}” cùng là {label}; hãy giữ lại một",
                    f"“{other}” and “{header}” both hold the {label_en}; keep one",
                )
            )
            continue
        where[name] = index
    for name in REQUIRED_FIELDS:
        if name not in where:
            label, label_en = _LABELS[name]
            accepted = ", ".join(h for h, f in mapping.items() if f == name)
            problems.append(
                (
                    f"thiếu {word} {label} (tên {word} có thể là: {accepted})",
                    f"the {label_en} {word_en} is missing (it may be named: {accepted})",
                )
            )
    return where, problems


def _nominee(
    values: dict[str, str], row: int, table: CoefficientTable, problems: list[RowProblem]
) -> tuple[Nominee | None, bool]:
    """Check one row's values; return the nominee (None if unusable) and "form unknown"."""
    kind: Recipient | None = None
    if "kind" in values:
        kind = _KINDS.get(match_key(values["kind"]))
        if kind is None:
            written = values["kind"]
            problems.append(
                RowProblem(
                    row,
                    "phải ghi rõ “Cá nhân” hoặc “Tập thể”"
                    + (f", không phải “{written}”" if written else " (đang để trống)"),
                    "individual/collective must say “Cá nhân” or “Tập thể”"
                    + (f", not “{written}”" if written else "; it is empty"),
                )
            )
    name = values.get("name")
    if name == "":
        label = "tên tập thể" if kind == "collective" else "họ và tên"
        problems.append(RowProblem(row, f"thiếu {label}", "the name is empty"))
    if kind == "individual" and values.get("unit") == "":
        problems.append(
            RowProblem(
                row,
                f"cá nhân “{name}” chưa ghi đơn vị công tác",
                f"the individual “{name}” has no unit",
            )
        )
    sex = _sex(values.get("sex", ""), kind, row, problems)
    found, unknown = _form(values.get("form"), kind, row, table, problems)
    if not name or kind is None or found is None or "unit" not in values:
        return None, unknown
    nominee = Nominee(
        name=name,
        kind=kind,
        unit=values["unit"],
        form=found.form,
        position=values.get("position", ""),
        achievement=values.get("achievement", ""),
        row=row,
        form_title="" if found.title == found.form.name else found.title,
        sex=sex,
    )
    return nominee, unknown


_SEXES = {match_key("Nam"): "Nam", match_key("Nữ"): "Nữ"}


def _sex(text: str, kind: Recipient | None, row: int, problems: list[RowProblem]) -> str:
    """Return "Nam", "Nữ" or "" (not given); anything else, or a collective's, is a problem."""
    if not text:
        return ""
    if kind == "collective":
        problems.append(
            RowProblem(
                row,
                f"tập thể không có giới tính (đang ghi “{text}”); hãy để trống ô này",
                f"a collective has no sex (it says “{text}”); leave the cell empty",
            )
        )
        return ""
    sex = _SEXES.get(match_key(text))
    if sex is None:
        problems.append(
            RowProblem(
                row,
                f"giới tính phải là “Nam” hoặc “Nữ”, không phải “{text}”",
                f"the sex must be “Nam” (male) or “Nữ” (female), not “{text}”",
            )
        )
        return ""
    return sex


def _form(
    text: str | None,
    kind: Recipient | None,
    row: int,
    table: CoefficientTable,
    problems: list[RowProblem],
) -> tuple[FormMatch | None, bool]:
    """Look the award form up; return it (or None) and whether it was unknown."""
    if text is None:
        return None, False
    if not text:
        problems.append(
            RowProblem(row, "chưa ghi hình thức khen thưởng", "the award form is empty")
        )
        return None, False
    found = table.resolve(text)
    if found is None:
        near = table.suggestion(text)
        problems.append(
            RowProblem(
                row,
                f"không có hình thức khen thưởng “{text}” trong bảng hệ số"
                + (f"; có phải “{near}”?" if near else ""),
                f"there is no award form “{text}” in the coefficient table"
                + (f"; did you mean “{near}”?" if near else ""),
            )
        )
        return None, True
    form = found.form
    if kind is not None and form.coefficient(kind) is None:
        given = next(r for r in RECIPIENTS if form.coefficient(r) is not None)
        problems.append(
            RowProblem(
                row,
                f"“{form.name}” chỉ tặng cho {recipient_label(given)}, không tặng cho "
                f"{recipient_label(kind)}",
                f"“{form.name}” is given only to {recipient_label(given, 'en')}, not to "
                f"{recipient_label(kind, 'en')}",
            )
        )
        return None, False
    return found, False
