"""Reading a list (.xlsx, .csv or YAML) into rows of text, within size limits.

Row numbers are those the user sees: in a spreadsheet the header is row 1 and the first
person row 2; in YAML a row is numbered by the line its item starts on. Blank rows are
skipped (spreadsheets often end with formatted empty rows) but keep the numbering.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from vanban.awards.located import compose, entries, is_mapping, is_sequence, line_of, scalar_text
from vanban.awards.problems import RowProblem
from vanban.datafile import read_bounded
from vanban.datafile.legacy_text import legacy_problem
from vanban.errors import ValidationError
from vanban.vietnamese import format_number

__all__ = ["MAX_LIST_BYTES", "MAX_LIST_ROWS", "RawList", "RawRow", "read_list"]

MAX_LIST_BYTES = 10 * 1024 * 1024
MAX_LIST_ROWS = 5_000
# A 10 MB .xlsx can inflate to gigabytes of XML ("zip bomb"); a real 5.000-row list is a
# few MB once unpacked.
MAX_XLSX_UNPACKED = 100 * 1024 * 1024
MAX_XLSX_MEMBERS = 10_000
SPREADSHEETS = (".xlsx", ".xlsm")
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class RawRow:
    """One row as text: its number and (column header or YAML key, cell text) pairs."""

    row: int
    cells: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class RawList:
    """A list read from a file, before any field is interpreted.

    ``headers`` is the header row of a spreadsheet, None for YAML (where each item names
    its own keys). ``problems`` are the mistakes found while reading (YAML only: a value
    that is a list, a key written twice).
    """

    source: str
    headers: tuple[str, ...] | None
    rows: tuple[RawRow, ...]
    problems: tuple[RowProblem, ...] = ()
    sheet: str = ""  # the sheet read, in a workbook
    other_sheets: tuple[str, ...] = ()  # the workbook's other sheets, where the list may be

    def sheet_hint(self) -> RowProblem | None:
        """Where else the list may be, when row 1 of the sheet read does not name its columns."""
        if not self.other_sheets:
            return None
        listed = ", ".join(f"“{name}”" for name in (self.sheet, *self.other_sheets))
        choice = self.other_sheets[0]
        return RowProblem(
            1,
            f"đây là trang tính “{self.sheet}”; tệp có các trang tính {listed}: nếu danh sách "
            f"nằm ở trang khác, hãy chọn trang đó (vanban batch … --sheet “{choice}”) hoặc "
            "chuyển danh sách lên trang đầu tiên",
            f"this is the sheet “{self.sheet}”; the file has the sheets {listed}: if the list is "
            f"on another one, choose it (vanban batch … --sheet “{choice}”) or move the list to "
            "the first sheet",
        )

    @property
    def row_word_en(self) -> Literal["row", "line"]:
        """How an English message names a row number: a spreadsheet row or a YAML line."""
        return "row" if self.headers is not None else "line"


def read_list(
    path: Path,
    *,
    max_bytes: int = MAX_LIST_BYTES,
    max_rows: int = MAX_LIST_ROWS,
    sheet: str | None = None,
) -> RawList:
    """Read ``path`` by its extension; a file over ``max_bytes`` is refused before reading."""
    suffix = path.suffix.lower()
    if suffix not in (*SPREADSHEETS, ".csv", *YAML_SUFFIXES):
        raise ValidationError(
            f"Không đọc được danh sách “{path.name}”: chỉ nhận tệp .xlsx, .csv (UTF-8) hoặc "
            ".yaml. Tệp .xls cũ hãy mở bằng Excel và lưu lại dưới dạng .xlsx.",
            f"Cannot read the list “{path.name}”: only .xlsx, .csv (UTF-8) or .yaml files are "
            "accepted. Open an old .xls file in Excel and save it as .xlsx.",
        )
    # Read by reading, with the cap: a FIFO or /dev/zero named "list.csv" is refused at once.
    if sheet is not None and suffix not in SPREADSHEETS:
        raise ValidationError(
            f"Danh sách “{path.name}” không phải tệp Excel nên không có trang tính để chọn "
            "(--sheet). Hãy bỏ --sheet, hoặc dùng tệp .xlsx.",
            f"The list “{path.name}” is not an Excel file, so it has no sheet to choose "
            "(--sheet). Leave out --sheet, or use an .xlsx file.",
        )
    raw = read_bounded(path, max_bytes, ("danh sách", "list"))
    if suffix in SPREADSHEETS:
        listed = _read_xlsx(path.name, io.BytesIO(raw), max_rows, sheet)
    else:
        text = _read_text(raw, path)
        if suffix == ".csv":
            listed = _read_csv(text, path.name, max_rows)
        else:
            listed = _read_yaml(text, path.name, max_rows)
    return replace(listed, problems=listed.problems + _legacy_problems(listed, str(path)))


def _legacy_problems(listed: RawList, file: str) -> tuple[RowProblem, ...]:
    """A cell typed in TCVN3, VNI, VISCII or twice-encoded UTF-8, named with its row."""
    found: list[RowProblem] = []
    for header in listed.headers or ():
        problem = legacy_problem(header, 1, "", file=file)
        if problem is not None:
            found.append(problem)
    for row in listed.rows:
        for key, value in row.cells:
            problem = legacy_problem(value, row.row, "", file=file)
            if problem is not None:
                found.append(
                    replace(problem, vi=f"“{key}”: {problem.vi}", en=f"“{key}”: {problem.en}")
                )
    return tuple(found)


def _too_many(name: str, max_rows: int) -> ValidationError:
    limit = format_number(max_rows)
    return ValidationError(
        f"Danh sách “{name}” có hơn {limit} dòng. Hãy tách thành nhiều danh sách nhỏ hơn.",
        f"The list “{name}” has more than {limit} rows. Split it into smaller lists.",
    )


def _read_text(raw: bytes, path: Path) -> str:
    try:
        # utf-8-sig drops the byte order mark Excel writes at the start of "CSV UTF-8".
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"Danh sách “{path.name}” không phải văn bản UTF-8. Trong Excel hãy chọn "
            "Lưu thành → “CSV UTF-8 (Comma delimited)”.",
            f"The list “{path.name}” is not UTF-8 text. In Excel choose Save As → "
            "“CSV UTF-8 (Comma delimited)”.",
        ) from exc


def _cell_text(value: Any) -> str:
    """Text of a spreadsheet cell: 12.0 reads "12", a date "2025-06-20", an empty cell ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text: str = value.isoformat()
        return text.removesuffix("T00:00:00")
    return str(value)


def _rows_of(
    records: Iterable[tuple[int, Sequence[Any]]], source: str, max_rows: int
) -> tuple[tuple[str, ...] | None, list[RawRow]]:
    """Split numbered records (row number, cell texts) into the header and non-blank rows."""
    headers: tuple[str, ...] | None = None
    rows: list[RawRow] = []
    for number, values in records:
        texts = tuple(_cell_text(value) for value in values)
        if headers is None:
            if number != 1 or not any(text.strip() for text in texts):
                raise _no_header(source)
            headers = tuple(text.strip() for text in texts)
            continue
        if not any(text.strip() for text in texts):
            continue
        if len(rows) >= max_rows:
            raise _too_many(source, max_rows)
        padded = texts + ("",) * (len(headers) - len(texts))
        rows.append(RawRow(number, tuple(zip(headers, padded, strict=False))))
    return headers, rows


class NoHeaderError(ValidationError):
    """Row 1 of a list does not name its columns."""


def _no_header_on_sheet(source: str, sheet: str, sheets: Sequence[str]) -> ValidationError:
    others = [name for name in sheets if name != sheet]
    if not others:
        return _no_header(source)
    listed = ", ".join(f"“{name}”" for name in sheets)
    return NoHeaderError(
        f"Danh sách “{source}”, trang tính “{sheet}”: dòng 1 phải là tên các cột (Họ và tên, "
        f"Đơn vị, Hình thức khen thưởng, …). Tệp có các trang tính {listed}; nếu danh sách "
        f"nằm ở trang khác, hãy chọn trang đó (vanban batch … --sheet “{others[0]}”) hoặc "
        "chuyển danh sách lên trang đầu tiên.",
        f"The list “{source}”, sheet “{sheet}”: row 1 must name the columns (Họ và tên, Đơn "
        f"vị, Hình thức khen thưởng, …). The file has the sheets {listed}; if the list is on "
        f"another one, choose it (vanban batch … --sheet “{others[0]}”) or move the list to "
        "the first sheet.",
    )


def _no_header(source: str) -> ValidationError:
    return NoHeaderError(
        f"Danh sách “{source}”: dòng 1 phải là tên các cột (Họ và tên, Đơn vị, Hình thức "
        "khen thưởng, …). Hãy thêm dòng tiêu đề rồi nhập lại.",
        f"The list “{source}”: row 1 must name the columns (Họ và tên, Đơn vị, Hình thức "
        "khen thưởng, …). Add the header row and import again.",
    )


def _read_csv(text: str, source: str, max_rows: int) -> RawList:
    first_line = text.split("\n", 1)[0]
    # Excel writes ";" where the list separator is ";"; pick what the header row uses.
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers, rows = _rows_of(enumerate(reader, start=1), source, max_rows)
    except csv.Error as exc:
        raise ValidationError(
            f"Danh sách “{source}” không phải tệp CSV hợp lệ ({exc}). Hãy lưu lại từ Excel.",
            f"The list “{source}” is not a valid CSV file ({exc}). Save it again from Excel.",
        ) from exc
    if headers is None:
        raise _no_header(source)
    return RawList(source, headers, tuple(rows))


def _read_xlsx(source: str, content: io.BytesIO, max_rows: int, sheet: str | None) -> RawList:
    not_excel = ValidationError(
        f"Không đọc được “{source}” như một tệp Excel .xlsx. Hãy mở bằng Excel và lưu lại.",
        f"Cannot read “{source}” as an Excel .xlsx file. Open it in Excel and save it again.",
    )
    try:
        with zipfile.ZipFile(content) as archive:
            members = archive.infolist()
    except (OSError, zipfile.BadZipFile) as exc:
        raise not_excel from exc
    if len(members) > MAX_XLSX_MEMBERS or sum(m.file_size for m in members) > MAX_XLSX_UNPACKED:
        raise ValidationError(
            f"Tệp “{source}” khi giải nén quá lớn so với một danh sách. Hãy lưu lại tệp chỉ "
            "gồm bảng danh sách.",
            f"“{source}” unpacks to far more than a list needs. Save a file that holds only "
            "the list.",
        )
    import openpyxl  # only the spreadsheet path pays for importing it

    try:
        # Excel and LibreOffice files trip openpyxl warnings (unsupported extensions, no
        # default style) that say nothing about the list itself.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(content, read_only=True, data_only=True)
            try:
                names = workbook.sheetnames
                if sheet is not None and sheet not in names:
                    raise ValidationError(
                        f"Tệp “{source}” không có trang tính “{sheet}”. Các trang tính: "
                        f"{', '.join(names)}.",
                        f"“{source}” has no sheet “{sheet}”. Its sheets: {', '.join(names)}.",
                    )
                worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
                records = enumerate(worksheet.iter_rows(values_only=True), start=1)
                try:
                    headers, rows = _rows_of(records, source, max_rows)
                except NoHeaderError:
                    raise _no_header_on_sheet(source, worksheet.title, names) from None
            finally:
                workbook.close()
    except ValidationError:
        raise
    except Exception as exc:
        # openpyxl raises a zoo of exceptions on damaged files (KeyError, ValueError, XML
        # parse errors, …); all of them mean the same thing to the person importing.
        raise not_excel from exc
    if headers is None:
        raise _no_header_on_sheet(source, worksheet.title, names)
    others = tuple(name for name in names if name != worksheet.title)
    return RawList(source, headers, tuple(rows), sheet=worksheet.title, other_sheets=others)


def _read_yaml(text: str, source: str, max_rows: int) -> RawList:
    root = compose(text, source)
    items = root
    if root is not None and is_mapping(root):
        found, _ = entries(root)
        items = next((entry.node for entry in found if entry.key == "danh_sach"), None)
    if items is None or not is_sequence(items):
        raise ValidationError(
            f"Danh sách “{source}” phải là một danh sách các mục (“- ho_ten: …”), hoặc có "
            "khóa “danh_sach:” chứa danh sách đó. Hãy xem mẫu trong samples/khen_thuong/.",
            f"The list “{source}” must be a sequence of items (“- ho_ten: …”), or have a "
            "“danh_sach:” key holding one. See the example in samples/khen_thuong/.",
        )
    if len(items.value) > max_rows:
        raise _too_many(source, max_rows)
    rows: list[RawRow] = []
    problems: list[RowProblem] = []
    for item in items.value:
        line = line_of(item)
        if not is_mapping(item):
            problems.append(
                RowProblem(
                    line,
                    "mỗi mục phải là một bảng “khóa: giá trị” (ho_ten: …, don_vi: …)",
                    "each item must be a mapping of keys to values (ho_ten: …, don_vi: …)",
                )
            )
            continue
        found, key_problems = entries(item)
        problems += [RowProblem(line, vi, en) for _, vi, en in key_problems]
        cells: list[tuple[str, str]] = []
        for entry in found:
            value = scalar_text(entry.node)
            if value is None:
                problems.append(
                    RowProblem(
                        line,
                        f"“{entry.key}” phải là một đoạn chữ, không phải danh sách hay bảng",
                        f"“{entry.key}” must be text, not a list or a mapping",
                    )
                )
                value = ""  # the key is there: no "missing key" on top of this problem
            cells.append((entry.key, value))
        rows.append(RawRow(line, tuple(cells)))
    return RawList(source, None, tuple(rows), tuple(problems))
