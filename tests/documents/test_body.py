from __future__ import annotations

from typing import Any

import pytest

from vanban.documents.body import BodyParagraph, ensure_body_end, flatten_body


def _texts(paragraphs: list[BodyParagraph]) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in paragraphs]


def test_default_numbering_roman_arabic_letters() -> None:
    tree: list[dict[str, Any]] = [
        {
            "tieu_de": "mục đích, yêu cầu",
            "muc": [
                {"tieu_de": "Mục đích", "muc": [{"doan": ["Một."]}, {"doan": ["Hai."]}]},
                {"tieu_de": "Yêu cầu", "doan": ["Đoạn."]},
            ],
        },
        {"tieu_de": "Nội dung", "doan": ["Mở."], "muc": [{"doan": ["Việc."]}], "sau": ["Sau."]},
    ]
    assert _texts(flatten_body(["Mở đầu."], tree, ["Kết thúc."])) == [
        ("doan", "Mở đầu."),
        ("de_muc", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("de_muc", "1. Mục đích"),
        ("doan", "a) Một."),
        ("doan", "b) Hai."),
        ("de_muc", "2. Yêu cầu"),
        ("doan", "Đoạn."),
        ("de_muc", "II. NỘI DUNG"),
        ("doan", "Mở."),
        ("doan", "1. Việc."),
        ("doan", "Sau."),
        ("doan", "Kết thúc./."),
    ]


def test_decimal_numbering_follows_parent() -> None:
    tree = [
        {
            "tieu_de": "A",
            "muc": [
                {"tieu_de": "B", "muc": [{"doan": ["x"]}, {"doan": ["y"]}]},
                {"tieu_de": "C", "muc": [{"doan": ["z"]}]},
            ],
        }
    ]
    texts = [p.text for p in flatten_body([], tree, [], ["I", "1", "1.1"])]
    assert texts == ["I. A", "1. B", "1.1. x", "1.2. y", "2. C", "2.1. z./."]


def test_parts_print_ordinal_and_title() -> None:
    tree = [{"tieu_de": "Kết quả", "doan": ["x"]}, {"tieu_de": "Khó khăn", "doan": ["y"]}]
    assert _texts(flatten_body([], tree, [], ["phan", "1"])) == [
        ("phan", "Phần thứ nhất"),
        ("phan_tieu_de", "KẾT QUẢ"),
        ("doan", "x"),
        ("phan", "Phần thứ hai"),
        ("phan_tieu_de", "KHÓ KHĂN"),
        ("doan", "y./."),
    ]


def test_point_letters_skip_f_and_use_dd() -> None:
    tree = [
        {"tieu_de": "A", "muc": [{"tieu_de": "B", "muc": [{"doan": [str(i)]} for i in range(7)]}]}
    ]
    letters = [p.text.split(")")[0] for p in flatten_body([], tree, [])][2:]
    assert letters == ["a", "b", "c", "d", "đ", "e", "g"]


def test_child_override_and_dash_items() -> None:
    tree = [{"tieu_de": "A", "danh_so_con": "-", "muc": [{"doan": ["x"]}, {"doan": ["y"]}]}]
    assert [p.text for p in flatten_body([], tree, [])] == ["I. A", "- x", "- y./."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Xong.", "Xong./."), ("Xong./.", "Xong./."), ("Xong", "Xong./."), ("Xong;", "Xong./.")],
    ids=["full-stop", "already", "bare", "semicolon"],
)
def test_body_ends_with_mark(text: str, expected: str) -> None:
    assert ensure_body_end(text) == expected


def test_each_level_has_one_heading_look_and_text_keeps_its_number_upright() -> None:
    tree = [
        {
            "tieu_de": "Nội dung",
            "muc": [
                {
                    "tieu_de": "Tuyên truyền",
                    "muc": [
                        {
                            "tieu_de": "Hội nghị",
                            "muc": [{"tieu_de": "Cấp tỉnh"}, {"doan": ["Xã."]}],
                        },
                        {"doan": ["*Cả câu nghiêng.*"]},
                    ],
                },
            ],
        },
    ]
    kinds = [
        (item.kind, item.text) for item in flatten_body([], tree, ["Hết."], ["I", "1", "1.1", "a"])
    ]
    assert kinds == [
        ("de_muc", "I. NỘI DUNG"),
        ("de_muc", "1. Tuyên truyền"),
        ("de_muc_dam_nghieng", "1.1. Hội nghị"),
        ("de_muc_nghieng", "a) Cấp tỉnh"),
        ("doan", "b) Xã."),
        ("doan", "1.2. *Cả câu nghiêng.*"),
        ("doan", "Hết./."),
    ]


def test_an_article_number_is_bold_with_or_without_a_title() -> None:
    tree: list[dict[str, Any]] = [
        {"doan": ["Thành lập Ban Tổ chức."]},
        {"tieu_de": "Nhiệm vụ", "doan": ["Xây dựng."]},
    ]
    kinds = [(item.kind, item.text) for item in flatten_body([], tree, [], ["dieu", "1"])]
    assert kinds == [
        ("doan", "**Điều 1.** Thành lập Ban Tổ chức."),
        ("de_muc", "Điều 2. Nhiệm vụ"),
        ("doan", "Xây dựng./."),
    ]
