"""The one YAML reader: YAML 1.2 values, duplicate keys, and every limit refused in a sentence."""

from __future__ import annotations

import time

import pytest

from vanban.datafile import UnreadableYaml, plain, read_yaml
from vanban.datafile.yaml_reader import MAX_DEPTH

# The 342-byte "billion laughs": nine levels of nine aliases, 9**9 strings once expanded.
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{child}: &{child} [{','.join([f'*{parent}'] * 9)}]\n"
    for parent, child in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("010", 10),  # YAML 1.1 made this the octal 8
        ("0o10", 8),
        ("0x1F", 31),
        ("yes", "yes"),  # YAML 1.1 made yes/no/on/off booleans
        ("No", "No"),
        ("off", "off"),
        ("true", True),
        ("14:00", "14:00"),  # YAML 1.1 made this the base-60 number 840
        ("2024-01-29", "2024-01-29"),  # dates stay text; the field decides what they mean
        ("~", None),
        ("", None),
        ("1.5", 1.5),
        ("1e999", "1e999"),  # not a finite number: kept as written
        ("'010'", "010"),
        ('"a\\nb"', "a\nb"),
    ],
)
def test_plain_scalars_follow_yaml_1_2(written: str, value: object) -> None:
    document = read_yaml(f"x: {written}\n", "a.yaml")
    assert plain(document.root) == {"x": value}
    assert type(plain(document.root)["x"]) is type(value)


def test_raw_text_line_and_style_are_kept() -> None:
    root = read_yaml("a: 1\nb:\n  - '010'\n  - [x, y]\n", "a.yaml").root
    assert root is not None
    item = root.value["b"].value[0]
    assert (item.raw, item.style, item.line, item.key_path) == ("010", "'", 3, ("b", 0))
    assert root.value["a"].raw == "1"
    assert root.value["b"].value[1].flow is True
    assert root.value["b"].value[1].path == "b[2]"


def test_duplicate_keys_are_problems_and_the_first_value_is_kept() -> None:
    document = read_yaml("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n", "a.yaml")
    assert plain(document.root) == {"a": 1, "b": {"c": 2}}
    texts = [problem.text() for problem in document.problems]
    assert texts == [
        "a.yaml, dòng 4 (b.c): khóa “c” xuất hiện hai lần (lần đầu ở dòng 3); hãy giữ lại một",
        "a.yaml, dòng 5 (a): khóa “a” xuất hiện hai lần (lần đầu ở dòng 1); hãy giữ lại một",
    ]


def test_text_is_nfc() -> None:
    document = read_yaml("ten: Ho\u0300a\n", "a.yaml")
    assert plain(document.root) == {"ten": "Hòa"}


def _refusal(text: str) -> UnreadableYaml:
    started = time.perf_counter()
    with pytest.raises(UnreadableYaml) as caught:
        read_yaml(text, "x.yaml")
    # A refusal is immediate; the bomb would otherwise grow without end.
    assert time.perf_counter() - started < 5
    return caught.value


def test_alias_bomb_is_refused_in_one_sentence() -> None:
    assert len(ALIAS_BOMB) == 342
    error = _refusal(ALIAS_BOMB)
    assert "bí danh" in error.text()
    assert "aliases" in error.text("en")
    assert error.text().count(".") <= 4  # the number is written 490.329.064


def test_a_few_honest_aliases_are_fine() -> None:
    document = read_yaml("a: &cols [x, y]\nb: *cols\n", "a.yaml")
    assert plain(document.root) == {"a": ["x", "y"], "b": ["x", "y"]}


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_deep_nesting_is_refused(opener: str) -> None:
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    if opener == "- ":
        text = "".join("  " * level + "-\n" for level in range(900))
    else:
        text = "x: " + opener * 900 + "1" + closer * 900 + "\n"
    error = _refusal(text)
    assert f"quá {MAX_DEPTH} cấp" in error.text()


def test_huge_numbers_are_refused_not_a_traceback() -> None:
    error = _refusal("so: " + "9" * 5000 + "\n")
    assert "30 chữ số" in error.text()
    assert len(error.text()) < 300


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: !!python/object/apply:os.system [ls]\n", "không được hỗ trợ"),
        ("a: !!binary aGk=\n", "không được hỗ trợ"),
        ("a: !!int abc\n", "!!int"),
    ],
)
def test_tags_beyond_plain_yaml_are_refused(text: str, words: str) -> None:
    assert words in _refusal(text).text()


def test_colon_in_text_says_to_quote_it_and_shows_the_line() -> None:
    error = _refusal("trich_yeu: Kế hoạch\nmo_dau: Hội xây dựng Kế hoạch như sau: a\n")
    assert "x.yaml, dòng 2" in error.text()
    assert "đặt đoạn văn trong dấu nháy" in error.text()
    assert "“mo_dau: Hội xây dựng Kế hoạch như sau: a”" in error.text()
    assert "put the text in quotes" in error.text("en")


def test_tab_indentation_is_named() -> None:
    assert "Tab" in _refusal("a:\n\tb: 1\n").text()
