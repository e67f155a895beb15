"""Checking document data against a template's manifest before anything renders.

Every problem names the field (with its Vietnamese label), the file and the line, and says
what is expected. All problems are collected so a secretary fixes the file once, not once per
run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from vanban.datafile import Located
from vanban.datafile.yaml_reader import MAX_NUMBER_DIGITS
from vanban.documents.body_tables import check_body_tables
from vanban.documents.catalogue import FieldSpec, TemplateSpec
from vanban.documents.data_source import DocumentData, clean_text
from vanban.documents.field_checks import check_positions, check_table, check_time, parse_date
from vanban.errors import KeyPath, Problem, ProblemsError, ValidationError, echo
from vanban.vietnamese import closest

NUMBERING_STYLES = ("phan", "dieu", "I", "1", "1.1", "a", "-", "+", "")
SIGNATURE_PREFIXES = {
    "thay_mat": "TM.",
    "ky_thay": "KT.",
    "quyen": "Q.",
    "thua_lenh": "TL.",
    "thua_uy_quyen": "TUQ.",
}
# "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH": the on-behalf line (TM., TL., TUQ.)
# may be followed by the deputy line (KT., Q.), as Điều 13 allows.
_ON_BEHALF_KEYS = ("thay_mat", "thua_lenh", "thua_uy_quyen")
_DEPUTY_KEYS = ("ky_thay", "quyen")
_NODE_KEYS = ("tieu_de", "doan", "bang", "muc", "sau", "danh_so_con")
_SIGNATURE_KEYS = (*SIGNATURE_PREFIXES, "chuc_vu", "ho_ten", "ghi_chu")
_CODE = re.compile(r"^[0-9A-Za-zĐđ&]+(?:-[0-9A-Za-zĐđ&]+)*$")
MAX_BODY_DEPTH = 6


_DATA_SUBJECT = ("Dữ liệu", "The data")
_DATA_ACTION = ("hãy sửa rồi chạy lại", "fix them and run again")
_DATA_ACTION_ONE = ("hãy sửa dữ liệu rồi chạy lại", "fix the data and run again")


class DataProblem(ProblemsError):
    """Problems a context builder finds in validated data (sums, counts, rows that disagree).

    The builder knows the key path but not the file; the renderer adds file and line with
    ``located`` so the secretary is told where to look, as for every other data error.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(problems, _DATA_SUBJECT, _DATA_ACTION, action_one=_DATA_ACTION_ONE)

    def located(self, data: DocumentData) -> ValidationError:
        """Return the same problems as a ValidationError naming file and line."""
        return _validation_error(data, list(self.problems))


class _Checker:
    """Collects problems while walking the data."""

    def _split_at_commas(self, path: KeyPath, value: Any, what: str, what_en: str) -> bool:
        node = self.data.nodes.get(path)
        if node is None or not _looks_split_at_commas(node):
            return False
        written = echo(", ".join(str(item.raw) for item in node.value), 60)
        self.add(
            path,
            f"{what} viết dạng [{written}] nên bị cắt thành {len(node.value)} đoạn ở dấu phẩy; "
            "nếu đó là một câu, hãy đặt trong dấu nháy; nếu là nhiều đoạn, viết mỗi đoạn một "
            "dòng bắt đầu bằng “- ”",
            f"{what_en} written as [{written}] is cut into {len(node.value)} paragraphs at the "
            "commas; if it is one sentence, put it in quotes; if it is several paragraphs, "
            "write each on its own line starting with “- ”",
        )
        return True

    def __init__(self, data: DocumentData) -> None:
        self.data = data
        self.problems: list[Problem] = []

    def add(self, path: KeyPath, vi: str, en: str) -> None:
        self.problems.append(Problem(None, vi, en, key_path=path))

    def text(self, path: KeyPath, value: Any, what: str, what_en: str) -> str | None:
        """Return a text value as the author typed it, or add the problem and return None.

        YAML turns unquoted 010, true or 1.5 into numbers and booleans; where text is
        expected the characters the author typed are kept (``nodes`` holds them), never
        Python's spelling of the value ("True", "1.5e-05").
        """
        if isinstance(value, dict) and len(value) == 1:
            key, rest = next(iter(value.items()))
            if isinstance(rest, str | int | float) or rest is None:
                written = echo(f"{key}: {rest if rest is not None else ''}".strip())
                self.add(
                    path,
                    f"{what} “{written}” có dấu hai chấm “:” nên YAML hiểu phần trước nó là "
                    "một khóa; hãy đặt đoạn văn trong dấu nháy",
                    f"{what_en} “{written}” has a colon “:”, so YAML reads the part before it "
                    "as a key; put the text in quotes",
                )
                return None
        if isinstance(value, dict | list):
            kind, kind_en = (
                ("danh sách", "list") if isinstance(value, list) else ("bảng", "mapping")
            )
            self.add(
                path,
                f"{what} phải là một đoạn chữ, không phải {kind}",
                f"{what_en} must be text, not a {kind_en}",
            )
            return None
        if value is None or value == "":
            self.add(path, f"{what} đang để trống", f"{what_en} is empty")
            return None
        if isinstance(value, str):
            return value
        node = self.data.nodes.get(path)
        if node is not None and node.raw is not None:
            return clean_text(node.raw)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.add(
            path,
            f"{what} phải là một đoạn chữ, không phải “{echo(value)}”; hãy đặt trong dấu nháy",
            f"{what_en} must be text, not “{echo(value)}”; put it in quotes",
        )
        return None

    def text_list(self, path: KeyPath, value: Any, what: str, what_en: str) -> list[str]:
        if self._split_at_commas(path, value, what, what_en):
            return []
        items = value if isinstance(value, list) else [value]
        result: list[str] = []
        for index, item in enumerate(items):
            item_path = (*path, index) if isinstance(value, list) else path
            text = self.text(item_path, item, what, what_en)
            if text is not None:
                result.append(text)
        return result


def _looks_split_at_commas(node: Located) -> bool:
    """True for ``[Chủ trì, phối hợp …, vận động …]``: one sentence that YAML cut at commas.

    A flow list of unquoted items where an item after the first starts with a small letter
    is a sentence continuing, not a new paragraph (paragraphs start with a capital).
    """
    if not node.flow or not isinstance(node.value, list) or len(node.value) < 2:
        return False
    items = node.value
    if any(item.style is not None or not isinstance(item.value, str) for item in items):
        return False
    return any(item.value[:1].islower() for item in items[1:])


def _check_integer(checker: _Checker, path: KeyPath, value: Any, spec: FieldSpec) -> Any:
    if isinstance(value, str) and value.isdigit() and len(value) <= MAX_NUMBER_DIGITS:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        checker.add(
            path,
            f"“{spec.name}” ({spec.label}) phải là số nguyên dương, không phải “{echo(value)}”",
            f"“{spec.name}” ({spec.label_en}) must be a positive whole number, not “{echo(value)}”",
        )
        return None
    return value


def _check_year(checker: _Checker, path: KeyPath, value: Any, spec: FieldSpec) -> Any:
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2999:
        checker.add(
            path,
            f"“{spec.name}” ({spec.label}) phải là năm có bốn chữ số, ví dụ 2024, không phải "
            f"“{echo(value)}”",
            f"“{spec.name}” ({spec.label_en}) must be a four-digit year such as 2024, not "
            f"“{echo(value)}”",
        )
        return None
    return value


def _check_date(checker: _Checker, path: KeyPath, value: Any, spec: FieldSpec) -> Any:
    parsed = parse_date(value)
    if parsed is not None:
        return parsed
    node = checker.data.nodes.get(path)
    written = echo(node.raw if node is not None and node.raw is not None else value)
    checker.add(
        path,
        f"“{spec.name}” ({spec.label}) phải là một ngày có thật, viết 2024-01-29 hoặc "
        f"29/01/2024, không phải “{written}”",
        f"“{spec.name}” ({spec.label_en}) must be a real date, written 2024-01-29 or "
        f"29/01/2024, not “{written}”",
    )
    return None


def _check_code(checker: _Checker, path: KeyPath, value: Any, spec: FieldSpec) -> Any:
    text = checker.text(path, value, f"“{spec.name}” ({spec.label})", f"“{spec.name}”")
    if text is not None and not _CODE.match(text):
        checker.add(
            path,
            f"“{spec.name}” ({spec.label}) chỉ gồm chữ, số và dấu “-”, không có dấu cách",
            f"“{spec.name}” ({spec.label_en}) may hold only letters, digits and “-”, no spaces",
        )
        return None
    return text


def _check_style(checker: _Checker, path: KeyPath, value: Any) -> str | None:
    if value not in NUMBERING_STYLES:
        allowed = ", ".join(f"“{style}”" for style in NUMBERING_STYLES if style)
        checker.add(
            path,
            f"kiểu đánh số “{value}” không có; hãy dùng một trong {allowed} hoặc “”",
            f"numbering style “{value}” does not exist; use one of {allowed} or “”",
        )
        return None
    return str(value)


def _check_numbering(checker: _Checker, path: KeyPath, value: Any, spec: FieldSpec) -> Any:
    if not isinstance(value, list) or not value:
        checker.add(
            path,
            f'“{spec.name}” phải là danh sách kiểu đánh số, ví dụ ["I", "1", "a"]',
            f'“{spec.name}” must be a list of numbering styles, e.g. ["I", "1", "a"]',
        )
        return None
    styles = [_check_style(checker, (*path, index), item) for index, item in enumerate(value)]
    return styles if all(style is not None for style in styles) else None


def _check_node(checker: _Checker, path: KeyPath, node: Any, depth: int) -> Any:
    if not isinstance(node, dict):
        checker.add(
            path,
            "mỗi mục của nội dung phải có “tieu_de”, “doan” hoặc “muc”",
            "every body item needs “tieu_de”, “doan” or “muc”",
        )
        return None
    if depth > MAX_BODY_DEPTH:
        checker.add(path, "nội dung lồng quá 6 cấp", "the body is nested deeper than 6 levels")
        return None
    for key in node:
        if key not in _NODE_KEYS:
            checker.add(
                (*path, key),
                f"mục nội dung không có khóa “{key}”; các khóa hợp lệ: {', '.join(_NODE_KEYS)}",
                f"a body item has no key “{key}”; valid keys: {', '.join(_NODE_KEYS)}",
            )
    if not any(key in node for key in ("tieu_de", "doan", "bang", "muc")):
        checker.add(
            path,
            "mục nội dung này trống: cần “tieu_de”, “doan”, “bang” hoặc “muc”",
            "this body item is empty: it needs “tieu_de”, “doan”, “bang” or “muc”",
        )
    result: dict[str, Any] = {}
    if "tieu_de" in node:
        result["tieu_de"] = checker.text((*path, "tieu_de"), node["tieu_de"], "tiêu đề", "title")
    for key in ("doan", "sau"):
        if key in node:
            result[key] = checker.text_list((*path, key), node[key], "đoạn văn", "paragraph")
    if "bang" in node:
        result["bang"] = check_body_tables(checker, (*path, "bang"), node["bang"])
    if "danh_so_con" in node:
        result["danh_so_con"] = _check_style(checker, (*path, "danh_so_con"), node["danh_so_con"])
    if "muc" in node:
        children = node["muc"]
        if not isinstance(children, list):
            checker.add((*path, "muc"), "“muc” phải là một danh sách", "“muc” must be a list")
        else:
            result["muc"] = [
                _check_node(checker, (*path, "muc", index), child, depth + 1)
                for index, child in enumerate(children)
            ]
    return result


def _check_body(checker: _Checker, path: KeyPath, value: Any, spec: FieldSpec) -> Any:
    if not isinstance(value, list):
        checker.add(
            path,
            f"“{spec.name}” ({spec.label}) phải là danh sách các mục",
            f"“{spec.name}” ({spec.label_en}) must be a list of items",
        )
        return None
    return [_check_node(checker, (*path, index), node, 1) for index, node in enumerate(value)]


def _check_signature(checker: _Checker, path: KeyPath, value: Any, spec: FieldSpec) -> Any:
    if not isinstance(value, dict):
        checker.add(
            path,
            f"“{spec.name}” ({spec.label}) phải có “chuc_vu” và “ho_ten”",
            f"“{spec.name}” ({spec.label_en}) needs “chuc_vu” and “ho_ten”",
        )
        return None
    for key in value:
        if key not in _SIGNATURE_KEYS:
            checker.add(
                (*path, key),
                f"khối chữ ký không có khóa “{key}”; các khóa hợp lệ: {', '.join(_SIGNATURE_KEYS)}",
                f"the signature block has no key “{key}”; valid: {', '.join(_SIGNATURE_KEYS)}",
            )
    prefixes = [key for key in SIGNATURE_PREFIXES if key in value]
    for group in (_ON_BEHALF_KEYS, _DEPUTY_KEYS):
        if sum(key in value for key in group) > 1:
            checker.add(
                path,
                f"khối chữ ký chỉ được có một trong {', '.join(group)}",
                f"the signature block may have only one of {', '.join(group)}",
            )
    result: dict[str, Any] = {}
    for key in (*prefixes, "chuc_vu", "ho_ten", "ghi_chu"):
        if key in value:
            result[key] = checker.text((*path, key), value[key], f"“{key}”", f"“{key}”")
        elif key in ("chuc_vu", "ho_ten"):
            checker.add(
                path,
                f"khối chữ ký thiếu “{key}”",
                f"the signature block is missing “{key}”",
            )
    return result


def _check_text(checker: _Checker, path: KeyPath, value: Any, spec: FieldSpec) -> Any:
    return checker.text(path, value, f"“{spec.name}” ({spec.label})", f"“{spec.name}”")


def _check_paragraphs(checker: _Checker, path: KeyPath, value: Any, spec: FieldSpec) -> Any:
    return checker.text_list(path, value, f"“{spec.name}” ({spec.label})", f"“{spec.name}”")


_CHECKS: Mapping[str, Callable[[_Checker, KeyPath, Any, FieldSpec], Any]] = {
    "text": _check_text,
    "paragraphs": _check_paragraphs,
    "lines": _check_paragraphs,
    "integer": _check_integer,
    "year": _check_year,
    "date": _check_date,
    "code": _check_code,
    "body": _check_body,
    "numbering": _check_numbering,
    "signature": _check_signature,
    "time": check_time,
    "table": check_table,
    "positions": check_positions,
}


def _cross_checks(
    checker: _Checker, spec: TemplateSpec, values: Mapping[str, Any], given: Mapping[str, Any]
) -> None:
    # A Biên bản has a number but no date line of its own (Mẫu 1.9): no "ngay" field to ask for.
    # A date that was given but is wrong has its own message; "a number needs a date" on top
    # of it would send the secretary looking for a missing line that is there.
    dated = spec.field("ngay") is not None
    if dated and values.get("so") is not None and given.get("ngay") in (None, ""):
        checker.add(
            ("so",),
            "văn bản đã có số (“so”) thì phải có ngày ban hành (“ngay”)",
            "a numbered document (“so”) must also have its date (“ngay”)",
        )
    ngay, nam = values.get("ngay"), values.get("nam")
    if isinstance(ngay, dt.date) and isinstance(nam, int) and ngay.year != nam:
        checker.add(
            ("nam",),
            f"“nam” ({nam}) khác năm của “ngay” ({ngay.year})",
            f"“nam” ({nam}) differs from the year of “ngay” ({ngay.year})",
        )


def validate(
    spec: TemplateSpec,
    data: DocumentData,
    defaults: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the data checked and normalised for ``spec``; raise ValidationError otherwise.

    Data written for another kind of document is refused before this, by the use case that
    knows what to suggest instead (vanban.documents.fit).
    """
    checker = _Checker(data)
    merged = {**(defaults or {}), **data.values}
    for key in data.values:
        if spec.field(key) is None:
            names = [field.name for field in spec.fields]
            close = closest(key, names)
            hint = f" Có phải ý bạn là “{close}”?" if close else ""
            hint_en = f" Did you mean “{close}”?" if close else ""
            checker.add(
                (key,),
                f"mẫu “{spec.id}” không có trường “{key}”.{hint}".rstrip("."),
                f"the template “{spec.id}” has no field “{key}”.{hint_en}".rstrip("."),
            )
    values: dict[str, Any] = {}
    for field in spec.fields:
        value = merged.get(field.name)
        if value is None or value == "" or value == []:
            if field.required:
                checker.add(
                    (field.name,),
                    f"thiếu trường bắt buộc “{field.name}” ({field.label})",
                    f"the required field “{field.name}” ({field.label_en}) is missing",
                )
            continue
        checked = _CHECKS[field.type](checker, (field.name,), value, field)
        if checked is not None:
            values[field.name] = checked
    _cross_checks(checker, spec, values, merged)
    if checker.problems:
        raise _validation_error(data, checker.problems)
    return values


def _validation_error(data: DocumentData, problems: list[Problem]) -> ValidationError:
    located = [
        replace(problem, line=data.line_of(problem.key_path), source=data.source)
        for problem in problems
    ]
    subject = (f"Dữ liệu trong {data.source}", f"The data in {data.source}")
    return ProblemsError(located, subject, _DATA_ACTION, action_one=_DATA_ACTION_ONE)
