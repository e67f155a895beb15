"""The sample award dossier (samples/khen_thuong/): believable, consistent, and it adds up."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from tests.awards.shared import KHEN_THUONG
from vanban.awards import Nominee, Outcome, read_council_votes, read_nominees, reward_amount, total
from vanban.awards.nominees import nominees_from_list
from vanban.awards.sources import read_list
from vanban.vietnamese import money_in_words

PLACES = (
    "Thuận Châu",
    "Mai Sơn",
    "Sông Mã",
    "Yên Châu",
    "Phù Yên",
    "Bắc Yên",
    "Sốp Cộp",
    "Quỳnh Nhai",
    "Vân Hồ",
    "Mường La",
    "thành phố Sơn La",
)


@pytest.fixture(scope="module")
def nominees() -> list[Nominee]:
    return read_nominees(KHEN_THUONG / "danh_sach.yaml")


def test_the_xlsx_and_the_yaml_hold_the_same_list(nominees: list[Nominee]) -> None:
    from_xlsx = read_nominees(KHEN_THUONG / "danh_sach.xlsx")
    assert from_xlsx == nominees
    assert [nominee.row for nominee in from_xlsx] == list(range(2, len(nominees) + 2))


def test_the_xlsx_has_the_usual_headers() -> None:
    raw = read_list(KHEN_THUONG / "danh_sach.xlsx")
    assert raw.headers == (
        "STT",
        "Họ và tên",
        "Cá nhân/Tập thể",
        "Chức vụ",
        "Đơn vị",
        "Hình thức khen thưởng",
        "Thành tích",
    )
    assert nominees_from_list(raw)[0].name == "Hội Khuyến học huyện Thuận Châu"


def test_enough_individuals_and_collectives(nominees: list[Nominee]) -> None:
    kinds = Counter(nominee.kind for nominee in nominees)
    assert kinds["individual"] >= 12
    assert kinds["collective"] >= 5
    collectives = [nominee.name for nominee in nominees if nominee.kind == "collective"]
    assert any(name.startswith("Hội Khuyến học huyện ") for name in collectives)
    assert any(name.startswith("Chi hội Khuyến học ") for name in collectives)
    assert any(name.startswith("Trung tâm học tập cộng đồng xã ") for name in collectives)


def test_forms_come_from_the_campaign_plan(nominees: list[Nominee]) -> None:
    # Kế hoạch 03/KH-HKH, III.2.2: Bằng khen (cấp tỉnh) and Giấy khen of the Hội Khuyến học.
    assert {nominee.form.key for nominee in nominees} == {
        "bang_khen_chu_tich_ubnd_tinh",
        "giay_khen_hoi_khuyen_hoc_tinh",
    }


def test_places_are_in_son_la(nominees: list[Nominee]) -> None:
    text = " ".join(f"{n.name} {n.unit} {n.position} {n.achievement}" for n in nominees)
    assert sum(place in text for place in PLACES) >= 10


def test_every_text_is_vietnamese_with_diacritics(nominees: list[Nominee]) -> None:
    for nominee in nominees:
        assert nominee.position or nominee.kind == "collective"
        for text in (nominee.name, nominee.unit, nominee.achievement):
            assert text, nominee.name
            assert unicodedata.is_normalized("NFC", text)
            assert not text.isascii(), text
        assert len(nominee.achievement) >= 80, nominee.name


def test_the_council_votes_show_the_threshold_rule(nominees: list[Nominee]) -> None:
    votes = read_council_votes(KHEN_THUONG / "votes.yaml", nominees)
    assert votes.members == 9
    assert [decision.nominee for decision in votes.decisions] == nominees
    below = [decision for decision in votes.decisions if not decision.meets_threshold]
    assert [decision.name for decision in below] == ["Lường Văn Chung", "Hà Văn Sơn"]
    assert all(decision.outcome is Outcome.NOT_APPROVED for decision in below)
    assert len(below) * 4 < len(votes.decisions)  # most pass
    [higher] = votes.with_outcome(Outcome.PROPOSED_HIGHER)
    assert higher.name == "Hội Khuyến học huyện Mai Sơn"
    assert higher.proposed_form is not None
    assert higher.proposed_form.name == "Bằng khen của Thủ tướng Chính phủ"


def test_the_rewards_of_the_approved_nominees_add_up(nominees: list[Nominee]) -> None:
    votes = read_council_votes(KHEN_THUONG / "votes.yaml", nominees)
    rewards = [
        reward_amount(decision.nominee.form, decision.nominee.kind)
        for decision in votes.with_outcome(Outcome.APPROVED)
        if isinstance(decision.nominee, Nominee)
    ]
    amounts = Counter(reward.amount for reward in rewards)
    # 2 collectives × Bằng khen (7.020.000), 3 collectives × Giấy khen (1.410.000),
    # 6 individuals × Bằng khen (3.510.000), 6 individuals × Giấy khen (710.000).
    assert amounts == {7_020_000: 2, 1_410_000: 3, 3_510_000: 6, 710_000: 6}
    assert total(rewards) == 43_590_000
    assert money_in_words(total(rewards)) == "Bốn mươi ba triệu năm trăm chín mươi nghìn đồng"
