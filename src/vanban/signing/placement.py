"""Where the layout really put the parts a signature needs, read from the PDF's text.

pdfminer.six gives the box of every glyph as the page shows it, so the signature image goes
between the signer's title (chức vụ) and name lines wherever LibreOffice (or anyone) put them,
and the number and date go into the blanks of "Số:      /KH-HKH" and "ngày     tháng     năm".
Coordinates are PDF points from the page's lower left corner.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTTextLine

from vanban.errors import ValidationError

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


class PlacementError(ValidationError):
    """The PDF does not show what the signature must be placed by."""


@dataclass(frozen=True)
class TextLine:
    """One line of text as printed: its glyphs and their boxes."""

    chars: tuple[tuple[str, Box, str, float], ...]  # glyph, box, font name, size
    baseline: float

    @cached_property  # the page rules ask each line for its text and box many times
    def text(self) -> str:
        """The line's text, each glyph NFC, non-breaking spaces read as spaces."""
        # The templates tie "năm 2024" and place names with U+00A0 so they never split;
        # the blanks are found by their words, so both spaces must read alike (1:1, so
        # character indices still point at the same glyphs).
        return "".join(unicodedata.normalize("NFC", c[0]) for c in self.chars).replace(
            "\u00a0", " "
        )

    def glyph_at(self, index: int) -> tuple[str, Box, str, float]:
        """The glyph that prints character ``index`` of ``text`` (a glyph may print several)."""
        seen = 0
        for char in self.chars:
            seen += len(unicodedata.normalize("NFC", char[0]))
            if index < seen:
                return char
        return self.chars[-1]

    @cached_property
    def box(self) -> Box:
        """The box around the whole line."""
        boxes = [c[1] for c in self.chars]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


@dataclass(frozen=True)
class Blank:
    """A gap in a printed line where a value goes, with the font around it."""

    name: str
    box: Box
    italic: bool
    size: float
    baseline: float  # the line's baseline, above the box's bottom (the glyphs' descent)


@dataclass(frozen=True)
class SignatureBlock:
    """The signer's title and name lines on the page where they are printed."""

    page: int
    title: Box
    name: Box

    @property
    def gap(self) -> Box:
        """The space between the title line and the name line, as wide as the wider line."""
        left = min(self.title[0], self.name[0])
        right = max(self.title[2], self.name[2])
        return (left, self.name[3], right, self.title[1])


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(frozen=True)
class PrintedPage:
    """One page as printed: its size in points and its text lines, top to bottom."""

    width: float
    height: float
    lines: tuple[TextLine, ...]


def read_lines(content: bytes, page: int) -> list[TextLine]:
    """Return the text lines of page ``page`` (0-based) of the PDF ``content``."""
    found = _read(content, [page])
    return list(found[0].lines) if found else []


def read_pages(content: bytes) -> list[PrintedPage]:
    """Return every page of the PDF ``content``, its lines top to bottom, reading it once."""
    pages = _read(content, None)
    return [
        PrintedPage(
            page.width,
            page.height,
            tuple(sorted(page.lines, key=lambda line: (-round(line.box[3]), line.box[0]))),
        )
        for page in pages
    ]


def _read(content: bytes, pages: list[int] | None) -> list[PrintedPage]:
    try:
        layouts = list(extract_pages(io.BytesIO(content), page_numbers=pages, laparams=LAParams()))
    # pdfminer parses outside bytes; whatever it trips on means the text cannot be placed.
    except Exception as exc:
        which = f"trang {pages[0] + 1} của " if pages else ""
        which_en = f"page {pages[0] + 1} of " if pages else ""
        raise PlacementError(
            f"Không đọc được chữ trên {which}tệp PDF ({exc}).",
            f"Cannot read the text of {which_en}the PDF ({exc}).",
        ) from exc
    printed = []
    for layout in layouts:
        lines: list[TextLine] = []
        for line in _text_lines(layout):
            chars = tuple(
                (c.get_text(), (c.x0, c.y0, c.x1, c.y1), str(c.fontname), float(c.size))
                for c in line
                if isinstance(c, LTChar)
            )
            origins = [c.matrix[5] for c in line if isinstance(c, LTChar)]
            if chars:
                lines.append(TextLine(chars, min(origins)))
        printed.append(PrintedPage(float(layout.width), float(layout.height), tuple(lines)))
    return printed


def _text_lines(item: Any) -> Iterator[LTTextLine]:
    if isinstance(item, LTTextLine):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from _text_lines(child)


def find_signature_block(content: bytes, pages: int, title: str, name: str) -> SignatureBlock:
    """Find the last page where ``title`` is printed above ``name``; refuse if none is."""
    want_title, want_name = _key(title), _key(name)
    for page in reversed(range(pages)):
        lines = read_lines(content, page)
        names = [line for line in lines if _key(line.text) == want_name]
        titles = [line for line in lines if _key(line.text) == want_title]
        for name_line in names:
            above = [t for t in titles if t.box[1] > name_line.box[3] and _overlaps(t, name_line)]
            if above:
                nearest = min(above, key=lambda t: t.box[1])
                return SignatureBlock(page, nearest.box, name_line.box)
    raise PlacementError(
        f"Không tìm thấy trong tệp PDF dòng chức vụ “{title}” ở trên dòng họ tên “{name}” để "
        "đặt chữ ký. Hãy kiểm tra phần ký của văn bản (chức vụ và họ tên người ký).",
        f"The PDF does not show the title “{title}” above the name “{name}”, where the "
        "signature goes. Check the document's signature block (signer's title and name).",
    )


def _overlaps(upper: TextLine, lower: TextLine) -> bool:
    return upper.box[0] < lower.box[2] and lower.box[0] < upper.box[2]


def find_number_and_date_blanks(content: bytes) -> list[Blank]:
    """Find, on page 1, the blanks for the number ("Số:  /") and the day and month."""
    lines = read_lines(content, 0)
    blanks: list[Blank] = []
    for line in lines:
        text = line.text
        if text.lstrip().startswith("Số:") and "/" in text and not blanks:
            start = text.index(":")
            blanks.append(_blank("so", line, start, text.index("/", start)))
    for line in lines:
        text = line.text
        day, month, year = text.find("ngày "), text.find("tháng "), text.find("năm ")
        if 0 <= day < month < year and text[day + 4 : month].strip() == "":
            blanks.append(_blank("ngay", line, day + 3, month))
            blanks.append(_blank("thang", line, month + 4, year))
            break
    if [b.name for b in blanks] != ["so", "ngay", "thang"]:
        raise PlacementError(
            "Trang 1 của tệp PDF không có chỗ trống cho số văn bản (“Số:      /…”) và ngày "
            "tháng (“ngày     tháng     năm”), nên không ghi được số và ngày mà không làm hỏng "
            "chữ ký. Văn bản lãnh đạo ký phải là bản chưa cấp số.",
            "Page 1 of the PDF has no blanks for the number (“Số:      /…”) and the date "
            "(“ngày     tháng     năm”), so they cannot be added without breaking the "
            "signature. The leader must sign the version without a number.",
        )
    return blanks


def printed_year(content: bytes) -> int | None:
    """The year printed after "năm" in the date line of page 1, if there is one."""
    for line in read_lines(content, 0):
        text = line.text
        at = text.find("năm ", text.find("ngày "))
        if text.find("ngày ") >= 0 and at >= 0:
            digits = "".join(ch for ch in text[at + 4 :].strip()[:4] if ch.isdigit())
            if len(digits) == 4:
                return int(digits)
    return None


def _blank(name: str, line: TextLine, before: int, after: int) -> Blank:
    """The gap between glyph ``before`` (last one printed before it) and glyph ``after``."""
    left = line.glyph_at(before)[1][2] + 0.5
    _, box, font, size = line.glyph_at(after)
    right = box[0] - 0.5
    bottom = min(c[1][1] for c in line.chars)
    top = max(c[1][3] for c in line.chars)
    # The field is wider than the gap (its appearance is transparent), so a value a little
    # wider than the blank still prints whole. The number ends at the "/" ("Số: 03/KH-HKH");
    # the day and month are centred in their gaps.
    spare = size
    return Blank(
        name,
        (left - spare, bottom, right if name == "so" else right + spare, top),
        "italic" in font.lower(),
        size,
        line.baseline,
    )
