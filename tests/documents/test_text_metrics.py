from __future__ import annotations

import pytest

from vanban.documents.text_metrics import longest_line_pt, text_width_pt


def test_accented_letters_are_as_wide_as_their_base() -> None:
    assert text_width_pt("ĐỘC LẬP", 13, bold=True) == text_width_pt("DOC LAP", 13, bold=True)


def test_quoc_hieu_fits_the_header_column() -> None:
    # 88 mm at 12 pt bold: it must fit the right header column (≈ 94 mm of text) on one line.
    width_mm = text_width_pt("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True) * 25.4 / 72
    assert width_mm == pytest.approx(88.3, abs=0.5)


def test_longest_line_is_capped_by_the_space() -> None:
    assert longest_line_pt("A" * 500, 14, bold=True, available_pt=400) == 400
    short = longest_line_pt("HỘI KHUYẾN HỌC\nTỈNH SƠN LA", 12, bold=True, available_pt=400)
    assert short == text_width_pt("HỘI KHUYẾN HỌC", 12, bold=True)
