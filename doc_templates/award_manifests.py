"""The manifests (fields, labels, examples) of the award dossier templates.

Kept apart from build_awards.py, which draws the .docx files; build.py runs both. The
header, signature and Nơi nhận fields are the very ones of the other templates
(manifest.phu_luc_fields), so a workspace's defaults (co_quan, ky_hieu_co_quan, dia_danh)
apply to these too. A label is written "Vietnamese|English".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from doc_templates.manifest import manifest_field, phu_luc_fields

EPOCH = dt.datetime(2024, 1, 1)
Manifest = tuple[dict[str, Any], list[dict[str, Any]]]

CAMPAIGN = (
    "phong trào “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời "
    "giai đoạn 2023 - 2030”"
)
ACHIEVEMENT = f"đã có thành tích xuất sắc trong {CAMPAIGN}"
PROVINCE_AWARD = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
PM_AWARD = "Bằng khen của Thủ tướng Chính phủ"
REFERRAL = {"hinh_thuc": PM_AWARD, "tham_quyen": "Thủ tướng Chính phủ", "so_tap_the": 1}
SOCIETY_AWARD = "Giấy khen của Chủ tịch Hội Khuyến học tỉnh Sơn La"
BASES = [
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về "
    "phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn "
    "thi hành một số điều của Luật Thi đua, khen thưởng",
]
SIGNER = {"thay_mat": "Ban Thường vụ", "chuc_vu": "Chủ tịch", "ho_ten": "Mai Thu Hương"}
MINUTES = "Biên bản họp Hội đồng Thi đua - Khen thưởng ngày 12/11/2025"
PROPOSER = "Hội Khuyến học tỉnh Sơn La kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem xét"
PROPOSAL = "Tờ trình số 26/TTr-HĐTĐKT ngày 13/11/2025 của Thường trực Hội đồng"
EXECUTION = (
    "Chánh Văn phòng Hội và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành "
    "Quyết định này."
)
COLLECTIVE = {"ten": "Hội Khuyến học xã Chiềng Cơi", "don_vi": "tỉnh Sơn La"}
PERSON = {"ten": "Bà Lò Thị Xuân", "chuc_vu": "Chủ tịch", "don_vi": "Hội Khuyến học xã Chiềng Cơi"}
HONOUR = {
    "nam": 2024,
    "ten": "Giấy khen",
    "quyet_dinh": "Quyết định số 45/QĐ-HKH ngày 20/12/2024",
    "co_quan_ban_hanh": "Chủ tịch Hội Khuyến học tỉnh Sơn La",
}
HONOUR_COLUMNS = ["nam:year", "ten", "quyet_dinh", "co_quan_ban_hanh?"]
VOTE = {"ten": "Hội Khuyến học xã Chiềng Cơi", "dong_y": 10}
MEMBER = {"ho_ten": "Bà Mai Thu Hương", "chuc_vu": "Chủ tịch Hội đồng"}
ABSENT = {"ho_ten": "Ông Cầm Văn Thủy", "chuc_vu": "Ủy viên", "ly_do": "đi công tác"}
SENTENCE = "“<de_nghi> tặng <hinh_thuc> cho 05 tập thể và 12 cá nhân <thanh_tich> (có danh …)”"
POSITION_HELP = (
    "mm tính từ góc trên bên trái tờ phôi (x sang phải, y xuống dưới); size: cỡ chữ (pt); "
    "bold, italic; width: bề rộng ô (mm); align: left, center, right. Chỉ cần ghi mục, khóa "
    "muốn đổi: phần còn lại lấy theo ví dụ này."
)


def _f(
    name: str,
    kind: str,
    labels: str,
    example: Any = None,
    *,
    req: bool = False,
    note: str = "",
    columns: list[str] | None = None,
) -> dict[str, Any]:
    """Return one manifest field; ``labels`` is "Nhãn tiếng Việt|English label"."""
    label, label_en = labels.split("|")
    field = manifest_field(name, kind, label, label_en, example, req, note)
    if columns:
        field["columns"] = columns
    return field


def _base(*names: str, **changes: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the standard fields called ``names``, in that order, with ``changes`` applied."""
    standard = {field["name"]: field for field in phu_luc_fields(False)}
    picked = []
    for name in names:
        field = {**standard[name], **changes.get(name, {})}
        picked.append({key: value for key, value in field.items() if value is not None})
    return picked


def _meta(title: str, document_type: str, form: str, context: str) -> dict[str, Any]:
    vi, en = title.split("|")
    return {
        "title": vi,
        "title_en": en,
        "document_type": document_type,
        "form": form,
        "context": context,
    }


_HEADER = ("co_quan_chu_quan", "co_quan", "ky_hieu_co_quan", "so", "ngay", "nam", "dia_danh")
# Examples dated after 01/7/2025, when NĐ 152/2025 (cited in the căn cứ) came into force.
_DATED: dict[str, dict[str, Any]] = {
    "so": {"example": 25},
    "ngay": {"example": "2025-11-14"},
    "nam": {"example": 2025},
}
_ND30 = "Phụ lục III, Nghị định 30/2020/NĐ-CP"


def _nominees(money: bool) -> list[dict[str, Any]]:
    tail = ["so_tien:integer"] if money else ["hinh_thuc?", "thanh_tich"]
    collective = {**COLLECTIVE, **({"so_tien": 1200000} if money else {"thanh_tich": "…"})}
    person = {**PERSON, **({"so_tien": 500000} if money else {"thanh_tich": "…"})}
    return [
        _f("tap_the", "table", "Danh sách tập thể|Collectives", [collective],
           note="Mỗi hàng một tập thể; STT và nhóm “I. TẬP THỂ” được đánh tự động.",
           columns=["ten", "don_vi?", *tail]),
        _f("ca_nhan", "table", "Danh sách cá nhân|Individuals", [person],
           columns=["ten", "chuc_vu?", "don_vi?", *tail]),
    ]  # fmt: skip


def to_trinh() -> Manifest:
    """Tờ trình đề nghị khen thưởng (Mẫu 1.4)."""
    meta = _meta(
        "Tờ trình đề nghị khen thưởng|Award proposal",
        "Tờ trình",
        f"Mẫu 1.4 – Văn bản có tên loại ({_ND30}); Mẫu số 01, Nghị định 152/2025/NĐ-CP",
        "to_trinh_khen_thuong",
    )
    fields = _base(
        *_HEADER, "trich_yeu", "ghi_chu_trich_yeu", "kinh_gui", "can_cu", "mo_dau", "danh_so",
        "noi_dung",
        **_DATED,
        trich_yeu={"example": f"Đề nghị tặng {PROVINCE_AWARD}"},
        kinh_gui={"required": True, "example": ["Chủ tịch Ủy ban nhân dân tỉnh Sơn La"]},
        can_cu={"example": BASES, "description": "Không dẫn Nghị định 98/2023/NĐ-CP."},
        mo_dau={"example": f"Thực hiện {CAMPAIGN}, các cấp Hội đã đạt nhiều kết quả."},
        noi_dung={"required": False, "example": None},
    )  # fmt: skip
    fields += [
        _f("bien_ban", "text", "Biên bản họp Hội đồng|Council minutes", MINUTES, req=True,
           note="Thành căn cứ cuối: “Căn cứ Biên bản …”."),
        _f("de_nghi", "text", "Chủ thể và lời đề nghị|Who proposes to whom", PROPOSER, req=True,
           note=f"Câu đề nghị: {SENTENCE}."),
        _f("hinh_thuc", "text", "Hình thức khen thưởng|Form of award", PROVINCE_AWARD, req=True),
        _f("so_tap_the", "integer", "Số tập thể được đề nghị|Collectives proposed", 5),
        _f("so_ca_nhan", "integer", "Số cá nhân được đề nghị|Individuals proposed", 12),
        _f("de_nghi_cap_tren", "table", "Đề nghị cấp trên xét tặng hình thức khác|Referrals",
           [REFERRAL], columns=["hinh_thuc", "tham_quyen?", "so_tap_the?:integer",
                                "so_ca_nhan?:integer"],
           note="Mỗi hàng một hình thức Hội đồng đề nghị cấp trên xét tặng, thành một câu "
                "riêng: “Đồng thời, <de_nghi>, trình <tham_quyen> tặng … cho 01 tập thể … "
                "(có danh sách riêng kèm theo).”"),
        _f("thanh_tich", "text", "Thành tích|Achievement", ACHIEVEMENT, req=True),
    ]  # fmt: skip
    fields += _base(
        "ket_thuc", "ky", "noi_nhan", "luu",
        ket_thuc={"example": "Kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./."},
        ky={"example": SIGNER},
        noi_nhan={"example": ["Sở Nội vụ (Ban Thi đua - Khen thưởng)"]},
    )  # fmt: skip
    return meta, fields


def danh_sach(referral: bool = False) -> Manifest:
    """Danh sách đề nghị khen thưởng, kèm theo Tờ trình (A4 ngang).

    The referral list (``referral``) is the same page for those the council proposed to a
    higher level's form: a danh sách of its own, never rows of the Tờ trình's own list.
    """
    if referral:
        title = "Danh sách đề nghị cấp trên xét tặng|List of nominees referred to a higher level"
        form, subject = "riêng, kèm theo Tờ trình", f"Tập thể đề nghị cấp trên xét tặng {PM_AWARD}"
    else:
        title = "Danh sách đề nghị khen thưởng|List of nominees (attached to the proposal)"
        form, subject = "kèm theo Tờ trình", f"Đề nghị tặng {PROVINCE_AWARD}"
    meta = _meta(
        title,
        "",
        f"Danh sách {form} (Mẫu 2.1 – Phụ lục, {_ND30}), A4 ngang",
        "danh_sach_khen_thuong",
    )
    fields = _base(
        "co_quan_chu_quan", "co_quan", "ky_hieu_co_quan", "trich_yeu",
        ky_hieu_co_quan={"description": "Của cơ quan trình: “… số 25/TTr-HKH …”."},
        trich_yeu={"example": subject},
    )  # fmt: skip
    fields += [
        _f("so_to_trinh", "integer", "Số của Tờ trình|Number of the proposal", 25,
           note="Để trống khi Tờ trình chưa có số: in “số      /TTr-…”."),
        _f("ngay_to_trinh", "date", "Ngày của Tờ trình|Date of the proposal", "2025-11-14"),
        _f("co_quan_trinh", "text", "Cơ quan trình (chữ thường)|Proposing body",
           "Hội Khuyến học tỉnh Sơn La"),
        _f("hinh_thuc", "text", "Hình thức khen thưởng chung|Common form of award",
           PM_AWARD if referral else PROVINCE_AWARD,
           note="Dùng cho các hàng không ghi “hinh_thuc”."),
        *_nominees(money=False),
        *_base("ky", ky={"example": SIGNER}),
    ]  # fmt: skip
    return meta, fields


def bao_cao(collective: bool) -> Manifest:
    """Báo cáo thành tích of an individual or of a collective."""
    who, who_en = ("tập thể", "a collective") if collective else ("cá nhân", "an individual")
    form = "Mẫu kèm theo Nghị định 152/2025/NĐ-CP" + ("" if collective else ", Mẫu số 05")
    meta = _meta(
        f"Báo cáo thành tích {who}|Achievement report of {who_en}",
        "Báo cáo",
        f"Báo cáo thành tích của {who} ({form})",
        f"bao_cao_thanh_tich_{'tap_the' if collective else 'ca_nhan'}",
    )
    fields = _base("co_quan_chu_quan", "co_quan") if collective else []
    fields += _base("ngay", "nam", "dia_danh", **_DATED)
    fields += [
        _f("hinh_thuc", "text", "Hình thức đề nghị|Form of award proposed", PROVINCE_AWARD,
           req=True, note="Tiêu đề: “ĐỀ NGHỊ TẶNG …”."),
        _f("ghi_chu_trich_yeu", "text", "Ghi chú dưới tiêu đề|Note under the title",
           f"(Thành tích trong {CAMPAIGN})"),
    ]  # fmt: skip
    if collective:
        fields += [
            _f("dac_diem", "paragraphs", "Đặc điểm, tình hình|About the collective",
               ["Hội Khuyến học xã Chiềng Cơi có 14 chi hội với 2.350 hội viên."], req=True),
            _f("to_chuc_bo_may", "paragraphs", "Tổ chức bộ máy|Organisation",
               ["Ban Chấp hành gồm 15 đồng chí, Ban Thường vụ 05 đồng chí."]),
        ]  # fmt: skip
    else:
        fields += [
            _f("ho_ten", "text", "Họ và tên|Full name", "Lò Thị Xuân", req=True),
            _f("gioi_tinh", "text", "Giới tính|Sex", "Nữ"),
            _f("ngay_sinh", "date", "Ngày sinh|Date of birth", "1972-08-12"),
            _f("que_quan", "text", "Quê quán|Home town", "xã Chiềng Cơi, tỉnh Sơn La"),
            _f("tru_quan", "text", "Trú quán|Residence"),
            _f("don_vi", "text", "Đơn vị công tác|Unit", COLLECTIVE["ten"], req=True),
            _f("chuc_vu", "text", "Chức vụ (Đảng, chính quyền, đoàn thể)|Position", "Chủ tịch"),
            _f("trinh_do", "text", "Trình độ chuyên môn, nghiệp vụ|Qualifications"),
            _f("hoc_ham", "text", "Học hàm, học vị, danh hiệu, giải thưởng|Degrees, honours"),
            _f("nhiem_vu", "paragraphs", "Quyền hạn, nhiệm vụ được giao|Duties",
               ["Phụ trách công tác khuyến học của xã."], req=True),
        ]  # fmt: skip
    title = {**HONOUR, "ten": "Chiến sĩ thi đua cơ sở"}
    confirm = "Xác nhận của cấp trình khen thưởng|Confirmation by the proposing level"
    if not collective:
        confirm = "Thủ trưởng đơn vị xác nhận, đề nghị|Confirmation by the head of unit"
    fields += [
        _f("thanh_tich", "paragraphs", "Thành tích đạt được|Achievements",
           ["Vận động 100% hộ gia đình đăng ký danh hiệu “Gia đình học tập”."], req=True),
        _f("danh_hieu", "table", "Danh hiệu thi đua đã nhận|Emulation titles received", [title],
           columns=HONOUR_COLUMNS),
        _f("khen_thuong", "table", "Hình thức khen thưởng đã nhận|Awards received", [HONOUR],
           columns=HONOUR_COLUMNS),
        _f("xac_nhan", "signature", confirm, note="Để trống nếu xác nhận bằng tay."),
    ]  # fmt: skip
    if not collective:  # an individual's report is also confirmed by the proposing level
        fields.append(
            _f("xac_nhan_cap_trinh", "signature",
               "Xác nhận của cấp trình khen thưởng|Confirmation by the proposing level",
               note="Để trống nếu xác nhận bằng tay.")
        )  # fmt: skip
    if collective:
        fields += _base("ky", ky={"example": SIGNER, "label": "Thủ trưởng đơn vị"})
    return meta, fields


def bien_ban() -> Manifest:
    """Biên bản họp Hội đồng Thi đua – Khen thưởng (Mẫu 1.9)."""
    meta = _meta(
        "Biên bản họp Hội đồng Thi đua – Khen thưởng|Minutes of the awards council",
        "Biên bản",
        f"Mẫu 1.9 – Biên bản ({_ND30})",
        "bien_ban_hop_hoi_dong",
    )
    fields = _base(
        "co_quan_chu_quan", "co_quan", "ky_hieu_co_quan", "so", "trich_yeu",
        co_quan_chu_quan={"example": "HỘI KHUYẾN HỌC TỈNH SƠN LA"},
        co_quan={"example": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"},
        ky_hieu_co_quan={"example": "HĐTĐKT"},
        so={"description": "Biên bản không có dòng địa danh, ngày tháng (Mẫu 1.9)."},
        trich_yeu={"example": "Họp Hội đồng Thi đua - Khen thưởng xét đề nghị khen thưởng"},
    )  # fmt: skip
    chair = {"chuc_vu": "Chủ tịch Hội đồng", "ho_ten": "Mai Thu Hương"}
    secretary = {"chuc_vu": "Chánh Văn phòng Hội", "ho_ten": "Hoàng Thị Lan"}
    fields += [
        _f("ngay_hop", "date", "Ngày họp|Meeting date", "2025-11-12", req=True),
        _f("gio_bat_dau", "time", "Giờ bắt đầu|Start time", "14:00", req=True),
        _f("gio_ket_thuc", "time", "Giờ kết thúc|End time", "16:30", req=True),
        _f("ngay_ket_thuc", "date", "Ngày kết thúc (nếu khác ngày họp)|End date"),
        _f("dia_diem", "text", "Địa điểm|Place", "Hội trường Hội Khuyến học tỉnh", req=True),
        _f("tong_so_thanh_vien", "integer", "Tổng số thành viên Hội đồng|Council members", 11,
           note="Mặc định: số có mặt cộng số vắng mặt. Tỷ lệ phiếu tính trên số này."),
        _f("thanh_vien_co_mat", "table", "Thành viên có mặt|Members present", [MEMBER],
           req=True, columns=["ho_ten", "chuc_vu"]),
        _f("thanh_vien_vang_mat", "table", "Thành viên vắng mặt|Members absent", [ABSENT],
           columns=["ho_ten", "chuc_vu", "ly_do?"]),
        _f("chu_toa", "signature", "Chủ trì (chủ tọa)|Chair", chair, req=True),
        _f("thu_ky", "signature", "Thư ký (người ghi biên bản)|Secretary", secretary, req=True),
        *_base("danh_so", "noi_dung", noi_dung={"required": False}),
        _f("hinh_thuc", "text", "Hình thức khen thưởng chung|Common form of award",
           PROVINCE_AWARD),
        _f("ty_le_dat", "integer", "Tỷ lệ phiếu đồng ý để đạt (%)|Pass mark (%)", 80,
           note="Trên tổng số thành viên Hội đồng; hàng có “ket_qua” giữ nguyên kết quả đó."),
        _f("bo_phieu_mo_dau", "text", "Câu dẫn bảng kết quả bỏ phiếu|Vote table lead-in"),
        _f("bo_phieu", "table", "Kết quả bỏ phiếu|Votes", [VOTE], req=True,
           columns=["ten", "hinh_thuc?", "dong_y:integer", "ket_qua?"]),
        _f("ket_luan", "paragraphs", "Kết luận|Conclusions",
           ["Hội đồng thống nhất đề nghị khen thưởng các tập thể, cá nhân đạt số phiếu."]),
        *_base("noi_nhan", "luu", luu={"example": [], "description": "“Hồ sơ” luôn có."}),
    ]  # fmt: skip
    return meta, fields


def quyet_dinh() -> Manifest:
    """Quyết định khen thưởng (Mẫu 1.2) with the list of rewards attached."""
    meta = _meta(
        "Quyết định khen thưởng|Award decision",
        "Quyết định",
        f"Mẫu 1.2 – Quyết định (cá biệt) quy định trực tiếp ({_ND30}), danh sách kèm theo",
        "quyet_dinh_khen_thuong",
    )
    fields = _base(
        *_HEADER, "trich_yeu", "can_cu",
        **_DATED,
        co_quan_chu_quan={"example": None},
        trich_yeu={"example": "khen thưởng tập thể, cá nhân", "description": "Sau “Về việc”."},
        can_cu={"example": BASES, "required": True},
    )  # fmt: skip
    fields += [
        _f("tham_quyen", "text", "Thẩm quyền ban hành|Issuing authority",
           "Chủ tịch Hội Khuyến học tỉnh Sơn La", req=True),
        _f("bien_ban", "text", "Biên bản họp Hội đồng|Council minutes", MINUTES, req=True),
        _f("to_trinh", "text", "Tờ trình đề nghị|Proposal", PROPOSAL, req=True,
           note="Thành dòng “Xét đề nghị tại Tờ trình …”."),
        _f("hinh_thuc", "text", "Hình thức khen thưởng|Form of award", SOCIETY_AWARD, req=True),
        _f("thanh_tich", "text", "Thành tích|Achievement", ACHIEVEMENT, req=True),
        *_nominees(money=True),
        _f("nguon_kinh_phi", "text", "Nguồn kinh phí|Source of funds",
           "trích từ Quỹ Thi đua, khen thưởng của Hội"),
        _f("thi_hanh", "paragraphs", "Điều 3: tổ chức thực hiện|Article 3: execution",
           [EXECUTION], req=True),
        *_base(
            "ky", "noi_nhan", "luu",
            ky={"example": {"chuc_vu": "Chủ tịch", "ho_ten": "Mai Thu Hương"}},
            noi_nhan={"description": "“- Như Điều 3;” được thêm ở đầu."},
        ),
    ]  # fmt: skip
    return meta, fields


CERTIFICATE_ITEMS = [
    "ten", "don_vi", "thanh_tich", "quyet_dinh", "so_vao_so", "ngay", "chuc_vu_ky", "nguoi_ky",
]  # fmt: skip
# Default positions (mm from the top-left of an A4 landscape blank; size in pt), for the usual
# provincial blanks whose printed title ("BẰNG KHEN", "GIẤY KHEN") ends about 80 mm down.
POSITIONS = {
    "bang_khen": {
        "ten": {"x": 30, "y": 88, "width": 237, "size": 22, "bold": True},
        "don_vi": {"x": 30, "y": 101, "width": 237, "size": 15},
        "thanh_tich": {"x": 45, "y": 112, "width": 207, "size": 15, "italic": True},
        "quyet_dinh": {"x": 30, "y": 170, "width": 100, "size": 13, "align": "left"},
        "so_vao_so": {"x": 30, "y": 177, "width": 100, "size": 13, "align": "left"},
        "ngay": {"x": 160, "y": 140, "width": 110, "size": 14, "italic": True},
        "chuc_vu_ky": {"x": 160, "y": 147, "width": 110, "size": 14, "bold": True},
        "nguoi_ky": {"x": 160, "y": 178, "width": 110, "size": 14, "bold": True},
    },
    "giay_khen": {
        "ten": {"x": 30, "y": 80, "width": 237, "size": 20, "bold": True},
        "don_vi": {"x": 30, "y": 92, "width": 237, "size": 14},
        "thanh_tich": {"x": 45, "y": 102, "width": 207, "size": 14, "italic": True},
        "quyet_dinh": {"x": 30, "y": 168, "width": 100, "size": 12, "align": "left"},
        "so_vao_so": {"x": 30, "y": 174, "width": 100, "size": 12, "align": "left"},
        "ngay": {"x": 165, "y": 135, "width": 105, "size": 13, "italic": True},
        "chuc_vu_ky": {"x": 165, "y": 141, "width": 105, "size": 13, "bold": True},
        "nguoi_ky": {"x": 165, "y": 172, "width": 105, "size": 14, "bold": True},
    },
}


def phoi(kind: str) -> Manifest:
    """Bằng khen or Giấy khen printed onto a pre-printed blank."""
    name, name_en = ("Bằng khen", "Certificate of merit")
    if kind == "giay_khen":
        name, name_en = ("Giấy khen", "Commendation")
    meta = _meta(
        f"{name} (in lên phôi)|{name_en} (printed on a blank)",
        "",
        f"In lên phôi {name} in sẵn, A4 ngang",
        "phoi_khen",
    )
    achievement = ACHIEVEMENT[0].upper() + ACHIEVEMENT[1:]
    unit = "Chủ tịch Hội Khuyến học xã Chiềng Cơi, tỉnh Sơn La"
    fields = [
        _f("ten", "text", "Tên tập thể / danh xưng và họ tên|Name", "Bà Lò Thị Xuân", req=True),
        _f("don_vi", "text", "Chức vụ, đơn vị|Position, unit", unit),
        _f("thanh_tich", "text", "Thành tích|Achievement", achievement, req=True),
        _f("so_quyet_dinh", "text", "Số, ký hiệu quyết định|Decision number", "15/QĐ-HKH",
           req=True),
        _f("ngay_quyet_dinh", "date", "Ngày quyết định|Decision date", "2025-11-20", req=True),
        _f("dia_danh", "text", "Địa danh|Place name", "Sơn La", req=True),
        _f("so_vao_so", "text", "Số vào sổ khen thưởng|Register number"),
        _f("chuc_vu_ky", "text", "Chức vụ người ký (nếu phôi chưa in)|Signer's title"),
        _f("nguoi_ky", "text", "Họ tên người ký (nếu phôi chưa in)|Signer's name"),
        _f("vi_tri", "positions", "Vị trí in trên phôi|Positions on the blank", POSITIONS[kind],
           note=POSITION_HELP, columns=CERTIFICATE_ITEMS),
    ]  # fmt: skip
    return meta, fields


MANIFESTS: dict[str, Callable[[], Manifest]] = {
    "to_trinh_khen_thuong": to_trinh,
    "danh_sach_khen_thuong": danh_sach,
    "danh_sach_de_nghi_cap_tren": lambda: danh_sach(referral=True),
    "bao_cao_thanh_tich_ca_nhan": lambda: bao_cao(collective=False),
    "bao_cao_thanh_tich_tap_the": lambda: bao_cao(collective=True),
    "bien_ban_hop_hoi_dong": bien_ban,
    "quyet_dinh_khen_thuong": quyet_dinh,
    "bang_khen": lambda: phoi("bang_khen"),
    "giay_khen": lambda: phoi("giay_khen"),
}
