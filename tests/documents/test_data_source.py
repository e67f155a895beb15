from __future__ import annotations

from pathlib import Path

import pytest

from vanban.documents import load_document_data, parse_document_data
from vanban.errors import ValidationError


def test_lines_are_recorded_for_nested_keys() -> None:
    data = parse_document_data("a: 1\nb:\n  - x\n  - c: 2\n", "f.yaml")
    assert data.line_of(("b", 1, "c")) == 4
    assert data.where(("b", 0)) == "f.yaml, dòng 3"


def test_control_characters_become_spaces() -> None:
    data = parse_document_data('a: "x\\ty\\fz\\u0007"\nb: "một\\ndòng"\n', "f.yaml")
    assert data.values == {"a": "x y z", "b": "một\ndòng"}


def test_duplicate_key_is_an_error_with_line() -> None:
    with pytest.raises(ValidationError, match=r"dòng 2 \(a\): khóa “a” xuất hiện hai lần"):
        parse_document_data("a: 1\na: 2\n", "f.yaml")


def test_invalid_yaml_names_line() -> None:
    with pytest.raises(ValidationError, match=r"f.yaml, dòng \d+: không đọc được YAML"):
        parse_document_data("a: [1, 2\nb: 3\n", "f.yaml")


def test_top_level_must_be_a_mapping() -> None:
    with pytest.raises(ValidationError, match="bảng khóa"):
        parse_document_data("- a\n- b\n", "f.yaml")


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="Không tìm thấy tệp dữ liệu"):
        load_document_data(tmp_path / "khong_co.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("a: Hà Nội".encode("cp1258", errors="replace") + b"\xff")
    with pytest.raises(ValidationError, match="UTF-8"):
        load_document_data(latin)
