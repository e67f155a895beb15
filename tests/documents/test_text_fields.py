"""Text fields are text: what YAML would change is kept as typed, or refused with the fix."""

from __future__ import annotations

import pytest

from vanban.documents import TemplateCatalogue, parse_document_data
from vanban.documents.validation import validate
from vanban.errors import ValidationError

GOOD = """\
co_quan: HỘI KHUYẾN HỌC TỈNH SƠN LA
ky_hieu_co_quan: HKH
dia_danh: Sơn La
trich_yeu: Kế hoạch thử
noi_dung:
  - tieu_de: Mục đích
    doan:
      - Một đoạn.
ky: {thay_mat: HỘI KHUYẾN HỌC TỈNH, chuc_vu: CHỦ TỊCH, ho_ten: Mai Thu Hương}
"""


def _validate(text: str) -> dict[str, object]:
    spec = TemplateCatalogue().get("ke_hoach")
    return validate(spec, parse_document_data(text, "du_lieu.yaml"))


def _error(text: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        _validate(text)
    return caught.value


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("010", "010"),
        ("true", "true"),
        ("yes", "yes"),
        ("1.50", "1.50"),
        ("2024-01-29", "2024-01-29"),
        ("14:00", "14:00"),
        ("1e5", "1e5"),
    ],
)
def test_a_text_field_keeps_what_was_typed(written: str, kept: str) -> None:
    assert _validate(GOOD.replace("Kế hoạch thử", written))["trich_yeu"] == kept


def test_so_010_is_ten_never_eight() -> None:
    values = _validate(GOOD + "so: 010\nngay: 2024-01-29\n")
    assert values["so"] == 10


@pytest.mark.parametrize(
    "line",
    [
        "co_quan: ỦY BAN NHÂN DÂN\\nXÃ AN BÌNH",
        "co_quan: 'ỦY BAN NHÂN DÂN\\nXÃ AN BÌNH'",
        'co_quan: "ỦY BAN NHÂN DÂN\\nXÃ AN BÌNH"',
        "co_quan: |-\n  ỦY BAN NHÂN DÂN\n  XÃ AN BÌNH",
    ],
)
def test_backslash_n_breaks_the_line_quoted_or_not(line: str) -> None:
    text = GOOD.replace("co_quan: HỘI KHUYẾN HỌC TỈNH SƠN LA", line)
    assert _validate(text)["co_quan"] == "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH"


def test_a_sentence_cut_at_commas_is_refused_with_the_fix() -> None:
    text = GOOD.replace(
        "doan:\n      - Một đoạn.",
        "doan: [Chủ trì, phối hợp với các ngành, vận động nhân dân tham gia]",
    )
    message = _error(text).text()
    assert "du_lieu.yaml, dòng 7 (noi_dung[1].doan)" in message
    assert "[Chủ trì, phối hợp với các ngành, vận động nhân dân tham gia]" in message
    assert "cắt thành 3 đoạn ở dấu phẩy" in message
    assert "đặt trong dấu nháy" in message
    assert "put it in quotes" in _error(text).text("en")


@pytest.mark.parametrize(
    "flow",
    [
        '["Chủ trì, phối hợp với các ngành"]',  # quoted: one paragraph, as meant
        "[Một đoạn., Hai đoạn.]",  # each item starts a sentence
        "[VP, VT]",
    ],
)
def test_a_flow_list_that_is_really_a_list_is_fine(flow: str) -> None:
    text = GOOD.replace("doan:\n      - Một đoạn.", f"doan: {flow}")
    _validate(text)


def test_a_colon_in_a_paragraph_item_says_to_quote_it() -> None:
    text = GOOD.replace("doan:\n      - Một đoạn.", "doan: [Phần lễ: dâng hương]")
    message = _error(text).text()
    assert "“Phần lễ: dâng hương”" in message
    assert "dấu hai chấm" in message
    assert "đặt đoạn văn trong dấu nháy" in message


def test_a_colon_in_a_line_is_refused_by_the_reader_with_the_line() -> None:
    text = GOOD + "mo_dau: Hội xây dựng Kế hoạch như sau:\n"
    message = _error(text).text()
    assert "du_lieu.yaml, dòng 10" in message
    assert "đặt đoạn văn trong dấu nháy" in message
    assert "“mo_dau: Hội xây dựng Kế hoạch như sau:”" in message


def test_a_list_where_text_belongs_is_named() -> None:
    message = _error(GOOD.replace("trich_yeu: Kế hoạch thử", "trich_yeu: [a, b]")).text()
    assert "không phải danh sách" in message


def test_a_bad_date_is_echoed_without_a_second_error() -> None:
    message = _error(GOOD + "so: 3\nngay: 2024-02-30\n").text()
    assert "không phải “2024-02-30”" in message
    assert "phải có ngày ban hành" not in message
    assert message.count("\n") == 0  # one problem, one sentence pair


def test_a_number_without_a_date_still_needs_the_date() -> None:
    assert "phải có ngày ban hành" in _error(GOOD + "so: 3\n").text()


def test_a_long_value_is_echoed_capped() -> None:
    message = _error(GOOD + "so: " + "x" * 5000 + "\n").text()
    assert "x" * 70 in message
    assert len(message) < 400
