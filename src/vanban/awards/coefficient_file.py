"""Reading the reward coefficient table from YAML, every mistake reported with its line.

The shipped table is ``reward_coefficients.yaml`` next to this module; a workspace may point
to its own copy when a decree changes the coefficients.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from vanban.awards.coefficients import GROUPS, AwardForm, CoefficientTable, Recipient
from vanban.awards.located import (
    Entry,
    Located,
    compose,
    entries,
    is_mapping,
    is_null,
    is_sequence,
    scalar_text,
)
from vanban.awards.problems import clean_text, closest, match_key
from vanban.datafile import read_text_bounded
from vanban.errors import ValidationError

__all__ = ["DATA_FILE", "default_coefficients", "load_coefficients", "parse_coefficients"]

DATA_FILE = Path(__file__).with_name("reward_coefficients.yaml")
MAX_TABLE_BYTES = 1024 * 1024

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_FIELDS = ("ten", "ten_khac", "nhom", "tham_quyen", "ca_nhan", "tap_the", "can_cu", "chua_xac_nhan")
_REQUIRED_TEXT = {"ten": "tên", "nhom": "nhóm", "tham_quyen": "thẩm quyền", "can_cu": "căn cứ"}
_COEFFICIENT_KEYS: tuple[tuple[str, Recipient], ...] = (
    ("ca_nhan", "individual"),
    ("tap_the", "collective"),
)

_Problem = tuple[int, str, str]


def load_coefficients(path: Path | None = None) -> CoefficientTable:
    """Read and check a coefficient table (the shipped one when ``path`` is None)."""
    path = path or DATA_FILE
    text = read_text_bounded(path, MAX_TABLE_BYTES, ("bảng hệ số", "coefficient table"))
    return parse_coefficients(text, str(path))


@functools.cache
def default_coefficients() -> CoefficientTable:
    """Return the shipped table, read once."""
    return load_coefficients(DATA_FILE)


def parse_coefficients(text: str, source: str) -> CoefficientTable:
    """Parse a coefficient table; every mistake is reported at once, each with its line."""
    root = compose(text, source)
    problems: list[_Problem] = []
    top, found = entries(root) if root is not None else ([], [])
    problems += found
    sections = {entry.key: entry for entry in top}
    for entry in top:
        if entry.key not in ("can_cu_chung", "hinh_thuc"):
            problems.append(_unknown_key(entry.line, entry.key, ("can_cu_chung", "hinh_thuc")))
    forms_entry = sections.get("hinh_thuc")
    if forms_entry is None or not is_mapping(forms_entry.node):
        line = forms_entry.line if forms_entry else 1
        problems.append(
            (
                line,
                "thiếu bảng “hinh_thuc” (mã hình thức: các hệ số)",
                "the “hinh_thuc” mapping (form key: its coefficients) is missing",
            )
        )
        raise _table_error(source, problems)
    basis_entry = sections.get("can_cu_chung")
    basis = clean_text(scalar_text(basis_entry.node) or "") if basis_entry else ""
    form_entries, found = entries(forms_entry.node)
    problems += found
    forms: list[AwardForm] = []
    for entry in form_entries:
        form = _read_form(entry.key, entry.node, entry.line, problems)
        if form is not None:
            forms.append(form)
    problems += _collisions(forms, {entry.key: entry.line for entry in form_entries})
    if not forms and not problems:
        problems.append((forms_entry.line, "bảng “hinh_thuc” trống", "“hinh_thuc” is empty"))
    if problems:
        raise _table_error(source, problems)
    return CoefficientTable(forms, basis=basis, source=source)


def _read_form(key: str, node: Located, line: int, problems: list[_Problem]) -> AwardForm | None:
    """Read one row; append its problems and return None when it cannot be used."""
    before = len(problems)
    if not _KEY.match(key):
        problems.append(
            (
                line,
                f"mã “{key}” phải viết thường, không dấu, chỉ gồm chữ, số và “_”",
                f"the key “{key}” must be lower-case ASCII letters, digits and “_”",
            )
        )
    fields, found = entries(node)
    problems += found
    if not is_mapping(node):
        problems.append(
            (line, f"“{key}” phải là một bảng các trường", f"“{key}” must be a mapping")
        )
        return None
    values = {field.key: field for field in fields}
    problems += [_unknown_key(f.line, f.key, _FIELDS) for f in fields if f.key not in _FIELDS]
    texts: dict[str, str] = {}
    for name, label in _REQUIRED_TEXT.items():
        given = values.get(name)
        value = clean_text(scalar_text(given.node) or "") if given else ""
        if not value:
            problems.append(
                (
                    given.line if given else line,
                    f"“{key}” thiếu {label} (khóa “{name}”)",
                    f"“{key}” has no “{name}”",
                )
            )
        texts[name] = value
    if texts["nhom"] and texts["nhom"] not in GROUPS:
        problems.append(_unknown_value(values["nhom"].line, "nhom", texts["nhom"], tuple(GROUPS)))
    coefficients = {
        recipient: _coefficient(key, name, values.get(name), line, problems)
        for name, recipient in _COEFFICIENT_KEYS
    }
    individual, collective = coefficients["individual"], coefficients["collective"]
    if all(_is_null(values.get(name)) for name, _ in _COEFFICIENT_KEYS):
        problems.append(
            (
                line,
                f"“{key}” không có hệ số nào; hãy ghi hệ số cho cá nhân hoặc tập thể",
                f"“{key}” has no coefficient at all; give one for individuals or collectives",
            )
        )
    if individual is not None and collective is not None and collective <= individual:
        # Điều 49: a collective is paid more than an individual for the same form.
        problems.append(
            (
                values["tap_the"].line,
                f"“{key}”: hệ số tập thể ({collective}) phải cao hơn hệ số cá nhân ({individual})",
                f"“{key}”: the collective coefficient ({collective}) must exceed the "
                f"individual one ({individual})",
            )
        )
    aliases = _aliases(key, values.get("ten_khac"), problems)
    note = values.get("chua_xac_nhan")
    if len(problems) > before:
        return None
    return AwardForm(
        key=key,
        name=texts["ten"],
        group=texts["nhom"],
        authority=texts["tham_quyen"],
        individual=individual,
        collective=collective,
        article=texts["can_cu"],
        unconfirmed=clean_text(scalar_text(note.node) or "") if note else "",
        aliases=aliases,
    )


def _coefficient(
    key: str, name: str, field: Entry | None, line: int, problems: list[_Problem]
) -> Decimal | None:
    """Read ``ca_nhan`` / ``tap_the``: a positive number, or null for "not given to them"."""
    if field is None:
        problems.append(
            (
                line,
                f"“{key}” thiếu khóa “{name}”; hãy ghi hệ số, hoặc null nếu hình thức này "
                "không tặng cho đối tượng đó",
                f"“{key}” has no “{name}”; give the coefficient, or null when the form is "
                "not given to that kind of recipient",
            )
        )
        return None
    node = field.node
    if is_null(node):
        return None
    text = scalar_text(node)
    number: Decimal | None = None
    if text is not None and not isinstance(node.value, bool):
        try:
            number = Decimal(text.strip().replace(",", "."))
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite() or number <= 0:
        problems.append(
            (
                field.line,
                f"“{key}”: “{name}” phải là một số dương (ví dụ 1.5) hoặc null, không phải "
                f"“{text if text is not None else '…'}”",
                f"“{key}”: “{name}” must be a positive number (e.g. 1.5) or null, not "
                f"“{text if text is not None else '…'}”",
            )
        )
        return None
    return number


def _is_null(field: Entry | None) -> bool:
    """True for a coefficient written as null (a missing or a wrong one is another mistake)."""
    return field is not None and is_null(field.node)


def _aliases(key: str, field: Entry | None, problems: list[_Problem]) -> tuple[str, ...]:
    """Read ``ten_khac``: one text or a list of texts."""
    if field is None:
        return ()
    node = field.node
    items = node.value if is_sequence(node) else [node]
    aliases: list[str] = []
    for item in items:
        text = scalar_text(item)
        if not text or not clean_text(text):
            problems.append(
                (
                    field.line,
                    f"“{key}”: mỗi tên khác phải là một đoạn chữ",
                    f"“{key}”: each alias must be text",
                )
            )
            continue
        aliases.append(clean_text(text))
    return tuple(aliases)


def _collisions(forms: list[AwardForm], lines: dict[str, int]) -> list[_Problem]:
    """Two forms that share a spelling would make lookups ambiguous."""
    problems: list[_Problem] = []
    owner: dict[str, AwardForm] = {}
    for form in forms:
        for spelling in form.spellings:
            other = owner.setdefault(match_key(spelling), form)
            if other is not form:
                problems.append(
                    (
                        lines[form.key],
                        f"“{spelling}” của “{form.key}” trùng với một tên của “{other.key}”",
                        f"“{spelling}” of “{form.key}” is also a name of “{other.key}”",
                    )
                )
    return problems


def _unknown_key(line: int, key: str, known: tuple[str, ...]) -> _Problem:
    near = closest(key, known)
    hint, hint_en = (f"; có phải “{near}”?", f"; did you mean “{near}”?") if near else ("", "")
    return (
        line,
        f"khóa “{key}” không được dùng ở đây{hint}",
        f"the key “{key}” is unknown{hint_en}",
    )


def _unknown_value(line: int, key: str, value: str, known: tuple[str, ...]) -> _Problem:
    listed = ", ".join(known)
    return (
        line,
        f"“{key}” phải là một trong: {listed} (không phải “{value}”)",
        f"“{key}” must be one of: {listed} (not “{value}”)",
    )


def _table_error(source: str, problems: list[_Problem]) -> ValidationError:
    ordered = sorted(problems, key=lambda problem: problem[0])
    return ValidationError(
        f"Bảng hệ số “{source}” có {len(ordered)} lỗi; hãy sửa tất cả:\n"
        + "\n".join(f"  - dòng {line}: {vi}" for line, vi, _ in ordered),
        f"The coefficient table “{source}” has {len(ordered)} problem(s); fix them all:\n"
        + "\n".join(f"  - line {line}: {en}" for line, _, en in ordered),
    )
