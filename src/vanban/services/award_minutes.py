"""The council's part of an award dossier: the vote file as stored, and the Biên bản it gives.

Presence, ballots, shares and the conclusion's counts are computed from the vote file alone
(members, who was away, who voted in writing, each nominee's votes), so the Biên bản cannot
say "09/09 thành viên" in one line and "11 thành viên" in the next.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from vanban.awards import CouncilVotes, Decision, Nominee
from vanban.awards.groups import AwardGroups, count_phrase
from vanban.awards.problems import person_key
from vanban.documents.award_context import form_after, referral_phrase

__all__ = ["minutes_data", "referral_lines", "stored_council"]


def stored_council(council: CouncilVotes) -> dict[str, Any]:
    """The vote file as the dossier stores it: checked, in the list's order, JSON-ready."""
    votes = []
    for decision in council.decisions:
        nominee = decision.nominee
        row: dict[str, Any] = {
            "ho_ten": decision.name,
            "don_vi": nominee.unit if isinstance(nominee, Nominee) else "",
            "dong_y": decision.votes_for,
            "ket_qua": decision.outcome.value,
        }
        if decision.proposed_form is not None:
            row["de_nghi"] = decision.proposed_form.key
        votes.append(row)
    return {
        "hoi_dong": council.council,
        "ngay_hop": council.meeting_date.isoformat() if council.meeting_date else None,
        "so_thanh_vien": council.members,
        "thanh_vien": [{"ho_ten": m.name, "chuc_vu": m.position} for m in council.roster],
        "vang_mat": list(council.absent),
        "y_kien_van_ban": list(council.written),
        "ty_le_toi_thieu": str(council.threshold),
        "phieu": votes,
    }


def _people(rows: Any, names: Sequence[str], *, inside: bool) -> list[dict[str, str]]:
    wanted = {person_key(name, "") for name in names}
    return [
        {"ho_ten": str(row["ho_ten"]), "chuc_vu": str(row.get("chuc_vu", ""))}
        for row in rows or []
        if (person_key(str(row["ho_ten"]), "") in wanted) is inside
    ]


def referral_lines(nominees: Sequence[Nominee]) -> list[str]:
    """ "- Hội Khuyến học huyện Mai Sơn (Huyện Mai Sơn);": one line per referred nominee."""
    lines = [
        f"- {nominee.name} ({', '.join(p for p in (nominee.position, nominee.unit) if p)});"
        for nominee in nominees
    ]
    return [*lines[:-1], lines[-1][:-1] + "."] if lines else []


def _names(decisions: Sequence[Decision]) -> str:
    return ", ".join(decision.name for decision in decisions)


def _conclusion(
    data: Mapping[str, Any], groups: AwardGroups, titles: Mapping[str, str]
) -> list[str]:
    """The Hội đồng's conclusion, one sentence per document the outcomes lead to."""
    lines = []
    if groups.higher is not None and groups.higher_list:
        authority = groups.higher.authority
        lines.append(
            f"Hội đồng thống nhất đề nghị {authority} tặng "
            f"{form_after(titles['higher'], authority)} cho {count_phrase(groups.higher_list)}."
        )
    if groups.own is not None and groups.own_list:
        authority = titles["own_authority"]
        lines.append(
            f"Hội đồng thống nhất đề nghị {authority} tặng {form_after(titles['own'], authority)}"
            f" cho {count_phrase(groups.own_list)}."
        )
    for form, nominees in groups.referred:  # each referral a section of its own, by name
        lines.append(
            f"Hội đồng thống nhất đề nghị cấp trên {referral_phrase(form.name, form.authority)} "
            f"cho {count_phrase(nominees)} (lập danh sách riêng), gồm:"
        )
        lines += referral_lines(nominees)
    if groups.failed:
        lines.append(
            f"Không đề nghị khen thưởng (chưa đạt tỷ lệ phiếu đồng ý): {_names(groups.failed)}."
        )
    section = data.get("bien_ban_hop_hoi_dong")
    extra = section.get("ket_luan", []) if isinstance(section, Mapping) else []
    return lines + list(extra)


def minutes_data(
    data: Mapping[str, Any], groups: AwardGroups, titles: Mapping[str, str]
) -> dict[str, Any]:
    """What the Biên bản prints from the vote file: presence, ballots, votes, conclusion."""
    assert groups.decisions is not None
    members = int(data["so_thanh_vien"])
    absent = [str(name) for name in data.get("vang_mat") or []]
    written = [str(name) for name in data.get("y_kien_van_ban") or []]
    present = _people(data.get("thanh_vien"), absent, inside=False)
    threshold = Decimal(str(data.get("ty_le_toi_thieu", "0.8")))
    percent = (threshold * 100).normalize()
    cast = len(present)
    ballots = (
        f"Số phiếu phát ra: {cast:02d}; số phiếu thu về: {cast:02d}; số phiếu hợp lệ: {cast:02d}"
    )
    if written:
        ballots += (
            f"; cùng {len(written):02d} phiếu biểu quyết bằng văn bản của thành viên vắng mặt "
            f"({', '.join(written)})"
        )
    ballots += (
        f". Tỷ lệ phiếu đồng ý tính trên tổng số {members:02d} thành viên Hội đồng; đạt khi "
        f"từ {format(percent, 'f').replace('.', ',')}% trở lên. Kết quả như sau:"
    )
    return {
        "ngay_hop": data.get("ngay_hop"),
        "tong_so_thanh_vien": members,
        "thanh_vien_co_mat": present,
        "thanh_vien_vang_mat": _people(data.get("thanh_vien"), absent, inside=True),
        "ty_le_dat": int(threshold * 100),
        "bo_phieu_mo_dau": ballots,
        "bo_phieu": [_vote_row(decision) for decision in groups.decisions],
        "ket_luan": _conclusion(data, groups, titles),
    }


def _vote_row(decision: Decision) -> dict[str, Any]:
    nominee = decision.nominee
    form = nominee.form_name if isinstance(nominee, Nominee) else ""
    result = decision.outcome.label
    if decision.proposed_form is not None:
        result = f"{result} ({decision.proposed_form.name})"
    votes = decision.votes_for
    return {"ten": decision.name, "hinh_thuc": form, "dong_y": votes, "ket_qua": result}
