"""An award dossier of another province, from its list to the issued decision, by the CLI.

The Hội Khuyến học of Lai Châu (place names live only here, in the test data) proposes eight
nominees: Bằng khen of the province's Chủ tịch and the Hội's own Giấy khen, two nominees fail
the vote and one is referred upward to the Prime Minister's Bằng khen. Everything is driven
through ``vanban`` as a secretary, reviewer, approver and clerk would type it, in a training
workspace (``init --training``, ``--as``), with a base salary of the workspace's own. Then
every document is read back: the dossier check is clean, each amount is what the coefficient
table of NĐ 152/2025 and the base salary give (computed here, independently), every number
and date cited is the register's, and nothing of the shipped Sơn La samples leaks in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import CliResult
from vanban.docx.reading import document_lines
from vanban.vietnamese import VIETNAM_TIME, format_date_long, format_number, money_in_words

Run = Callable[..., CliResult]

BASE_SALARY = 2_530_000  # the workspace's [awards] base_salary, not the default 2.340.000
PROVINCE_FORM = "Bằng khen của Chủ tịch UBND tỉnh Lai Châu"
OWN_FORM = "Giấy khen của Chủ tịch Hội Khuyến học tỉnh Lai Châu"
PM_FORM = "Bằng khen của Thủ tướng Chính phủ"
# NĐ 152/2025 Điều 54 khoản 1, written here rather than read from vanban's table.
COEFFICIENTS = {
    (OWN_FORM, "Tập thể"): Decimal("0.6"),
    (OWN_FORM, "Cá nhân"): Decimal("0.3"),
}
MERIT = (
    "đã có thành tích xuất sắc trong phong trào “Cả nước thi đua xây dựng xã hội học tập, đẩy "
    "mạnh học tập suốt đời giai đoạn 2023 - 2030”, giai đoạn 2023 - 2025"
)
# (name, kind, position, unit, form, votes of 7, outcome, form proposed upward)
NOMINEES: list[tuple[str, str, str, str, str, int, str, str]] = [
    ("Hội Khuyến học xã Bình Lư", "Tập thể", "", "Xã Bình Lư", PROVINCE_FORM, 7, "đồng ý", ""),
    (
        "Trung tâm học tập cộng đồng xã Sìn Hồ",
        "Tập thể",
        "",
        "Xã Sìn Hồ",
        PROVINCE_FORM,
        7,
        "đề nghị cấp trên khen thưởng",
        PM_FORM,
    ),
    ("Chi hội Khuyến học bản Nà Khum", "Tập thể", "", "Xã Mường Tè", OWN_FORM, 6, "đồng ý", ""),
    (
        "Lò Văn Thanh",
        "Cá nhân",
        "Chủ tịch Hội Khuyến học xã",
        "Xã Than Uyên",
        PROVINCE_FORM,
        7,
        "đồng ý",
        "",
    ),
    (
        "Tao Thị Xuân",
        "Cá nhân",
        "Giáo viên",
        "Trường Phổ thông dân tộc bán trú Trung học cơ sở Pa Tần",
        PROVINCE_FORM,
        5,
        "không đồng ý",
        "",
    ),
    ("Giàng A Páo", "Cá nhân", "Chi hội trưởng", "Xã Sì Lở Lầu", OWN_FORM, 6, "đồng ý", ""),
    (
        "Lường Thị Nguyệt",
        "Cá nhân",
        "Phó Chủ tịch Hội Khuyến học phường",
        "Phường Tân Phong",
        OWN_FORM,
        7,
        "đồng ý",
        "",
    ),
    ("Vàng Văn Lả", "Cá nhân", "Trưởng bản", "Xã Tả Lèng", OWN_FORM, 4, "không đồng ý", ""),
]
MEMBERS = [
    ("Điêu Thị Hòa", "Chủ tịch Hội Khuyến học tỉnh, Chủ tịch Hội đồng"),
    ("Lò Văn Kiên", "Phó Chủ tịch Hội, Phó Chủ tịch Hội đồng"),
    ("Nguyễn Thị Hà", "Chánh Văn phòng Hội, Ủy viên Thư ký Hội đồng"),
    ("Tẩn Láo Lở", "Trưởng ban Tuyên truyền, Ủy viên Hội đồng"),
    ("Hoàng Văn Tùng", "Trưởng ban Kiểm tra, Ủy viên Hội đồng"),
    ("Vàng Thị Mai", "Ủy viên Ban Thường vụ, Ủy viên Hội đồng"),
    ("Phạm Đức Long", "đại diện Sở Giáo dục và Đào tạo, Ủy viên Hội đồng"),
]
ORGANIZATION = """\
[organization]
parent = "UBND TỈNH LAI CHÂU"
name = "HỘI KHUYẾN HỌC TỈNH LAI CHÂU"
abbreviation = "HKH"
place = "Lai Châu"

[awards]
base_salary = 2530000
"""


def _reward(form: str, kind: str) -> int:
    """Coefficient × base salary, rounded UP to the next 10.000 đồng (NĐ 152/2025 Điều 49)."""
    amount = COEFFICIENTS[form, kind] * BASE_SALARY / 10_000
    return int(amount.to_integral_value(rounding=ROUND_CEILING)) * 10_000


def _workspace(folder: Path, run: Run) -> Path:
    """A training workspace of the Lai Châu Hội, with its own base salary."""
    assert run("init", "--training", folder).exit_code == 0
    toml = (folder / "vanban.toml").read_text(encoding="utf-8")
    start, end = toml.index("[organization]"), toml.index("# Roles:")
    (folder / "vanban.toml").write_text(toml[:start] + ORGANIZATION + toml[end:], "utf-8")
    return folder


def _signer() -> dict[str, str]:
    return {"thay_mat": "Ban Thường vụ", "chuc_vu": "Chủ tịch", "ho_ten": "Điêu Thị Hòa"}


def _dossier_files(folder: Path, meeting: dt.date, year: int) -> tuple[Path, Path]:
    """ho_so.yaml (with last year's ``nam``), danh_sach.yaml and votes.yaml in ``folder``."""
    rows = [
        {
            "ho_ten": name,
            "loai": kind,
            "chuc_vu": position,
            "don_vi": unit,
            "hinh_thuc": form,
            "thanh_tich": f"Thành tích tiêu biểu của {name} trong giai đoạn 2023 - 2025.",
        }
        for name, kind, position, unit, form, *_rest in NOMINEES
    ]
    (folder / "danh_sach.yaml").write_text(
        yaml.safe_dump({"danh_sach": rows}, allow_unicode=True), "utf-8"
    )
    header = {"co_quan": "HỘI KHUYẾN HỌC\nTỈNH LAI CHÂU", "co_quan_chu_quan": "UBND TỈNH LAI CHÂU"}
    bases = [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi "
        "tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng",
    ]
    data: dict[str, Any] = {
        **header,
        "ky_hieu_co_quan": "HKH",
        "dia_danh": "Lai Châu",
        "nam": year,  # last year: the dossier is issued in this one all the same
        "trich_yeu": "khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phong trào "
        "xây dựng xã hội học tập, giai đoạn 2023 - 2025",
        "ky": {"chuc_vu": "Chủ tịch", "ho_ten": "Điêu Thị Hòa"},
        "danh_sach": "danh_sach.yaml",
        "to_trinh_khen_thuong": {
            **header,
            "ky_hieu_co_quan": "HKH",
            "dia_danh": "Lai Châu",
            "trich_yeu": "Đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong "
            "phong trào xây dựng xã hội học tập, giai đoạn 2023 - 2025",
            "kinh_gui": ["Chủ tịch Ủy ban nhân dân tỉnh Lai Châu", "Sở Nội vụ tỉnh Lai Châu"],
            "can_cu": bases,
            "mo_dau": [
                "Qua 03 năm triển khai phong trào, các cấp Hội trong tỉnh đã đạt nhiều kết quả."
            ],
            "de_nghi": "Hội Khuyến học tỉnh Lai Châu kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh "
            "xem xét",
            "hinh_thuc": PROVINCE_FORM,
            "thanh_tich": MERIT,
            "ket_thuc": "Hội Khuyến học tỉnh Lai Châu kính trình Chủ tịch Ủy ban nhân dân tỉnh "
            "xem xét, quyết định./.",
            "ky": _signer(),
            "noi_nhan": ["Ban Thi đua - Khen thưởng, Sở Nội vụ"],
            "luu": ["VT", "VP"],
        },
        "danh_sach_khen_thuong": {
            **header,
            "ky_hieu_co_quan": "HKH",
            "co_quan_trinh": "Hội Khuyến học tỉnh Lai Châu",
            "ky": _signer(),
        },
        "bien_ban_hop_hoi_dong": {
            "co_quan_chu_quan": "HỘI KHUYẾN HỌC\nTỈNH LAI CHÂU",
            "co_quan": "HỘI ĐỒNG THI ĐUA -\nKHEN THƯỞNG",
            "ky_hieu_co_quan": "HĐTĐKT",
            "trich_yeu": "Họp Hội đồng Thi đua - Khen thưởng xét đề nghị khen thưởng giai đoạn "
            "2023 - 2025",
            "dia_diem": "Phòng họp Hội Khuyến học tỉnh Lai Châu",
            "gio_bat_dau": "08:00",
            "gio_ket_thuc": "10:30",
            "chu_toa": {"ho_ten": "Điêu Thị Hòa", "chuc_vu": "Chủ tịch Hội đồng"},
            "thu_ky": {"ho_ten": "Nguyễn Thị Hà", "chuc_vu": "Ủy viên Thư ký Hội đồng"},
            "noi_dung": [{"doan": ["Hội đồng xét từng trường hợp và bỏ phiếu kín."]}],
            "ket_luan": ["Biên bản đã được đọc lại trước Hội đồng và được nhất trí."],
            "noi_nhan": ["Thành viên Hội đồng"],
        },
        "quyet_dinh_khen_thuong": {
            **header,
            "ky_hieu_co_quan": "HKH",
            "dia_danh": "Lai Châu",
            "can_cu": bases,
            "hinh_thuc": OWN_FORM,
            "tham_quyen": "Chủ tịch Hội Khuyến học tỉnh Lai Châu",
            "thanh_tich": MERIT,
            "to_trinh": "Xét đề nghị của Chánh Văn phòng Hội Khuyến học tỉnh Lai Châu",
            "trich_yeu": "khen thưởng các tập thể, cá nhân có thành tích xuất sắc giai đoạn "
            "2023 - 2025",
            "nguon_kinh_phi": "trích từ Quỹ Thi đua, khen thưởng của Hội Khuyến học tỉnh Lai Châu",
            "thi_hanh": [
                "Chánh Văn phòng Hội và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm "
                "thi hành Quyết định này.",
                "Quyết định này có hiệu lực kể từ ngày ký.",
            ],
            "ky": {"chuc_vu": "Chủ tịch", "ho_ten": "Điêu Thị Hòa"},
            "noi_nhan": ["Thường trực Hội Khuyến học tỉnh"],
            "luu": ["VT", "VP"],
        },
    }
    votes: dict[str, Any] = {
        "hoi_dong": "Hội đồng Thi đua - Khen thưởng Hội Khuyến học tỉnh Lai Châu",
        "ngay_hop": meeting.isoformat(),
        "ty_le_toi_thieu": 0.8,
        "thanh_vien": [{"ho_ten": name, "chuc_vu": title} for name, title in MEMBERS],
        "vang_mat": ["Phạm Đức Long"],
        "y_kien_van_ban": ["Phạm Đức Long"],
        "phieu": [
            {"ho_ten": name, "don_vi": unit, "dong_y": votes, "ket_qua": outcome}
            | ({"de_nghi": upward} if upward else {})
            for name, _kind, _position, unit, _form, votes, outcome, upward in NOMINEES
        ],
    }
    (folder / "ho_so.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (folder / "votes.yaml").write_text(yaml.safe_dump(votes, allow_unicode=True), "utf-8")
    return folder / "ho_so.yaml", folder / "votes.yaml"


def _ok(result: CliResult) -> CliResult:
    assert result.exit_code == 0, result.stderr
    return result


def _to_approved(run: Run, ws: Path, data: Path, votes: Path) -> int:
    created = json.loads(
        _ok(run("--json", "--workspace", ws, "--as", "minh", "new", "khen_thuong", data)).stdout
    )
    dossier_id = int(created["dossier"]["id"])
    _ok(run("--workspace", ws, "--as", "minh", "submit", dossier_id))
    _ok(run("--workspace", ws, "--as", "an", "review", dossier_id, "--data", votes))
    _ok(run("--workspace", ws, "--as", "huong", "approve", dossier_id))
    return dossier_id


@dataclass(frozen=True)
class Approved:
    """A Lai Châu dossier approved by the CLI, its data written with last year's ``nam``."""

    workspace: Path
    dossier_id: int
    today: dt.date
    meeting: dt.date
    data: Path
    votes: Path


@pytest.fixture
def approved(run_cli: Run, tmp_path: Path) -> Approved:
    today = dt.datetime.now(VIETNAM_TIME).date()
    meeting = today - dt.timedelta(days=3)
    ws = _workspace(tmp_path / "lai_chau", run_cli)
    data, votes = _dossier_files(ws, meeting, today.year - 1)
    return Approved(ws, _to_approved(run_cli, ws, data, votes), today, meeting, data, votes)


def test_another_province_from_list_to_issued_decision(
    run_cli: Run, tmp_path: Path, approved: Approved
) -> None:
    ws, dossier_id, today, meeting = (
        approved.workspace,
        approved.dossier_id,
        approved.today,
        approved.meeting,
    )
    _ok(run_cli("--workspace", ws, "--as", "lan", "issue", dossier_id))

    # The dossier check is clean on the issued documents.
    as_clerk = ("--json", "--workspace", ws, "--as", "lan")
    checked = json.loads(_ok(run_cli(*as_clerk, "check", "--dossier", dossier_id)).stdout)
    assert checked["findings"] == []
    after = run_cli("--workspace", ws, "--as", "lan", "check", "--dossier", dossier_id, "--json")
    assert json.loads(_ok(after).stdout) == checked  # --json after the command too

    # Every outgoing document has its number in the register, issued today.
    register = json.loads(_ok(run_cli(*as_clerk, "register", "list")).stdout)
    numbers = {row[0].split("/")[1].split("-")[0]: row[0] for row in register["rows"]}
    assert sorted(numbers) == ["BB", "QĐ", "TTr"]
    assert {row[1] for row in register["rows"]} == {today.strftime("%d/%m/%Y")}
    minutes_no, proposal_no, decision_no = numbers["BB"], numbers["TTr"], numbers["QĐ"]
    assert minutes_no.endswith("/BB-HĐTĐKT")
    assert proposal_no.endswith("/TTr-HKH")

    out = tmp_path / "ban_hanh"
    _ok(run_cli("--workspace", ws, "--as", "lan", "export", dossier_id, "-o", out))
    texts = {
        path.name.rsplit("_", 1)[0]: "\n".join(document_lines(path.read_bytes()))
        for path in out.glob("*.docx")
    }
    assert sorted(texts) == [
        "bien_ban_hop_hoi_dong",
        "danh_sach_de_nghi_cap_tren",
        "danh_sach_khen_thuong",
        "quyet_dinh_khen_thuong",
        "to_trinh_khen_thuong",
    ]
    for name, text in texts.items():
        assert "Sơn La" not in text, name  # nothing of the shipped samples leaks in
        assert "Lai Châu" in text, name
    minutes, proposal, listing, referral, decision = (
        texts[name]
        for name in (
            "bien_ban_hop_hoi_dong",
            "to_trinh_khen_thuong",
            "danh_sach_khen_thuong",
            "danh_sach_de_nghi_cap_tren",
            "quyet_dinh_khen_thuong",
        )
    )

    # Numbers and dates: each document its own, each citation the cited one's.
    issued_on, met_on = format_date_long(today), format_date_long(meeting)
    assert f"Số: {minutes_no}" in minutes
    assert f"Số: {proposal_no}" in proposal
    assert f"Lai Châu, {issued_on}" in proposal
    assert f"Số: {decision_no}" in decision
    assert f"Lai Châu, {issued_on}" in decision
    for citing in (proposal, decision):
        assert f"Căn cứ Biên bản số {minutes_no} {met_on} của Hội đồng Thi đua - Khen thưởng" in (
            citing
        )
    attached = f"(Kèm theo Tờ trình số {proposal_no} {issued_on} của Hội Khuyến học tỉnh Lai Châu)"
    assert attached in listing.splitlines()
    assert attached in referral.splitlines()
    assert f"(Kèm theo Quyết định số {decision_no} {issued_on}" in decision

    # The council: 06/07 present, one written vote, the failed two only in the Biên bản.
    assert "Thành phần tham dự: 06/07 thành viên Hội đồng có mặt, gồm:" in minutes
    assert "Tao Thị Xuân\nBằng khen của Chủ tịch UBND tỉnh Lai Châu\n5/7\n71,43" in minutes
    assert "Vàng Văn Lả\nGiấy khen của Chủ tịch Hội Khuyến học tỉnh Lai Châu\n4/7\n57,14" in (
        minutes
    )
    assert "chưa đạt tỷ lệ phiếu đồng ý): Tao Thị Xuân, Vàng Văn Lả." in minutes
    for failed in ("Tao Thị Xuân", "Vàng Văn Lả"):
        for document in (proposal, listing, referral, decision):
            assert failed not in document

    # The Tờ trình's own list: the province's Bằng khen, titled by it, counted.
    assert "tặng Bằng khen của Chủ tịch UBND tỉnh Lai Châu cho 01 tập thể và 01 cá nhân" in proposal
    assert "Tập thể, cá nhân đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh Lai Châu" in listing
    assert "Tổng số: 01 tập thể và 01 cá nhân./." in listing
    assert [n for n in ("Hội Khuyến học xã Bình Lư", "Lò Văn Thanh") if n in listing] == [
        "Hội Khuyến học xã Bình Lư",
        "Lò Văn Thanh",
    ]
    # The referral upward: its own section, sentence and list, in none of the others.
    referred = "Trung tâm học tập cộng đồng xã Sìn Hồ"
    assert (
        "đề nghị cấp trên trình Thủ tướng Chính phủ tặng Bằng khen cho 01 tập thể (lập danh "
        f"sách riêng), gồm:\n- {referred} (Xã Sìn Hồ)."
    ) in minutes
    assert (
        "Đồng thời, Hội Khuyến học tỉnh Lai Châu kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem "
        "xét, trình Thủ tướng Chính phủ tặng Bằng khen cho 01 tập thể"
    ) in proposal
    assert f"Tập thể đề nghị cấp trên xét tặng {PM_FORM}" in referral
    assert "Tổng số: 01 tập thể./." in referral
    assert referred in referral
    assert referred not in listing
    assert referred not in decision
    assert "Lò Văn Thanh" not in referral

    # The Hội's own decision: its Giấy khen only, each reward and the total right.
    own = [n for n in NOMINEES if n[4] == OWN_FORM and n[6] == "đồng ý"]
    assert "Tặng Giấy khen của Chủ tịch Hội Khuyến học tỉnh Lai Châu cho 01 tập thể và 02 cá " in (
        decision
    )
    rewards = {name: _reward(form, kind) for name, kind, _p, _u, form, *_r in own}
    assert rewards == {"Chi hội Khuyến học bản Nà Khum": 1_520_000, "Giàng A Páo": 760_000,
                       "Lường Thị Nguyệt": 760_000}  # fmt: skip
    lines = decision.splitlines()
    for name, amount in rewards.items():
        row = lines.index(name)
        assert format_number(amount) in lines[row + 1 : row + 3], name
    total = sum(rewards.values())
    assert f"Tổng số tiền thưởng là {format_number(total)} đồng" in decision
    assert f"(Bằng chữ: {money_in_words(total)})" in decision
    assert lines[-2:] == ["Tổng cộng", format_number(total)]
    for elsewhere in ("Hội Khuyến học xã Bình Lư", "Lò Văn Thanh"):
        assert elsewhere not in decision  # the province's Bằng khen is not the Hội's to give
    assert re.search(r"\b2\.340\.000\b", decision) is None


def test_a_dossier_approved_with_last_years_nam_can_be_returned(
    run_cli: Run, approved: Approved
) -> None:
    ws, dossier_id = approved.workspace, approved.dossier_id
    returned = run_cli("--workspace", ws, "--as", "lan", "return", dossier_id, "--comment",
                       "Đề nghị bổ sung báo cáo thành tích.")  # fmt: skip
    assert returned.exit_code == 0, returned.stderr
    shown = json.loads(
        _ok(run_cli("--json", "--workspace", ws, "--as", "minh", "show", dossier_id)).stdout
    )
    assert shown["dossier"]["state"] == "draft"
    # Without a reason the way back is refused in one sentence, and nothing moves.
    again = _to_approved(run_cli, ws, approved.data, approved.votes)
    refused = run_cli("--workspace", ws, "--as", "lan", "return", again)
    assert refused.exit_code == 1
    assert refused.stderr.count("\n") <= 2
    assert "Traceback" not in refused.stderr
    shown = json.loads(
        _ok(run_cli("--json", "--workspace", ws, "--as", "lan", "show", again)).stdout
    )
    assert shown["dossier"]["state"] == "approved"
