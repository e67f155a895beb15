"""Reading an office's .docx into vanban's document data (docs/data-format.md).

The checker finds the parts (header, title, căn cứ, body, signature, Nơi nhận); this module
turns each into its data key, the body into the numbered tree, and keeps every printed line
it could not place as a plain paragraph with a comment, so nothing the office wrote is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from vanban.checker import read_untrusted
from vanban.checker.anatomy import Anatomy, fold, signature_prefix
from vanban.checker.inspection import Inspection
from vanban.checker.reading import Para, Span
from vanban.docx.numbering import ListNumbering
from vanban.docx.reading import document_body, outermost_table, paragraph_text, text_box_paragraphs
from vanban.errors import Message, ValidationError
from vanban.importing import parts
from vanban.importing.decision import is_decides_line, read_decision
from vanban.importing.inline import Styled, styled
from vanban.importing.legacy_text import (
    Converted,
    conversion_messages,
    locate,
    to_unicode_package,
)
from vanban.importing.numbering import list_marker, typed_marker
from vanban.importing.outline import BodyLine, Outline, build_outline
from vanban.importing.tables import read_table
from vanban.importing.yaml_text import Noted

# The type name printed under the header → the template that lays it out.
TEMPLATES_BY_TYPE = {
    "ke hoach": "ke_hoach",
    "bao cao": "bao_cao",
    "to trinh": "to_trinh",
    "quyet dinh": "quyet_dinh",
}
UNPLACED_NOTE = "vanban không xác định được vị trí đoạn này trong văn bản gốc: hãy kiểm tra."
AUTHORITY_NOTE = "thẩm quyền ban hành (dòng in giữa trang trước căn cứ) trong văn bản gốc."
TEXT_BOX_NOTE = "một đoạn gõ trong khung văn bản (text box) của văn bản gốc: hãy kiểm tra vị trí."
TABLE_NOTE = "một dòng của bảng trong văn bản gốc (cột cách nhau bằng “|”): hãy kiểm tra."


@dataclass
class ImportedDocument:
    """What an import found: the data, the template it fits, and what it could not place."""

    data: dict[str, Any]
    template_id: str
    type_name: str
    unplaced: list[str] = field(default_factory=list)
    text_boxes: list[str] = field(default_factory=list)  # lines typed in text boxes
    headings: int = 0
    word_numbered: int = 0  # paragraphs numbered by Word's list numbering
    inspection: Inspection | None = None
    converted: list[Converted] = field(default_factory=list)  # legacy text made Unicode


def _not_a_document(name: str) -> ValidationError:
    return ValidationError(
        f"Tệp “{name}” không phải kế hoạch, báo cáo, công văn, tờ trình hay quyết định: "
        "không thấy Quốc hiệu, tên loại văn bản hay dòng “V/v”. Hãy chọn đúng tệp văn bản.",
        f"“{name}” is not a plan, report, letter, submission or decision: it has no national "
        "title, document type name or “V/v” line. Choose the right document file.",
    )


def _type_of(anatomy: Anatomy, name: str) -> tuple[str, str]:
    title = anatomy.one("ten_loai")
    if title is None:
        if anatomy.get("trich_yeu_cong_van"):
            return "cong_van", "Công văn"
        raise _not_a_document(name)
    key = fold(title.text).rstrip(" :.")
    if key not in TEMPLATES_BY_TYPE:
        raise ValidationError(
            f"Tệp “{name}” là {title.text.lower()}; vanban nhập được kế hoạch, báo cáo, công văn, "
            "tờ trình và quyết định. Hãy soạn loại văn bản này bằng mẫu riêng của cơ quan.",
            f"“{name}” is a {title.text.lower()}; vanban imports plans, reports, letters, "
            "submissions and decisions. Write this kind of document with your own template.",
        )
    return TEMPLATES_BY_TYPE[key], title.text


def _plain(spans: Iterable[Span]) -> str:
    return " ".join(span.display for span in spans).replace("\n", " ").strip()


class _Importer:
    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.anatomy = inspection.anatomy
        self.paras = inspection.paras
        self.lists = ListNumbering(inspection.document, inspection.sheet)
        self.word_numbered = 0
        self.used: set[int] = set()
        self.bases: list[str] = []
        self.authority: list[Span] = []
        self.signed = False  # a signature block was found in its usual places
        self.late_signature: dict[str, Any] = {}

    def take(self, spans: Iterable[Span]) -> list[Span]:
        spans = list(spans)
        self.used.update(id(span.para) for span in spans)
        return spans

    def header(self, cong_van: bool) -> dict[str, Any]:
        anatomy = self.anatomy
        data: dict[str, Any] = {}
        parent = parts.lines_text(self.take(anatomy.get("co_quan_chu_quan")))
        if parent:
            data["co_quan_chu_quan"] = parent
        issuer = parts.lines_text(self.take(anatomy.get("co_quan_ban_hanh")))
        if issuer:
            data["co_quan"] = issuer
        number = self.take(anatomy.get("so_ky_hieu"))
        numbered = parts.number_and_symbol(number[0].text, cong_van) if number else {}
        dated = self.take(anatomy.get("dia_danh_ngay"))
        when = parts.place_and_date(dated[0].text) if dated else {}
        data.update({key: value for key, value in numbered.items() if key != "so"})
        if "so" in numbered and "ngay" in when:
            data["so"] = numbered["so"]
        data.update(when if "so" in data else {k: v for k, v in when.items() if k != "ngay"})
        if "ngay" in when and "so" not in data:
            data["nam"] = int(when["ngay"][:4])
        self.take(anatomy.get("quoc_hieu") + anatomy.get("tieu_ngu") + anatomy.get("ten_loai"))
        return data

    def title(self, cong_van: bool) -> dict[str, Any]:
        anatomy = self.anatomy
        data: dict[str, Any] = {}
        if cong_van:
            letter = self.take(anatomy.get("trich_yeu_cong_van"))
            if letter:
                cell = letter[0].para.cell_key
                more = [
                    para.whole
                    for para in self.paras
                    if cell is not None
                    and para.cell_key == cell
                    and para is not letter[0].para
                    and self.paras.index(para) > self.paras.index(letter[0].para)
                    and para.printed
                ]
                data["trich_yeu"] = parts.subject_of_letter(_plain([*letter, *self.take(more)]))
        else:
            subject = self.take(anatomy.get("trich_yeu"))
            while len(subject) > 1 and subject[-1].display == subject[-1].display.upper():
                # "CHỦ TỊCH ỦY BAN NHÂN DÂN …" under a decision's subject: who decides.
                self.authority.insert(0, subject.pop())
            if subject:
                data["trich_yeu"] = "\n".join(span.display for span in subject).strip()
        note = self.take(anatomy.get("ghi_chu_trich_yeu"))
        if note:
            data["ghi_chu_trich_yeu"] = _plain(note)
        addressees = parts.addressees(self.take(anatomy.get("kinh_gui")))
        if addressees:
            data["kinh_gui"] = addressees
        self.bases = [parts.clean_item(span.text) for span in self.take(anatomy.get("can_cu"))]
        return data

    def body_line(self, para: Para) -> BodyLine:
        text = styled(para.pieces)
        level = self.lists.level_of(para.element)
        marker = list_marker(level) if level is not None else None
        if marker is not None:
            self.word_numbered += 1
        else:
            marker = typed_marker(text.text)
        return BodyLine(text, marker)

    def body(self, decision: bool) -> Outline:
        start, end = self.anatomy.body_range
        skip = {*self._signature_tables(), self.anatomy.header_table}
        items: list[Para | int] = []
        cells: dict[int, list[Para]] = {}
        for para in self.paras[start:end]:
            if decision and not items and is_decides_line(para.text):
                self.used.add(id(para))  # "QUYẾT ĐỊNH:" is the template's own line
                continue
            key = para.cell_key
            if key is not None and key[0] not in skip:
                if key[0] not in cells:
                    items.append(key[0])
                cells.setdefault(key[0], []).append(para)
                self.used.add(id(para))
            elif key is None and para.printed and id(para) not in self.used and not _rule(para):
                items.append(para)
                self.used.add(id(para))
        lines: list[BodyLine] = []
        looks: list[Para | None] = []
        for item in items:
            if isinstance(item, Para):
                lines.append(self.body_line(item))
                looks.append(item)
                continue
            table = outermost_table(cells[item][0].element)
            data = read_table(table, cells[item])
            if data is None:
                rows = _table_rows(cells[item])
                lines += rows
                looks += [None] * len(rows)
                continue
            for part in ("don_vi_tinh", "tieu_de"):  # the lines vanban prints above a table
                above = looks[-1] if looks else None
                if above is not None and _above_table(part, lines[-1], above):
                    text = lines.pop().styled.text
                    looks.pop()
                    data = {part: _unit(text) if part == "don_vi_tinh" else text, **data}
            lines.append(BodyLine(Styled(()), None, table=data))
            looks.append(None)
        while lines and _is_basis(lines[0]):  # "Thực hiện …" in italics, alone or after Kính gửi
            self.bases.append(parts.clean_item(lines.pop(0).styled.text))
        if not self.signed:
            self.late_signature = _trailing_signature(lines)
        return build_outline(lines)

    def _signature_tables(self) -> set[int]:
        return {
            span.para.cell_key[0]
            for name in ("noi_nhan", "quyen_han", "ho_ten")
            for span in self.anatomy.get(name)
            if span.para.cell_key is not None
        }

    def _typed_signature(self) -> tuple[list[Span], list[Span], list[str]]:
        """The title and name typed as lines under the prefixed lines (no signature table)."""
        authority = self.anatomy.get("quyen_han")
        if self.anatomy.get("ho_ten") or not authority or authority[-1].para.cell_key:
            return [], [], []
        position = self.paras.index(authority[-1].para) + 1
        titles: list[Span] = []
        names: list[Span] = []
        notes: list[str] = []
        while position < len(self.paras) and not names:
            para = self.paras[position]
            position += 1
            text = para.text
            if para.cell_key is not None or fold(text).startswith("noi nhan"):
                break
            if not para.printed or _rule(para):
                continue
            if text.startswith("(") and text.endswith(")"):
                notes.append(text)
                self.used.add(id(para))
            elif len(text) > 60 or signature_prefix(text):
                break
            elif text == text.upper():
                titles.append(para.whole)
            else:
                names.append(para.whole)
        return titles, names, notes

    def _side_by_side(self) -> tuple[list[Span], list[Span]] | None:
        """Nơi nhận and the signature typed on the same lines, set apart with tabs."""
        heading = self.anatomy.one("noi_nhan")
        if heading is None or heading.para.cell_key is not None:
            return None
        start = self.paras.index(heading.para)
        lines = [p for p in self.paras[start:] if p.cell_key is None and p.printed]
        if not any(segment.column for para in lines for segment in para.segments):
            return None
        left: list[Span] = []
        right: list[Span] = []
        for para in lines:
            self.used.add(id(para))
            for segment in para.segments:
                if segment.column:
                    right.append(segment)
                elif not fold(segment.text).startswith("noi nhan"):
                    left.append(segment)
        return left, right

    def signature(self) -> dict[str, Any]:
        anatomy = self.anatomy
        data: dict[str, Any] = {}
        side = self._side_by_side()
        if side is not None:
            recipients, signed = side
            authority, names, notes = _signature_lines(signed)
        else:
            recipients = self.take(anatomy.get("noi_nhan_danh_sach"))
            titles, names, notes = self._typed_signature()
            self.take(titles + names)
            notes = parts.signature_notes(anatomy, self.paras) + notes
            authority = [*self.take(anatomy.get("quyen_han")), *titles]
            names = [*self.take(anatomy.get("ho_ten")), *names]
        block = parts.signature(authority, names, notes)
        if block:
            data["ky"] = block
            self.signed = True
        self.take(anatomy.get("noi_nhan"))
        items, filed = parts.recipients(recipients, bool(anatomy.get("kinh_gui")))
        if items:
            data["noi_nhan"] = items
        if filed:
            data["luu"] = filed
        tables = self._signature_tables()
        for para in self.paras:
            key = para.cell_key
            if key is not None and key[0] in tables and para.text in notes:
                self.used.add(id(para))
        return data

    def unplaced(self) -> list[str]:
        header = self.anatomy.header_table
        return [
            para.text
            for para in self.paras
            if para.printed
            and id(para) not in self.used
            and not _rule(para)
            and not (para.cell_key is not None and para.cell_key[0] == header)
        ]


def _trailing_signature(lines: list[BodyLine]) -> dict[str, Any]:
    """Take a signature typed as the last short lines of the body ("CHỦ TỊCH", the name)."""
    tail: list[str] = []
    for line in reversed(lines):
        text = line.styled.text
        if line.marker is not None or line.table is not None or len(text) > 60 or not text:
            break
        if text.endswith((".", ";", ":")) and not text.endswith(")"):
            break
        tail.insert(0, text)
    names = [text for text in tail if text != text.upper() and not text.startswith("(")]
    titles = [text for text in tail if text == text.upper()]
    if len(names) != 1 or not titles or tail[-1] != names[0]:
        return {}
    del lines[len(lines) - len(tail) :]
    block: dict[str, Any] = {}
    for title in titles:
        prefix = signature_prefix(title)
        key = parts.PREFIX_KEYS.get(fold(prefix or "").replace(".", ""))
        if prefix is not None and key is not None:
            block[key] = title[len(prefix) :].strip()
        else:
            block["chuc_vu"] = "\n".join(filter(None, [block.get("chuc_vu"), title]))
    block["ho_ten"] = names[0]
    notes = [text for text in tail if text.startswith("(")]
    if notes:
        block["ghi_chu"] = " ".join(notes)
    return block


def _signature_lines(spans: list[Span]) -> tuple[list[Span], list[Span], list[str]]:
    """Split signature lines into the title lines, the name and "(Đã ký)"-like notes."""
    notes = [span.text for span in spans if span.text.startswith("(") and span.text.endswith(")")]
    lines = [span for span in spans if span.text not in notes]
    names = [span for span in lines if span.display != span.display.upper()][-1:]
    titles = [span for span in lines if span not in names]
    return titles, names, notes


def _table_rows(paras: list[Para]) -> list[BodyLine]:
    """A table that is not a vanban table: one paragraph per row, cells split by "|"."""
    rows: dict[int, dict[int, list[str]]] = {}
    for para in paras:
        if para.printed and para.cell_key is not None:
            cells = rows.setdefault(para.cell_key[1], {})
            cells.setdefault(para.cell_key[2], []).append(styled(para.pieces).text)
    lines = []
    for row in rows.values():
        text = " | ".join(" ".join(row[index]) for index in sorted(row))
        lines.append(BodyLine(Styled(tuple((c, False, False) for c in text)), None, TABLE_NOTE))
    return lines


def _above_table(key: str, line: BodyLine, para: Para) -> bool:
    if line.marker is not None and line.marker.style not in ("-", "+"):
        return False
    if key == "don_vi_tinh":
        return fold(line.styled.text).startswith("don vi tinh")
    return para.look.alignment == "center" and line.styled.bold


def _unit(text: str) -> str:
    return re.sub(r"^đơn vị tính\s*:?\s*", "", text, flags=re.IGNORECASE).strip()


def _is_basis(line: BodyLine) -> bool:
    words = fold(line.styled.text)
    return (
        line.marker is None
        and line.styled.italic
        and words.startswith(("can cu", "thuc hien", "theo ", "xet "))
    )


def _rule(para: Para) -> bool:
    text = para.text
    return bool(text) and set(text) <= set("_-─—–=*. ")


def _text_box_lines(inspection: Inspection) -> list[str]:
    """The lines typed in the body's text boxes, which print beside the body's flow."""
    paragraphs = text_box_paragraphs(document_body(inspection.document))
    return [text for text in map(paragraph_text, paragraphs) if text]


def read_document(inspection: Inspection) -> ImportedDocument:
    """Return the data of an inspected document (see ``import_docx``)."""
    template_id, type_name = _type_of(inspection.anatomy, inspection.name)
    cong_van = template_id == "cong_van"
    importer = _Importer(inspection)
    data: dict[str, Any] = importer.header(cong_van)
    data.update(importer.title(cong_van))
    signature = importer.signature()
    decision = template_id == "quyet_dinh"
    outline = importer.body(decision)
    authority = importer.authority + importer.take(inspection.anatomy.get("tham_quyen"))
    if decision and authority:
        data["tham_quyen"] = _plain(authority)
    if importer.bases:
        data["can_cu"] = importer.bases
    opening = [Noted(_plain(authority), AUTHORITY_NOTE)] if authority and not decision else []
    opening += outline.opening
    if opening:
        data["mo_dau"] = opening
    data["danh_so"] = outline.numbering
    data["noi_dung"] = outline.tree
    closing = list(outline.closing)
    if decision:  # what follows the last Điều belongs to it
        closing = read_decision(data, closing, signature)
    unplaced = importer.unplaced()
    closing += [Noted(text, UNPLACED_NOTE) for text in unplaced]
    boxed = _text_box_lines(inspection)
    closing += [Noted(text, TEXT_BOX_NOTE) for text in boxed]
    if closing:
        data["ket_thuc"] = closing
    if importer.late_signature:
        signature = {"ky": importer.late_signature, **signature}
    data.update(signature)
    return ImportedDocument(
        data=data,
        template_id=template_id,
        type_name=type_name,
        unplaced=unplaced,
        text_boxes=boxed,
        headings=outline.headings,
        word_numbered=importer.word_numbered,
        inspection=inspection,
    )


def import_docx(content: bytes, name: str) -> ImportedDocument:
    """Read untrusted .docx bytes into document data; raise ValidationError when they are not
    a safe, readable plan, report, letter, submission or decision.

    Text typed in a legacy encoding (a .VnTime or VNI-Times run) is read as the Unicode it
    prints as; ``converted`` says which paragraphs, in which encoding, ended in which key.
    """
    inspection = read_untrusted(content, name)
    unicode, rewritten = to_unicode_package(content)
    if not rewritten:
        return read_document(inspection)
    document = read_document(read_untrusted(unicode, name))
    document.converted = locate(document.data, rewritten)
    return document


def describe(document: ImportedDocument) -> list[Message]:
    """Return what the import did, one sentence each, for the command line."""
    found = Message(
        f"Nhận ra {document.type_name.lower()} (mẫu “{document.template_id}”), "
        f"{document.headings} đề mục đánh số.",
        f"Recognised a {document.template_id.replace('_', ' ')} "
        f"(template “{document.template_id}”), {document.headings} numbered items.",
    )
    messages = [found, *conversion_messages(document.converted)]
    if document.unplaced:
        count = len(document.unplaced)
        messages.append(
            Message(
                f"{count} đoạn không xác định được vị trí, đã đặt cuối phần kết thúc kèm ghi chú.",
                f"{count} paragraph(s) could not be placed; they were put at the end of the "
                "closing with a comment.",
            )
        )
    if document.text_boxes:
        count = len(document.text_boxes)
        messages.append(
            Message(
                f"{count} đoạn gõ trong khung văn bản (text box), đã đặt cuối phần kết thúc "
                "kèm ghi chú.",
                f"{count} paragraph(s) typed in text boxes were put at the end of the closing "
                "with a comment.",
            )
        )
    return messages
