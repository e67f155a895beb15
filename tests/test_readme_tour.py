"""The README's tour, run as written: every command of its ```sh blocks, in order.

The commands are read out of README.md, not copied here, so the README cannot drift from what
vanban does. They run literally, one after another, in one bash (so ``cd`` and
``source .venv/bin/activate`` work as for a reader), in a fresh copy of the repository's files
(what a clone holds), with a clean environment: a new home folder and the system PATH, nothing
else. The copy's ``.venv`` is the venv running this test, which ``make`` has already installed.

Each command must exit 0, or the code its comment states ("# exit 1, …"), and every file it
writes with ``-o``/``--output``/``--export`` must exist afterwards (and must not, when the
command is meant to fail: nothing half-written).
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

README = REPO / "README.md"
# `make test` is this test suite itself; running it from inside it would only recurse.
NOT_RUN = {"make test": "the test suite itself"}
# The copy shares this test's venv, already installed: make must not reinstall it (that would
# point the editable install at the temporary copy), so its stamp counts as up to date.
MAKE_STAMP = ".venv/.installed-stamp"
_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
_EXPECTED_EXIT = re.compile(r"\s#\s*exit (\d+)\b")
_OUTPUT_OPTIONS = ("-o", "--output", "--export")


@dataclass(frozen=True)
class TourCommand:
    """One command line of the README, the exit code it should end with and what it writes."""

    line: str
    exit_code: int
    outputs: tuple[str, ...]


def tour_commands(text: str) -> list[TourCommand]:
    """Return the commands of every ```sh block of ``text``, in order, comments kept."""
    commands = []
    for block in _BLOCK.findall(text):
        for line in block.replace("\\\n", " ").splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            expected = _EXPECTED_EXIT.search(line)
            words = shlex.split(line, comments=True)
            outputs = tuple(
                words[index + 1] for index, word in enumerate(words[:-1]) if word in _OUTPUT_OPTIONS
            )
            commands.append(TourCommand(line, int(expected.group(1)) if expected else 0, outputs))
    return commands


def _runnable(command: TourCommand) -> str:
    words = command.line.split()
    if words[0] == "make":
        return f"make --old-file={MAKE_STAMP} {' '.join(words[1:])}"
    return command.line


def _script(commands: list[TourCommand], logs: Path) -> str:
    """A bash script running each command, logging its output, exit code and folder."""
    lines = [f'echo "$EPOCHREALTIME" >"{logs}/start"']
    for index, command in enumerate(commands):
        lines += [
            "{",
            _runnable(command),
            f'}} >"{logs}/{index}.out" 2>&1 </dev/null',
            "rc=$?",
            f'echo "$rc $EPOCHREALTIME $PWD" >"{logs}/{index}.rc"',
            f'[ "$rc" = "{command.exit_code}" ] || exit 0',
        ]
    return "\n".join(lines) + "\n"


def _fresh_clone(target: Path) -> None:
    """Copy the files a clone of the repository holds (tracked, or new and not ignored)."""
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def test_the_readme_tour_parses_into_every_block_and_command() -> None:
    commands = tour_commands(README.read_text(encoding="utf-8"))
    lines = [command.line.split("#")[0].strip() for command in commands]
    assert lines[:2] == ["make demo", "make test"]  # the Quick start comes first
    assert "source .venv/bin/activate" in lines
    assert any(line.startswith("vanban init --training") for line in lines)
    assert [c.exit_code for c in commands if "missing.yaml" in c.line] == [1]
    assert ("x.docx",) in [c.outputs for c in commands]


@pytest.mark.slow
def test_the_readme_tour_runs_as_written(tmp_path: Path, soffice: str) -> None:
    if not (REPO / ".git").exists():
        pytest.skip("the tour is run from a git checkout of vanban (a clone)")
    commands = [
        command
        for command in tour_commands(README.read_text(encoding="utf-8"))
        if command.line.split("#")[0].strip() not in NOT_RUN
    ]
    clone, logs, home = tmp_path / "vanban", tmp_path / "logs", tmp_path / "home"
    for folder in (clone, logs, home):
        folder.mkdir()
    _fresh_clone(clone)
    (clone / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    environment = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    script = tmp_path / "tour.sh"
    script.write_text(_script(commands, logs), encoding="utf-8")
    subprocess.run(["bash", str(script)], cwd=clone, env=environment, check=True, timeout=900)

    started = float((logs / "start").read_text())
    for index, command in enumerate(commands):
        assert (logs / f"{index}.rc").exists(), f"the tour stopped before: {command.line}"
        output = (logs / f"{index}.out").read_text(encoding="utf-8", errors="replace")
        code, ended, cwd = (logs / f"{index}.rc").read_text().strip().split(" ", 2)
        print(f"{float(ended) - started:6.1f} s  {command.line}")  # where the time goes (-s)
        started = float(ended)
        assert int(code) == command.exit_code, f"{command.line}\nexit {code}\n{output}"
        for written in command.outputs:
            path = Path(cwd) / written
            if command.exit_code == 0:
                assert path.exists(), f"{command.line} did not write {written}"
                assert not path.is_dir() or any(path.iterdir()), f"{written} is empty"
            else:
                assert not path.exists(), f"{command.line} failed but left {written}"
