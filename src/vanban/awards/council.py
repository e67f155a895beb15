"""The council's votes for a nominee list, read from YAML (samples/khen_thuong/votes.yaml).

Every nominee must have exactly one vote and every vote must name a nominee; an "đồng ý"
below the threshold is refused like any other mistake, and all of them are reported at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from vanban.awards.coefficient_file import default_coefficients
from vanban.awards.coefficients import CoefficientTable
from vanban.awards.located import (
    Entry,
    Located,
    compose,
    entries,
    is_int,
    is_sequence,
    line_of,
    scalar_text,
)
from vanban.awards.nominees import Nominee
from vanban.awards.problems import InvalidListError, RowProblem, clean_text, closest, person_key
from vanban.awards.sources import MAX_LIST_BYTES, MAX_LIST_ROWS
from vanban.awards.votes import DEFAULT_THRESHOLD, Decision, Outcome, decide
from vanban.datafile import read_text_bounded
from vanban.errors import ValidationError

__all__ = ["CouncilVotes", "Member", "read_council_votes"]

_PERCENT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%\s*$")


@dataclass(frozen=True)
class Member:
    """One member of the council, as the vote file names them."""

    name: str
    position: str = ""


@dataclass(frozen=True)
class CouncilVotes:
    """The outcome of one council meeting: one decision per nominee, in the list's order.

    ``roster`` is the council when the vote file lists it (``thanh_vien``); ``absent`` and
    ``written`` name the members away from the meeting and those of them who voted in
    writing. Presence and ballots are computed from these, never written as numbers.
    """

    council: str
    meeting_date: dt.date | None
    members: int
    threshold: Decimal
    decisions: tuple[Decision, ...]
    roster: tuple[Member, ...] = ()
    absent: tuple[str, ...] = ()
    written: tuple[str, ...] = ()

    @property
    def present(self) -> tuple[Member, ...]:
        """The members at the meeting (the roster without the absent)."""
        away = {person_key(name, "") for name in self.absent}
        return tuple(m for m in self.roster if person_key(m.name, "") not in away)

    @property
    def ballots(self) -> int:
        """Ballots counted: one per member present, one per written vote."""
        present = len(self.present) if self.roster else self.members - len(self.absent)
        return present + len(self.written)

    def with_outcome(self, outcome: Outcome) -> tuple[Decision, ...]:
        """Return the decisions that have ``outcome``."""
        return tuple(decision for decision in self.decisions if decision.outcome is outcome)


def read_council_votes(
    path: Path, nominees: Sequence[Nominee], *, table: CoefficientTable | None = None
) -> CouncilVotes:
    """Read the votes for ``nominees``; raise InvalidListError naming every bad vote."""
    text = read_text_bounded(path, MAX_LIST_BYTES, ("tệp kết quả bỏ phiếu", "vote file"))
    return _Reader(path.name, nominees, table or default_coefficients()).read(text)


class _Reader:
    def __init__(self, source: str, nominees: Sequence[Nominee], table: CoefficientTable):
        self.source = source
        self.nominees = {nominee.key: nominee for nominee in nominees}
        self.order = [nominee.key for nominee in nominees]
        self.table = table
        self.problems: list[RowProblem] = []

    def problem(self, line: int, vi: str, en: str) -> None:
        self.problems.append(RowProblem(line, vi, en))

    def read(self, text: str) -> CouncilVotes:
        root = compose(text, self.source)
        top, found = entries(root) if root is not None else ([], [])
        self.problems += [RowProblem(line, vi, en) for line, vi, en in found]
        values = {entry.key: entry for entry in top}
        roster = self.roster(values.get("thanh_vien"))
        if roster and "so_thanh_vien" not in values:
            members: int | None = len(roster)
        else:
            members = self.number(values.get("so_thanh_vien"), "so_thanh_vien", 1)
        if roster and members is not None and members != len(roster):
            self.problem(
                values["so_thanh_vien"].line,
                f"“so_thanh_vien” ({members}) khác số người trong “thanh_vien” ({len(roster)}); "
                "hãy bỏ “so_thanh_vien”, số thành viên được đếm từ danh sách",
                f"“so_thanh_vien” ({members}) differs from the people in “thanh_vien” "
                f"({len(roster)}); remove “so_thanh_vien”, the count comes from the list",
            )
        absent = self.names(values.get("vang_mat"), "vang_mat", roster)
        written = self.names(values.get("y_kien_van_ban"), "y_kien_van_ban", roster)
        away = {person_key(name, "") for name, _ in absent}
        for name, line in written:
            if roster and person_key(name, "") not in away:
                self.problem(
                    line,
                    f"“{name}” có mặt tại cuộc họp nên không gửi phiếu bằng văn bản; hãy ghi "
                    "người đó vào “vang_mat” hoặc bỏ khỏi “y_kien_van_ban”",
                    f"“{name}” was at the meeting, so cannot also vote in writing; add them to "
                    "“vang_mat” or remove them from “y_kien_van_ban”",
                )
        present_count = self.present_count(values.get("co_mat"), members)
        if members is not None and present_count is None:
            present_count = members - len(absent)
        ballots = None if present_count is None else present_count + len(written)
        threshold = self.threshold(values.get("ty_le_toi_thieu"))
        meeting_date = self.date(values.get("ngay_hop"))
        votes = values.get("phieu")
        if votes is None or not is_sequence(votes.node):
            self.problem(
                votes.line if votes else 1,
                "thiếu danh sách “phieu:” (mỗi mục: ho_ten, don_vi, dong_y, ket_qua)",
                "the “phieu:” list is missing (each item: ho_ten, don_vi, dong_y, ket_qua)",
            )
            raise self.error()
        if len(votes.node.value) > MAX_LIST_ROWS:
            raise self.error_too_many()
        decided: dict[tuple[str, str], tuple[int, Decision]] = {}
        for item in votes.node.value:
            self.vote(item, members, threshold, decided, ballots)
        for key in self.order:
            if key not in decided:
                nominee = self.nominees[key]
                self.problem(
                    votes.line,
                    f"chưa có phiếu cho “{nominee.name}” (dòng {nominee.row} của danh sách)",
                    f"no vote for “{nominee.name}” (row {nominee.row} of the list)",
                )
        if self.problems or members is None or threshold is None:
            raise self.error()
        council = values.get("hoi_dong")
        return CouncilVotes(
            council=clean_text(scalar_text(council.node) or "") if council else "",
            meeting_date=meeting_date,
            members=members,
            threshold=threshold,
            decisions=tuple(decided[key][1] for key in self.order),
            roster=tuple(roster),
            absent=tuple(name for name, _ in absent),
            written=tuple(name for name, _ in written),
        )

    def roster(self, entry: Entry | None) -> list[Member]:
        """Read ``thanh_vien``: the council, each with ``ho_ten`` and ``chuc_vu``."""
        if entry is None:
            return []
        if not is_sequence(entry.node):
            self.problem(
                entry.line,
                "“thanh_vien” phải là danh sách (mỗi mục: ho_ten, chuc_vu)",
                "“thanh_vien” must be a list (each item: ho_ten, chuc_vu)",
            )
            return []
        roster: list[Member] = []
        seen: dict[tuple[str, str], int] = {}
        for item in entry.node.value:
            line = line_of(item)
            fields, found = entries(item)
            self.problems += [RowProblem(line, vi, en) for _, vi, en in found]
            texts = {f.key: clean_text(scalar_text(f.node) or "") for f in fields}
            name = texts.get("ho_ten", "")
            if not name:
                self.problem(line, "thành viên thiếu “ho_ten”", "a member has no “ho_ten”")
                continue
            key = person_key(name, "")
            if key in seen:
                self.problem(
                    line,
                    f"“{name}” đã có ở dòng {seen[key]} của “thanh_vien”",
                    f"“{name}” is already listed on line {seen[key]} of “thanh_vien”",
                )
                continue
            seen[key] = line
            roster.append(Member(name, texts.get("chuc_vu", "")))
        return roster

    def names(
        self, entry: Entry | None, key: str, roster: Sequence[Member]
    ) -> list[tuple[str, int]]:
        """Read a list of members' names (``vang_mat``, ``y_kien_van_ban``), with lines."""
        if entry is None:
            return []
        items = entry.node.value if is_sequence(entry.node) else None
        if items is None:
            self.problem(
                entry.line, f"“{key}” phải là danh sách họ tên", f"“{key}” must be a list of names"
            )
            return []
        known = {person_key(m.name, ""): m.name for m in roster}
        found: list[tuple[str, int]] = []
        for item in items:
            name, line = clean_text(scalar_text(item) or ""), line_of(item)
            if roster and person_key(name, "") not in known:
                near = closest(name, list(known.values()))
                what = "phiếu bằng văn bản của" if key == "y_kien_van_ban" else "người vắng mặt"
                what_en = "a written vote from" if key == "y_kien_van_ban" else "an absentee"
                self.problem(
                    line,
                    f"{what} “{name}”, người không phải thành viên Hội đồng"
                    + (f"; có phải “{near}”?" if near else ""),
                    f"{what_en} “{name}”, who is not a council member"
                    + (f"; did you mean “{near}”?" if near else ""),
                )
                continue
            found.append((known.get(person_key(name, ""), name), line))
        return found

    def present_count(self, entry: Entry | None, members: int | None) -> int | None:
        """Read ``co_mat`` (members present) when written as a number; never above members."""
        if entry is None:
            return None
        present = self.number(entry, "co_mat", 0)
        if present is not None and members is not None and present > members:
            self.problem(
                entry.line,
                f"số thành viên có mặt ({present}) nhiều hơn số thành viên Hội đồng ({members})",
                f"{present} members present is more than the council's {members} members",
            )
            return None
        return present

    def vote(
        self,
        item: Located,
        members: int | None,
        threshold: Decimal | None,
        decided: dict[tuple[str, str], tuple[int, Decision]],
        ballots: int | None = None,
    ) -> None:
        line = line_of(item)
        fields, found = entries(item)
        self.problems += [RowProblem(line, vi, en) for _, vi, en in found]
        values = {entry.key: entry for entry in fields}
        texts = {key: clean_text(scalar_text(entry.node) or "") for key, entry in values.items()}
        name, unit = texts.get("ho_ten", ""), texts.get("don_vi", "")
        if not name:
            self.problem(line, "thiếu họ và tên (khóa “ho_ten”)", "the name (“ho_ten”) is missing")
            return
        nominee = self.nominees.get(person_key(name, unit))
        if nominee is None:
            near = closest(name, [n.name for n in self.nominees.values()])
            self.problem(
                line,
                f"“{name}” ({unit or 'không ghi đơn vị'}) không có trong danh sách đề nghị"
                + (f"; có phải “{near}”?" if near else ""),
                f"“{name}” ({unit or 'no unit'}) is not in the nominee list"
                + (f"; did you mean “{near}”?" if near else ""),
            )
            return
        if nominee.key in decided:
            self.problem(
                line,
                f"“{name}” đã có phiếu ở dòng {decided[nominee.key][0]}; hãy giữ lại một",
                f"“{name}” already has a vote on line {decided[nominee.key][0]}; keep one",
            )
            return
        votes_for = self.number(values.get("dong_y"), "dong_y", 0, line)
        if (
            votes_for is not None
            and ballots is not None
            and members is not None
            and ballots < votes_for <= members  # above members: decide() says so
        ):
            self.problem(
                values["dong_y"].line,
                f"“{name}” có {votes_for} phiếu đồng ý, nhiều hơn số phiếu thu về ({ballots}: "
                "thành viên có mặt và phiếu bằng văn bản)",
                f"“{name}” has {votes_for} votes in favour, more than the {ballots} ballots "
                "cast (members present and written votes)",
            )
            return
        if not texts.get("ket_qua"):
            self.problem(line, f"“{name}” chưa ghi kết quả (“ket_qua”)", "“ket_qua” is missing")
            return
        try:
            outcome = Outcome.from_text(texts["ket_qua"])
            if votes_for is None or members is None or threshold is None:
                return
            decision = decide(nominee, votes_for, members, outcome, threshold)
            if texts.get("de_nghi"):
                if outcome is not Outcome.PROPOSED_HIGHER:
                    self.problem(
                        line,
                        f"“{name}”: chỉ ghi “de_nghi” khi kết quả là "
                        f"“{Outcome.PROPOSED_HIGHER.label}”",
                        f"“{name}”: write “de_nghi” only when the outcome is "
                        f"“{Outcome.PROPOSED_HIGHER.label}”",
                    )
                    return
                decision = replace(decision, proposed_form=self.table.get(texts["de_nghi"]))
            elif outcome is Outcome.PROPOSED_HIGHER:
                # The referral is a list of its own, titled by the form it asks for.
                self.problem(
                    line,
                    f"“{name}”: hãy ghi hình thức đề nghị cấp trên (“de_nghi”, vd. “Bằng khen "
                    "của Thủ tướng Chính phủ”)",
                    f"“{name}”: write the form proposed to the higher level (“de_nghi”, e.g. "
                    "“Bằng khen của Thủ tướng Chính phủ”)",
                )
                return
        except ValidationError as exc:
            self.problem(line, exc.message.vi, exc.message.en)
            return
        decided[nominee.key] = (line, decision)

    def number(
        self, entry: Entry | None, key: str, minimum: int, line: int | None = None
    ) -> int | None:
        if entry is None:
            self.problem(line or 1, f"thiếu “{key}”", f"“{key}” is missing")
            return None
        text = scalar_text(entry.node)
        if is_int(entry.node) and text is not None and text.strip().isdigit():
            value = int(text)
            if value >= minimum:
                return value
        self.problem(
            entry.line,
            f"“{key}” phải là một số nguyên từ {minimum} trở lên, không phải “{text}”",
            f"“{key}” must be a whole number of at least {minimum}, not “{text}”",
        )
        return None

    def threshold(self, entry: Entry | None) -> Decimal | None:
        if entry is None:
            return DEFAULT_THRESHOLD
        text = (scalar_text(entry.node) or "").strip()
        percent = _PERCENT.match(text)
        try:
            value = (
                Decimal(percent.group(1).replace(",", ".")) / 100
                if percent
                else Decimal(text.replace(",", "."))
            )
        except InvalidOperation:
            value = Decimal(-1)
        if value.is_finite() and 0 < value <= 1:
            return value
        self.problem(
            entry.line,
            f"“ty_le_toi_thieu” phải là một tỷ lệ như 0.80 hoặc 80%, không phải “{text}”",
            f"“ty_le_toi_thieu” must be a share such as 0.80 or 80%, not “{text}”",
        )
        return None

    def date(self, entry: Entry | None) -> dt.date | None:
        if entry is None:
            return None
        try:
            return dt.date.fromisoformat((scalar_text(entry.node) or "").strip())
        except ValueError:
            self.problem(
                entry.line,
                "“ngay_hop” phải là một ngày dạng 2025-06-20",
                "“ngay_hop” must be a date such as 2025-06-20",
            )
            return None

    def error(self) -> InvalidListError:
        return InvalidListError(self.source, self.problems, row_word_en="line")

    def error_too_many(self) -> ValidationError:
        return ValidationError(
            f"Tệp “{self.source}” có quá nhiều phiếu. Hãy kiểm tra lại tệp.",
            f"“{self.source}” holds too many votes. Check the file.",
        )
