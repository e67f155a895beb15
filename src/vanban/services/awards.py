"""Award dossiers in a workflow: the dossier's data mapped to each template's data.

A khen_thuong dossier holds one data file: header fields shared by every document
(co_quan, ky_hieu_co_quan, dia_danh, trich_yeu, ky …), the nominee list (``danh_sach``: a
path relative to the data file, or the rows inline), optional ``luong_co_so`` (base salary,
2.340.000 đồng unless given), the council votes once recorded (``votes.yaml`` passed with
``--data``: ``so_thanh_vien``, ``ty_le_toi_thieu``, ``phieu``) and one section per template
(``to_trinh_khen_thuong: {…}``) for what only that document says. Tables (nominees, amounts,
votes) are built here from the list with vanban.awards, so every document agrees with it.

Mappings are chosen by workflow name from DATA_MAPPINGS, never by a dotted import path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from vanban.awards import (
    DEFAULT_BASE_SALARY,
    DEFAULT_THRESHOLD,
    AwardForm,
    Decision,
    Nominee,
    decide,
    default_coefficients,
    read_council_votes,
    read_nominees,
    reward_amount,
)
from vanban.awards.groups import AwardGroups, kinds_phrase
from vanban.awards.problems import person_key
from vanban.documents import TemplateCatalogue
from vanban.documents.symbol import number_and_symbol
from vanban.errors import ValidationError
from vanban.services.award_check import (
    BIEN_BAN,
    DANH_SACH,
    QUYET_DINH,
    REFERRAL,
    TO_TRINH,
    Finding,
    award_findings,
)
from vanban.services.award_minutes import minutes_data, stored_council
from vanban.services.dossier_documents import NUMBERS_KEY
from vanban.vietnamese import abbreviation_for, format_date_long

__all__ = ["DATA_MAPPINGS", "AwardDossierData", "DossierDataMapping", "awarded_nominees"]


class DossierDataMapping(Protocol):
    """How a workflow's dossier data becomes each template's data."""

    def prepare(
        self, values: Mapping[str, Any], source: Path, current: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Return data (or a patch over ``current``) read from ``source``, made self-contained."""
        ...

    def template_data(self, template_id: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """Return the data ``template_id`` renders from the dossier's ``data``."""
        ...

    def applies(self, template_id: str, data: Mapping[str, Any]) -> bool:
        """Whether the dossier has a ``template_id`` document now (a Tờ trình needs nominees)."""
        ...

    def check(
        self, data: Mapping[str, Any], texts: Mapping[str, str], today: dt.date
    ) -> list[Finding]:
        """Cross-check the documents' ``texts`` (template id → text) against the state."""
        ...


LIST_KEY = "danh_sach"
_STORED = ("ho_ten", "loai", "don_vi", "hinh_thuc")
# Facts the dossier holds once and every document computes: a section may not write them.
DERIVED: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        TO_TRINH: ("so", "ngay", "nam", "so_tap_the", "so_ca_nhan", "de_nghi_cap_tren", "bien_ban"),
        DANH_SACH: ("so_to_trinh", "ngay_to_trinh", "hinh_thuc", "trich_yeu", "tap_the", "ca_nhan"),
        REFERRAL: ("so_to_trinh", "ngay_to_trinh", "hinh_thuc", "trich_yeu", "tap_the", "ca_nhan"),
        BIEN_BAN: (
            "so",
            "ngay_hop",
            "tong_so_thanh_vien",
            "thanh_vien_co_mat",
            "thanh_vien_vang_mat",
            "ty_le_dat",
            "bo_phieu",
            "bo_phieu_mo_dau",
            "hinh_thuc",
        ),
        QUYET_DINH: ("so", "ngay", "nam", "bien_ban", "tap_the", "ca_nhan"),
    }
)
_BLANK = "     "


class AwardDossierData:
    """The khen_thuong mapping (see the module docstring for the data it reads)."""

    def __init__(self, catalogue: TemplateCatalogue | None = None) -> None:
        self.catalogue = catalogue or TemplateCatalogue()

    # ---- storing -------------------------------------------------------------------------------

    def prepare(
        self, values: Mapping[str, Any], source: Path, current: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Read the nominee list and the council's vote file into stored, checked data.

        A bad list or vote file is refused here, each mistake with its row or line.
        """
        data = dict(values)
        _refuse_derived(data, source)
        listed = data.get(LIST_KEY)
        if listed is not None:
            if isinstance(listed, str):
                path = Path(listed)
                nominees = read_nominees(path if path.is_absolute() else source.parent / path)
            elif isinstance(listed, list):
                nominees = read_nominees(source)  # the rows sit under "danh_sach:" here
            else:
                raise ValidationError(
                    f"{source}: “{LIST_KEY}” phải là đường dẫn tệp danh sách hoặc danh sách "
                    "các mục.",
                    f"{source}: “{LIST_KEY}” must be the path of a list file or a list of items.",
                )
            data[LIST_KEY] = [_stored_row(nominee) for nominee in nominees]
        if "phieu" in data:
            rows = data[LIST_KEY] if LIST_KEY in data else current.get(LIST_KEY)
            council = read_council_votes(source, _nominees(rows))
            if not council.roster:
                raise ValidationError(
                    f"{source}: hãy ghi danh sách thành viên Hội đồng (“thanh_vien”: ho_ten, "
                    "chuc_vu); số có mặt, vắng mặt và số phiếu được tính từ danh sách này.",
                    f"{source}: list the council's members (“thanh_vien”: ho_ten, chuc_vu); "
                    "presence, absence and ballots are computed from it.",
                )
            data.update(stored_council(council))
        check_forms({**current, **data})
        return data

    # ---- checking ------------------------------------------------------------------------------

    def check(
        self, data: Mapping[str, Any], texts: Mapping[str, str], today: dt.date
    ) -> list[Finding]:
        """The cross-document check (services/award_check.py) of the documents ``texts``."""
        symbols = {}
        for template_id in _numbers(data):
            spec = self.catalogue.get(template_id)
            values = self.template_data(template_id, data)
            if values.get("ky_hieu_co_quan"):
                symbols[template_id] = number_and_symbol(spec, values)
        return award_findings(
            data,
            _groups(data),
            texts,
            symbols=symbols,
            meeting=meeting_date(data),
            today=today,
            base_salary=_base_salary(data),
        )

    # ---- rendering -----------------------------------------------------------------------------

    def applies(self, template_id: str, data: Mapping[str, Any]) -> bool:
        """A Tờ trình exists when someone goes to a higher level; each list when it has rows."""
        groups = _groups(data)
        if template_id == TO_TRINH:
            return bool(groups.higher_list or groups.referred)
        if template_id == DANH_SACH:
            return bool(groups.higher_list)
        if template_id == REFERRAL:
            return bool(groups.referred)
        if template_id == BIEN_BAN:
            return "phieu" in data
        return True

    def template_data(self, template_id: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """Header fields, then the template's own section, then what the dossier computes."""
        spec = self.catalogue.get(template_id)
        names = {field.name for field in spec.fields}
        values = {key: value for key, value in data.items() if key in names}
        # The referral list is written like the Tờ trình's own list unless it has a section.
        sections = (DANH_SACH, REFERRAL) if template_id == REFERRAL else (template_id,)
        for section in map(data.get, sections):
            if isinstance(section, Mapping):
                values.update(section)
        check_forms(data)
        own = _numbers(data).get(template_id)
        if own is not None:  # the register's number and date, once issued
            values.update({key: own[key] for key in ("so", "ngay") if key in names})
            values.pop("nam", None)
        computed = self._computed(template_id, data)
        values.update({key: value for key, value in computed.items() if key in names})
        return values

    def _computed(self, template_id: str, data: Mapping[str, Any]) -> dict[str, Any]:
        groups = _groups(data)
        if template_id == TO_TRINH:
            chosen = groups.higher_list
            return {
                "so_tap_the": sum(1 for n in chosen if n.kind == "collective"),
                "so_ca_nhan": sum(1 for n in chosen if n.kind == "individual"),
                "de_nghi_cap_tren": [
                    {
                        "hinh_thuc": form.name,
                        "tham_quyen": form.authority,
                        "so_tap_the": sum(1 for n in referred if n.kind == "collective"),
                        "so_ca_nhan": sum(1 for n in referred if n.kind == "individual"),
                    }
                    for form, referred in groups.referred
                ],
                "bien_ban": minutes_citation(data),
            }
        if template_id == DANH_SACH:
            proposal = _section(data, TO_TRINH)
            title = str(proposal.get("hinh_thuc", ""))
            # A row prints its own title (as written) unless the council moved it to this form.
            higher = groups.higher.key if groups.higher else ""
            rows = [(n, "" if n.form.key == higher else title) for n in groups.higher_list]
            return _attached_list(data, rows, f"đề nghị tặng {title}", title)
        if template_id == REFERRAL:
            rows = [(n, form.name) for form, referred in groups.referred for n in referred]
            forms = ", ".join(form.name for form, _referred in groups.referred)
            return _attached_list(data, rows, f"đề nghị cấp trên xét tặng {forms}", forms)
        if template_id == BIEN_BAN and groups.decisions is not None:
            titles = {
                "higher": str(_section(data, TO_TRINH).get("hinh_thuc", "")),
                "own": str(_section(data, QUYET_DINH).get("hinh_thuc", "")),
                "own_authority": str(_section(data, QUYET_DINH).get("tham_quyen", "")),
            }
            return minutes_data(data, groups, titles)
        if template_id == QUYET_DINH:
            base = _base_salary(data)
            chosen = groups.own_list if groups.own is not None else list(groups.nominees)
            return {
                "bien_ban": minutes_citation(data),
                "tap_the": [_decision_row(n, base) for n in chosen if n.kind == "collective"],
                "ca_nhan": [_decision_row(n, base) for n in chosen if n.kind == "individual"],
            }
        nominees = list(groups.nominees)
        return {
            "so_tap_the": sum(1 for n in nominees if n.kind == "collective"),
            "so_ca_nhan": sum(1 for n in nominees if n.kind == "individual"),
            "tap_the": [_list_row(n) for n in nominees if n.kind == "collective"],
            "ca_nhan": [_list_row(n) for n in nominees if n.kind == "individual"],
        }


def _attached_list(
    data: Mapping[str, Any], rows: Sequence[tuple[Nominee, str]], asked: str, title: str
) -> dict[str, Any]:
    """A danh sách attached to the Tờ trình: exactly ``rows`` (nominee, form to print if not
    the row's own), titled by what it ``asked`` for ("đề nghị tặng <title>"), citing the
    Tờ trình's number and date."""
    chosen = [nominee for nominee, _form in rows]
    merit = str(_section(data, TO_TRINH).get("thanh_tich", "")).strip().rstrip(" .")
    merit = merit[3:] if merit.casefold().startswith("đã ") else merit
    submitted = _numbers(data).get(TO_TRINH, {})
    return {
        "hinh_thuc": title,
        "trich_yeu": f"{kinds_phrase(chosen)} {asked} {merit}".strip(),
        "so_to_trinh": submitted.get("so"),
        "ngay_to_trinh": submitted.get("ngay"),
        "tap_the": [_list_row(n, form) for n, form in rows if n.kind == "collective"],
        "ca_nhan": [_list_row(n, form) for n, form in rows if n.kind == "individual"],
    }


def _refuse_derived(data: Mapping[str, Any], source: Path) -> None:
    """A section may not write what the dossier computes (counts, citations, numbers …)."""
    written = [
        f"{template_id}.{key}"
        for template_id, keys in DERIVED.items()
        if isinstance(data.get(template_id), Mapping)
        for key in keys
        if key in data[template_id]
    ]
    if written:
        listed = ", ".join(written)
        raise ValidationError(
            f"{source}: {listed} được tính từ hồ sơ (danh sách, phiếu bầu, sổ văn bản), không "
            "ghi tay. Hãy xóa các khóa này.",
            f"{source}: {listed} are computed from the dossier (list, votes, register), not "
            "written by hand. Remove these keys.",
        )


def _section(data: Mapping[str, Any], template_id: str) -> Mapping[str, Any]:
    section = data.get(template_id)
    return section if isinstance(section, Mapping) else {}


def _numbers(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each issued document's own number and date (``cap_so``), dates as dates."""
    numbers = data.get(NUMBERS_KEY)
    if not isinstance(numbers, Mapping):
        return {}
    found: dict[str, dict[str, Any]] = {}
    for template_id, entry in numbers.items():
        if isinstance(entry, Mapping) and isinstance(entry.get("so"), int):
            day = entry.get("ngay")
            found[str(template_id)] = {
                "so": entry["so"],
                "ngay": dt.date.fromisoformat(day) if isinstance(day, str) else day,
            }
    return found


def _groups(data: Mapping[str, Any]) -> AwardGroups:
    nominees = _nominees(data.get(LIST_KEY))
    decisions = _decisions(data, nominees) if "phieu" in data and nominees else None
    return AwardGroups(
        nominees=tuple(nominees),
        decisions=tuple(decisions) if decisions is not None else None,
        own=_section_form(data, QUYET_DINH),
        higher=_section_form(data, TO_TRINH),
    )


def awarded_nominees(data: Mapping[str, Any]) -> list[Nominee]:
    """The nominees the dossier's own Quyết định awards (its certificates print for them)."""
    return _groups(data).own_list


def meeting_date(data: Mapping[str, Any]) -> dt.date | None:
    """The council's meeting date, from the vote file (the only place it is written)."""
    day = data.get("ngay_hop")
    if isinstance(day, dt.date):
        return day
    return dt.date.fromisoformat(day) if isinstance(day, str) and day else None


def minutes_citation(data: Mapping[str, Any]) -> str:
    """ "Biên bản số 01/BB-HĐTĐKT ngày 12 tháng 11 năm 2025 của Hội đồng …" (blanks before)."""
    minutes = _numbers(data).get(BIEN_BAN)
    issuer = _section(data, BIEN_BAN).get("ky_hieu_co_quan") or data.get("ky_hieu_co_quan", "")
    printed = f"{minutes['so']:02d}" if minutes else _BLANK
    day = meeting_date(data)
    year = day.year if day else dt.date.today().year
    when = format_date_long(day) if day else f"ngày{_BLANK}tháng{_BLANK}năm {year}"
    council = data.get("hoi_dong") or "Hội đồng Thi đua - Khen thưởng"
    return f"Biên bản số {printed}/{abbreviation_for('Biên bản')}-{issuer} {when} của {council}"


def _stored_row(nominee: Nominee) -> dict[str, str]:
    return {
        "ho_ten": nominee.name,
        "loai": nominee.kind,
        "gioi_tinh": nominee.sex,
        "chuc_vu": nominee.position,
        "don_vi": nominee.unit,
        "hinh_thuc": nominee.form_title or nominee.form.key,
        "thanh_tich": nominee.achievement,
    }


def _nominees(rows: Any) -> list[Nominee]:
    """The nominees of rows stored by prepare() (already checked when they were stored)."""
    if not isinstance(rows, list):
        return []
    table = default_coefficients()
    nominees = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping) or not all(key in row for key in _STORED):
            continue
        # Looked up again at every event: a form the table no longer knows is refused here.
        found = table.get_match(str(row["hinh_thuc"]), f"{LIST_KEY}, mục {index}")
        nominees.append(
            Nominee(
                name=str(row["ho_ten"]),
                kind="individual" if row["loai"] == "individual" else "collective",
                unit=str(row["don_vi"]),
                form=found.form,
                position=str(row.get("chuc_vu", "")),
                achievement=str(row.get("thanh_tich", "")),
                row=index,
                form_title="" if found.title == found.form.name else found.title,
                sex=str(row.get("gioi_tinh", "")),
            )
        )
    return nominees


def _section_form(data: Mapping[str, Any], template_id: str) -> AwardForm | None:
    """The form a document's section names (``hinh_thuc``); an unknown one is refused."""
    section = data.get(template_id)
    named = section.get("hinh_thuc") if isinstance(section, Mapping) else None
    if not named:
        return None
    return default_coefficients().get_match(str(named), f"{template_id}.hinh_thuc").form


def check_forms(data: Mapping[str, Any]) -> None:
    """Refuse any award form the dossier names that the coefficient table does not know."""
    _nominees(data.get(LIST_KEY))
    for key, section in data.items():
        if isinstance(section, Mapping) and "hinh_thuc" in section:
            _section_form(data, key)


def _whole(value: Any, what_vi: str, what_en: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        value = ""
    try:
        return int(value)
    except ValueError:
        raise ValidationError(
            f"{what_vi} phải là một số nguyên, không phải “{value}”.",
            f"{what_en} must be a whole number, not “{value}”.",
        ) from None


def _decisions(data: Mapping[str, Any], nominees: Sequence[Nominee]) -> list[Decision]:
    """Each nominee's recorded outcome; approving below the threshold is refused by decide()."""
    members = _whole(data.get("so_thanh_vien"), "Số thành viên Hội đồng", "The council size")
    try:
        threshold = Decimal(str(data.get("ty_le_toi_thieu", DEFAULT_THRESHOLD)))
    except InvalidOperation:
        threshold = Decimal("NaN")  # decide() refuses it with its own sentence
    by_key = {nominee.key: nominee for nominee in nominees}
    votes: dict[tuple[str, str], Decision] = {}
    for item in data.get("phieu") or []:
        if not isinstance(item, Mapping):
            continue
        name, unit = str(item.get("ho_ten", "")), str(item.get("don_vi", ""))
        nominee = by_key.get(person_key(name, unit))
        if nominee is None:
            raise ValidationError(
                f"Phiếu bầu cho “{name}” ({unit}) không khớp với ai trong danh sách đề nghị. "
                "Hãy ghi họ tên và đơn vị đúng như trong danh sách.",
                f"The vote for “{name}” ({unit}) matches no one on the nominee list. "
                "Write the name and unit exactly as on the list.",
            )
        votes_for = _whole(item.get("dong_y"), f"Số phiếu đồng ý của {name}", f"{name}'s votes")
        decision = decide(nominee, votes_for, members, str(item.get("ket_qua", "")), threshold)
        if item.get("de_nghi"):
            proposed = default_coefficients().get(str(item["de_nghi"]))
            decision = replace(decision, proposed_form=proposed)
        votes[nominee.key] = decision
    missing = [nominee.name for nominee in nominees if nominee.key not in votes]
    if missing:
        listed = ", ".join(missing)
        raise ValidationError(
            f"Chưa có kết quả bỏ phiếu cho: {listed}. Hãy ghi đủ phiếu của mọi người trong "
            "danh sách.",
            f"No council vote is recorded for: {listed}. Record a vote for everyone listed.",
        )
    return [votes[nominee.key] for nominee in nominees]


def _form_name(decision: Decision) -> str:
    return decision.nominee.form_name if isinstance(decision.nominee, Nominee) else ""


def _base_salary(data: Mapping[str, Any]) -> int:
    value = data.get("luong_co_so", DEFAULT_BASE_SALARY)
    return _whole(value, "Mức lương cơ sở (luong_co_so)", "The base salary (luong_co_so)")


def _list_row(nominee: Nominee, form: str = "") -> dict[str, str]:
    """A danh sách row; ``form`` is the form this list asks for (the row's own otherwise)."""
    row = {
        "ten": nominee.name,
        "don_vi": nominee.unit,
        "hinh_thuc": form or nominee.form_name,
        "thanh_tich": nominee.achievement or "…",
    }
    if nominee.kind == "individual":
        row["chuc_vu"] = nominee.position
    return row


def _decision_row(nominee: Nominee, base_salary: int) -> dict[str, Any]:
    row: dict[str, Any] = {
        "ten": nominee.name,
        "don_vi": nominee.unit,
        "so_tien": reward_amount(nominee.form, nominee.kind, base_salary).amount,
    }
    if nominee.kind == "individual":
        row["chuc_vu"] = nominee.position
    return row


# Workflow name → the mapping's factory (given the service's template catalogue).
DATA_MAPPINGS: Mapping[str, Callable[[TemplateCatalogue], DossierDataMapping]] = MappingProxyType(
    {"khen_thuong": AwardDossierData}
)
