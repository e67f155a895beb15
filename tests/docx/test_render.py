"""The fast pipeline renders what docxtpl renders, part for part, and copies the rest as is."""

from __future__ import annotations

import hashlib
import html
import io
import os
import pyexpat
import random
import re
import signal
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Pt
from docxtpl import DocxTemplate
from lxml import etree

from tests.conftest import SAMPLES
from vanban.documents import Renderer, TemplateCatalogue, load_document_data
from vanban.documents.builders import context_builder
from vanban.documents.environment import make_environment
from vanban.documents.validation import validate
from vanban.docx import BrokenXmlError, DocxRenderer, read_members
from vanban.docx.package import Member
from vanban.docx.render import _listing_texts
from vanban.docx.sections import settle_sections

CATALOGUE = TemplateCatalogue()
_SAMPLE_FOR = {
    "ke_hoach": "ke_hoach_hkh_son_la_2024.yaml",
    "bao_cao": "bao_cao_tong_ket_hkh_son_la_2023.yaml",
    "cong_van": "cong_van_hkh_son_la_2024.yaml",
    "to_trinh": "to_trinh_hkh_son_la_2024.yaml",
    "quyet_dinh": "quyet_dinh_hkh_son_la_2024.yaml",
}


def _context(template_id: str) -> dict[str, Any]:
    spec = CATALOGUE.get(template_id)
    sample = SAMPLES / _SAMPLE_FOR.get(template_id, "")
    if template_id in _SAMPLE_FOR:
        values = validate(spec, load_document_data(sample))
    else:
        award_samples = sorted((SAMPLES / "khen_thuong_mau").glob("*.yaml"))
        for path in award_samples:
            try:
                values = validate(spec, load_document_data(path))
                break
            except Exception:
                continue
        else:
            pytest.fail(f"no sample validates against {template_id}")
    return dict(context_builder(spec)(spec, values))


def _canonical(content: bytes) -> bytes:
    parser = etree.XMLParser(remove_blank_text=True)
    return bytes(etree.tostring(etree.fromstring(content, parser), method="c14n"))


def _docxtpl(template: bytes, context: dict[str, Any], environment: Any) -> bytes:
    plain = DocxTemplate(io.BytesIO(template))
    plain.render(dict(context), jinja_env=environment)
    settle_sections(plain.docx.element.body)
    buffer = io.BytesIO()
    plain.save(buffer)
    return buffer.getvalue()


def _properties(content: bytes) -> dict[str, str]:
    return {element.tag: element.text or "" for element in etree.fromstring(content)}


def _assert_same_parts(fast: bytes, plain: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(fast)) as ours, zipfile.ZipFile(io.BytesIO(plain)) as theirs:
        assert set(ours.namelist()) == set(theirs.namelist())
        for name in theirs.namelist():
            if name == "[Content_Types].xml":
                # python-docx drops unused Default entries when it rewrites the file
                ns = {"t": "http://schemas.openxmlformats.org/package/2006/content-types"}
                overrides = [
                    sorted(
                        etree.tostring(o)
                        for o in etree.fromstring(z.read(name)).iterfind("t:Override", ns)
                    )
                    for z in (ours, theirs)
                ]
                assert overrides[0] == overrides[1]
            elif name == "docProps/core.xml":
                # docxtpl autoescapes a property and python-docx escapes it again
                # (“&amp;#34;”); vanban escapes it once: the same text, once that is undone.
                assert _properties(ours.read(name)) == {
                    tag: html.unescape(text) for tag, text in _properties(theirs.read(name)).items()
                }
            elif name.endswith((".xml", ".rels")):
                assert _canonical(ours.read(name)) == _canonical(theirs.read(name)), name
            else:
                assert ours.read(name) == theirs.read(name), name


@pytest.mark.parametrize("template_id", [spec.id for spec in CATALOGUE.list()])
def test_every_shipped_template_renders_as_docxtpl_renders_it(template_id: str) -> None:
    spec = CATALOGUE.get(template_id)
    context = _context(template_id)
    renderer = Renderer()
    fast = renderer.render_context(spec, context).content
    plain = _docxtpl(spec.docx_path.read_bytes(), context, renderer.environment)
    _assert_same_parts(fast, plain)


def test_unchanged_members_are_copied_as_compressed_bytes() -> None:
    spec = CATALOGUE.get("ke_hoach")
    template = spec.docx_path.read_bytes()
    rendered = Renderer().render_context(spec, _context("ke_hoach")).content
    before, after = read_members(template), read_members(rendered)
    assert list(before) == list(after)
    unchanged = [name for name in before if before[name] == after[name]]
    assert "word/styles.xml" in unchanged
    assert set(before) - set(unchanged) == {"word/document.xml", "docProps/core.xml"}


def test_the_same_data_gives_the_same_bytes() -> None:
    spec = CATALOGUE.get("cong_van")
    context = _context("cong_van")
    first = Renderer().render_context(spec, context).content
    second = Renderer().render_context(spec, context).content
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def _synthetic_template(tmp_path: Path) -> bytes:
    """Jinja in a header, a row loop, a column loop, a line break: docxtpl's other paths."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "{{ co_quan }} – {{ nam }}"
    document.add_paragraph("Kính gửi: {{ kinh_gui }}")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for row in rows %}"
    table.cell(1, 0).text = "{{ row.ten }}"
    table.cell(1, 1).text = "{{ row.ten|upper }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    grid = document.add_table(rows=1, cols=3)
    for column, text in enumerate(("{%tc for x in cols %}", "{{ x }}", "{%tc endfor %}")):
        grid.cell(0, column).text = text
    run = document.add_paragraph().add_run("{{ ghi_chu }}")
    run.font.size = Pt(13)
    document.core_properties.title = "{{ co_quan }}"
    path = tmp_path / "synthetic.docx"
    document.save(str(path))
    return path.read_bytes()


def test_headers_row_and_column_loops_and_line_breaks_match_docxtpl(tmp_path: Path) -> None:
    template = _synthetic_template(tmp_path)
    context = {
        "co_quan": "HỘI KHUYẾN HỌC & <TỈNH>",
        "nam": 2024,
        "kinh_gui": "Các huyện",
        "rows": [{"ten": "Lò Văn A"}, {"ten": "Mai Thị B"}],
        "cols": ["I", "II", "III"],
        "ghi_chu": "dòng một\ndòng hai\tcột",
    }
    environment = make_environment()
    fast = DocxRenderer(environment).render(template, context)
    _assert_same_parts(fast, _docxtpl(template, context, environment))
    with zipfile.ZipFile(io.BytesIO(fast)) as archive:
        assert "HỘI KHUYẾN HỌC &amp; &lt;TỈNH&gt;" in archive.read("word/header1.xml").decode()
    assert docx.Document(io.BytesIO(fast)).core_properties.title == "HỘI KHUYẾN HỌC & <TỈNH>"


def test_a_template_that_renders_broken_xml_is_refused(tmp_path: Path) -> None:
    # The {% if %} opens inside a table cell and closes after the table: when false it drops
    # the cell's closing tags. docxtpl's recovering parser would silently mend the damage.
    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "{% if flag %}trong bảng"
    document.add_paragraph("ngoài bảng{% endif %}")
    path = tmp_path / "broken.docx"
    document.save(str(path))
    renderer = DocxRenderer(make_environment())
    assert renderer.render(path.read_bytes(), {"flag": True})
    with pytest.raises(BrokenXmlError):
        renderer.render(path.read_bytes(), {"flag": False})


_XML_PIECES = (
    *("<w:t>", '<w:t xml:space="preserve">', '<w:t a="\n">', '<w:t a="x>y">', "</w:t>"),
    *("<w:p>", "</w:p>", "<w:tab/>", "<w:t/>", "<w:r>", "</w:r>", "a", "bc", "\n", "\t"),
    *("\f", "<!-- <w:t>\n -->", "<![CDATA[<w:t>\t]]>", "<?pi \n?>", " ", "&amp;"),
)


def test_text_needing_docxtpls_listing_rewrite_is_found_as_its_regex_finds_it() -> None:
    # docxtpl looks for <w:t(?: [^>]*)?>[^<]*[\n\t\a\f]; the renderer finds the same places
    # from the few such characters, in every well-formed body (a broken one is refused after).
    docxtpl_finds = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\n\t\a\f]")
    generator = random.Random(30)
    compared = 0
    while compared < 3000:
        pieces = (generator.choice(_XML_PIECES) for _ in range(generator.randint(0, 12)))
        xml = f'<w:body xmlns:w="w">{"".join(pieces)}</w:body>'
        try:
            pyexpat.ParserCreate().Parse(xml, True)
        except pyexpat.ExpatError:
            continue
        assert _listing_texts(xml) == [found.start() for found in docxtpl_finds.finditer(xml)]
        compared += 1


def test_a_part_deflated_in_pieces_is_the_part_deflated_whole() -> None:
    # The renderer hands a long body to the zip writer in pieces; the member must be the one
    # the whole part gives, byte for byte.
    spec = CATALOGUE.get("ke_hoach")
    rendered = Renderer().render_context(spec, _context("ke_hoach")).content
    part = zipfile.ZipFile(io.BytesIO(rendered)).read("word/document.xml")
    generator = random.Random(16)
    for _ in range(20):
        cuts = sorted(generator.sample(range(1, len(part)), generator.randint(1, 40)))
        ends = zip([0, *cuts], [*cuts, len(part)], strict=True)
        pieces = [part[start:end] for start, end in ends]
        assert Member.of("word/document.xml", pieces) == Member.of("word/document.xml", part)


def test_a_forked_worker_renders_with_its_own_deflating_thread() -> None:
    # The parent's deflating thread does not exist in a forked batch worker: the renderer it
    # inherited must start its own, not wait for a thread that is not there.
    spec = CATALOGUE.get("cong_van")
    context = _context("cong_van")
    renderer = Renderer()
    parent = renderer.render_context(spec, context).content
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:
        signal.alarm(60)  # a worker waiting for a thread that is not there dies, not hangs
        content = renderer.render_context(spec, context).content
        os.write(writer, hashlib.sha256(content).hexdigest().encode())
        os._exit(0)
    os.close(writer)
    _, status = os.waitpid(child, 0)
    with os.fdopen(reader, "rb") as pipe:
        digest = pipe.read().decode()
    assert os.WIFEXITED(status), status
    assert os.WEXITSTATUS(status) == 0
    assert digest == hashlib.sha256(parent).hexdigest()
