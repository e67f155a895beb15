"""Batch printing of certificates: 500 in one run, a bad list, and the merged PDF."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from vanban.awards import InvalidListError, Nominee, default_coefficients
from vanban.docx.reading import document_lines
from vanban.errors import OutputError, ValidationError
from vanban.services.batch import (
    BatchService,
    certificate_data,
    position_and_unit,
    register_numbers,
)

FORM = "Giấy khen của Chủ tịch Hội Khuyến học tỉnh"
COMMON = {
    "so_quyet_dinh": "15/QĐ-HKH",
    "ngay_quyet_dinh": "2025-11-20",
    "dia_danh": "Sơn La",
    "chuc_vu_ky": "CHỦ TỊCH",
    "nguoi_ky": "Nguyễn Văn Bình",
    "thanh_tich": "Đã có thành tích xuất sắc trong phong trào khuyến học",
}


def write_list(path: Path, count: int, *, bad_rows: tuple[int, ...] = ()) -> list[str]:
    """Write a YAML nominee list of ``count`` people; entries in ``bad_rows`` lack a form."""
    names = [f"Nguyễn Thị Hồng {index:03d}" for index in range(1, count + 1)]
    rows = [
        {
            "ho_ten": name,
            "loai": "Cá nhân",
            "chuc_vu": "Hội viên",
            "don_vi": f"Chi hội bản {index % 37}",
            "hinh_thuc": "" if index in bad_rows else FORM,
        }
        for index, name in enumerate(names, start=1)
    ]
    path.write_text(yaml.safe_dump({"danh_sach": rows}, allow_unicode=True), encoding="utf-8")
    return names


def write_common(path: Path) -> Path:
    path.write_text(yaml.safe_dump(COMMON, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.slow
def test_five_hundred_certificates_in_one_run(tmp_path: Path) -> None:
    names = write_list(tmp_path / "ds.yaml", 500)
    common = write_common(tmp_path / "chung.yaml")
    out = tmp_path / "in"
    seen: list[int] = []
    started = time.perf_counter()
    result = BatchService().run(
        "giay_khen",
        tmp_path / "ds.yaml",
        out,
        common_path=common,
        jobs=2,
        progress=lambda done, total: seen.append(done),
    )
    elapsed = time.perf_counter() - started
    print(f"500 certificates in {elapsed:.1f} s")
    files = sorted(out.glob("*.docx"))
    assert len(files) == 500 == len(result.files)
    assert seen[-1] == 500
    assert files[0].name == "001-nguyen-thi-hong-001.docx"
    for path, name in zip(files, names, strict=True):
        assert name in document_lines(path.read_bytes())
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_bad_list_writes_nothing(tmp_path: Path) -> None:
    write_list(tmp_path / "ds.yaml", 30, bad_rows=(4, 17))
    out = tmp_path / "in"
    with pytest.raises(InvalidListError) as caught:
        BatchService().run("bang_khen", tmp_path / "ds.yaml", out)
    assert len(caught.value.rows) == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "ds.yaml"]


def test_missing_common_fields_are_refused_with_rows(tmp_path: Path) -> None:
    write_list(tmp_path / "ds.yaml", 3)
    out = tmp_path / "in"
    out.mkdir()
    with pytest.raises(ValidationError) as caught:
        BatchService().run("giay_khen", tmp_path / "ds.yaml", out, jobs=2)
    assert "dòng" in str(caught.value)
    assert list(out.iterdir()) == []


def test_a_folder_with_files_is_refused_unless_overwrite(tmp_path: Path) -> None:
    write_list(tmp_path / "ds.yaml", 3)
    out = tmp_path / "in"
    out.mkdir()
    (out / "ghi-chu.txt").write_text("x", encoding="utf-8")
    common = write_common(tmp_path / "chung.yaml")
    with pytest.raises(OutputError, match="không ghi đè"):
        BatchService().run("giay_khen", tmp_path / "ds.yaml", out, common_path=common)
    assert [p.name for p in out.iterdir()] == ["ghi-chu.txt"]
    BatchService().run("giay_khen", tmp_path / "ds.yaml", out, common_path=common, overwrite=True)
    assert len(list(out.glob("*.docx"))) == 3
    assert (out / "ghi-chu.txt").read_text(encoding="utf-8") == "x"


def test_an_empty_folder_receives_the_files(tmp_path: Path) -> None:
    write_list(tmp_path / "ds.yaml", 2)
    out = tmp_path / "in"
    out.mkdir()
    common = write_common(tmp_path / "chung.yaml")
    BatchService().run("giay_khen", tmp_path / "ds.yaml", out, common_path=common)
    assert len(list(out.glob("*.docx"))) == 2


@pytest.mark.pdf
def test_merge_writes_one_pdf_with_a_bookmark_each(tmp_path: Path, soffice: str) -> None:
    from pypdf import PdfReader

    from vanban.documents.pdf import LibreOfficeConverter

    names = write_list(tmp_path / "ds.yaml", 3)
    common = write_common(tmp_path / "chung.yaml")
    merged = tmp_path / "tat_ca.pdf"
    with LibreOfficeConverter(soffice) as converter:
        result = BatchService(converter=converter).run(
            "giay_khen", tmp_path / "ds.yaml", tmp_path / "in", common_path=common, merge=merged
        )
    assert result.merged == merged
    reader = PdfReader(merged)
    assert len(reader.pages) == 3
    titles = [item.title for item in reader.outline]  # type: ignore[union-attr]
    assert titles == [
        Path(p).stem for p in sorted(x.name for x in (tmp_path / "in").glob("*.docx"))
    ]
    assert names[0] in reader.pages[0].extract_text()


def test_a_bang_khen_row_is_refused_on_giay_khen_blanks(tmp_path: Path) -> None:
    write_list(tmp_path / "ds.yaml", 3)
    text = (tmp_path / "ds.yaml").read_text(encoding="utf-8")
    (tmp_path / "ds.yaml").write_text(
        text.replace(FORM, "Bằng khen của Chủ tịch UBND tỉnh Điện Biên", 1), encoding="utf-8"
    )
    out = tmp_path / "in"
    with pytest.raises(InvalidListError) as caught:
        BatchService().run("giay_khen", tmp_path / "ds.yaml", out, common_path=None)
    assert caught.value.rows == (2,)
    assert "Bằng khen của Chủ tịch UBND tỉnh Điện Biên" in str(caught.value)
    assert not out.exists()


def test_an_unknown_form_in_a_batch_names_the_known_forms(tmp_path: Path) -> None:
    write_list(tmp_path / "ds.yaml", 2)
    text = (tmp_path / "ds.yaml").read_text(encoding="utf-8")
    (tmp_path / "ds.yaml").write_text(
        text.replace(FORM, "Giấy khen của Chủ tịch Hội Khuyến học tỉn"), encoding="utf-8"
    )
    with pytest.raises(InvalidListError) as caught:
        BatchService().run("giay_khen", tmp_path / "ds.yaml", tmp_path / "in")
    assert "có phải “Giấy khen của Chủ tịch Hội Khuyến học tỉnh”" in str(caught.value)


def test_position_and_unit_read_as_one_phrase() -> None:
    assert (
        position_and_unit("Chủ tịch Hội Khuyến học xã", "Xã Chiềng Khương")
        == "Chủ tịch Hội Khuyến học xã Chiềng Khương"
    )
    assert position_and_unit("Giáo viên", "Xã Chiềng Khương") == "Giáo viên, xã Chiềng Khương"
    assert position_and_unit("", "Trường THCS Chiềng Khương") == "Trường THCS Chiềng Khương"


def test_certificates_print_the_standard_wording_not_the_lists_summary() -> None:
    nominee = Nominee(
        row=2,
        name="Bà Lò Thị Xuân",
        kind="individual",
        position="Hội viên",
        unit="Xã Chiềng Cơi",
        form=next(iter(default_coefficients())),
        achievement="Vận động 35 hộ gia đình đăng ký gia đình học tập, quyên góp 12 triệu đồng",
    )
    values = certificate_data(nominee, COMMON)
    assert values["thanh_tich"] == COMMON["thanh_tich"]
    assert values["don_vi"] == "Hội viên, xã Chiềng Cơi"
    without_common = {key: value for key, value in COMMON.items() if key != "thanh_tich"}
    assert certificate_data(nominee, without_common)["thanh_tich"] == nominee.achievement


def test_each_certificate_gets_its_own_register_number(tmp_path: Path) -> None:
    write_list(tmp_path / "ds.yaml", 3)
    common = write_common(tmp_path / "chung.yaml")
    with common.open("a", encoding="utf-8") as file:
        file.write('so_vao_so: "0098"\n')  # the first number; the others follow it
    result = BatchService().run(
        "giay_khen", tmp_path / "ds.yaml", tmp_path / "in", common_path=common
    )
    printed = [document_lines(path.read_bytes()) for path in result.files]
    assert [[line for line in lines if line.startswith("Số vào sổ")] for lines in printed] == [
        ["Số vào sổ: 0098"],
        ["Số vào sổ: 0099"],
        ["Số vào sổ: 0100"],
    ]
    other = BatchService().run(
        "giay_khen",
        tmp_path / "ds.yaml",
        tmp_path / "plain",
        common_path=write_common(tmp_path / "c.yaml"),
    )
    assert "Số vào sổ: 02/GK" in document_lines(other.files[1].read_bytes())


def test_register_numbers_follow_the_first_and_refuse_words() -> None:
    assert register_numbers("", 2, "BK") == ["01/BK", "02/BK"]
    assert register_numbers("09/GK", 2, "GK") == ["09/GK", "10/GK"]
    with pytest.raises(ValidationError, match="phải bắt đầu bằng chữ số"):
        register_numbers("GK-01", 1, "GK")


def test_the_sex_column_prints_ong_or_ba_and_nothing_is_guessed(tmp_path: Path) -> None:
    rows = [
        {"ho_ten": "Lò Văn Dũng", "gioi_tinh": "Nam"},
        {"ho_ten": "Lò Thị Xuân", "gioi_tinh": "nữ"},
        {"ho_ten": "Cầm Thị Hoa", "gioi_tinh": ""},
    ]
    listing = [
        {**row, "loai": "Cá nhân", "don_vi": "Chi hội bản Híp", "hinh_thuc": FORM} for row in rows
    ]
    (tmp_path / "ds.yaml").write_text(
        yaml.safe_dump({"danh_sach": listing}, allow_unicode=True), encoding="utf-8"
    )
    result = BatchService().run(
        "giay_khen",
        tmp_path / "ds.yaml",
        tmp_path / "in",
        common_path=write_common(tmp_path / "c.yaml"),
    )
    names = [document_lines(path.read_bytes())[0] for path in result.files]
    assert names == ["Ông Lò Văn Dũng", "Bà Lò Thị Xuân", "Cầm Thị Hoa"]


def test_a_wrong_sex_or_a_collectives_sex_is_refused_with_its_row(tmp_path: Path) -> None:
    listing = [
        {"ho_ten": "Lò Văn Dũng", "loai": "Cá nhân", "gioi_tinh": "M"},
        {"ho_ten": "Chi hội bản Híp", "loai": "Tập thể", "gioi_tinh": "Nam"},
    ]
    for row in listing:
        row.update({"don_vi": "Xã Thuận Châu", "hinh_thuc": FORM})
    (tmp_path / "ds.yaml").write_text(
        yaml.safe_dump({"danh_sach": listing}, allow_unicode=True), encoding="utf-8"
    )
    with pytest.raises(InvalidListError) as raised:
        BatchService().run("giay_khen", tmp_path / "ds.yaml", tmp_path / "in")
    text = raised.value.text("vi")
    assert "giới tính phải là “Nam” hoặc “Nữ”, không phải “M”" in text
    assert "tập thể không có giới tính" in text


_RUN_IN_A_FRESH_PROCESS = """
import datetime as dt, sys, threading
from pathlib import Path
from vanban.services import batch
if sys.argv[1] == "with-a-thread":
    threading.Thread(target=threading.Event().wait, daemon=True).start()
print(batch._start_method())
batch.BatchService().run(
    "giay_khen", Path(sys.argv[2]), Path(sys.argv[3]), common_path=Path(sys.argv[4]), jobs=2,
    today=dt.date(2025, 11, 20),
)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_workers_are_forked_only_from_a_one_thread_process_and_print_the_same(
    tmp_path: Path,
) -> None:
    write_list(tmp_path / "ds.yaml", 6)
    common = write_common(tmp_path / "chung.yaml")
    printed = {}
    for mode in ("one-thread", "with-a-thread"):
        out = tmp_path / mode
        argv = [str(tmp_path / "ds.yaml"), str(out), str(common)]
        command = [sys.executable, "-c", _RUN_IN_A_FRESH_PROCESS, mode, *argv]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        printed[mode] = (
            done.stdout.strip(),
            {path.name: path.read_bytes() for path in sorted(out.glob("*.docx"))},
        )
    assert printed["one-thread"][0] == "fork"
    assert printed["with-a-thread"][0] == "spawn"
    assert len(printed["one-thread"][1]) == 6
    assert printed["one-thread"][1] == printed["with-a-thread"][1]
