"""The command line loads only what a command uses, and its help lists every command truly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest

from tests.conftest import SAMPLES, CliResult
from vanban.cli import COMMANDS, cli
from vanban.cli.lazy import LazyCommand, LazyGroup, load

HEAVY = (
    *("sqlalchemy", "alembic", "pyhanko", "openpyxl", "docxtpl", "docx", "lxml", "pypdf"),
    "pydantic",  # the schema of workflow files: only when a file is read and checked
)


def _imported_by(*args: str, cwd: Path | None = None, watched: tuple[str, ...] = HEAVY) -> set[str]:
    """Run ``vanban ARGS`` in a fresh interpreter; return the heavy packages it imported."""
    program = (
        "import sys, json, contextlib, io\n"
        "from vanban.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({list(args)!r})\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        env={**os.environ, "VANBAN_USER": "minh"},
    )
    return set(json.loads(result.stdout.splitlines()[-1])) & set(watched)


def test_help_imports_no_heavy_library() -> None:
    # rich too: it is loaded by the commands that print a table or a progress bar.
    assert _imported_by("--help", watched=(*HEAVY, "rich")) == set()


def test_template_list_reads_the_catalogue_without_docx_libraries() -> None:
    assert _imported_by("template", "list") == set()


def test_list_and_show_load_the_store_but_no_renderer_yaml_or_state_machine(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    folder = tmp_path / "ws"
    data = tmp_path / "ke_hoach.yaml"
    lines = (SAMPLES / "ke_hoach_hkh_son_la_2024.yaml").read_text(encoding="utf-8").splitlines()
    data.write_text(
        "\n".join(line for line in lines if not line.startswith(("so:", "ngay:"))),
        encoding="utf-8",
    )
    assert run_cli("init", "--training", folder).exit_code == 0
    assert run_cli("--workspace", folder, "--as", "minh", "new", "ke_hoach", data).exit_code == 0
    watched = (*HEAVY, "yaml", "transitions", "jinja2")
    # The first call reads (and checks) the workflow file into the workspace's cache, the
    # next ones not.
    assert _imported_by("--workspace", str(folder), "list", watched=watched) <= {
        "sqlalchemy",
        "yaml",
        "pydantic",
    }
    for args in (["list"], ["show", "1"]):
        assert _imported_by("--workspace", str(folder), *args, watched=watched) == {"sqlalchemy"}


def test_the_probe_sees_a_heavy_import() -> None:
    # The two checks above would pass vacuously if the probe could not see an import.
    assert {"docx", "lxml"} <= _imported_by("check", "--help")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_row_names_its_command_and_its_short_help(name: str) -> None:
    command = load(name, COMMANDS[name])
    assert command.name == name
    assert COMMANDS[name].short_help == command.get_short_help_str(limit=10_000)


def test_help_lists_the_commands_as_click_would_with_all_of_them_loaded() -> None:
    # The contexts carry the CLI's settings (-h as well as --help), as a real call's would.
    settings = cli.context_settings
    lazy_help = cli.get_help(click.Context(cli, info_name="vanban", **settings))
    loaded = click.Group(
        "vanban",
        params=cli.params,
        help=cli.help,
        commands={name: load(name, entry) for name, entry in COMMANDS.items()},
    )
    assert lazy_help == loaded.get_help(click.Context(loaded, info_name="vanban", **settings))


def test_a_row_pointing_at_the_wrong_command_is_refused() -> None:
    group = LazyGroup("g", lazy_commands={"list": COMMANDS["show"]})
    with pytest.raises(TypeError, match="not the command 'list'"):
        group.get_command(click.Context(group), "list")


def test_a_row_that_is_not_a_command_is_refused() -> None:
    entry = LazyCommand("vanban.cli.dossier", "TIME_FORMAT", "x")
    with pytest.raises(TypeError):
        load("x", entry)


def test_someone_unknown_is_refused_before_the_store_is_made(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    folder = tmp_path / "ws"
    assert run_cli("init", "--training", folder).exit_code == 0
    result = run_cli("--workspace", folder, "--as", "nobody", "list")
    assert result.exit_code == 1
    assert "nobody" in result.stderr
    assert not (folder / ".vanban" / "vanban.db").exists()
