"""Finding the parts of an administrative document (Phụ lục I, Mục IV) in any .docx.

Nothing here trusts style names: a part is recognised by its words and its place, the way a
reader finds it. The header is the table (or the lines) holding "CỘNG HÒA XÃ HỘI CHỦ NGHĨA
VIỆT NAM"; the agency names are the other column of that row above "Số:"; the type name is
a Phụ lục III type on the first line after the header; the signature block is the row with
"Nơi nhận:". Parts that cannot be found are left empty, and only the rule about required
parts reports them, so one missing part gives one finding.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from vanban.checker.reading import Para, Span
from vanban.vietnamese import DOCUMENT_TYPES

# (Vietnamese, English) names of each part, as findings print them.
ELEMENTS: dict[str, tuple[str, str]] = {
    "quoc_hieu": ("Quốc hiệu", "national title"),
    "tieu_ngu": ("Tiêu ngữ", "motto"),
    "co_quan_chu_quan": ("tên cơ quan chủ quản", "parent body name"),
    "co_quan_ban_hanh": ("tên cơ quan ban hành", "issuing body name"),
    "so_ky_hieu": ("số, ký hiệu", "number and symbol"),
    "trich_yeu_cong_van": ("trích yếu công văn (V/v)", "letter subject line (V/v)"),
    "dia_danh_ngay": ("địa danh và thời gian", "place and date"),
    "ten_loai": ("tên loại văn bản", "document type name"),
    "trich_yeu": ("trích yếu nội dung", "subject line"),
    "can_cu": ("căn cứ ban hành", "legal bases"),
    "noi_dung": ("nội dung", "body text"),
    "quyen_han": ("quyền hạn, chức vụ người ký", "signing authority and title"),
    "ho_ten": ("họ tên người ký", "signer's name"),
    "noi_nhan": ("“Nơi nhận:”", "“Nơi nhận:” heading"),
    "noi_nhan_danh_sach": ("danh sách nơi nhận", "recipient list"),
    "tieu_de_phu_luc": ("tên phụ lục", "appendix title"),
    "kem_theo": ("dòng “(Kèm theo …)”", "“(Kèm theo …)” line"),
    "ghi_chu_trich_yeu": ("ghi chú dưới trích yếu", "note under the subject line"),
    "kinh_gui": ("Kính gửi", "addressees"),
    "tham_quyen": ("thẩm quyền ban hành", "issuing authority line"),
}
SIGNATURE_PREFIXES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
_PREFIX_KEYS = {prefix.rstrip(".").casefold() for prefix in SIGNATURE_PREFIXES}
_QUOC_HIEU = re.compile(r"^cong hoa\b.*\bviet nam$")
_NUMBER = re.compile(r"^so\s*(:|\d|/|\.\.|…)")
_DATE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")
_BASES = ("can cu", "theo de nghi", "xet de nghi")
# Lines that often continue a block of căn cứ; taken only while the block is open (the line
# before ends with ";") and when punctuated as a basis.
_FOLLOWING_BASES = ("thuc hien", "xet ", "theo ")
_APPENDIX_LINES = 4  # "Phụ lục I", its title (two lines at most), "(Kèm theo …)"
_HEADER_LINES = 15  # without a header table, the header is within the first lines


@lru_cache(maxsize=16384)  # the rules fold the same paragraphs and printed lines many times
def fold(text: str) -> str:
    """Return ``text`` without diacritics, case or extra blanks, for recognising words."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


TYPE_NAMES = frozenset(
    fold(re.sub(r"\s*\(.*\)", "", item.name)) for item in DOCUMENT_TYPES if item.abbreviation
) | {
    # Nghị định 152/2025's award forms are named like administrative documents (Mẫu số 05 …).
    "bao cao thanh tich"
}


def signature_prefix(text: str) -> str | None:
    """Return the first word of ``text`` when it is a TM./KT./Q./TL./TUQ. prefix."""
    first = text.split(" ", 1)[0] if text else ""
    key = fold(first).replace(".", "").replace("/", "")
    return first if key in _PREFIX_KEYS and len(first) <= 6 else None


@dataclass
class Anatomy:
    """The parts found, each as the spans of text that make it up."""

    parts: dict[str, list[Span]] = field(default_factory=dict)
    body: list[Para] = field(default_factory=list)
    header_table: int | None = None
    cong_van: bool = False
    appendix: bool = False  # a Phụ lục or list "(Kèm theo …)" a document
    body_range: tuple[int, int] = (0, 0)  # paragraphs from the body's first to the signature

    def get(self, name: str) -> list[Span]:
        """Return the spans of part ``name`` (empty when it was not found)."""
        return self.parts.get(name, [])

    def one(self, name: str) -> Span | None:
        """Return the first span of part ``name``, or None."""
        spans = self.get(name)
        return spans[0] if spans else None


def _is_rule_text(text: str) -> bool:
    return bool(text) and set(text) <= set("_-─—– ")


def _is_unit_line(text: str) -> bool:
    """The "Đơn vị tính: …" line set right above a table is the table's, not body text."""
    return fold(text).startswith("don vi tinh")


def _beside(span: Span, other: Span) -> bool:
    """True when ``span`` is in the same cell and tab column as ``other``."""
    return span.para.cell_key == other.para.cell_key and span.column == other.column


def _group(span: Span) -> tuple[str, bool]:
    printed = span.printed
    return span.para.style, bool(printed) and all(piece.look.bold for piece in printed)


def _all_bold(para: Para) -> bool:
    printed = para.whole.printed
    return bool(printed) and all(piece.look.bold for piece in printed)


class _Reader:
    def __init__(self, paras: list[Para]) -> None:
        self.paras = paras
        self.index = {id(para): position for position, para in enumerate(paras)}
        self.lines = [line for para in paras for line in para.lines]
        self.anatomy = Anatomy()

    def position(self, span: Span) -> int:
        return self.index[id(span.para)]

    def put(self, name: str, spans: list[Span]) -> None:
        if spans:
            self.anatomy.parts[name] = spans

    def read(self) -> Anatomy:
        self._header()
        found = [span for spans in self.anatomy.parts.values() for span in spans]
        after_header = max((self.position(span) for span in found), default=-1) + 1
        if self.anatomy.header_table is not None:
            in_table = [
                i
                for i, p in enumerate(self.paras)
                if p.cell_key and p.cell_key[0] == self.anatomy.header_table
            ]
            after_header = max(in_table) + 1
        body_start = self._appendix(after_header)
        if body_start is None:
            body_start = self._title(after_header)
        signature_start = self._signature(body_start)
        self.anatomy.body_range = (body_start, max(body_start, signature_start))
        self._body_parts(body_start, signature_start)
        self.anatomy.cong_van = self.anatomy.one("ten_loai") is None and bool(
            self.anatomy.get("trich_yeu_cong_van")
        )
        return self.anatomy

    def _header(self) -> None:
        """Find Quốc hiệu, Tiêu ngữ, agencies, Số and the date: in a table, or set with tabs."""
        segments = [segment for para in self.paras for segment in para.segments]
        quoc_hieu = next((s for s in segments if _QUOC_HIEU.match(fold(s.text))), None)
        if quoc_hieu is not None and quoc_hieu.para.cell_key is not None:
            table = quoc_hieu.para.cell_key[0]
            self.anatomy.header_table = table
            header = [s for s in segments if s.para.cell_key and s.para.cell_key[0] == table]
        else:
            header = [s for s in segments if self.position(s) < _HEADER_LINES]
        if quoc_hieu is not None:
            self.put("quoc_hieu", [quoc_hieu])
            motto = next(
                (s for s in segments[segments.index(quoc_hieu) + 1 :] if _beside(s, quoc_hieu)),
                None,
            )
            if motto is not None and fold(motto.text).startswith("doc lap"):
                self.put("tieu_ngu", [motto])
        number = next((s for s in header if _NUMBER.match(fold(s.text))), None)
        if number is not None:
            self.put("so_ky_hieu", [number])
            below = next(
                (s for s in header[header.index(number) + 1 :] if _beside(s, number)), None
            )
            if below is not None and fold(below.text).startswith(("v/v", "ve viec")):
                self.put("trich_yeu_cong_van", [below])
        taken = [*self.anatomy.get("so_ky_hieu"), *self.anatomy.get("trich_yeu_cong_van")]
        if number is not None and number.para.cell_key is None:
            # Without a header table the date line is the Số line or one of the next two,
            # not a date quoted further down in a căn cứ.
            header = [s for s in header if self.position(s) <= self.position(number) + 2]
        date = next(
            (s for s in header if s not in taken and _DATE.search(fold(s.text))),
            None,
        )
        if date is not None:
            self.put("dia_danh_ngay", [date])
        self._agencies(header, quoc_hieu)

    def _agencies(self, header: list[Span], quoc_hieu: Span | None) -> None:
        stop = [
            span
            for name in ("so_ky_hieu", "trich_yeu_cong_van", "dia_danh_ngay")
            for span in self.anatomy.get(name)
        ]
        if quoc_hieu is None:
            return
        key = quoc_hieu.para.cell_key
        if key is not None:  # the other cell of the header row
            candidates = [
                s
                for s in header
                if s.para.cell_key
                and s.para.cell_key[:2] == key[:2]
                and s.para.cell_key[2] != key[2]
            ]
        elif quoc_hieu.column:  # the columns left of the Quốc hiệu, on lines set with tabs
            candidates = [
                s for s in header if s.para.cell_key is None and s.column < quoc_hieu.column
            ]
        else:  # stacked above the Quốc hiệu
            candidates = header[: header.index(quoc_hieu)]
        agencies: list[Span] = []
        for span in candidates:
            if span in stop:
                break
            if not _is_rule_text(span.text):
                agencies.append(span)
        if not agencies:
            return
        # The issuing body is the last group that looks alike (a long name may take lines).
        look = _group(agencies[-1])
        split = len(agencies)
        while split > 0 and _group(agencies[split - 1]) == look:
            split -= 1
        self.put("co_quan_chu_quan", agencies[:split])
        self.put("co_quan_ban_hanh", agencies[split:])

    def _next_printed(self, start: int) -> int | None:
        return next((i for i in range(start, len(self.paras)) if self.paras[i].printed), None)

    def _appendix(self, start: int) -> int | None:
        """Read the title and "(Kèm theo …)" line of an appendix; None when it is not one."""
        printed = [i for i in range(start, len(self.paras)) if self.paras[i].printed]
        for position in printed[:_APPENDIX_LINES]:
            para = self.paras[position]
            if para.cell_key is None and fold(para.text).startswith("(kem theo"):
                titles = [i for i in printed if i < position and self.paras[i].cell_key is None]
                self.put("tieu_de_phu_luc", [self.paras[i].whole for i in titles])
                self.put("kem_theo", [para.whole])
                self.anatomy.appendix = True
                return self._preamble(position + 1)
        return None

    def _title(self, start: int) -> int:
        """Find the type name, subject, Kính gửi and căn cứ; return where the body starts."""
        position = self._next_printed(start)
        if position is None:
            return len(self.paras)
        para = self.paras[position]
        first = para.lines[0]
        if fold(first.text).rstrip(" :.") in TYPE_NAMES and para.cell_key is None:
            self.put("ten_loai", [first])
            subject = list(para.lines[1:])
            position += 1
            key: tuple[str, bool] | None = None
            while position < len(self.paras) and self.paras[position].printed:
                candidate = self.paras[position]
                words = fold(candidate.text)
                if candidate.cell_key is not None or words.startswith(("(", "can cu", "kinh gui")):
                    break
                if key is None:
                    key = (candidate.style, _all_bold(candidate))
                elif (candidate.style, _all_bold(candidate)) != key:
                    break
                subject.append(candidate.whole)
                position += 1
            self.put("trich_yeu", subject)
        return self._preamble(position)

    def _preamble(self, start: int) -> int:
        """Skip notes and rules under the title, read Kính gửi and căn cứ; return body start."""
        position = start
        centred: list[int] = []
        while position < len(self.paras):
            para = self.paras[position]
            words = fold(para.text)
            if not centred and (
                not para.printed or _is_rule_text(para.text) or words.startswith("(")
            ):
                if words.startswith("(") and para.cell_key is None:
                    self.anatomy.parts.setdefault("ghi_chu_trich_yeu", []).append(para.whole)
                position += 1
                continue
            if words.startswith("kinh gui"):
                position = self._addressees(position)
                continue
            if words.startswith(_BASES[0]):
                self.put("tham_quyen", [self.paras[i].whole for i in centred])
                return self._bases(position)
            if para.look.alignment == "center" and len(centred) < 2:
                # e.g. the signer's title between a decision's name and its bases
                centred.append(position)
                position += 1
                continue
            break
        return centred[0] if centred else position

    def _addressees(self, position: int) -> int:
        first = self.paras[position]
        spans = [first.whole]
        position += 1
        while position < len(self.paras):
            para = self.paras[position]
            if para.style != first.style or not fold(para.text).startswith("-"):
                break
            spans.append(para.whole)
            position += 1
        self.put("kinh_gui", spans)
        return position

    def _bases(self, position: int) -> int:
        bases: list[Span] = []
        while position < len(self.paras):
            para = self.paras[position]
            words = fold(para.text)
            open_block = bool(bases) and bases[-1].text.endswith(";")
            if not words.startswith(_BASES) and not (
                open_block and words.startswith(_FOLLOWING_BASES) and para.text.endswith((";", "."))
            ):
                break
            bases.append(para.whole)
            position += 1
        self.put("can_cu", bases)
        return position

    def _signature(self, body_start: int) -> int:
        """Find Nơi nhận and the signature blocks; return where they start."""
        later = [line for line in self.lines if self.position(line) >= body_start]
        heading = next(
            (line for line in reversed(later) if fold(line.text).startswith("noi nhan")), None
        )
        prefixed = [line for line in later if signature_prefix(line.text) and len(line.text) < 80]
        starts = [self.position(line) for line in ([heading] if heading else []) + prefixed[:1]]
        blocks: list[list[Span]] = []
        if heading is not None:
            self.put("noi_nhan", [heading])
            same = [line for line in later if line.para.cell_key == heading.para.cell_key]
            items = same[same.index(heading) + 1 :]
            if heading.para.cell_key is None:
                items = [line for line in items if not signature_prefix(line.text)]
            self.put("noi_nhan_danh_sach", [line for line in items if not _is_rule_text(line.text)])
            key = heading.para.cell_key
            if key is not None:
                # The signer is beside Nơi nhận; in a Biên bản (Mẫu 1.9) the two signers are
                # columns of the rows above it.
                blocks = _blocks(later, lambda k: k[:2] == key[:2] and k != key)
                blocks = blocks or _blocks(later, lambda k: k[0] == key[0] and k != key)
        if not blocks and prefixed and prefixed[-1].para.cell_key is not None:
            last = prefixed[-1].para.cell_key
            blocks = _blocks(later, lambda k: k == last)
        authority: list[Span] = []
        names: list[Span] = []
        for block in blocks:
            if len(block) >= 2:
                names.append(block[-1])
            authority += block[:-1] if len(block) >= 2 else block
            starts += [self.position(line) for line in block]
        if not blocks:
            authority = prefixed
        self.put("quyen_han", authority)
        self.put("ho_ten", names)
        if heading is not None and heading.para.cell_key is not None:
            row = heading.para.cell_key[:2]
            starts += [i for i, p in enumerate(self.paras) if p.cell_key and p.cell_key[:2] == row]
        return min(starts, default=len(self.paras))

    def _body_parts(self, start: int, end: int) -> None:
        taken = {id(span.para) for spans in self.anatomy.parts.values() for span in spans}
        self.anatomy.body = [
            para
            for para in self.paras[start:end]
            if para.cell_key is None
            and para.printed
            and id(para) not in taken
            and not _all_bold(para)
            and not _is_rule_text(para.text)
            and not _is_unit_line(para.text)
        ]


def _blocks(lines: list[Span], wanted: Callable[[tuple[int, int, int]], bool]) -> list[list[Span]]:
    """Return the signature blocks among ``lines``: one per table column, top to bottom."""
    columns: dict[tuple[int, int], list[Span]] = {}
    for line in lines:
        key = line.para.cell_key
        if key is None or not wanted(key) or line.text.startswith("(") or _is_rule_text(line.text):
            continue
        columns.setdefault((key[0], key[2]), []).append(line)
    return [columns[column] for column in sorted(columns)]


def read_anatomy(paras: list[Para]) -> Anatomy:
    """Return the parts of the document made of ``paras`` (body paragraphs and table cells)."""
    return _Reader(paras).read()
