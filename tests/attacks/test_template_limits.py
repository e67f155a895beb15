"""Hostile templates end in one sentence and exit 1, never a traceback or a hung machine
(issue 10 items 1 and 9: include/import/extends, recursion, huge values, endless loops)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2.exceptions import SecurityError

from tests.checker.test_template_lint import CO_QUAN
from tests.checker.test_template_lint import _copy as copy_template
from tests.conftest import SAMPLES, CliResult
from vanban.documents import template_limits
from vanban.documents.environment import make_environment

Run = Callable[..., CliResult]

PAYLOADS = {
    "include": "{% include 'x.xml' %}",
    "import": "{% import 'x' as y %}",
    "extends": "{% extends 'x' %}",
    "recursive-macro": "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "center-1e9": "{{ co_quan|center(1000000000) }}",
    "repeat-4e9": "{{ ('A' * 4000000000)|length }}",
    "repeat-float": "{{ ('A' * 4e9)|length }}",
    "format-width": "{{ '%0999999999d'|format(1) }}",
    "percent-width": "{{ '%0999999999d' % 1 }}",
    "power": "{{ 9 ** 99999999 }}",
    "concat-doubling": "{% set a = co_quan * 100000 %}{% set b = a ~ a ~ a ~ a ~ a %}{{ b }}",
    "map-format": "{{ can_cu|map('format', 1, 2)|list }}",
    "xmlattr-of-text": "{{ co_quan|xmlattr }}",
    "format-without-values": "{{ '{0}{1}'.format() }}",
    "float-overflow": "{{ 10.0 ** 400 }}",
    "str-method-width": "{{ co_quan.center(1000000000) }}",
    "power-of-a-big-number": "{{ ((10 ** 1000) ** 1000) ** 1000 }}",
}


def _template_with(tmp_path: Path, tag: str) -> Path:
    """ke_hoach with its issuing-body tag replaced by ``tag``, in a folder of its own."""
    folder = tmp_path / "mau"
    folder.mkdir()
    copy_template(folder, lambda xml: xml.replace(CO_QUAN, f"<w:t>{tag}</w:t>"))
    return folder


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_a_hostile_template_is_one_sentence(
    name: str, run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _template_with(tmp_path, PAYLOADS[name].replace("'", "&apos;"))
    monkeypatch.setenv("VANBAN_TEMPLATES", str(folder))
    out = tmp_path / "out.docx"
    started = time.monotonic()
    result = run_cli("render", "ke_hoach", SAMPLES / "ke_hoach_hkh_son_la_2024.yaml", "-o", out)
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert "mẫu “ke_hoach”" in result.stderr.lower() or "Mẫu “ke_hoach”" in result.stderr
    assert len(result.stderr) < 2000
    assert not out.exists()
    assert time.monotonic() - started < 60
    lint = run_cli("template", "lint", folder / "ke_hoach.docx")
    assert lint.exit_code == 1
    assert "Traceback" not in lint.stderr + lint.stdout


def test_an_endless_loop_is_stopped_by_the_cpu_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(template_limits, "RENDER_CPU_SECONDS", 0.5)
    loops = (  # prints nothing: only the time limit can stop it
        "{% for a in x %}{% for b in x %}{% for c in x %}{% if a < 0 %}{{ a }}{% endif %}"
        "{% endfor %}{% endfor %}{% endfor %}"
    )
    with pytest.raises(SecurityError, match="CPU time"):
        make_environment().from_string(loops).render(x=list(range(2000)))


def test_the_rendered_text_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(template_limits, "MAX_OUTPUT_CHARS", 10_000)
    loops = "{% for a in x %}{% for b in x %}{{ a }}{% endfor %}{% endfor %}"
    with pytest.raises(SecurityError, match="rendered text"):
        make_environment().from_string(loops).render(x=list(range(1000)))


def test_ordinary_templates_still_work() -> None:
    source = (
        "{{ 'Số %s' % 3 }}|{{ [1] * 2 }}|{{ 'x'|center(5) }}|{{ 'a' ~ 'b' }}|"
        "{{ 'a b'|replace('a', 'c') }}|{{ 2 ** 10 }}|{{ 'Số {}'.format(4) }}"
    )
    assert make_environment().from_string(source).render() == ("Số 3|[1, 1]|  x  |ab|c b|1024|Số 4")


@settings(max_examples=60, deadline=None)
@given(
    width=st.integers(min_value=0, max_value=10**12),
    count=st.integers(min_value=-10, max_value=10**12),
    text=st.text(max_size=20),
)
def test_size_arguments_never_exhaust_memory(width: int, count: int, text: str) -> None:
    """Whatever numbers a template passes, rendering is refused or small: never gigabytes."""
    environment = make_environment()
    for source in (
        "{{ t|center(w) }}",
        "{{ t * n }}",
        "{{ (t ~ t) * n }}",
        "{{ t|indent(w) }}",
        "{{ t|wordwrap(w + 1) }}",
        "{{ t|truncate(w + 5) }}",
        "{{ ('%' ~ w ~ 'd')|format(1) }}",
        "{{ t|replace('', t * 3) }}",
    ):
        try:
            rendered = environment.from_string(source).render(t=text, w=width, n=count)
        except SecurityError:
            continue
        assert len(rendered) <= template_limits.MAX_VALUE_LENGTH * 6
