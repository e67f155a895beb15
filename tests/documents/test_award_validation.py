"""The field types award templates added: table rows, times of day, print positions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vanban.documents import TemplateCatalogue, parse_document_data
from vanban.documents.catalogue import ColumnSpec, load_manifest
from vanban.documents.validation import validate
from vanban.errors import TemplateError, ValidationError

DECISION = """\
co_quan: HỘI KHUYẾN HỌC TỈNH SƠN LA
ky_hieu_co_quan: HKH
dia_danh: Sơn La
trich_yeu: khen thưởng tập thể, cá nhân
tham_quyen: Chủ tịch Hội Khuyến học tỉnh Sơn La
can_cu: ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"]
bien_ban: Biên bản số 02/BB-HĐTĐKT ngày 12/11/2025
to_trinh: Tờ trình số 26/TTr-VP ngày 13/11/2025
hinh_thuc: Giấy khen của Chủ tịch Hội Khuyến học tỉnh Sơn La
thanh_tich: đã có thành tích xuất sắc
tap_the:
  - ten: Chi hội Khuyến học bản Híp
    so_tien: 1200000
ca_nhan:
  - ten: Ông Lò Văn Dũng
    chuc_vu: Chi hội trưởng
    so_tien: 500000
  - ten: Bà Cầm Thị Thanh
    so_tien: 500000
thi_hanh: ["Các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."]
ky: {chuc_vu: Chủ tịch, ho_ten: Mai Thu Hương}
"""


def _validate(text: str, template: str = "quyet_dinh_khen_thuong") -> dict[str, object]:
    spec = TemplateCatalogue().get(template)
    return validate(spec, parse_document_data(text, "du_lieu.yaml"))


def _error(text: str, template: str = "quyet_dinh_khen_thuong") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        _validate(text, template)
    return caught.value


def test_good_table_keeps_rows_and_types() -> None:
    values = _validate(DECISION)
    assert values["ca_nhan"] == [
        {"ten": "Ông Lò Văn Dũng", "chuc_vu": "Chi hội trưởng", "so_tien": 500000},
        {"ten": "Bà Cầm Thị Thanh", "so_tien": 500000},
    ]


def test_bad_row_names_row_key_and_line() -> None:
    error = _error(
        DECISION.replace("    so_tien: 500000\n  - ten: Bà", "    so_tien: năm\n  - ten: Bà")
    )
    # Row 1 of ca_nhan, key so_tien, on line 17 of the file.
    assert "du_lieu.yaml, dòng 17" in error.text()
    assert "cột “so_tien” của hàng 1 của bảng “ca_nhan”" in error.text()
    assert "số nguyên không âm" in error.text()
    assert "column “so_tien” of row 1 of “ca_nhan”" in error.text("en")


def test_missing_cell_names_the_row_and_its_line() -> None:
    error = _error(DECISION.replace("  - ten: Bà Cầm Thị Thanh\n", "  - chuc_vu: Hội viên\n"))
    assert "du_lieu.yaml, dòng 18" in error.text()
    assert "hàng 2 của bảng “ca_nhan” (Danh sách cá nhân) thiếu cột bắt buộc “ten”" in error.text()


def test_unknown_column_suggests_the_close_one() -> None:
    error = _error(DECISION.replace("    chuc_vu: Chi hội trưởng", "    chuc_vuu: Chi hội trưởng"))
    assert error.text().startswith(
        "du_lieu.yaml, dòng 16 (ca_nhan[1].chuc_vuu): hàng 1 của bảng “ca_nhan”"
    )
    assert "không có cột “chuc_vuu” (có phải ý bạn là “chuc_vu”?)." in error.text()


def test_row_that_is_not_a_mapping_and_table_that_is_not_a_list() -> None:
    error = _error(
        DECISION.replace("  - ten: Chi hội Khuyến học bản Híp\n    so_tien: 1200000\n", "  - x\n")
    )
    assert "hàng 1 của bảng “tap_the”" in error.text()
    assert "phải là một bảng khóa gồm ten, don_vi, so_tien" in error.text()
    block = "tap_the:\n  - ten: Chi hội Khuyến học bản Híp\n    so_tien: 1200000\n"
    flat = _error(DECISION.replace(block, "tap_the: một tập thể\n"))
    assert "“tap_the” (Danh sách tập thể) phải là danh sách các hàng" in flat.text()


def test_all_row_problems_are_reported_at_once() -> None:
    text = DECISION.replace("so_tien: 1200000", "so_tien: -1").replace(
        "  - ten: Bà Cầm Thị Thanh\n", "  - ho_ten: Bà Cầm Thị Thanh\n"
    )
    error = _error(text)
    assert "có 3 lỗi" in error.text()  # tap_the[1].so_tien, ca_nhan[2].ho_ten, ca_nhan[2] ten


MINUTES = """\
co_quan: HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG
ky_hieu_co_quan: HĐTĐKT
so: 2
trich_yeu: Họp Hội đồng
ngay_hop: 2025-11-12
gio_bat_dau: 14:00
gio_ket_thuc: "16 giờ 30"
dia_diem: Phòng họp
thanh_vien_co_mat: [{ho_ten: Bà Mai Thu Hương, chuc_vu: Chủ tịch Hội đồng}]
chu_toa: {chuc_vu: Chủ tịch Hội đồng, ho_ten: Mai Thu Hương}
thu_ky: {chuc_vu: Chánh Văn phòng, ho_ten: Hoàng Thị Lan}
bo_phieu: [{ten: Bà Lò Thị Xuân, dong_y: 1, ket_qua: Đạt}]
"""


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:00", dt.time(14, 0)),  # YAML 1.1 reads this as 840 (base 60)
        ('"8:05"', dt.time(8, 5)),
        ("14h30", dt.time(14, 30)),
        ('"14 giờ 30 phút"', dt.time(14, 30)),
        ('"7 giờ"', dt.time(7, 0)),
    ],
    ids=["yaml-sexagesimal", "quoted", "h", "gio-phut", "gio"],
)
def test_times_of_day(typed: str, expected: dt.time) -> None:
    values = _validate(
        MINUTES.replace("gio_bat_dau: 14:00", f"gio_bat_dau: {typed}"), "bien_ban_hop_hoi_dong"
    )
    assert values["gio_bat_dau"] == expected


@pytest.mark.parametrize("typed", ['"25:00"', '"14:75"', "buổi chiều", "2000"])
def test_impossible_time_is_refused_with_its_line(typed: str) -> None:
    text = MINUTES.replace("gio_bat_dau: 14:00", f"gio_bat_dau: {typed}")
    error = _error(text, "bien_ban_hop_hoi_dong")
    assert "du_lieu.yaml, dòng 6" in error.text()
    assert "phải là giờ trong ngày" in error.text()


def test_minutes_have_a_number_but_no_date_line() -> None:
    # Mẫu 1.9 prints "Số:" but no place and date: a numbered biên bản needs no "ngay".
    assert _validate(MINUTES, "bien_ban_hop_hoi_dong")["so"] == 2


PRINT = """\
ten: Ông Lò Văn Dũng
thanh_tich: Đã có thành tích xuất sắc
so_quyet_dinh: 15/QĐ-HKH
ngay_quyet_dinh: 2025-11-20
dia_danh: Sơn La
"""


def test_positions_are_checked_item_by_item() -> None:
    text = PRINT + (
        "vi_tri:\n"
        "  ten: {x: 30, y: 500, size: 24}\n"
        "  don_vi: {align: justify, bold: có}\n"
        "  chu_ky: {x: 1, y: 1}\n"
        "  ngay: 3\n"
    )
    error = _error(text, "giay_khen")
    message = error.text()
    assert "có 5 lỗi" in message
    assert "dòng 7 (vi_tri.ten.y): “y” của “ten” phải là một số từ 0 đến 420 (mm)" in message
    assert "(vi_tri.don_vi.align): “align” của “don_vi” phải là left, center, right" in message
    assert "(vi_tri.don_vi.bold): “bold” của “don_vi” phải là true hoặc false" in message
    assert "không có mục in “chu_ky”" in message
    assert "vị trí của “ngay” phải là một bảng khóa" in message


def test_good_positions_become_numbers() -> None:
    values = _validate(PRINT + "vi_tri: {ten: {y: 90, bold: false}}\n", "giay_khen")
    assert values["vi_tri"] == {"ten": {"y": 90.0, "bold": False}}


# ---- manifests --------------------------------------------------------------------------


def test_manifest_columns_are_parsed() -> None:
    spec = TemplateCatalogue().get("quyet_dinh_khen_thuong")
    field = spec.field("ca_nhan")
    assert field is not None
    assert field.columns == (
        ColumnSpec("ten"),
        ColumnSpec("chuc_vu", required=False),
        ColumnSpec("don_vi", required=False),
        ColumnSpec("so_tien", type="integer"),
    )
    assert spec.context == "quyet_dinh_khen_thuong"
    assert TemplateCatalogue().get("ke_hoach").context == "standard"


def _manifest(tmp_path: Path, field: str, extra: str = "") -> Path:
    path = tmp_path / "mau.yaml"
    path.write_text(f"id: mau\n{extra}fields:\n  - {field}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("field", "extra", "message"),
    [
        ("{name: bang, type: table}", "", "cần danh sách “columns”"),
        ("{name: bang, type: table, columns: [Ten]}", "", "cột “Ten” của trường “bang”"),
        ("{name: bang, type: table, columns: ['so:money']}", "", "cột “so:money”"),
        ("{name: ten, type: text, columns: [a]}", "", "không có “columns”"),
        (
            "{name: ten, type: text}",
            "context: vanban.documents.context.build_context\n",
            "“context”",
        ),
    ],
    ids=["no-columns", "upper-case", "unknown-type", "columns-on-text", "dotted-context"],
)
def test_bad_manifest_is_refused(tmp_path: Path, field: str, extra: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        load_manifest(_manifest(tmp_path, field, extra))
    assert message in caught.value.text()
