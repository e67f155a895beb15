"""Rendering: the sandbox, escaping, emphasis runs and reproducible output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from vanban.documents import Renderer, TemplateCatalogue, parse_document_data
from vanban.documents.environment import make_environment
from vanban.docx.oxml import element_of
from vanban.docx.reading import document_lines, open_docx
from vanban.docx.styles import StyleSheet
from vanban.errors import TemplateError

DATA = """\
co_quan: "UBND A & B <test>"
ky_hieu_co_quan: HKH
dia_danh: Sơn La
trich_yeu: Về việc "kiểm tra" & 'đối chiếu' <số liệu>
mo_dau: "Đoạn có **chữ đậm** và *chữ nghiêng* & ký hiệu <, >."
noi_dung:
  - tieu_de: Mục một
    doan: ["Giá trị: x < y && y > z; \\"trích\\" 'dẫn'"]
ky: {thay_mat: "HỘI <KH>", chuc_vu: CHỦ TỊCH, ho_ten: Mai Thu Hương}
noi_nhan: ["Sở A & B"]
"""


def _render(text: str = DATA, catalogue: TemplateCatalogue | None = None) -> bytes:
    catalogue = catalogue or TemplateCatalogue()
    data = parse_document_data(text, "du_lieu.yaml")
    return Renderer().render(catalogue.get("ke_hoach"), data).content


def test_special_characters_print_verbatim_everywhere() -> None:
    lines = document_lines(_render())
    assert "UBND A & B <TEST>" in lines  # header table, upper-cased
    assert "Về việc \"kiểm tra\" & 'đối chiếu' <số liệu>" in lines
    assert "Đoạn có chữ đậm và chữ nghiêng & ký hiệu <, >." in lines
    assert "Giá trị: x < y && y > z; \"trích\" 'dẫn'./." in lines
    assert "TM. HỘI <KH>" in lines
    assert "- Sở A & B;" in lines


def test_inline_emphasis_becomes_real_runs() -> None:
    document = open_docx(_render())
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Đoạn có"))
    sheet = StyleSheet(document)
    looks = {
        run.text: sheet.run_look(element_of(paragraph), element_of(run), None, run.text)
        for run in paragraph.runs
    }
    assert looks["chữ đậm"].bold
    assert not looks["chữ đậm"].italic
    assert looks["chữ nghiêng"].italic
    assert not looks["chữ nghiêng"].bold
    assert not looks["Đoạn có "].bold


def test_same_data_gives_the_same_bytes() -> None:
    assert _render() == _render()


def _hostile_catalogue(tmp_path: Path, payload: str) -> TemplateCatalogue:
    """Copy ke_hoach into tmp_path with ``payload`` typed into a paragraph of its body."""
    source = TemplateCatalogue().get("ke_hoach")
    document = Document(str(source.docx_path))
    document.add_paragraph(payload)
    document.save(str(tmp_path / "ke_hoach.docx"))
    shutil.copy(source.docx_path.with_suffix(".yaml"), tmp_path / "ke_hoach.yaml")
    return TemplateCatalogue([tmp_path])


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ self.__init__.__globals__ }}",
        "{{ '{0.__class__}'.format(1) }}",
        "{{ than.__class__ }}",
        "{{ ky.__class__.__mro__ }}",
        "{{ (trich_yeu|attr('__class__')) }}",
    ],
    ids=[
        "cycler-globals",
        "mro",
        "self-globals",
        "format",
        "dunder-on-data",
        "dunder-on-dict",
        "attr-filter",
    ],
)
def test_template_code_never_escapes_the_sandbox(
    tmp_path: Path, payload: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    catalogue = _hostile_catalogue(tmp_path, payload)
    with pytest.raises(TemplateError) as caught:
        _render(catalogue=catalogue)
    assert "không an toàn" in caught.value.text()
    assert not (tmp_path / "PWNED").exists()


def test_missing_value_in_template_is_an_error_not_a_blank(tmp_path: Path) -> None:
    catalogue = _hostile_catalogue(tmp_path, "{{ ghi_chu_bi_mat }}")
    with pytest.raises(TemplateError, match="ghi_chu_bi_mat"):
        _render(catalogue=catalogue)


def test_template_syntax_error_is_reported(tmp_path: Path) -> None:
    catalogue = _hostile_catalogue(tmp_path, "{{ trich_yeu ")
    with pytest.raises(TemplateError, match="Không dựng được văn bản"):
        _render(catalogue=catalogue)


@pytest.mark.parametrize(
    "expression",
    [
        "{{ d.kieu }}",
        "{{ d.items()|list|length }}",
        "{{ d.keys is defined }}",
        "{{ d.khong_co }}",
        "{{ d.__class__ }}",
        "{{ d.pop('kieu') }}",
        "{{ d.__dict__ }}",
    ],
)
def test_a_dict_of_the_context_reads_as_in_jinjas_own_sandbox(expression: str) -> None:
    # The environment looks a dict's keys up directly; every answer, value or refusal, must
    # be the one Jinja's sandbox gives.
    values = {"d": {"kieu": "doan", "items": "a key named like a method"}}
    jinja = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)

    def outcome(environment: ImmutableSandboxedEnvironment) -> str:
        try:
            return environment.from_string(expression).render(values)
        except Exception as exc:  # the kind and text of the refusal are what is compared
            return f"{type(exc).__name__}: {exc}"

    assert outcome(make_environment()) == outcome(jinja)
