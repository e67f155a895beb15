"""Reading a council's votes for a nominee list: every vote checked, all mistakes at once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from tests.awards.shared import BANG_KHEN, GIAY_KHEN, HEADER, write_xlsx
from vanban.awards import InvalidListError, Nominee, Outcome, read_council_votes, read_nominees
from vanban.errors import ValidationError

ROWS = [
    (1, "Hội Khuyến học huyện Mai Sơn", "Tập thể", "", "Huyện Mai Sơn", BANG_KHEN),
    (2, "Lò Văn Phương", "Cá nhân", "Chủ tịch", "Hội Khuyến học huyện Thuận Châu", BANG_KHEN),
    (3, "Cầm Thị Hoa", "Cá nhân", "Phó Chủ tịch", "Hội Khuyến học huyện Mai Sơn", GIAY_KHEN),
]
HEAD = "hoi_dong: Hội đồng Thi đua - Khen thưởng\nngay_hop: 2025-06-20\nso_thanh_vien: 9\n"


@pytest.fixture
def nominees(tmp_path: Path) -> list[Nominee]:
    return read_nominees(write_xlsx(tmp_path / "danh_sach.xlsx", HEADER, ROWS))


def _vote(name: str, unit: str, votes: object, outcome: str, extra: str = "") -> str:
    return (
        f"  - ho_ten: {name}\n    don_vi: {unit}\n    dong_y: {votes}\n    ket_qua: {outcome}\n"
        + extra
    )


GOOD = [
    _vote(
        "Hội Khuyến học huyện Mai Sơn",
        "Huyện Mai Sơn",
        9,
        "đề nghị cấp trên khen thưởng",
        "    de_nghi: Bằng khen của Thủ tướng Chính phủ\n",
    ),
    _vote("Lò Văn Phương", "Hội Khuyến học huyện Thuận Châu", 8, "đồng ý"),
    _vote("Cầm Thị Hoa", "Hội Khuyến học huyện Mai Sơn", 7, "không đồng ý"),
]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "votes.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_votes(tmp_path: Path, nominees: list[Nominee]) -> None:
    votes = read_council_votes(_write(tmp_path, HEAD + "phieu:\n" + "".join(GOOD)), nominees)
    assert (votes.council, votes.meeting_date, votes.members, votes.threshold) == (
        "Hội đồng Thi đua - Khen thưởng",
        dt.date(2025, 6, 20),
        9,
        Decimal("0.80"),
    )
    assert [decision.nominee for decision in votes.decisions] == nominees
    assert [decision.outcome for decision in votes.decisions] == [
        Outcome.PROPOSED_HIGHER,
        Outcome.APPROVED,
        Outcome.NOT_APPROVED,
    ]
    proposed = votes.decisions[0].proposed_form
    assert proposed is not None
    assert proposed.key == "bang_khen_thu_tuong"
    assert [d.name for d in votes.with_outcome(Outcome.APPROVED)] == ["Lò Văn Phương"]


def test_the_order_of_votes_does_not_matter(tmp_path: Path, nominees: list[Nominee]) -> None:
    text = HEAD + "phieu:\n" + "".join(reversed(GOOD))
    votes = read_council_votes(_write(tmp_path, text), nominees)
    assert [decision.nominee for decision in votes.decisions] == nominees


@pytest.mark.parametrize(
    ("threshold", "approved"),
    [("0.80", True), ("80%", True), ("90%", False), ("0,9", False)],
)
def test_the_threshold_comes_from_the_file(
    tmp_path: Path, nominees: list[Nominee], threshold: str, approved: bool
) -> None:
    text = HEAD + f"ty_le_toi_thieu: {threshold}\nphieu:\n" + "".join(GOOD)
    if approved:
        assert read_council_votes(_write(tmp_path, text), nominees).members == 9
    else:
        with pytest.raises(InvalidListError, match="chưa đạt 90% tổng số thành viên"):
            read_council_votes(_write(tmp_path, text), nominees)


def test_every_bad_vote_is_reported_with_its_line(tmp_path: Path, nominees: list[Nominee]) -> None:
    text = (
        HEAD
        + "phieu:\n"  # line 4
        + _vote("Hội Khuyến học huyện Mai Sơn", "Huyện Mai Sơn", 9, "đồng ý")  # line 5
        + _vote("Lò Văn Phượng", "Hội Khuyến học huyện Thuận Châu", 9, "đồng ý")  # line 9
        + _vote("Hội Khuyến học huyện Mai Sơn", "Huyện Mai Sơn", 9, "đồng ý")  # line 13
        + _vote("Cầm Thị Hoa", "Hội Khuyến học huyện Mai Sơn", 7, "đồng ý")  # line 17
    )
    with pytest.raises(InvalidListError) as caught:
        read_council_votes(_write(tmp_path, text), nominees)
    error = caught.value
    assert error.rows == (4, 9, 13, 17)
    vi = error.text("vi")
    assert "dòng 9: “Lò Văn Phượng” (Hội Khuyến học huyện Thuận Châu) không có trong danh" in vi
    assert "có phải “Lò Văn Phương”?" in vi
    assert "dòng 13: “Hội Khuyến học huyện Mai Sơn” đã có phiếu ở dòng 5" in vi
    assert "dòng 17: Không thể ghi “đồng ý” cho Cầm Thị Hoa: chỉ có 7/9" in vi
    assert "dòng 4: chưa có phiếu cho “Lò Văn Phương” (dòng 3 của danh sách)" in vi
    assert "line 17: Cannot record “approved” for Cầm Thị Hoa" in error.text("en")


@pytest.mark.parametrize(
    ("head", "vote", "says"),
    [
        (HEAD.replace("9\n", "0\n"), "", "“so_thanh_vien” phải là một số nguyên từ 1"),
        (HEAD.replace("so_thanh_vien: 9\n", ""), "", "thiếu “so_thanh_vien”"),
        (HEAD.replace("2025-06-20", "20/6/2025"), "", "“ngay_hop” phải là một ngày"),
        (HEAD + "ty_le_toi_thieu: 1.5\n", "", "“ty_le_toi_thieu” phải là một tỷ lệ"),
        (HEAD, _vote("Lò Văn Phương", "Hội Khuyến học huyện Thuận Châu", 10, "đồng ý"), "(10)"),
        (HEAD, _vote("Lò Văn Phương", "Hội Khuyến học huyện Thuận Châu", "tám", "đồng ý"), "tám"),
        (HEAD, _vote("Lò Văn Phương", "Hội Khuyến học huyện Thuận Châu", 8, "tán thành"), "tán"),
        (
            HEAD,
            _vote("Lò Văn Phương", "Hội Khuyến học huyện Thuận Châu", 8, "đồng ý")
            + "    de_nghi: Bằng khen của Thủ tướng Chính phủ\n",
            "chỉ ghi “de_nghi” khi kết quả là",
        ),
        (
            HEAD,
            _vote("Lò Văn Phương", "Hội Khuyến học huyện Thuận Châu", 9, "đề nghị cấp trên")
            + "    de_nghi: Huân chương Lao động\n",
            "“đề nghị cấp trên” không rõ",
        ),
        (
            HEAD,
            _vote("Lò Văn Phương", "Hội Khuyến học huyện Thuận Châu", 9, "proposed_higher"),
            "hãy ghi hình thức đề nghị cấp trên (“de_nghi”",
        ),
        (
            HEAD,
            _vote("Lò Văn Phương", "Hội Khuyến học huyện Thuận Châu", 9, "proposed_higher")
            + "    de_nghi: Bằng khen Thủ tướng Chín phủ\n",
            "Có phải “Bằng khen của Thủ tướng Chính phủ”?",
        ),
    ],
)
def test_bad_values(
    tmp_path: Path, nominees: list[Nominee], head: str, vote: str, says: str
) -> None:
    others = [v for v in GOOD if "Lò Văn Phương" not in v] if vote else GOOD
    text = head + "phieu:\n" + "".join(others) + vote
    with pytest.raises(InvalidListError) as caught:
        read_council_votes(_write(tmp_path, text), nominees)
    assert says in caught.value.text("vi")


def test_a_file_without_votes(tmp_path: Path, nominees: list[Nominee]) -> None:
    with pytest.raises(InvalidListError, match="thiếu danh sách “phieu:”"):
        read_council_votes(_write(tmp_path, HEAD), nominees)


def test_a_missing_vote_file(tmp_path: Path, nominees: list[Nominee]) -> None:
    with pytest.raises(ValidationError, match="Không tìm thấy tệp kết quả bỏ phiếu"):
        read_council_votes(tmp_path / "khong_co.yaml", nominees)


ROSTER = (
    "thanh_vien:\n"  # line 3
    "  - {ho_ten: Mai Thu Hương, chuc_vu: Chủ tịch Hội đồng}\n"
    "  - {ho_ten: Cầm Văn Chinh, chuc_vu: Phó Chủ tịch Hội đồng}\n"
    "  - {ho_ten: Tòng Văn Hải, chuc_vu: Ủy viên}\n"
    "  - {ho_ten: Lò Thị Mai, chuc_vu: Ủy viên}\n"
    "  - {ho_ten: Vì Thị Hồng, chuc_vu: Ủy viên}\n"  # line 8
)


def test_presence_and_ballots_come_from_the_roster(tmp_path: Path, nominees: list[Nominee]) -> None:
    text = (
        "hoi_dong: Hội đồng\nngay_hop: 2025-11-12\n"
        + ROSTER
        + "vang_mat: [Tòng Văn Hải, Vì Thị Hồng]\ny_kien_van_ban: [Tòng Văn Hải]\nphieu:\n"
        + _vote("Hội Khuyến học huyện Mai Sơn", "Huyện Mai Sơn", 4, "đồng ý")
        + _vote("Lò Văn Phương", "Hội Khuyến học huyện Thuận Châu", 4, "đồng ý")
        + _vote("Cầm Thị Hoa", "Hội Khuyến học huyện Mai Sơn", 3, "không đồng ý")
    )
    votes = read_council_votes(_write(tmp_path, text), nominees)
    assert votes.members == 5
    assert [m.name for m in votes.present] == ["Mai Thu Hương", "Cầm Văn Chinh", "Lò Thị Mai"]
    assert (votes.absent, votes.written, votes.ballots) == (
        ("Tòng Văn Hải", "Vì Thị Hồng"),
        ("Tòng Văn Hải",),
        4,
    )


def test_each_council_mistake_is_reported_with_its_line(
    tmp_path: Path, nominees: list[Nominee]
) -> None:
    text = (
        "hoi_dong: Hội đồng\nngay_hop: 2025-11-12\n"
        + ROSTER
        + "so_thanh_vien: 11\n"  # line 9: the roster has 5
        + "vang_mat: [Tòng Văn Hải]\n"  # line 10
        + "y_kien_van_ban: [Tòng Văn Hải, Lường Văn Ngoài]\n"  # line 11: not a member
        + "phieu:\n"  # line 12
        + _vote("Hội Khuyến học huyện Mai Sơn", "Huyện Mai Sơn", 4, "đồng ý")  # line 13
        + _vote("Lò Văn Phương", "Hội Khuyến học huyện Thuận Châu", 4, "đồng ý")  # line 17
        + _vote("Cầm Thị Hoa", "Hội Khuyến học huyện Mai Sơn", 3, "không đồng ý")  # line 21
    )
    with pytest.raises(InvalidListError) as caught:
        read_council_votes(_write(tmp_path, text), nominees)
    vi = caught.value.text("vi")
    assert "dòng 9: “so_thanh_vien” (11) khác số người trong “thanh_vien” (5)" in vi
    assert "dòng 11: phiếu bằng văn bản của “Lường Văn Ngoài”, người không phải thành viên" in vi


def test_more_votes_than_ballots_and_more_present_than_members(
    tmp_path: Path, nominees: list[Nominee]
) -> None:
    text = (
        HEAD  # 9 members, lines 1-3
        + "co_mat: 10\n"  # line 4
        + "phieu:\n"  # line 5
        + _vote("Hội Khuyến học huyện Mai Sơn", "Huyện Mai Sơn", 9, "đồng ý")  # line 6
        + _vote("Lò Văn Phương", "Hội Khuyến học huyện Thuận Châu", 9, "đồng ý")  # line 10
        + _vote("Cầm Thị Hoa", "Hội Khuyến học huyện Mai Sơn", 3, "không đồng ý")  # line 14
    )
    with pytest.raises(InvalidListError) as caught:
        read_council_votes(_write(tmp_path, text), nominees)
    assert "dòng 4: số thành viên có mặt (10) nhiều hơn số thành viên Hội đồng (9)" in (
        caught.value.text("vi")
    )
    text = text.replace("co_mat: 10", "co_mat: 8")
    with pytest.raises(InvalidListError) as caught:
        read_council_votes(_write(tmp_path, text), nominees)
    assert {8, 12} <= set(caught.value.rows)  # the dong_y lines of the two 9-vote nominees
    assert "nhiều hơn số phiếu thu về (8" in caught.value.text("vi")
