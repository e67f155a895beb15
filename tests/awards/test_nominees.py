"""Importing nominee lists: every bad row with its number, all at once, nothing returned."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.awards.shared import (
    BANG_KHEN,
    GIAY_KHEN,
    HEADER,
    write_csv,
    write_list,
    write_xlsx,
    write_yaml,
)
from vanban.awards import (
    DEFAULT_COLUMNS,
    InvalidListError,
    Nominee,
    default_coefficients,
    read_nominees,
)
from vanban.errors import ValidationError

GOOD_ROWS = [
    (1, "Hội Khuyến học huyện Thuận Châu", "Tập thể", "", "Huyện Thuận Châu", BANG_KHEN),
    (2, "Lò Văn Phương", "Cá nhân", "Chủ tịch Hội", "Hội Khuyến học huyện Thuận Châu", BANG_KHEN),
    (3, "Cầm Thị Hoa", "cá nhân", "Phó Chủ tịch Hội", "Hội Khuyến học huyện Mai Sơn", GIAY_KHEN),
]
KINDS = ["xlsx", "csv", "yaml"]
SPREADSHEETS = ["xlsx", "csv"]


def _errors(path: Path, **options: object) -> InvalidListError:
    with pytest.raises(InvalidListError) as caught:
        read_nominees(path, **options)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize("kind", KINDS)
def test_a_clean_list_imports(tmp_path: Path, kind: str) -> None:
    nominees = read_nominees(write_list(tmp_path, kind, HEADER, GOOD_ROWS))
    table = default_coefficients()
    assert nominees == [
        Nominee(
            "Hội Khuyến học huyện Thuận Châu",
            "collective",
            "Huyện Thuận Châu",
            table.get(BANG_KHEN),
        ),
        Nominee(
            "Lò Văn Phương",
            "individual",
            "Hội Khuyến học huyện Thuận Châu",
            table.get(BANG_KHEN),
            position="Chủ tịch Hội",
        ),
        Nominee(
            "Cầm Thị Hoa",
            "individual",
            "Hội Khuyến học huyện Mai Sơn",
            table.get(GIAY_KHEN),
            position="Phó Chủ tịch Hội",
        ),
    ]
    if kind != "yaml":
        assert [nominee.row for nominee in nominees] == [2, 3, 4]
    assert [nominee.kind_label for nominee in nominees] == ["Tập thể", "Cá nhân", "Cá nhân"]


def test_xlsx_csv_and_yaml_give_the_same_list(tmp_path: Path) -> None:
    header = (*HEADER, "Thành tích")
    rows = [
        (*row, f"Thành tích số {row[0]}: vận động 1.200 “Gia đình học tập”") for row in GOOD_ROWS
    ]
    lists = [
        read_nominees(write_xlsx(tmp_path / "a.xlsx", header, rows)),
        read_nominees(write_csv(tmp_path / "b.csv", header, rows)),
        read_nominees(write_csv(tmp_path / "c.csv", header, rows, bom=True)),
        read_nominees(write_csv(tmp_path / "d.csv", header, rows, delimiter=";")),
        read_nominees(write_yaml(tmp_path / "e.yaml", header, rows)),
    ]
    assert all(nominees == lists[0] for nominees in lists)
    assert lists[0][2].achievement.startswith("Thành tích số 3: vận động 1.200")


@pytest.mark.parametrize("kind", SPREADSHEETS)
def test_bad_rows_are_all_reported_with_their_spreadsheet_row(tmp_path: Path, kind: str) -> None:
    rows = [
        GOOD_ROWS[1],  # row 2
        (2, "", "Cá nhân", "Hội viên", "Xã Chiềng Pấc", BANG_KHEN),  # row 3: empty name
        (3, "Quàng Văn Bình", "Cá nhân", "", "Xã Chiềng Khương", "Bằng khen tinh"),  # row 4
        (4, " lò  văn phương ", "Cá nhân", "", "HỘI KHUYẾN HỌC HUYỆN THUẬN CHÂU", BANG_KHEN),
        GOOD_ROWS[2],  # row 6
    ]
    error = _errors(write_list(tmp_path, kind, HEADER, rows))
    assert error.rows == (3, 4, 5)
    vi = error.text("vi")
    assert vi.startswith(f"Danh sách “danh_sach.{kind}” có 3 lỗi")
    assert "dòng 3: thiếu họ và tên" in vi
    assert "dòng 4: không có hình thức khen thưởng “Bằng khen tinh” trong bảng hệ số" in vi
    assert "có phải “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh”?" in vi
    assert "dòng 5: “lò văn phương” (HỘI KHUYẾN HỌC HUYỆN THUẬN CHÂU) trùng với dòng 2" in vi
    assert "Các hình thức khen thưởng đã biết: Bằng khen của Thủ tướng Chính phủ;" in vi
    en = error.text("en")
    assert "row 3: the name is empty" in en
    assert "row 5: “lò văn phương” (HỘI KHUYẾN HỌC HUYỆN THUẬN CHÂU) repeats row 2" in en
    assert isinstance(error, ValidationError)


@pytest.mark.parametrize("kind", SPREADSHEETS)
def test_a_missing_column_is_reported_on_row_one(tmp_path: Path, kind: str) -> None:
    header = HEADER[:-1]  # no "Hình thức khen thưởng"
    rows = [row[:-1] for row in GOOD_ROWS]
    error = _errors(write_list(tmp_path, kind, header, rows))
    assert error.rows == (1,)
    assert "dòng 1: thiếu cột hình thức khen thưởng" in error.text("vi")
    assert "Hình thức khen thưởng, Hình thức" in error.text("vi")


@pytest.mark.parametrize("kind", SPREADSHEETS)
def test_a_missing_column_and_bad_rows_come_together(tmp_path: Path, kind: str) -> None:
    header = ("Họ và tên", "Cá nhân/Tập thể", "Hình thức khen thưởng")  # no "Đơn vị"
    rows = [("Lò Văn Phương", "Cá nhân", BANG_KHEN), ("Cầm Thị Hoa", "Cá nhân", "Giấy khen")]
    error = _errors(write_list(tmp_path, kind, header, rows))
    assert error.rows == (1, 3)
    assert "dòng 1: thiếu cột đơn vị" in error.text("vi")


@pytest.mark.parametrize(
    ("row", "says"),
    [
        (("Lò Văn Phương", "Ông", "", "Đơn vị A", BANG_KHEN), "không phải “Ông”"),
        (("Lò Văn Phương", "", "", "Đơn vị A", BANG_KHEN), "(đang để trống)"),
        (("Lò Văn Phương", "Cá nhân", "", "", BANG_KHEN), "chưa ghi đơn vị công tác"),
        (("Lò Văn Phương", "Cá nhân", "", "Đơn vị A", ""), "chưa ghi hình thức khen thưởng"),
        (
            ("Lò Văn Phương", "Cá nhân", "", "Đơn vị A", "Cờ thi đua cấp tỉnh"),
            "“Cờ thi đua của Ủy ban nhân dân tỉnh” chỉ tặng cho tập thể, không tặng cho cá nhân",
        ),
        (
            ("Bản Nà Sản", "Tập thể", "", "Xã Hát Lót", "Lao động tiên tiến"),
            "chỉ tặng cho cá nhân, không tặng cho tập thể",
        ),
        (("", "Tập thể", "", "Xã Hát Lót", GIAY_KHEN), "thiếu tên tập thể"),
    ],
)
def test_each_kind_of_bad_row(tmp_path: Path, row: tuple[str, ...], says: str) -> None:
    error = _errors(write_xlsx(tmp_path / "a.xlsx", HEADER[1:], [GOOD_ROWS[1][1:], row]))
    assert error.rows == (3,)
    assert says in error.text("vi")


def test_a_collective_needs_no_unit(tmp_path: Path) -> None:
    rows = [("Chi hội Khuyến học bản Nà Sản", "Tập thể", "", "", GIAY_KHEN)]
    [nominee] = read_nominees(write_xlsx(tmp_path / "a.xlsx", HEADER[1:], rows))
    assert (nominee.kind, nominee.unit) == ("collective", "")


def test_names_are_nfc_trimmed_and_spaces_folded(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Lò  Văn\u00a0 Phương ")
    rows = [
        (decomposed, "CÁ NHÂN", "  Chủ tịch\nHội ", "Hội Khuyến học\thuyện Thuận Châu", BANG_KHEN)
    ]
    [nominee] = read_nominees(write_xlsx(tmp_path / "a.xlsx", HEADER[1:], rows))
    assert nominee.name == "Lò Văn Phương"
    assert unicodedata.is_normalized("NFC", nominee.name)
    assert nominee.position == "Chủ tịch Hội"
    assert nominee.unit == "Hội Khuyến học huyện Thuận Châu"


def test_the_same_name_in_another_unit_is_another_person(tmp_path: Path) -> None:
    rows = [
        ("Lò Thị Hương", "Cá nhân", "", "Phường Chiềng Lề", BANG_KHEN),
        ("Lò Thị Hương", "Cá nhân", "", "Xã Chiềng Ngần", BANG_KHEN),
    ]
    assert len(read_nominees(write_xlsx(tmp_path / "a.xlsx", HEADER[1:], rows))) == 2


def test_a_duplicate_is_found_across_nfd_and_case(tmp_path: Path) -> None:
    rows = [
        ("Lò Thị Hương", "Cá nhân", "", "Phường Chiềng Lề", BANG_KHEN),
        (
            unicodedata.normalize("NFD", "LÒ THỊ HƯƠNG"),
            "Cá nhân",
            "",
            "phường chiềng lề",
            GIAY_KHEN,
        ),
    ]
    error = _errors(write_xlsx(tmp_path / "a.xlsx", HEADER[1:], rows))
    assert error.rows == (3,)
    assert "trùng với dòng 2" in error.text("vi")


def test_blank_rows_are_skipped_but_keep_the_numbering(tmp_path: Path) -> None:
    rows = [GOOD_ROWS[1], ("", "", "", "", "", ""), (None,) * 6, GOOD_ROWS[2]]
    nominees = read_nominees(write_xlsx(tmp_path / "a.xlsx", HEADER, rows))
    assert [nominee.row for nominee in nominees] == [2, 5]


def test_yaml_rows_are_numbered_by_line(tmp_path: Path) -> None:
    path = tmp_path / "danh_sach.yaml"
    path.write_text(
        "danh_sach:\n"
        "  - ho_ten: Lò Văn Phương\n"  # line 2
        "    loai: Cá nhân\n"
        "    don_vi: Hội Khuyến học huyện Thuận Châu\n"
        f"    hinh_thuc: {BANG_KHEN}\n"
        "  - ho_ten: Cầm Thị Hoa\n"  # line 6: no hinh_thuc
        "    loai: Cá nhân\n"
        "    don_vi: Hội Khuyến học huyện Mai Sơn\n"
        "  - ho_ten: [Quàng, Văn, Bình]\n"  # line 9: a list, not text
        "    loai: Cá nhân\n"
        "    loai: Tập thể\n"
        "    don_vi: Xã Chiềng Khương\n"
        f"    hinh_thuc: {GIAY_KHEN}\n",
        encoding="utf-8",
    )
    error = _errors(path)
    assert error.rows == (6, 9)
    vi, en = error.text("vi"), error.text("en")
    assert "dòng 6: thiếu khóa hình thức khen thưởng" in vi
    assert "dòng 9: “ho_ten” phải là một đoạn chữ" in vi
    assert "dòng 9: khóa “loai” xuất hiện hai lần (lần đầu ở dòng 10)" in vi
    assert "line 6: the award form key is missing" in en
    assert "line 9: the name is empty" in en  # the list gave no usable name
    assert len(error.problems) == 4


@pytest.mark.parametrize(
    "text",
    ["ho_ten: Lò Văn Phương\n", "danh_sach: Lò Văn Phương\n", "- Lò Văn Phương\n"],
)
def test_yaml_that_is_not_a_list_of_items(tmp_path: Path, text: str) -> None:
    path = tmp_path / "danh_sach.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match=r"danh_sach|mỗi mục"):
        read_nominees(path)


def test_the_column_mapping_can_be_overridden(tmp_path: Path) -> None:
    header = ("Tên", "Đối tượng khen", "Nơi công tác", "Khen thưởng")
    rows = [("Lò Văn Phương", "Cá nhân", "Hội Khuyến học huyện Thuận Châu", BANG_KHEN)]
    path = write_xlsx(tmp_path / "a.xlsx", header, rows)
    with pytest.raises(InvalidListError):
        read_nominees(path)
    columns = {
        **DEFAULT_COLUMNS,
        "Tên": "name",
        "Đối tượng khen": "kind",
        "Nơi công tác": "unit",
        "Khen thưởng": "form",
    }
    [nominee] = read_nominees(path, columns=columns)
    assert (nominee.name, nominee.unit) == ("Lò Văn Phương", "Hội Khuyến học huyện Thuận Châu")


def test_a_custom_mapping_names_its_own_headers_when_one_is_missing(tmp_path: Path) -> None:
    columns = {"Tên": "name", "Loại": "kind", "Nơi công tác": "unit", "Khen thưởng": "form"}
    path = write_xlsx(tmp_path / "a.xlsx", ("Tên", "Loại", "Nơi công tác"), [("A", "Tập thể", "")])
    error = _errors(path, columns=columns)
    assert "thiếu cột hình thức khen thưởng (tên cột có thể là: Khen thưởng)" in error.text("vi")


@pytest.mark.parametrize(
    ("columns", "says"),
    [
        ({"Họ và tên": "ho_ten", "Loại": "kind", "Đơn vị": "unit", "Hình thức": "form"}, "ho_ten"),
        ({"Họ và tên": "name", "Loại": "kind", "Đơn vị": "unit"}, "chưa có cột nào cho form"),
    ],
)
def test_a_mapping_to_unknown_or_without_required_fields_is_refused(
    tmp_path: Path, columns: dict[str, str], says: str
) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", HEADER, GOOD_ROWS)
    with pytest.raises(ValidationError, match=says):
        read_nominees(path, columns=columns)


def test_two_columns_for_one_field(tmp_path: Path) -> None:
    header = (*HEADER, "Tên tập thể")
    rows = [(*GOOD_ROWS[1], "")]
    error = _errors(write_xlsx(tmp_path / "a.xlsx", header, rows))
    assert error.rows == (1,)
    assert "cột “Họ và tên” và cột “Tên tập thể” cùng là họ và tên" in error.text("vi")


def test_size_limits(tmp_path: Path) -> None:
    path = write_list(tmp_path, "xlsx", HEADER, GOOD_ROWS)
    with pytest.raises(ValidationError, match="quá lớn"):
        read_nominees(path, max_bytes=1000)
    with pytest.raises(ValidationError, match="hơn 2 dòng"):
        read_nominees(path, max_rows=2)
    assert len(read_nominees(path, max_rows=3)) == 3
    garbage = tmp_path / "to.xlsx"
    garbage.write_bytes(b"\0" * 2000)
    # Refused for its size before anything tries to open it.
    with pytest.raises(ValidationError, match="quá lớn"):
        read_nominees(garbage, max_bytes=1000)


@pytest.mark.parametrize("kind", ["csv", "yaml"])
def test_row_limit_for_text_lists(tmp_path: Path, kind: str) -> None:
    with pytest.raises(ValidationError, match="hơn 2 dòng"):
        read_nominees(write_list(tmp_path, kind, HEADER, GOOD_ROWS), max_rows=2)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("danh_sach.xls", b"\xd0\xcf\x11\xe0", "lưu lại dưới dạng .xlsx"),
        ("danh_sach.xlsx", b"not a zip", "không đọc được “danh_sach.xlsx” như một tệp Excel"),
        ("danh_sach.csv", "Tên,Đơn vi\n".encode("cp1258"), "không phải văn bản UTF-8"),
        ("danh_sach.csv", b"", "dòng 1 phải là tên các cột"),
        ("danh_sach.csv", "\n,,\nLò Văn Phương\n".encode(), "dòng 1 phải là tên các cột"),
        ("danh_sach.yaml", b"danh_sach: [\n", "không đọc được YAML"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ValidationError) as caught:
        read_nominees(path)
    assert says.casefold() in caught.value.text("vi").casefold()


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="Không tìm thấy danh sách"):
        read_nominees(tmp_path / "khong_co.xlsx")


def test_a_list_with_only_a_header_is_empty(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="không có ai"):
        read_nominees(write_xlsx(tmp_path / "a.xlsx", HEADER, []))


def test_a_named_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", HEADER, GOOD_ROWS)
    with pytest.raises(ValidationError, match="không có trang tính “Cá nhân”"):
        read_nominees(path, sheet="Cá nhân")
    assert len(read_nominees(path, sheet="Sheet")) == 3


def test_five_hundred_generated_nominees(tmp_path: Path) -> None:
    forms = [BANG_KHEN, GIAY_KHEN, "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"]
    rows = [
        (
            number,
            f"Hội viên số {number}",
            "Cá nhân",
            "Hội viên",
            f"Chi hội Khuyến học bản {number % 37}",
            forms[number % len(forms)],
        )
        for number in range(1, 501)
    ]
    for kind in KINDS:
        nominees = read_nominees(write_list(tmp_path, kind, HEADER, rows))
        assert len(nominees) == 500
        assert nominees[499].name == "Hội viên số 500"
        assert nominees[499].form.key == "bang_khen_chu_tich_ubnd_tinh"  # 500 % 4 == 0
        assert nominees[498].form.key == "chien_si_thi_dua_co_so"
        assert {nominee.key for nominee in nominees} == {
            (f"hội viên số {n}", f"chi hội khuyến học bản {n % 37}") for n in range(1, 501)
        }
