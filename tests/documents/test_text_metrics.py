from __future__ import annotations

import pytest

from vanban.documents.text_metrics import (
    longest_line_pt,
    text_units,
    text_width_pt,
    widest_units,
)


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


@pytest.mark.parametrize("bold", [False, True])
def test_the_widest_text_is_the_one_text_units_measures_widest(bold: bool) -> None:
    texts = ["", "1", "1.234", "Trung tâm học tập cộng đồng", "WWW", "ĐỘC LẬP\u00a0…", "ǅ"]
    assert widest_units(texts, bold=bold) == max(text_units(text, bold=bold) for text in texts)
    assert widest_units(texts, bold=bold) == text_units("Trung tâm học tập cộng đồng", bold=bold)
    assert widest_units([], bold=bold) == 0
