"""What the award context builders compute: counts, lists, money in words, votes, positions."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from docxtpl import RichText

from tests.conftest import SAMPLES
from vanban.documents import Renderer, TemplateCatalogue, load_document_data
from vanban.documents.award_context import (
    attachment_line,
    count_phrase,
    form_after,
    referral_phrase,
)
from vanban.documents.builders import context_builder
from vanban.documents.data_source import DocumentData
from vanban.documents.layout import mm_to_twips
from vanban.documents.minutes_context import percentage
from vanban.documents.validation import DataProblem, validate
from vanban.errors import ValidationError

FOLDER = SAMPLES / "khen_thuong_mau"
TODAY = dt.date(2025, 11, 20)
FILES = {
    "to_trinh_khen_thuong": "to_trinh_khen_thuong_hkh_son_la_2025.yaml",
    "danh_sach_khen_thuong": "danh_sach_khen_thuong_hkh_son_la_2025.yaml",
    "quyet_dinh_khen_thuong": "quyet_dinh_khen_thuong_hkh_son_la_2025.yaml",
    "bien_ban_hop_hoi_dong": "bien_ban_hoi_dong_tdkt_hkh_son_la_2025.yaml",
    "bao_cao_thanh_tich_ca_nhan": "bao_cao_thanh_tich_ca_nhan_son_la_2025.yaml",
    "giay_khen": "giay_khen_hkh_son_la_2025.yaml",
}


def _sample(template: str) -> dict[str, Any]:
    return dict(load_document_data(FOLDER / FILES[template]).values)


def _context(template: str, **changes: Any) -> dict[str, Any]:
    """Build ``template``'s context from its sample with top-level ``changes`` (None drops)."""
    spec = TemplateCatalogue().get(template)
    data = {**_sample(template), **changes}
    data = {key: value for key, value in data.items() if value is not None}
    values = validate(spec, DocumentData(values=data, source=f"{template}.yaml"))
    return context_builder(spec)(spec, values, today=TODAY)


def _text(value: Any) -> str:
    """The printed text of a RichText (or of a string), non-breaking spaces read as spaces."""
    if isinstance(value, RichText):
        value = "".join(
            html.unescape(text) for text in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", value.xml)
        )
    return str(value).replace("\xa0", " ").replace("\u2011", "-")


@pytest.mark.parametrize(
    ("collectives", "individuals", "expected"),
    [(5, 12, "05 tập thể và 12 cá nhân"), (0, 3, "03 cá nhân"), (10, 0, "10 tập thể")],
)
def test_count_phrase(collectives: int, individuals: int, expected: str) -> None:
    assert count_phrase(collectives, individuals) == expected


def test_attachment_line_issued_and_draft() -> None:
    issued = attachment_line("Tờ trình", 25, dt.date(2025, 11, 14), "TTr-HKH", "Hội X", 2025)
    assert issued == "(Kèm theo Tờ trình số 25/TTr-HKH ngày 14 tháng 11 năm 2025 của Hội X)"
    draft = attachment_line("Tờ trình", None, None, "TTr-HKH", "", 2025)
    assert draft == "(Kèm theo Tờ trình số      /TTr-HKH ngày     tháng     năm 2025)"


# ---- Tờ trình -------------------------------------------------------------------------------


def test_proposal_sentence_and_minutes_as_last_basis() -> None:
    context = _context("to_trinh_khen_thuong")
    assert context["so_ky_hieu"] == "01/TTr-HKH"
    assert _text(context["can_cu"][-1]) == (
        "Căn cứ Biên bản số 01/BB-HĐTĐKT ngày 12 tháng 11 năm 2025 của Hội đồng Thi đua - "
        "Khen thưởng Hội Khuyến học tỉnh Sơn La."
    )
    proposal, referral = (_text(part["noi_dung"]) for part in context["than"][-3:-1])
    assert proposal.startswith(
        "Hội Khuyến học tỉnh Sơn La kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem xét tặng "
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể và 06 cá nhân đã có"
    )
    assert proposal.endswith("giai đoạn 2023 - 2025 (có danh sách kèm theo).")
    # The council's referral upward: a sentence of its own, pointing to its own list.
    assert referral.startswith(
        "Đồng thời, Hội Khuyến học tỉnh Sơn La kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem "
        "xét, trình Thủ tướng Chính phủ tặng Bằng khen cho 01 tập thể đã có"
    )
    assert referral.endswith("(có danh sách riêng kèm theo).")
    assert context["noi_nhan"][0] == "- Như trên;"


def test_proposal_needs_someone_to_propose() -> None:
    with pytest.raises(DataProblem) as caught:
        _context("to_trinh_khen_thuong", so_tap_the=None, so_ca_nhan=None, de_nghi_cap_tren=None)
    assert "ít nhất một tập thể hoặc cá nhân" in caught.value.text()


def test_a_proposal_of_referrals_only_has_no_empty_sentence() -> None:
    context = _context("to_trinh_khen_thuong", so_tap_the=None, so_ca_nhan=None)
    sentences = [_text(part["noi_dung"]) for part in context["than"]]
    assert not any("tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho" in s for s in sentences)
    assert any(s.startswith("Hội Khuyến học tỉnh Sơn La kính đề nghị Chủ tịch Ủy ban nhân dân "
                            "tỉnh xem xét, trình Thủ tướng") for s in sentences)  # fmt: skip


def test_a_form_is_said_once_after_its_authority() -> None:
    assert form_after("Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ") == "Bằng khen"
    assert referral_phrase("Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ") == (
        "trình Thủ tướng Chính phủ tặng Bằng khen"
    )
    # A form that does not end with its authority is said whole.
    assert form_after("Cờ thi đua của Chính phủ", "Thủ tướng Chính phủ") == (
        "Cờ thi đua của Chính phủ"
    )


def test_repealed_decree_is_refused_where_it_is_written() -> None:
    data = load_document_data(FOLDER / FILES["to_trinh_khen_thuong"])
    bases = [line.replace("152/2025", "98/2023") for line in data.values["can_cu"]]
    data = DocumentData({**data.values, "can_cu": bases}, data.source, data.lines)
    spec = TemplateCatalogue().get("to_trinh_khen_thuong")
    with pytest.raises(ValidationError) as caught:
        Renderer().render(spec, data, today=TODAY)
    message = caught.value.text()
    assert message.startswith(f"{data.source}, dòng {data.lines[('can_cu', 1)]} (can_cu[2]): ")
    assert "Nghị định số 98/2023/NĐ-CP đã hết hiệu lực; hãy dẫn Nghị định số 152/2025" in message


# ---- Danh sách -------------------------------------------------------------------------------


def test_list_is_grouped_and_numbered_per_group() -> None:
    context = _context("danh_sach_khen_thuong")
    rows = context["bang"]
    groups = [row["nhom"] for row in rows if row["nhom"]]
    assert groups == ["I. TẬP THỂ", "II. CÁ NHÂN"]
    numbers = [row.get("stt") for row in rows]
    assert numbers[:5] == [None, "1", "2", None, "1"]
    assert numbers[-1] == "6"
    assert rows[1]["chuc_vu"] == ""  # a collective has no position
    assert rows[1]["hinh_thuc"] == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    assert context["kem_theo"] == (
        "(Kèm theo Tờ trình số 01/TTr-HKH ngày 14 tháng 11 năm 2025 của Hội Khuyến học tỉnh Sơn La)"
    )
    assert context["tong_so"] == "Tổng số: 02 tập thể và 06 cá nhân./."


def test_list_of_individuals_only_starts_at_i() -> None:
    context = _context("danh_sach_khen_thuong", tap_the=None)
    assert [row["nhom"] for row in context["bang"] if row["nhom"]] == ["I. CÁ NHÂN"]
    assert context["tong_so"] == "Tổng số: 06 cá nhân./."


def test_row_without_a_form_of_award_is_named() -> None:
    sample = _sample("danh_sach_khen_thuong")
    bare = {
        key: [{k: v for k, v in row.items() if k != "hinh_thuc"} for row in sample[key]]
        for key in ("tap_the", "ca_nhan")
    }
    with pytest.raises(DataProblem) as caught:
        _context("danh_sach_khen_thuong", hinh_thuc=None, **bare)
    assert caught.value.problems[0].key_path == ("tap_the", 0)
    assert len(caught.value.problems) == 8  # every row, at once


# ---- Quyết định: money in figures and in words ------------------------------------------


def test_decision_total_in_figures_and_words() -> None:
    context = _context("quyet_dinh_khen_thuong")
    articles = [_text(article) for article in [*context["dieu"], context["dieu_cuoi"]]]
    assert articles[0].startswith(
        "Điều 1. Tặng Giấy khen của Chủ tịch Hội Khuyến học tỉnh Sơn La "
        "cho 03 tập thể và 06 cá nhân"
    )
    assert articles[1] == (
        "Điều 2. Tiền thưởng kèm theo: mỗi tập thể 1.410.000 đồng, mỗi cá nhân 710.000 đồng. "
        "Tổng số tiền thưởng là 8.490.000 đồng (Bằng chữ: Tám triệu bốn trăm chín mươi nghìn "
        "đồng), trích từ Quỹ Thi đua, khen thưởng của Hội Khuyến học tỉnh Sơn La năm 2025."
    )
    # The effect clause opens the last Điều (Mẫu 1.2), never stands alone after it.
    assert articles[2].startswith(
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng"
    )
    assert articles[-1].endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert context["tong_cong"] == "8.490.000"
    assert _text(context["tham_quyen"]) == "CHỦ TỊCH HỘI KHUYẾN HỌC TỈNH SƠN LA"
    assert context["noi_nhan"][0] == "- Như Điều 3;"
    assert _text(context["can_cu"][-1]).startswith("Xét đề nghị của Chánh Văn phòng")
    assert _text(context["ds_kem_theo"]) == (
        "(Kèm theo Quyết định số 02/QĐ-HKH ngày 14 tháng 11 năm 2025 "
        "của Chủ tịch Hội Khuyến học tỉnh Sơn La)"
    )


def test_decision_with_different_amounts_points_to_the_list() -> None:
    individuals = _sample("quyet_dinh_khen_thuong")["ca_nhan"]
    individuals = [{**individuals[0], "so_tien": 1005000}, *individuals[1:]]
    context = _context("quyet_dinh_khen_thuong", ca_nhan=individuals, nguon_kinh_phi=None)
    article = _text(context["dieu"][1])
    assert article == (
        "Điều 2. Tiền thưởng kèm theo của từng tập thể, cá nhân theo danh sách kèm theo. "
        "Tổng số tiền thưởng là 8.785.000 đồng "
        "(Bằng chữ: Tám triệu bảy trăm tám mươi lăm nghìn đồng)."
    )
    assert context["bang"][5]["so_tien"] == "1.005.000"


def test_decision_subject_gets_ve_viec_once() -> None:
    plain = _context("quyet_dinh_khen_thuong", trich_yeu="khen thưởng tập thể")
    doubled = _context("quyet_dinh_khen_thuong", trich_yeu="Về việc khen thưởng tập thể")
    assert _text(plain["trich_yeu"]) == _text(doubled["trich_yeu"]) == "Về việc khen thưởng tập thể"


# ---- Biên bản: votes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(10, 11, "90,91"), (9, 11, "81,82"), (8, 11, "72,73"), (11, 11, "100"), (1, 8, "12,5")],
)
def test_percentage_has_a_decimal_comma(part: int, whole: int, expected: str) -> None:
    assert percentage(part, whole) == expected


def test_votes_over_the_whole_council() -> None:
    context = _context("bien_ban_hop_hoi_dong")
    votes = context["phieu"]
    assert votes[0] == {
        "stt": "1",
        "ten": "Hội Khuyến học huyện Thuận Châu",
        "hinh_thuc": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "phieu": "9/9",
        "ty_le": "100",
        "ket_qua": "đồng ý",
    }
    # 7 of 9 is 77,78 %: under the 80 % pass mark.
    failed = [vote for vote in votes if vote["ket_qua"] == "không đồng ý"]
    assert [(vote["ten"], vote["ty_le"]) for vote in failed] == [
        ("Lường Văn Chung", "77,78"),
        ("Hà Văn Sơn", "66,67"),
    ]
    lines = [_text(item["noi_dung"]) for item in context["dien_bien"]]
    assert lines[0] == "Thời gian bắt đầu: 14 giờ 00, ngày 12 tháng 11 năm 2025."
    assert lines[2] == "Thành phần tham dự: 08/09 thành viên Hội đồng có mặt, gồm:"
    assert "Vắng mặt: 01/09 thành viên Hội đồng, gồm:" in lines
    assert lines[lines.index("Vắng mặt: 01/09 thành viên Hội đồng, gồm:") + 1] == (
        "- Nguyễn Văn Bình, đại diện Sở Giáo dục và Đào tạo, Ủy viên Hội đồng."
    )
    assert _text(context["ket_thuc_cuoi"]) == (
        "Cuộc họp kết thúc vào 16 giờ 30, ngày 12 tháng 11 năm 2025./."
    )
    assert context["noi_nhan"][-1] == "- Lưu: VT, Hồ sơ."
    assert context["ky_trai"]["dong"] == ["THƯ KÝ"]
    assert context["ky_phai"] == {"dong": ["CHỦ TỌA"], "ghi_chu": "", "ho_ten": "Mai Thu Hương"}


def test_a_written_result_wins_and_missing_results_need_a_pass_mark() -> None:
    votes = [
        {"ten": "Bà A", "dong_y": 5, "ket_qua": "Đạt (bổ sung)"},
        {"ten": "Ông B", "dong_y": 9},
    ]
    context = _context("bien_ban_hop_hoi_dong", bo_phieu=votes, hinh_thuc="Bằng khen")
    assert [vote["ket_qua"] for vote in context["phieu"]] == ["Đạt (bổ sung)", "Đạt"]
    with pytest.raises(DataProblem) as caught:
        _context("bien_ban_hop_hoi_dong", bo_phieu=votes, ty_le_dat=None, hinh_thuc="Bằng khen")
    assert caught.value.problems[0].key_path == ("bo_phieu", 1)


def test_more_votes_than_members_is_located() -> None:
    data = load_document_data(FOLDER / FILES["bien_ban_hop_hoi_dong"])
    votes = [dict(vote) for vote in data.values["bo_phieu"]]
    votes[2]["dong_y"] = 12
    data = DocumentData({**data.values, "bo_phieu": votes}, data.source, data.lines)
    spec = TemplateCatalogue().get("bien_ban_hop_hoi_dong")
    with pytest.raises(ValidationError) as caught:
        Renderer().render(spec, data)
    line = data.lines[("bo_phieu", 2, "dong_y")]
    assert caught.value.text().startswith(
        f"{data.source}, dòng {line} (bo_phieu[3].dong_y): số phiếu đồng ý (12)"
    )


def test_membership_cannot_be_smaller_than_those_listed() -> None:
    with pytest.raises(DataProblem) as caught:
        _context("bien_ban_hop_hoi_dong", tong_so_thanh_vien=8)
    assert "nhỏ hơn số có mặt và vắng mặt (8 + 1)" in caught.value.text()


# ---- Báo cáo thành tích ---------------------------------------------------------------------


def test_individual_report_sections_and_honours() -> None:
    context = _context("bao_cao_thanh_tich_ca_nhan")
    headings = [_text(p["noi_dung"]) for p in context["phan_dau"] if p["kieu"] == "de_muc"]
    assert headings == [
        "I. SƠ LƯỢC LÝ LỊCH",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận",
        "2. Thành tích đạt được",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
    ]
    assert "- Sinh ngày, tháng, năm: 15/03/1968." in [
        _text(p["noi_dung"]) for p in context["phan_dau"]
    ]
    assert context["danh_hieu"] == []  # printed as "(Không có)"
    assert [row["nam"] for row in context["khen_thuong"]] == ["2023", "2024"]  # oldest first
    assert context["khen_thuong"][0]["quyet_dinh"] == (
        "Quyết định số 2150/QĐ-UBND ngày 20/12/2023 của Chủ tịch Ủy ban nhân dân huyện Mường La"
    )
    assert context["ky_trai"]["dong"] == [
        "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ",
        "TM. BAN THƯỜNG VỤ",
        "CHỦ TỊCH",
    ]
    assert context["ky_phai"]["dong"] == ["NGƯỜI BÁO CÁO THÀNH TÍCH"]
    assert context["ky_phai"]["ho_ten"] == "Cà Văn Thoại"


# ---- Bằng khen / Giấy khen: positions ----------------------------------------------------------


def test_positions_merge_data_over_manifest_defaults() -> None:
    context = _context("giay_khen", vi_tri={"ten": {"y": 95, "size": 26}})
    items = {item["muc"]: item for item in context["muc_in"]}
    assert list(items) == [
        "ten", "don_vi", "thanh_tich", "quyet_dinh", "so_vao_so", "ngay", "chuc_vu_ky", "nguoi_ky",
    ]  # fmt: skip
    name = items["ten"]
    # y and size from the data; x, width and bold kept from the manifest's defaults.
    assert (name["x"], name["y"], name["w"]) == (mm_to_twips(30), mm_to_twips(95), mm_to_twips(237))
    assert (name["co"], name["dam"], name["can"]) == (52, "1", "center")
    assert items["quyet_dinh"]["noi_dung"] == "Quyết định số: 02/QĐ-HKH"
    assert items["quyet_dinh"]["can"] == "left"
    assert _text(items["ngay"]["noi_dung"]) == "Sơn La, ngày 14 tháng 11 năm 2025"
    assert items["chuc_vu_ky"]["noi_dung"] == "CHỦ TỊCH"


def test_item_off_the_sheet_is_refused() -> None:
    with pytest.raises(DataProblem) as caught:
        _context("giay_khen", vi_tri={"thanh_tich": {"x": 200}})  # 200 + 207 mm > 297 mm
    assert caught.value.problems[0].key_path == ("vi_tri", "thanh_tich")
    assert "tràn ra ngoài tờ giấy 297 × 210 mm" in caught.value.text()
