"""Document properties hold what the format allows, escaped once (issue 10 item 8).

A trích yếu over ~230 characters, or a 300-character nominee name in a batch, failed the render
with “exceeded 255 char limit for property”; a quotation mark in the title was stored as
“&#34;” (visible in the tập huấn sample's file properties).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SAMPLES, CliResult
from tests.services.test_batch import write_common, write_list
from vanban.docx.render import MAX_PROPERTY_CHARS, fitted_property

Run = Callable[..., CliResult]
LONG = (
    'Tập huấn các văn bản chỉ đạo về "Xây dựng xã hội học tập" giai đoạn 2021 - 2030 '
    "của Thủ tướng Chính phủ & các bộ, ngành Trung ương cho cán bộ Hội Khuyến học các cấp "
) * 3


def _title(path: Path) -> str:
    return str(docx.Document(io.BytesIO(path.read_bytes())).core_properties.title)


def test_the_title_is_escaped_once(run_cli: Run, tmp_path: Path) -> None:
    sample = SAMPLES / "ke_hoach_tap_huan_hkh_son_la_2022.yaml"
    result = run_cli("render", "ke_hoach", sample, "-o", tmp_path / "th.docx")
    assert result.exit_code == 0, result.stderr
    title = _title(tmp_path / "th.docx")
    assert '"Xây dựng xã hội học tập"' in title
    assert "&#34;" not in title
    assert "&amp;" not in title


def test_a_300_character_trich_yeu_renders_with_a_cut_title(run_cli: Run, tmp_path: Path) -> None:
    data = yaml.safe_load((SAMPLES / "ke_hoach_tap_huan_hkh_son_la_2022.yaml").read_text("utf-8"))
    data["trich_yeu"] = LONG[:300].strip()
    source = tmp_path / "dai.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli("render", "ke_hoach", source, "-o", tmp_path / "dai.docx")
    assert result.exit_code == 0, result.stderr
    title = _title(tmp_path / "dai.docx")
    assert len(title) <= MAX_PROPERTY_CHARS
    assert title.endswith("…")
    assert "& các bộ" in title  # escaped once, not "&amp;"


def test_a_300_character_nominee_name_prints_in_a_batch(run_cli: Run, tmp_path: Path) -> None:
    write_list(tmp_path / "ds.yaml", 3)
    listed = yaml.safe_load((tmp_path / "ds.yaml").read_text("utf-8"))
    listed["danh_sach"][1]["ho_ten"] = LONG[:300].strip()
    (tmp_path / "ds.yaml").write_text(yaml.safe_dump(listed, allow_unicode=True), "utf-8")
    common = write_common(tmp_path / "chung.yaml")
    out = tmp_path / "gk"
    result = run_cli(
        "batch", "giay_khen", "--data", tmp_path / "ds.yaml", "--common", common, "-o", out
    )
    assert result.exit_code == 0, result.stderr
    titles = [_title(path) for path in sorted(out.glob("*.docx"))]
    assert len(titles) == 3
    assert all(len(title) <= MAX_PROPERTY_CHARS for title in titles)


@given(st.text(alphabet=st.sampled_from('ab ,;-–ệ…"&'), max_size=600))
def test_a_fitted_property_is_a_cut_of_the_text_at_a_word(text: str) -> None:
    fitted = fitted_property(text)
    assert len(fitted) <= MAX_PROPERTY_CHARS
    if len(text) <= MAX_PROPERTY_CHARS:
        assert fitted == text
        return
    kept = fitted.removesuffix("…")
    assert fitted.endswith("…")
    assert text.startswith(kept)
    # Cut at a word boundary unless the text has no space in its second half.
    rest = text[len(kept) :]
    assert rest[:1] in ("", " ", ",", ";", "-", "–") or " " not in text[128:MAX_PROPERTY_CHARS]
