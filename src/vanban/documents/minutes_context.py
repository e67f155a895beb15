"""Context builder for the Biên bản họp Hội đồng Thi đua – Khen thưởng (Mẫu 1.9).

The minutes state who was there and who was not, then the vote on every nominee. The counts,
the "10/11" votes over the council's full membership, the percentage with a decimal comma and
the "Đạt" / "Không đạt" result are computed, so they always agree with each other; so is the
closing line "Cuộc họp kết thúc vào … giờ …, ngày … tháng … năm …./.".
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping, Sequence
from typing import Any

from vanban.documents.award_context import Problems, award_form, signature_column
from vanban.documents.body import flatten_body
from vanban.documents.catalogue import TemplateSpec
from vanban.documents.context import build_context, rich, signing_note
from vanban.vietnamese import format_date_long, format_number

PASSED, FAILED = "Đạt", "Không đạt"
CASE_FILE = "Hồ sơ"  # Mẫu 1.9: the minutes are filed with the dossier ("- Lưu: VT, Hồ sơ.")


def clock(time: dt.time) -> str:
    """Return "14 giờ 00", the way minutes write a time of day."""
    return f"{time.hour} giờ {time.minute:02d}"


def percentage(part: int, whole: int) -> str:
    """Return part/whole in per cent with a decimal comma: 10/11 → "90,91", 11/11 → "100"."""
    ratio = decimal.Decimal(part * 100) / decimal.Decimal(whole)
    text = format_number(ratio, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _member_lines(rows: Sequence[Mapping[str, Any]], absent: bool) -> list[str]:
    lines = []
    for index, row in enumerate(rows):
        reason = f" (lý do: {row['ly_do'].rstrip('.')})" if absent and row.get("ly_do") else ""
        end = "." if index == len(rows) - 1 else ";"
        lines.append(f"- {row['ho_ten']}, {row['chuc_vu'].rstrip(' .;')}{reason}{end}")
    return lines


def _votes(values: Mapping[str, Any], total: int, problems: Problems) -> list[dict[str, Any]]:
    threshold = values.get("ty_le_dat")
    rows = []
    for index, row in enumerate(values.get("bo_phieu", [])):
        path = ("bo_phieu", index)
        agreed = row["dong_y"]
        if agreed > total:
            problems.add(
                (*path, "dong_y"),
                f"số phiếu đồng ý ({agreed}) lớn hơn tổng số thành viên Hội đồng ({total})",
                f"the votes in favour ({agreed}) exceed the council's {total} members",
            )
            continue
        result = row.get("ket_qua")
        if result is None and threshold is not None:
            # Compared on whole numbers: 80 % of 11 members is 8,8 votes, so 9 are needed.
            result = PASSED if agreed * 100 >= threshold * total else FAILED
        elif result is None:
            problems.add(
                path,
                "hàng này thiếu “ket_qua”; hoặc khai báo “ty_le_dat” để tính kết quả",
                "this row has no “ket_qua”; or set “ty_le_dat” to compute it",
            )
        rows.append(
            {
                "stt": str(index + 1),
                "ten": row["ten"],
                "hinh_thuc": award_form(problems, values, row, path),
                "phieu": f"{agreed}/{total}",
                "ty_le": percentage(agreed, total),
                "ket_qua": result or "",
            }
        )
    return rows


def _signer(title: str, block: Mapping[str, Any]) -> dict[str, Any]:
    """Return a Mẫu 1.9 signature column: only THƯ KÝ or CHỦ TỌA above the name."""
    column = signature_column([title], None)
    column.update(ho_ten=block["ho_ten"], ghi_chu=signing_note(block))
    return column


def build_bien_ban(
    spec: TemplateSpec, values: Mapping[str, Any], *, today: dt.date | None = None
) -> dict[str, Any]:
    """Biên bản họp Hội đồng: attendance, chair and secretary, content, vote table, close."""
    problems = Problems()
    present = values["thanh_vien_co_mat"]
    absent = values.get("thanh_vien_vang_mat", [])
    total = values.get("tong_so_thanh_vien") or len(present) + len(absent)
    if total < len(present) + len(absent):
        problems.add(
            ("tong_so_thanh_vien",),
            f"tổng số thành viên ({total}) nhỏ hơn số có mặt và vắng mặt "
            f"({len(present)} + {len(absent)})",
            f"the membership ({total}) is smaller than those present and absent "
            f"({len(present)} + {len(absent)})",
        )
    votes = _votes(values, max(total, 1), problems)
    problems.raise_any()
    chair, secretary = values["chu_toa"], values["thu_ky"]
    day = values["ngay_hop"]
    lines = [
        f"Thời gian bắt đầu: {clock(values['gio_bat_dau'])}, {format_date_long(day)}.",
        f"Địa điểm: {values['dia_diem'].rstrip('.')}.",
        f"Thành phần tham dự: {len(present):02d}/{total:02d} thành viên Hội đồng có mặt, gồm:",
        *_member_lines(present, absent=False),
    ]
    if absent:
        lines.append(f"Vắng mặt: {len(absent):02d}/{total:02d} thành viên Hội đồng, gồm:")
        lines += _member_lines(absent, absent=True)
    lines += [
        f"Chủ trì (chủ tọa): {chair['ho_ten']}, {chair['chuc_vu'].rstrip('.')}.",
        f"Thư ký (người ghi biên bản): {secretary['ho_ten']}, {secretary['chuc_vu'].rstrip('.')}.",
    ]
    # flatten_body closes the text with "./."; the minutes go on after the content, so the
    # mark goes on a throw-away last paragraph.
    body = flatten_body([], values.get("noi_dung", []), [""], values.get("danh_so"))[:-1]
    ended = values.get("ngay_ket_thuc", day)
    closing = [
        *values.get("ket_luan", []),
        f"Cuộc họp kết thúc vào {clock(values['gio_ket_thuc'])}, {format_date_long(ended)}./.",
    ]
    kept = [code for code in values.get("luu", []) if code.casefold() != CASE_FILE.casefold()]
    augmented = {**values, "ky": chair, "luu": [*kept, CASE_FILE]}
    context = build_context(spec, augmented, today=today)
    context.update(
        dien_bien=[{"kieu": "doan", "noi_dung": rich(line)} for line in lines]
        # "Nội dung:" is a heading: it stays on the page of what it introduces.
        + [{"kieu": "de_muc", "noi_dung": rich("Nội dung:")}]
        + [{"kieu": item.kind, "noi_dung": rich(item.text)} for item in body],
        bo_phieu_mo_dau=values.get("bo_phieu_mo_dau", "Kết quả bỏ phiếu kín như sau:"),
        phieu=votes,
        ket_thuc=[rich(text) for text in closing[:-1]],
        ket_thuc_cuoi=rich(closing[-1]),
        ky_trai=_signer("Thư ký", secretary),
        ky_phai=_signer("Chủ tọa", chair),
    )
    return context
