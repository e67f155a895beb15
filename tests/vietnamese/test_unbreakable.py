"""Names, numbers and dates kept on one line with non-breaking spaces and hyphens."""

from __future__ import annotations

import pytest

from vanban.vietnamese.unbreakable import NB_HYPHEN, NBSP, keep_name_together, keep_together


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HỘI KHUYẾN HỌC TỈNH SƠN LA", f"HỘI KHUYẾN HỌC TỈNH{NBSP}SƠN{NBSP}LA"),
        ("HỘI KHUYẾN HỌC\nTỈNH SƠN LA", f"HỘI KHUYẾN HỌC\nTỈNH{NBSP}SƠN{NBSP}LA"),
        ("trên địa bàn tỉnh Sơn La.", f"trên địa bàn tỉnh{NBSP}Sơn{NBSP}La."),
        ("UBND THÀNH PHỐ HỒ CHÍ MINH", f"UBND THÀNH{NBSP}PHỐ{NBSP}HỒ{NBSP}CHÍ{NBSP}MINH"),
        ("Xã Chiềng Khương, huyện Sông Mã", f"Xã{NBSP}Chiềng{NBSP}Khương, huyện{NBSP}Sông{NBSP}Mã"),
        ("Số 03/KH-HKH", f"Số{NBSP}03/KH{NB_HYPHEN}HKH"),
        ("ngày 15 tháng 12 năm 2023", f"ngày{NBSP}15 tháng{NBSP}12 năm{NBSP}2023"),
        ("giai đoạn 2021-2030", f"giai đoạn 2021{NB_HYPHEN}2030"),
        ("giai đoạn 2021- 2030", f"giai đoạn 2021{NB_HYPHEN}{NBSP}2030"),
    ],
)
def test_units_are_joined(text: str, expected: str) -> None:
    assert keep_together(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "xây dựng xã hội học tập",  # "xã hội" is society, not a commune
        "XÂY DỰNG XÃ HỘI HỌC TẬP",
        "các tỉnh miền núi",  # no place name follows
        "số lượng lớn",
        "điểm 2 - 3",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert keep_together(text) == text


def test_a_name_is_one_unit() -> None:
    assert keep_name_together(" Mai Thu  Hương ") == f"Mai{NBSP}Thu{NBSP}Hương"
