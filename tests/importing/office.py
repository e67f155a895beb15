"""Word files typed the way offices type them, built with python-docx (not by vanban).

One builder, many habits: the header as a table or set out with tabs, numbers typed by hand
or made by Word's list numbering, spaces for indents, mixed fonts, wrong margins, direct
formatting on every run, the signature in a table or typed under the body, a table of
figures. ``python -m tests.importing.office OUTDIR`` writes the corpus to look at.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

from tests.importing.legacy_office import legacy_runs
from vanban.docx.oxml import (
    find_path,
    new,
    paragraph_properties,
    remove,
    run_properties,
    set_attributes,
)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

# (level, text, bold): level 0 "I.", 1 "1.", 2 "a)"; "-" and "+" are list items; None plain.
Outline = list[tuple[int | str | None, str, bool]]

PLAN_BODY: Outline = [
    (None, "Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện như sau:", False),
    (0, "MỤC ĐÍCH, YÊU CẦU", True),
    (1, "Mục đích", True),
    ("-", "Nâng cao nhận thức của cán bộ, công chức về học tập suốt đời.", False),
    ("-", "Phát huy vai trò của các tổ chức đoàn thể trong phong trào.", False),
    (1, "Yêu cầu", True),
    (None, "Triển khai kịp thời, đồng bộ, tiết kiệm và hiệu quả.", False),
    (0, "NỘI DUNG THỰC HIỆN", True),
    (1, "Tuyên truyền", True),
    (2, "Tổ chức hội nghị quán triệt đến cán bộ chủ chốt các xã.", False),
    (2, "Đưa tin trên Đài Truyền thanh huyện hằng tháng.", False),
    ("+", "Chuyên mục khuyến học phát vào tối thứ Sáu.", False),
    (1, "Kiểm tra, đánh giá", True),
    (None, "Định kỳ 6 tháng báo cáo kết quả về Ủy ban nhân dân huyện.", False),
    (0, "TỔ CHỨC THỰC HIỆN", True),
    (None, "Phòng Giáo dục và Đào tạo chủ trì, phối hợp với các cơ quan liên quan.", False),
    (
        None,
        "Trên đây là Kế hoạch thực hiện của Ủy ban nhân dân huyện, đề nghị các cơ quan, "
        "đơn vị triển khai thực hiện",
        False,
    ),
]
EXPECTED_PLAN_TREE: list[dict[str, Any]] = [
    {
        "tieu_de": "MỤC ĐÍCH, YÊU CẦU",
        "muc": [
            {
                "tieu_de": "Mục đích",
                "doan": [
                    "- Nâng cao nhận thức của cán bộ, công chức về học tập suốt đời.",
                    "- Phát huy vai trò của các tổ chức đoàn thể trong phong trào.",
                ],
            },
            {
                "tieu_de": "Yêu cầu",
                "doan": ["Triển khai kịp thời, đồng bộ, tiết kiệm và hiệu quả."],
            },
        ],
    },
    {
        "tieu_de": "NỘI DUNG THỰC HIỆN",
        "muc": [
            {
                "tieu_de": "Tuyên truyền",
                "muc": [
                    {"doan": ["Tổ chức hội nghị quán triệt đến cán bộ chủ chốt các xã."]},
                    {
                        "doan": [
                            "Đưa tin trên Đài Truyền thanh huyện hằng tháng.",
                            "+ Chuyên mục khuyến học phát vào tối thứ Sáu.",
                        ]
                    },
                ],
            },
            {
                "tieu_de": "Kiểm tra, đánh giá",
                "doan": ["Định kỳ 6 tháng báo cáo kết quả về Ủy ban nhân dân huyện."],
            },
        ],
    },
    {
        "tieu_de": "TỔ CHỨC THỰC HIỆN",
        "doan": ["Phòng Giáo dục và Đào tạo chủ trì, phối hợp với các cơ quan liên quan."],
    },
]
# A decision typed in Word: "Điều N." by hand, khoản under Điều 1, the effect clause alone
# after the last Điều (as offices often type it; vanban puts it inside Điều 3).
DECISION_BODY: Outline = [
    ("dieu", "Thành lập Tổ kiểm tra công tác khuyến học năm 2024, gồm các ông, bà sau:", False),
    (1, "Ông Lò Văn Thành, Phó Chủ tịch UBND huyện, Tổ trưởng;", False),
    (1, "Bà Cầm Thị Hoa, Trưởng phòng Giáo dục và Đào tạo, Tổ phó.", False),
    ("dieu", "Tổ kiểm tra làm việc tại các xã trong tháng 5 năm 2024.", False),
    ("dieu", "Quyết định này có hiệu lực kể từ ngày ký.", False),
    (
        None,
        "Chánh Văn phòng HĐND và UBND huyện và các ông, bà có tên tại Điều 1 chịu trách "
        "nhiệm thi hành Quyết định này",
        False,
    ),
]
EXPECTED_DECISION_TREE: list[dict[str, Any]] = [
    {
        "doan": ["Thành lập Tổ kiểm tra công tác khuyến học năm 2024, gồm các ông, bà sau:"],
        "muc": [
            {"doan": ["Ông Lò Văn Thành, Phó Chủ tịch UBND huyện, Tổ trưởng;"]},
            {"doan": ["Bà Cầm Thị Hoa, Trưởng phòng Giáo dục và Đào tạo, Tổ phó."]},
        ],
    },
    {"doan": ["Tổ kiểm tra làm việc tại các xã trong tháng 5 năm 2024."]},
    {
        "doan": [
            "Quyết định này có hiệu lực kể từ ngày ký.",
            "Chánh Văn phòng HĐND và UBND huyện và các ông, bà có tên tại Điều 1 chịu trách "
            "nhiệm thi hành Quyết định này.",
        ]
    },
]
FIGURES = [
    ["STT", "Xã, thị trấn", "Số hội viên", "Tỷ lệ (%)"],
    ["1", "Thị trấn Ít Ong", "1.250", "24,5"],
    ["2", "Xã Chiềng San", "980", "21,0"],
]


@dataclass(frozen=True)
class Office:
    """How one office typed its document."""

    name: str
    type_name: str = "KẾ HOẠCH"  # "" for a công văn
    header: str = "table"  # "table", "tabs"
    numbering: str = "typed"  # "typed", "word"
    font: str = "Times New Roman"
    other_font: str | None = None  # a second font on some runs (".VnTime", "Arial")
    size: float = 14
    margins_mm: tuple[float, float, float, float] = (20, 20, 30, 15)  # top, bottom, left, right
    space_indent: bool = False  # "     " typed at the start of paragraphs
    signature: str = "table"  # "table", "tabs"
    number: str = "Số: 12/KH-UBND"
    date: str = "Mường La, ngày 05 tháng 3 năm 2024"
    table: bool = False  # a table of figures in the body
    bases: tuple[str, ...] = (
        "Căn cứ Quyết định số 1315/QĐ-TTg ngày 09/11/2023 của Thủ tướng Chính phủ;",
        "Căn cứ Kế hoạch số 298/KH-UBND ngày 13/12/2023 của UBND tỉnh Sơn La.",
    )
    body: Outline = field(default_factory=lambda: list(PLAN_BODY))
    emphasis: bool = False  # a bold and an italic phrase inside a paragraph
    closing_mark: str = "./."
    authority: str = ""  # a decision's "CHỦ TỊCH …" line between its title and its bases
    decides: bool = False  # a decision's "QUYẾT ĐỊNH:" line before its articles
    encoding: str | None = None  # "tcvn3", "vni": typed before Unicode; "mixed": some runs


def _typed(text: str, office: Office) -> list[tuple[str, str]]:
    if office.encoding is None or not text.strip():
        return [(office.font, text)]
    if office.encoding == "mixed":
        # Runs of odd length pasted from an old .VnTime file, the others typed in Unicode.
        return legacy_runs(text, "tcvn3") if len(text) % 2 else [(office.font, text)]
    return legacy_runs(text, office.encoding)


def _run(
    paragraph: Any, text: str, office: Office, *, bold: bool = False, italic: bool = False
) -> Any:
    for font, typed in _typed(text, office):
        run = paragraph.add_run(typed)
        run.font.name = font
        run.font.size = Pt(office.size)
        run.bold = bold
        run.italic = italic
        set_attributes(run_properties(run).get_or_add_rFonts(), hAnsi=font)
    return run


def _para(container: Any, text: str, office: Office, align: Any = None, **look: bool) -> Any:
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    _run(paragraph, text, office, **look)
    return paragraph


def _header_table(document: Any, office: Office) -> None:
    table = document.add_table(rows=2, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].alignment = CENTER
    _run(left.paragraphs[0], "UBND TỈNH SƠN LA", office)
    _para(left, "UBND HUYỆN MƯỜNG LA", office, CENTER, bold=True)
    right.paragraphs[0].alignment = CENTER
    _run(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", office, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", office, CENTER, bold=True)
    number, date = table.rows[1].cells
    number.paragraphs[0].alignment = CENTER
    _run(number.paragraphs[0], office.number, office)
    if not office.type_name:
        _para(number, "V/v tổ chức hội nghị tập huấn năm 2024", office, CENTER)
    date.paragraphs[0].alignment = CENTER
    _run(date.paragraphs[0], office.date, office, italic=True)


def _header_tabs(document: Any, office: Office) -> None:
    lines = [
        ("UBND TỈNH SƠN LA", False, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
        ("UBND HUYỆN MƯỜNG LA", True, "Độc lập - Tự do - Hạnh phúc", True),
    ]
    for left, left_bold, right, right_bold in lines:
        paragraph = document.add_paragraph()
        _run(paragraph, left, office, bold=left_bold)
        _run(paragraph, "\t\t", office)
        _run(paragraph, right, office, bold=right_bold)
    paragraph = document.add_paragraph()
    _run(paragraph, office.number, office)
    _run(paragraph, "\t\t", office)
    _run(paragraph, office.date, office, italic=True)
    if not office.type_name:
        _para(document, "V/v tổ chức hội nghị tập huấn năm 2024", office)


def add_word_list(document: Any, list_id: int, levels: str) -> None:
    """Add a list to the numbering part: an abstract definition of ``levels`` (``w:lvl``
    markup) and a ``w:num`` of the same id that paragraphs name in their ``w:numPr``."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{list_id}">{levels}</w:abstractNum>'
    )
    first_num = find_path(numbering, "w:num")
    if first_num is not None:
        first_num.addprevious(abstract)  # every abstractNum comes before the first num
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{list_id}">'
            f'<w:abstractNumId w:val="{list_id}"/></w:num>'
        )
    )


def _word_numbering(document: Any) -> dict[int, str]:
    """Add a three-level list (I. / 1. / a)) and a bullet list; return level → numId."""
    levels = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")]
    lvls = "".join(
        f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for index, (fmt, text) in enumerate(levels)
    )
    bullets = (
        '<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/></w:lvl>'
    )
    for abstract_id, inner in ((90, lvls), (91, bullets)):
        add_word_list(document, abstract_id, inner)
    return {0: "90", 1: "90", 2: "90", "-": "91", "+": "91"}  # type: ignore[dict-item]


def _number_with_word(paragraph: Any, num_id: str, level: int) -> None:
    num_pr = new("w:numPr")
    num_pr.append(new("w:ilvl", val=str(level)))
    num_pr.append(new("w:numId", val=num_id))
    paragraph_properties(paragraph).append(num_pr)


def _typed_number(level: int | str, counters: list[int]) -> str:
    if level == "dieu":  # "Điều N." counts on its own; the khoản under it start again
        counters[0] += 1
        del counters[1:]
        counters += [0, 0]
        return f"Điều {counters[0]}. "
    if isinstance(level, str):
        return f"{level} "
    counters[level] += 1
    del counters[level + 1 :]
    counters += [0] * (3 - len(counters))
    value = counters[level]
    if level == 0:
        return f"{['I', 'II', 'III', 'IV', 'V'][value - 1]}. "
    if level == 1:
        return f"{value}. "
    return f"{'abcdđeg'[value - 1]}) "


def _body(document: Any, office: Office) -> None:
    ids = _word_numbering(document) if office.numbering == "word" else {}
    counters = [0, 0, 0]
    indent = "      " if office.space_indent else ""
    last = len(office.body) - 1
    for index, (level, text, bold) in enumerate(office.body):
        paragraph = document.add_paragraph()
        paragraph.alignment = JUSTIFY
        if index == last:
            text += office.closing_mark
        if level is not None and office.numbering == "word":
            word_level = level if isinstance(level, int) else (0 if level == "-" else 1)
            _number_with_word(paragraph, ids[level], word_level)  # type: ignore[index]
            _run(paragraph, text, office, bold=bold)
            continue
        prefix = _typed_number(level, counters) if level is not None else indent
        if office.emphasis and level is None and index == 6:
            _run(paragraph, prefix + "Triển khai ", office)
            _run(paragraph, "kịp thời", office, bold=True)
            _run(paragraph, ", đồng bộ, ", office)
            _run(paragraph, "tiết kiệm", office, italic=True)
            _run(paragraph, " và hiệu quả.", office)
            continue
        _run(paragraph, prefix + text, office, bold=bold)
        if office.other_font and index % 3 == 0:
            paragraph.runs[0].font.name = office.other_font
        if office.table and index == 13:
            _figures(document, office)


def _figures(document: Any, office: Office) -> None:
    table = document.add_table(rows=len(FIGURES), cols=len(FIGURES[0]))
    table.style = "Table Grid"
    for row, values in zip(table.rows, FIGURES, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            _run(cell.paragraphs[0], value, office, bold=values is FIGURES[0])


RECIPIENTS = ["Như trên", "Thường trực Huyện ủy (b/c)", "Các xã, thị trấn"]
SIGNER = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lò Văn Thành")


def _signature(document: Any, office: Office) -> None:
    lines = [f"- {item};" for item in RECIPIENTS] + ["- Lưu: VT, VP."]
    if office.signature == "table":
        table = document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        _run(left.paragraphs[0], "Nơi nhận:", office, bold=True, italic=True)
        for line in lines:
            _para(left, line, office)
        right.paragraphs[0].alignment = CENTER
        _run(right.paragraphs[0], SIGNER[0], office, bold=True)
        for line in SIGNER[1:]:
            _para(right, line, office, CENTER, bold=True)
        return
    if office.signature == "side":  # both on the same lines, set apart with tabs
        rows = [("Nơi nhận:", SIGNER[0]), *zip(lines, [*SIGNER[1:3], "", ""], strict=False)]
        for left, right in [*rows, ("", ""), ("", SIGNER[3])]:
            paragraph = document.add_paragraph()
            _run(paragraph, left, office, bold=left == "Nơi nhận:", italic=left == "Nơi nhận:")
            if right:
                _run(paragraph, "\t\t\t", office)
                _run(paragraph, right, office, bold=True)
        return
    for line in SIGNER if office.signature == "tabs" else SIGNER[2:]:
        paragraph = _para(document, line, office, None, bold=True)
        paragraph.paragraph_format.left_indent = Mm(90)
        paragraph.alignment = CENTER
    _para(document, "Nơi nhận:", office, bold=True, italic=True)
    for line in lines:
        _para(document, line, office)


def build(office: Office) -> bytes:
    """Return the .docx bytes of the document ``office`` typed."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = office.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    if document.paragraphs:
        remove(document.paragraphs[0])
    (_header_table if office.header == "table" else _header_tabs)(document, office)
    if office.type_name:
        _para(document, office.type_name, office, CENTER, bold=True)
        _para(document, "Thực hiện phong trào học tập suốt đời năm 2024", office, CENTER, bold=True)
    else:
        _para(document, "Kính gửi: Ủy ban nhân dân các xã, thị trấn", office, CENTER)
    if office.authority:
        _para(document, office.authority, office, CENTER, bold=True)
    for basis in office.bases:
        _para(document, basis, office, JUSTIFY, italic=True)
    if office.decides:
        _para(document, "QUYẾT ĐỊNH:", office, CENTER, bold=True)
    _body(document, office)
    _signature(document, office)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


CORPUS = [
    Office("bang_dau_trang"),
    Office("tab_dau_trang", header="tabs"),
    Office("word_danh_so", numbering="word"),
    Office("dau_cach_thut_dong", space_indent=True),
    Office("phong_vntime", font=".VnTime", other_font="Arial"),
    Office("phong_arial_co_13", font="Arial", size=13),
    Office("le_sai", margins_mm=(10, 10, 15, 25)),
    Office("chu_ky_go_tay", signature="tabs"),
    Office("noi_nhan_canh_chu_ky", signature="side", header="tabs"),
    Office("chu_ky_khong_tien_to", signature="plain"),
    Office("bang_so_lieu", table=True),
    Office("dam_nghieng_trong_doan", emphasis=True),
    Office("du_thao", number="Số:        /KH-UBND", date="Mường La, ngày      tháng     năm 2024"),
    Office("thieu_dau_ket", closing_mark="."),
    Office("cong_van", type_name="", number="Số: 45/UBND-VP", bases=()),
    Office("bao_cao", type_name="BÁO CÁO", number="Số: 30/BC-UBND", header="tabs"),
    Office("to_trinh", type_name="TỜ TRÌNH", number="Số: 07/TTr-UBND"),
    Office(
        "tat_ca",
        header="tabs",
        numbering="word",
        font="Arial",
        margins_mm=(15, 15, 20, 10),
        signature="tabs",
    ),
    Office("tcvn3", encoding="tcvn3"),
    Office("vni", encoding="vni", header="tabs", numbering="word"),
    Office("tcvn3_lan_unicode", encoding="mixed", table=True),
]


def write_corpus(folder: Path) -> list[Path]:
    """Write every document of the corpus into ``folder``; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for office in CORPUS:
        path = folder / f"{office.name}.docx"
        path.write_bytes(build(office))
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "office-corpus")):
        print(written)
