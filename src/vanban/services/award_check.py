"""The cross-document check of an award dossier (``vanban check --dossier ID``).

The documents are rendered from the dossier's state, so they should agree; this proves it
on the documents as they are, and catches what rendering cannot: free text that restates a
computed fact, a council member who is also a nominee, dates that go backwards. It reads the
text of each document (``document_lines``) and compares it with what the state says.

Rules (ids are stable, for scripts):
- ``counts``        the Tờ trình, its danh sách and the Biên bản's conclusion give the same
                    count for the higher form; the Quyết định's Điều 1, its list and the Biên
                    bản's conclusion the same count for the Hội's form.
- ``names``         every nominee of a document's group is on it, with the form of its row;
                    nobody the council did not pass is on the Tờ trình, danh sách or Quyết định.
- ``amounts``       each reward in the Quyết định, the total in figures and in words.
- ``citations``     each document shows its own number once issued; the Tờ trình and the
                    Quyết định cite the Biên bản by its number and the meeting date; the danh
                    sách cites its Tờ trình by number and date.
- ``meeting``       the Biên bản's date, presence (present/members) and the members counted.
- ``dates``         the meeting is not after today nor after the documents that cite it.
- ``derived-text``  free text restates a count or cites a document of this dossier by number.
- ``referrals``     those the council proposed to a higher level's form are their own list:
                    the Biên bản names each under a sentence with the form and the count, the
                    Tờ trình asks for that form in a sentence of its own with the same count,
                    the referral danh sách (danh_sach_de_nghi_cap_tren) is titled by the form,
                    lists exactly them and totals the same count; it exists only when there
                    are referrals, and no referred nominee is a row of the Tờ trình's danh sách
                    or the Quyết định (nor anyone else a row of the referral list).
- ``membership``    (note, does not refuse) a council member is also an individual nominee.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vanban.awards import Nominee, reward_amount
from vanban.awards.groups import AwardGroups, count_phrase
from vanban.awards.problems import person_key
from vanban.documents.award_context import referral_phrase
from vanban.errors import ValidationError
from vanban.services.award_minutes import referral_lines
from vanban.vietnamese import format_date_long, format_number, money_in_words

__all__ = [
    "BIEN_BAN",
    "DANH_SACH",
    "QUYET_DINH",
    "REFERRAL",
    "TO_TRINH",
    "DossierCheckError",
    "Finding",
    "award_findings",
]

TO_TRINH, DANH_SACH, BIEN_BAN, QUYET_DINH = (
    "to_trinh_khen_thuong",
    "danh_sach_khen_thuong",
    "bien_ban_hop_hoi_dong",
    "quyet_dinh_khen_thuong",
)
REFERRAL = "danh_sach_de_nghi_cap_tren"  # the council's referrals upward: a list of its own
# Free text that restates what the dossier computes: a count of nominees or members, or a
# citation of one of the dossier's own documents by number.
_RESTATED = re.compile(
    r"\b\d+\s+(?:tập thể|cá nhân|thành viên)\b|\b(?:Tờ trình|Biên bản)\s+số\b", re.IGNORECASE
)
_FREE_TEXT = ("mo_dau", "ket_thuc", "ket_luan", "noi_dung", "de_nghi", "thanh_tich", "to_trinh")


@dataclass(frozen=True)
class Finding:
    """One disagreement: the rule, where, and what is wrong (``note`` does not refuse)."""

    rule: str
    document: str
    vi: str
    en: str
    note: bool = False

    def as_json(self) -> dict[str, Any]:
        """The finding for ``--json``."""
        return {
            "rule": self.rule,
            "document": self.document,
            "message": self.vi,
            "message_en": self.en,
            "note": self.note,
        }


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


class _Checker:
    def __init__(
        self,
        data: Mapping[str, Any],
        groups: AwardGroups,
        texts: Mapping[str, str],
        numbers: Mapping[str, Mapping[str, Any]],
        symbols: Mapping[str, str],
    ) -> None:
        self.data, self.groups, self.texts = data, groups, texts
        self.numbers, self.symbols = numbers, symbols
        self.found: list[Finding] = []

    def add(self, rule: str, document: str, vi: str, en: str, *, note: bool = False) -> None:
        self.found.append(Finding(rule, document, vi, en, note))

    def expect(self, rule: str, document: str, phrase: str, what_vi: str, what_en: str) -> None:
        text = self.texts.get(document)
        if text is not None and phrase not in text:
            self.add(
                rule,
                document,
                f"{document}: không thấy {what_vi} “{phrase}”",
                f"{document}: {what_en} “{phrase}” is missing",
            )

    def absent(
        self,
        document: str,
        nominees: Sequence[Nominee],
        why_vi: str,
        why_en: str,
        rule: str = "names",
    ) -> None:
        """Report each of ``nominees`` that is a row of ``document`` (name, then its cells)."""
        text = self.texts.get(document, "")
        for nominee in nominees:
            after = {
                nominee.position,
                nominee.unit,
                ", ".join(part for part in (nominee.position, nominee.unit) if part),
            } - {""}
            if any(f"{nominee.name}\n{cell}" in text for cell in after):
                self.add(
                    rule,
                    document,
                    f"{document}: “{nominee.name}” {why_vi} nhưng vẫn có tên",
                    f"{document}: “{nominee.name}” {why_en} but is listed",
                )


def award_findings(
    data: Mapping[str, Any],
    groups: AwardGroups,
    texts: Mapping[str, str],
    *,
    symbols: Mapping[str, str],
    meeting: dt.date | None,
    today: dt.date,
    base_salary: int,
) -> list[Finding]:
    """Check the documents ``texts`` (template id → text) against the dossier's state."""
    numbers = data.get("cap_so") if isinstance(data.get("cap_so"), Mapping) else {}
    check = _Checker(data, groups, texts, numbers or {}, symbols)
    _counts_and_names(check)
    _referrals(check)
    _amounts(check, base_salary)
    _citations(check, meeting)
    _meeting_and_dates(check, meeting, today)
    _free_text(check)
    _membership(check)
    return check.found


def _counts_and_names(check: _Checker) -> None:
    groups = check.groups
    higher, own = groups.higher_list, groups.own_list
    if higher:
        phrase = count_phrase(higher)
        check.expect("counts", TO_TRINH, f"cho {phrase}", "số được đề nghị", "the count")
        check.expect("counts", DANH_SACH, f"Tổng số: {phrase}./.", "tổng số", "the total")
        if groups.decisions is not None:
            check.expect("counts", BIEN_BAN, f"cho {phrase}", "kết luận", "the conclusion")
        for nominee in higher:
            check.expect("names", DANH_SACH, nominee.name, "tên", "the name")
        section = check.data.get(TO_TRINH)
        title = section.get("hinh_thuc") if isinstance(section, Mapping) else None
        if title:
            check.expect(
                "names", DANH_SACH, f"đề nghị tặng {title}", "tiêu đề theo hình thức", "the title"
            )
    if own:
        phrase = count_phrase(own)
        check.expect("counts", QUYET_DINH, f"cho {phrase}", "số được khen thưởng", "the count")
        if groups.decisions is not None:
            check.expect("counts", BIEN_BAN, f"cho {phrase}", "kết luận", "the conclusion")
        for nominee in own:
            check.expect("names", QUYET_DINH, nominee.name, "tên", "the name")
    passed = {n.key for n in [*higher, *own]}
    referred = {n.key for n in groups.referred_list}  # the referrals rule speaks for them
    left_out = [n for n in groups.nominees if n.key not in passed | referred]
    for document in (TO_TRINH, DANH_SACH, QUYET_DINH):
        check.absent(
            document,
            left_out,
            "không được Hội đồng thông qua cho văn bản này",
            "was not passed by the council for this document",
        )
    for document, chosen in ((DANH_SACH, higher), (QUYET_DINH, own)):
        elsewhere = [n for n in groups.nominees if n not in chosen and n.key in passed]
        check.absent(document, elsewhere, "thuộc văn bản khác", "belongs to another document")


def _referrals(check: _Checker) -> None:
    """The referral upward agrees across the Biên bản, the Tờ trình and its own danh sách."""
    groups = check.groups
    referred = groups.referred_list
    if not referred:
        if REFERRAL in check.texts:
            check.add(
                "referrals",
                REFERRAL,
                f"{REFERRAL}: Hội đồng không đề nghị cấp trên xét tặng ai nhưng hồ sơ vẫn có "
                "danh sách này",
                f"{REFERRAL}: the council referred nobody upward, yet the dossier has this list",
            )
        return
    if TO_TRINH in check.texts and REFERRAL not in check.texts:
        check.add(
            "referrals",
            REFERRAL,
            f"{REFERRAL}: Hội đồng đề nghị cấp trên xét tặng {count_phrase(referred)} nhưng "
            "hồ sơ thiếu danh sách riêng của họ",
            f"{REFERRAL}: the council referred {len(referred)} nominee(s) upward, but their "
            "own list is missing",
        )
    for form, nominees in groups.referred:
        asked = f"{referral_phrase(form.name, form.authority)} cho {count_phrase(nominees)}"
        check.expect("referrals", TO_TRINH, asked, "lời đề nghị cấp trên", "the referral")
        check.expect("referrals", BIEN_BAN, asked, "kết luận đề nghị cấp trên", "the referral")
        for line in referral_lines(nominees):
            check.expect("referrals", BIEN_BAN, line, "người được đề nghị", "the nominee")
        for nominee in nominees:
            check.expect("referrals", REFERRAL, nominee.name, "tên", "the name")
    forms = ", ".join(form.name for form, _nominees in groups.referred)
    title = f"đề nghị cấp trên xét tặng {forms}"
    check.expect("referrals", REFERRAL, title, "tiêu đề theo hình thức", "the title")
    total = f"Tổng số: {count_phrase(referred)}./."
    check.expect("referrals", REFERRAL, total, "tổng số", "the total")
    for document in (DANH_SACH, QUYET_DINH):
        check.absent(
            document,
            referred,
            "được đề nghị cấp trên, thuộc danh sách riêng",
            "is referred upward, on a list of its own,",
            rule="referrals",
        )
    others = [n for n in groups.nominees if n not in referred]
    check.absent(
        REFERRAL, others, "không được đề nghị cấp trên", "was not referred upward", "referrals"
    )


def _amounts(check: _Checker, base_salary: int) -> None:
    if QUYET_DINH not in check.texts or not check.groups.own_list:
        return
    rewards = [reward_amount(n.form, n.kind, base_salary) for n in check.groups.own_list]
    total = sum(reward.amount for reward in rewards)
    for reward in {reward.amount for reward in rewards}:
        check.expect("amounts", QUYET_DINH, format_number(reward), "mức thưởng", "the reward")
    check.expect("amounts", QUYET_DINH, f"{format_number(total)} đồng", "tổng số", "the total")
    words = money_in_words(total)
    check.expect("amounts", QUYET_DINH, f"Bằng chữ: {words}", "số tiền bằng chữ", "the words")


def _citations(check: _Checker, meeting: dt.date | None) -> None:
    for template_id, symbol in check.symbols.items():
        if template_id in check.numbers:
            check.expect("citations", template_id, f"Số: {symbol}", "số của văn bản", "its number")
    minutes = check.symbols.get(BIEN_BAN)
    if minutes and meeting is not None:
        cited = f"Biên bản số {minutes} {format_date_long(meeting)}"
        for document in (TO_TRINH, QUYET_DINH):
            check.expect("citations", document, cited, "trích dẫn Biên bản", "the minutes cited")
    proposal = check.symbols.get(TO_TRINH)
    day = check.numbers.get(TO_TRINH, {}).get("ngay")
    if proposal and isinstance(day, str):
        cited = f"Tờ trình số {proposal} {format_date_long(dt.date.fromisoformat(day))}"
        for document in (DANH_SACH, REFERRAL):
            check.expect("citations", document, cited, "trích dẫn Tờ trình", "the Tờ trình cited")


def _meeting_and_dates(check: _Checker, meeting: dt.date | None, today: dt.date) -> None:
    data = check.data
    if meeting is None or check.groups.decisions is None:
        return
    check.expect("meeting", BIEN_BAN, format_date_long(meeting), "ngày họp", "the meeting date")
    members = int(data.get("so_thanh_vien", 0))
    absent = len(data.get("vang_mat") or [])
    present = f"{members - absent:02d}/{members:02d} thành viên"
    check.expect("meeting", BIEN_BAN, present, "số thành viên có mặt", "the presence")
    if meeting > today:
        check.add(
            "dates",
            BIEN_BAN,
            f"ngày họp {format_date_long(meeting)} còn ở sau hôm nay",
            f"the meeting date {meeting.isoformat()} is after today",
        )
    for template_id, entry in check.numbers.items():
        issued = entry.get("ngay") if isinstance(entry, Mapping) else None
        if isinstance(issued, str) and dt.date.fromisoformat(issued) < meeting:
            check.add(
                "dates",
                str(template_id),
                f"{template_id} ban hành ngày {issued}, trước ngày họp Hội đồng",
                f"{template_id} is dated {issued}, before the council met",
            )


def _free_text(check: _Checker) -> None:
    for template_id in (TO_TRINH, DANH_SACH, BIEN_BAN, QUYET_DINH):
        section = check.data.get(template_id)
        if not isinstance(section, Mapping):
            continue
        for key in _FREE_TEXT:
            for text in _strings(section.get(key)):
                found = _RESTATED.search(text)
                if found:
                    check.add(
                        "derived-text",
                        template_id,
                        f"{template_id}.{key} tự ghi “{found.group(0)}”: số lượng và số hiệu "
                        "văn bản của hồ sơ được tính ra, hãy bỏ khỏi lời văn",
                        f"{template_id}.{key} writes “{found.group(0)}” by hand: counts and "
                        "this dossier's document numbers are computed; remove it from the text",
                    )


def _membership(check: _Checker) -> None:
    members = {
        person_key(str(row.get("ho_ten", "")), ""): str(row.get("ho_ten", ""))
        for row in check.data.get("thanh_vien") or []
        if isinstance(row, Mapping)
    }
    for nominee in check.groups.nominees:
        if nominee.kind == "individual" and person_key(nominee.name, "") in members:
            check.add(
                "membership",
                BIEN_BAN,
                f"“{nominee.name}” vừa là thành viên Hội đồng vừa được đề nghị khen thưởng; "
                "biên bản nên ghi người này không biểu quyết cho chính mình",
                f"“{nominee.name}” is a council member and a nominee; the minutes should say "
                "they did not vote on themselves",
                note=True,
            )


class DossierCheckError(ValidationError):
    """The documents of a dossier disagree; ``findings`` lists each disagreement."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        vi = "\n".join(f"  - [{f.rule}] {f.vi}" for f in self.findings)
        en = "\n".join(f"  - [{f.rule}] {f.en}" for f in self.findings)
        super().__init__(
            f"Các văn bản của hồ sơ chưa khớp nhau ({len(self.findings)} điểm); hãy sửa dữ liệu "
            f"rồi làm lại:\n{vi}",
            f"The dossier's documents disagree ({len(self.findings)} findings); fix the data "
            f"and try again:\n{en}",
        )
