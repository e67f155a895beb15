"""Generated data files thrown at ``render`` and ``new``: a document that holds every string
the user wrote, or exit 1 with a short message and nothing written. Never a traceback.

Strings are drawn from all of Unicode (control characters, combining marks, legacy-encoded
look-alikes, quotes and YAML's own signs included); the files are valid YAML written by a
dumper, then some are damaged with YAML oddities (tabs, colons, tags, aliases, deep nesting,
duplicate keys). What "every string verbatim" means is the documented normalisation: NFC,
control characters as spaces, ends trimmed, and ``*`` left out of the alphabet because it is
the emphasis markup (docs/data-format.md).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import CliResult
from vanban.vietnamese import clean_controls

Run = Callable[..., CliResult]

LEGACY = ["Uû ban nh©n d©n", "Coäng hoøa xaõ hoäi", "HÃ\xa0 Ná»™i", "Cµng hòa"]
ODDITIES = [
    "\tx: 1\n",
    "mo_dau: a: b\n",
    "so: !!python/object:os.system x\n",
    "a: &a [1,2]\nb: [*a,*a,*a]\n",
    "deep: " + "[" * 200 + "]" * 200 + "\n",
    "trich_yeu: again\n",
    "so: 010\n",
    "ngay: 2024-02-30\n",
    "so: " + "9" * 400 + "\n",
    "noi_nhan: [A, b, c]\n",
    "doan: {x: [\n",
    "%YAML 1.1\n---\n",
]
# Text a person could type, minus "*" (the emphasis sign) and "\\" ("\\n" is a line break).
TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="*\\"),
    min_size=1,
    max_size=40,
) | st.sampled_from(LEGACY)


def _shown(text: str) -> str:
    """What a text field prints: NFC, controls as spaces; compared without whitespace."""
    return "".join(clean_controls(unicodedata.normalize("NFC", text), keep_newlines=True).split())


def _document_text(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
    return "".join("".join(html.unescape(text) for text in texts).split())


def _data(trich_yeu: str, paragraphs: list[str], signer: str) -> str:
    values = {
        "co_quan": "HỘI KHUYẾN HỌC TỈNH SƠN LA",
        "ky_hieu_co_quan": "HKH",
        "dia_danh": "Sơn La",
        "trich_yeu": trich_yeu,
        "noi_dung": [{"tieu_de": "Mục đích", "doan": paragraphs}],
        "ky": {"thay_mat": "HỘI KHUYẾN HỌC TỈNH", "chuc_vu": "CHỦ TỊCH", "ho_ten": signer},
    }
    return yaml.safe_dump(values, allow_unicode=True, sort_keys=False)


def _check(result: CliResult, out: Path, strings: list[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 1:
        assert result.stderr.strip(), "a refusal says why"
        assert not out.exists(), "nothing is written when refused"
        first = result.stderr.strip().splitlines()[0]
        assert len(first) < 2000
        return
    text = _document_text(out)
    for string in strings:
        assert _shown(string) in text, string


@settings(
    max_examples=40,
    deadline=None,
    # Shrinking a failing document can take minutes on a busy machine; the example as found
    # is already small enough to read.
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    trich_yeu=TEXT,
    paragraphs=st.lists(TEXT, min_size=1, max_size=3),
    signer=TEXT,
    oddity=st.none() | st.sampled_from(ODDITIES),
    where=st.floats(0, 1),
)
def test_render_never_breaks(
    run_cli: Run,
    tmp_path: Path,
    trich_yeu: str,
    paragraphs: list[str],
    signer: str,
    oddity: str | None,
    where: float,
) -> None:
    text = _data(trich_yeu, paragraphs, signer)
    if oddity is not None:
        lines = text.splitlines(keepends=True)
        cut = int(where * len(lines))
        text = "".join(lines[:cut]) + oddity + "".join(lines[cut:])
    data = tmp_path / "du_lieu.yaml"
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "out.docx"
    out.unlink(missing_ok=True)
    result = run_cli("render", "ke_hoach", data, "-o", out)
    # Only clean files must succeed; a damaged one may be refused or read as what it says.
    if oddity is None:
        _check(result, out, [trich_yeu, *paragraphs, signer])
    else:
        _check(result, out, [])


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from vanban.cli import main

    folder = tmp_path_factory.mktemp("ws")
    assert main(["init", "--training", str(folder)]) == 0
    return folder


@settings(
    max_examples=12,
    deadline=None,
    # Shrinking a failing document can take minutes on a busy machine; the example as found
    # is already small enough to read.
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(trich_yeu=TEXT, paragraphs=st.lists(TEXT, min_size=1, max_size=2), signer=TEXT)
def test_new_dossier_never_breaks(
    run_cli: Run,
    workspace: Path,
    tmp_path: Path,
    trich_yeu: str,
    paragraphs: list[str],
    signer: str,
) -> None:
    data = tmp_path / "du_lieu.yaml"
    data.write_text(_data(trich_yeu, paragraphs, signer), encoding="utf-8")
    result = run_cli("--workspace", workspace, "--as", "minh", "--json", "new", "ke_hoach", data)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exit_code in (0, 1), result.stderr
    payload = json.loads(result.stdout)
    if result.exit_code == 1:
        assert payload["ok"] is False
        assert payload["error"].strip()
        return
    export = tmp_path / "export"
    dossier = payload["dossier"]["id"]
    exported = run_cli("--workspace", workspace, "--as", "minh", "export", dossier, "-o", export)
    assert exported.exit_code == 0, exported.stderr
    text = "".join(_document_text(document) for document in sorted(export.glob("*.docx")))
    for string in (trich_yeu, *paragraphs, signer):
        assert _shown(string) in text, string
