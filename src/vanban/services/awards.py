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

from collections.abc import Callable, Mapping, Sequence
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
    Outcome,
    decide,
    default_coefficients,
    read_nominees,
    reward_amount,
)
from vanban.awards.problems import person_key
from vanban.documents import TemplateCatalogue
from vanban.errors import ValidationError

__all__ = ["DATA_MAPPINGS", "AwardDossierData", "DossierDataMapping"]


class DossierDataMapping(Protocol):
    """How a workflow's dossier data becomes each template's data."""

    def prepare(self, values: Mapping[str, Any], source: Path) -> dict[str, Any]:
        """Return data (or a patch) read from ``source`` made self-contained for storing."""
        ...

    def template_data(self, template_id: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """Return the data ``template_id`` renders from the dossier's ``data``."""
        ...


LIST_KEY = "danh_sach"
_STORED = ("ho_ten", "loai", "don_vi", "hinh_thuc")


class AwardDossierData:
    """The khen_thuong mapping (see the module docstring for the data it reads)."""

    def __init__(self, catalogue: TemplateCatalogue | None = None) -> None:
        self.catalogue = catalogue or TemplateCatalogue()

    # ---- storing -------------------------------------------------------------------------------

    def prepare(self, values: Mapping[str, Any], source: Path) -> dict[str, Any]:
        """Read the nominee list (a file next to ``source``, or inline) into stored rows.

        A bad list is refused here, with the rows as the person sees them in her file.
        """
        data = dict(values)
        listed = data.get(LIST_KEY)
        if listed is None:
            return data
        if isinstance(listed, str):
            path = Path(listed)
            nominees = read_nominees(path if path.is_absolute() else source.parent / path)
        elif isinstance(listed, list):
            nominees = read_nominees(source)  # the rows sit under "danh_sach:" in this file
        else:
            raise ValidationError(
                f"{source}: “{LIST_KEY}” phải là đường dẫn tệp danh sách hoặc danh sách các mục.",
                f"{source}: “{LIST_KEY}” must be the path of a list file or a list of items.",
            )
        data[LIST_KEY] = [_stored_row(nominee) for nominee in nominees]
        return data

    # ---- rendering -----------------------------------------------------------------------------

    def template_data(self, template_id: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """Header fields, then the template's own section, then the tables from the list."""
        spec = self.catalogue.get(template_id)
        names = {field.name for field in spec.fields}
        values = {key: value for key, value in data.items() if key in names}
        section = data.get(template_id)
        if isinstance(section, Mapping):
            values.update(section)
        for key in ("so", "ngay"):  # the register's number and date win on the issued decision
            if template_id == "quyet_dinh_khen_thuong" and key in data:
                values[key] = data[key]
        check_forms(data)
        nominees = _nominees(data.get(LIST_KEY))
        if not nominees:
            return values
        decisions = _decisions(data, nominees) if "phieu" in data else None
        computed = self._tables(template_id, data, nominees, decisions)
        values.update({key: value for key, value in computed.items() if key in names})
        return values

    def _tables(
        self,
        template_id: str,
        data: Mapping[str, Any],
        nominees: Sequence[Nominee],
        decisions: Sequence[Decision] | None,
    ) -> dict[str, Any]:
        collectives = [n for n in nominees if n.kind == "collective"]
        individuals = [n for n in nominees if n.kind == "individual"]
        if template_id == "bien_ban_hop_hoi_dong" and decisions is not None:
            members = decisions[0].members
            threshold = decisions[0].threshold
            return {
                "tong_so_thanh_vien": members,
                "ty_le_dat": int(threshold * 100),
                "bo_phieu": [
                    {
                        "ten": decision.name,
                        "hinh_thuc": _form_name(decision),
                        "dong_y": decision.votes_for,
                        "ket_qua": decision.outcome.label,
                    }
                    for decision in decisions
                ],
            }
        if template_id == "quyet_dinh_khen_thuong":
            if decisions is not None:
                chosen = {
                    d.nominee.key
                    for d in decisions
                    if isinstance(d.nominee, Nominee) and d.outcome is Outcome.APPROVED
                }
                collectives = [n for n in collectives if n.key in chosen]
                individuals = [n for n in individuals if n.key in chosen]
            # A decision awards one form: nominees proposed for another (a Bằng khen the
            # province gives) go to that authority's decision, not this one.
            form = _section_form(data, template_id)
            if form is not None:
                collectives = [n for n in collectives if n.form.key == form.key]
                individuals = [n for n in individuals if n.form.key == form.key]
            base = _base_salary(data)
            return {
                "tap_the": [_decision_row(n, base) for n in collectives],
                "ca_nhan": [_decision_row(n, base) for n in individuals],
            }
        return {
            "so_tap_the": len(collectives),
            "so_ca_nhan": len(individuals),
            "tap_the": [_list_row(n) for n in collectives],
            "ca_nhan": [_list_row(n) for n in individuals],
        }


def _stored_row(nominee: Nominee) -> dict[str, str]:
    return {
        "ho_ten": nominee.name,
        "loai": nominee.kind,
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
        votes[nominee.key] = decide(
            nominee, votes_for, members, str(item.get("ket_qua", "")), threshold
        )
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


def _list_row(nominee: Nominee) -> dict[str, str]:
    row = {
        "ten": nominee.name,
        "don_vi": nominee.unit,
        "hinh_thuc": nominee.form_name,
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
