"""The layering rule: every module imports only what its part may, and only cli/ speaks.

The table and the checker live in tests/layering.py; the planted violations below prove the
checker sees each kind of breach, so a passing run means something.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.layering import (
    ALLOWED,
    KNOWS,
    PACKAGE,
    documented_table,
    module_name,
    modules,
    ooxml_spellings,
    part_of,
    table_markdown,
    template_builder_violations,
    template_builders,
    violations,
)


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_each_module_keeps_the_layers(path: Path) -> None:
    assert violations(path) == []


@pytest.mark.parametrize("path", template_builders(), ids=lambda path: path.name)
def test_each_template_builder_spells_no_ooxml(path: Path) -> None:
    assert template_builder_violations(path) == []


def test_every_part_is_in_the_table() -> None:
    assert {part_of(module_name(path)) for path in modules()} <= set(ALLOWED)
    assert set(KNOWS) == set(ALLOWED), "every part says in one sentence what it may know"


def test_docs_architecture_shows_the_table() -> None:
    assert documented_table() == table_markdown(), (
        "docs/architecture.md is stale: run `python -m tests.layering` and commit it"
    )


LAYOUT = PACKAGE / "documents" / "layout.py"
INIT = PACKAGE / "documents" / "__init__.py"
CHECKER = PACKAGE / "checker" / "engine.py"
IMPORTING = PACKAGE / "importing" / "tables.py"
PLANTED = {
    "relative import of a higher layer": (LAYOUT, "from ..store import Store\n"),
    "relative import from the package": (INIT, "from ..services import dossiers\n"),
    "from vanban import a higher part": (LAYOUT, "from vanban import store\n"),
    "absolute import": (LAYOUT, "import vanban.services.dossiers\n"),
    "module name for importlib": (
        LAYOUT,
        "import importlib\nimportlib.import_module('vanban.store')\n",
    ),
    "module name in an f-string": (LAYOUT, "name = 'x'\nm = f'vanban.cli.{name}'\n"),
    "sqlalchemy outside store": (LAYOUT, "from sqlalchemy import select\n"),
    "print": (LAYOUT, "print('x')\n"),
    "sys.stdout": (LAYOUT, "import sys\nsys.stdout.write('x')\n"),
    "sys.stderr under an alias": (LAYOUT, "import sys as s\ns.stderr.write('x')\n"),
    "getattr on sys": (LAYOUT, "import sys\ngetattr(sys, 'stdout').write('x')\n"),
    "from sys import exit": (LAYOUT, "from sys import exit as leave\nleave(1)\n"),
    "sys.exit": (LAYOUT, "import sys\nsys.exit(1)\n"),
    "os._exit": (LAYOUT, "import os\nos._exit(1)\n"),
    "raise SystemExit": (LAYOUT, "raise SystemExit(1)\n"),
    "exit()": (LAYOUT, "exit(1)\n"),
    "click": (LAYOUT, "import click\n"),
    "rich": (LAYOUT, "from rich.console import Console\n"),
    "checker opens a file": (CHECKER, "open('x')\n"),
    "checker writes a file": (CHECKER, "from pathlib import Path\nPath('x').write_bytes(b'')\n"),
    "checker imports a part outside its table": (CHECKER, "from vanban import resources\n"),
    "qn() outside vanban.docx": (IMPORTING, "from docx.oxml.ns import qn\nSPAN = qn('w:span')\n"),
    "a cell's element": (IMPORTING, "def xml(cell):\n    return cell._tc\n"),
    "a paragraph's element": (LAYOUT, "def xml(paragraph):\n    return paragraph._p\n"),
    "a proxy's _element": (CHECKER, "def xml(style):\n    return style._element\n"),
    "python-docx's body": (INIT, "def body(document):\n    return document._body\n"),
    "the body element": (CHECKER, "def body(document):\n    return document.element.body\n"),
    "OxmlElement": (LAYOUT, "from docx.oxml import OxmlElement\n"),
    "a w: tag name": (IMPORTING, "def rows(table):\n    return table.findall('w:tr')\n"),
    "WordprocessingML markup": (CHECKER, "ROW = '<w:tr>'\n"),
    "the w: namespace": (
        LAYOUT,
        "W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'\n",
    ),
}


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_the_checker_finds_each_kind_of_violation(kind: str) -> None:
    path, planted = PLANTED[kind]
    clean = path.read_text(encoding="utf-8")
    assert violations(path, clean) == []
    assert violations(path, clean + planted), f"the checker missed: {kind}"


def test_cli_may_print_and_exit() -> None:
    path = PACKAGE / "cli" / "output.py"
    planted = "import sys\nsys.stdout.write('x')\nraise SystemExit(1)\n"
    assert violations(path, path.read_text(encoding="utf-8") + planted) == []


def test_checker_readme_states_its_rule() -> None:
    text = (PACKAGE / "checker" / "README.md").read_text(encoding="utf-8")
    assert "never writes" in text
    assert "No click" in text


def test_ooxml_outside_docx_is_named_by_file_and_line(tmp_path: Path) -> None:
    module = tmp_path / "planted.py"
    module.write_text(
        '"""A module that reads cells."""\n\n\ndef span(cell):\n'
        '    return cell._tc.find(qn("w:gridSpan"))\n',
        encoding="utf-8",
    )
    assert ooxml_spellings(module) == [
        f"{module}:5: ._tc",
        f"{module}:5: qn(",
        f'{module}:5: "w:gridSpan',
    ]


def test_vanban_docx_may_spell_ooxml() -> None:
    path = PACKAGE / "docx" / "reading.py"
    planted = "def xml(cell):\n    return cell._tc.find(qn('w:tcPr'))\n"
    assert violations(path, path.read_text(encoding="utf-8") + planted) == []


BUILDER = Path(__file__).resolve().parent.parent / "doc_templates" / "layout.py"
PLANTED_IN_TEMPLATES = {
    "a w: tag name": 'ROW = new("w:cantSplit")\n',
    "qn()": "from docx.oxml.ns import qn\nKEEP = qn('w:keepNext')\n",
    "a paragraph's element": "def xml(paragraph):\n    return paragraph._p\n",
    "the element layer": "from vanban.docx.oxml import new\n",
    "the element layer, as a module": "import vanban.docx.oxml as oxml\n",
    "the w: namespace": "W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'\n",
}


def test_template_builders_are_scanned() -> None:
    assert BUILDER in template_builders()
    assert len(template_builders()) >= 6  # build, build_awards, build_decision, layout …


@pytest.mark.parametrize("kind", sorted(PLANTED_IN_TEMPLATES))
def test_the_checker_finds_ooxml_in_template_builders(kind: str) -> None:
    clean = BUILDER.read_text(encoding="utf-8")
    assert template_builder_violations(BUILDER, clean) == []
    found = template_builder_violations(BUILDER, clean + PLANTED_IN_TEMPLATES[kind])
    assert found, f"the checker missed in doc_templates: {kind}"


def test_ooxml_in_a_template_builder_is_named_by_file_and_line() -> None:
    clean = BUILDER.read_text(encoding="utf-8")
    line = len(clean.splitlines()) + 1
    found = template_builder_violations(BUILDER, clean + 'ROW = new("w:tblHeader")\n')
    assert found == [f'doc_templates/layout.py:{line}: "w:tblHeader: only vanban.docx spells OOXML']
