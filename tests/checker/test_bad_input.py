"""Files that are not safe, readable .docx give a clear message and exit 1, quickly."""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.checker.corpus import PLAN, rendered
from tests.conftest import CliResult
from tests.docx.repack import repack

Run = Callable[..., CliResult]
_EXTERNAL = (
    b'<Relationship Id="rX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/attachedTemplate" Target="http://example.invalid/t.dotm" '
    b'TargetMode="External"/></Relationships>'
)


def _repack(extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> bytes:
    return repack(rendered(PLAN), extra, replace)


def _encrypted() -> bytes:
    data = bytearray(rendered(PLAN))
    position = data.find(b"PK\x01\x02")
    while position != -1:  # the "encrypted" flag of every central-directory entry
        data[position + 8] |= 0x1
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)


def _external() -> bytes:
    with zipfile.ZipFile(io.BytesIO(rendered(PLAN))) as package:
        rels = package.read("word/_rels/document.xml.rels")
    return _repack(
        {}, {"word/_rels/document.xml.rels": rels.replace(b"</Relationships>", _EXTERNAL)}
    )


def _spreadsheet() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _damaged_xml() -> bytes:
    with zipfile.ZipFile(io.BytesIO(rendered(PLAN))) as package:
        body = package.read("word/document.xml")
    return _repack({}, {"word/document.xml": body[: len(body) // 2]})


CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "plain-text": (lambda: "Kế hoạch năm 2024".encode(), "không phải gói .docx"),
    "pdf": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "không phải gói .docx"),
    "encrypted-zip": (_encrypted, "mã hóa"),
    "password-protected-word": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "mật khẩu",
    ),
    "zip-bomb": (lambda: _repack({"word/media/bomb.bin": b"\0" * (20 * 1024 * 1024)}), "zip bomb"),
    "macros": (lambda: _repack({"word/vbaProject.bin": b"macro"}), "macro"),
    "external-relationship": (_external, "bên ngoài"),
    "spreadsheet": (_spreadsheet, "thiếu phần văn bản chính"),
    "damaged-xml": (_damaged_xml, "Không đọc được nội dung"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_file_is_refused_clearly_and_fast(name: str, run_cli: Run, tmp_path: Path) -> None:
    build, phrase = CASES[name]
    path = tmp_path / f"{name}.docx"
    path.write_bytes(build())
    started = time.monotonic()
    result = run_cli("check", path)
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert phrase in result.stdout
    assert "1 tệp, 0 vi phạm, 1 không đọc được" in result.stdout


def test_bad_file_in_json(run_cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "macro.docm"
    path.write_bytes(_repack({"word/vbaProject.bin": b"macro"}))
    result = run_cli("--json", "check", path)
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert "macro" in payload["files"][0]["error"]
    assert payload["summary"]["unreadable"] == 1


@pytest.mark.parametrize("where", ["missing.docx", "."], ids=["missing", "folder"])
def test_missing_file_or_folder(where: str, run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("check", tmp_path / where)
    assert result.exit_code == 1
    # A folder is named as one (read_bounded): not a regular file.
    expected = "Không đọc được tệp" if where != "." else "không phải một tệp thông thường"
    assert expected in result.stdout


def test_one_bad_file_does_not_stop_the_others(run_cli: Run, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.docx", tmp_path / "bad.docx"
    good.write_bytes(rendered(PLAN))
    bad.write_bytes(b"not a docx")
    result = run_cli("check", bad, good)
    assert result.exit_code == 1
    assert f"{good}: không có vi phạm" in result.stdout
    assert "2 tệp, 0 vi phạm, 1 không đọc được" in result.stdout
