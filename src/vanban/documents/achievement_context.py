"""Context builders for the Báo cáo thành tích of an individual and of a collective.

Both follow the structure carried over into the NĐ 152/2025 forms: I. sơ lược lý lịch (or
đặc điểm, tình hình), II. thành tích đạt được, III. các hình thức đã được khen thưởng with its
two tables, then two signature columns. The headings and their numbers are fixed here; the
data holds only the facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from vanban.documents.award_context import signature_column, title_rule
from vanban.documents.catalogue import TemplateSpec
from vanban.documents.context import build_context, rich
from vanban.documents.layout import A4_PORTRAIT
from vanban.vietnamese import format_date_short, format_place_date, upper_vi

# Section I of an individual's report: (data key, printed label).
PERSONAL_LINES = (
    ("ho_ten", "Họ và tên"),
    ("gioi_tinh", "Giới tính"),
    ("ngay_sinh", "Sinh ngày, tháng, năm"),
    ("que_quan", "Quê quán"),
    ("tru_quan", "Trú quán"),
    ("don_vi", "Đơn vị công tác"),
    ("chuc_vu", "Chức vụ (Đảng, chính quyền, đoàn thể)"),
    ("trinh_do", "Trình độ chuyên môn, nghiệp vụ"),
    ("hoc_ham", "Học hàm, học vị, danh hiệu, giải thưởng"),
)


def _heading(text: str) -> dict[str, Any]:
    return {"kieu": "de_muc", "noi_dung": rich(text)}


def _paragraphs(texts: Sequence[str]) -> list[dict[str, Any]]:
    return [{"kieu": "doan", "noi_dung": rich(text)} for text in texts]


def _honours(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Return the rows of a table of earlier titles or awards, oldest first."""
    ordered = sorted(rows, key=lambda row: row["nam"])
    return [
        {
            "nam": str(row["nam"]),
            "ten": row["ten"],
            "quyet_dinh": " của ".join(
                part for part in (row["quyet_dinh"], row.get("co_quan_ban_hanh", "")) if part
            ),
        }
        for row in ordered
    ]


def _common(values: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    day = values.get("ngay")
    year = values.get("nam") or (day.year if day else today.year)
    subject = f"Đề nghị tặng {values['hinh_thuc']}"
    return {
        "dia_danh_ngay": format_place_date(values["dia_danh"], day, year),
        "trich_yeu": rich(upper_vi(subject)),
        "ghi_chu_trich_yeu": values.get("ghi_chu_trich_yeu", ""),
        "danh_hieu": _honours(values.get("danh_hieu", [])),
        "khen_thuong": _honours(values.get("khen_thuong", [])),
    }


def build_ca_nhan(
    spec: TemplateSpec, values: Mapping[str, Any], *, today: dt.date | None = None
) -> dict[str, Any]:
    """Báo cáo thành tích of an individual: Quốc hiệu only, signed by the person reporting."""
    today = today or dt.date.today()
    lines = []
    for key, label in PERSONAL_LINES:
        value = values.get(key)
        if value:
            printed = format_date_short(value) if isinstance(value, dt.date) else value
            lines.append(f"- {label}: {printed}.")
    sections = [
        _heading("I. SƠ LƯỢC LÝ LỊCH"),
        *_paragraphs(lines),
        _heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        _heading("1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận"),
        *_paragraphs(values["nhiem_vu"]),
        _heading("2. Thành tích đạt được"),
        *_paragraphs(values["thanh_tich"]),
        _heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
    ]
    context = _common(values, today)
    subject = upper_vi(f"Đề nghị tặng {values['hinh_thuc']}")
    context.update(
        phan_dau=sections,
        duong_ke={"trich_yeu": title_rule(subject, A4_PORTRAIT)},
        ky_trai=signature_column(["Thủ trưởng đơn vị xác nhận, đề nghị"], values.get("xac_nhan")),
        ky_phai=signature_column(["Người báo cáo thành tích"], None) | {"ho_ten": values["ho_ten"]},
        ky_cap_trinh=signature_column(
            ["Xác nhận của cấp trình khen thưởng"], values.get("xac_nhan_cap_trinh")
        ),
        tieu_de_tai_lieu=f"BÁO CÁO THÀNH TÍCH {values['ho_ten']}",
    )
    return context


def build_tap_the(
    spec: TemplateSpec, values: Mapping[str, Any], *, today: dt.date | None = None
) -> dict[str, Any]:
    """Báo cáo thành tích of a collective: agency header, signed by its head."""
    today = today or dt.date.today()
    sections = [
        _heading("I. ĐẶC ĐIỂM, TÌNH HÌNH"),
        _heading("1. Đặc điểm, tình hình"),
        *_paragraphs(values["dac_diem"]),
    ]
    if values.get("to_chuc_bo_may"):
        sections += [_heading("2. Tổ chức bộ máy"), *_paragraphs(values["to_chuc_bo_may"])]
    sections += [
        _heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        *_paragraphs(values["thanh_tich"]),
        _heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
    ]
    subject = upper_vi(f"Đề nghị tặng {values['hinh_thuc']}")
    # A báo cáo thành tích has no number of its own: no ky_hieu_co_quan to print.
    augmented = {**values, "trich_yeu": subject, "ky_hieu_co_quan": ""}
    context = build_context(spec, augmented, today=today)
    context.update(_common(values, today))
    head = values["ky"]
    context.update(
        phan_dau=sections,
        ky_trai=signature_column(["Xác nhận của cấp trình khen thưởng"], values.get("xac_nhan")),
        ky_phai=signature_column([], head),
        tieu_de_tai_lieu=f"BÁO CÁO THÀNH TÍCH {upper_vi(values['co_quan'])}",
    )
    return context
