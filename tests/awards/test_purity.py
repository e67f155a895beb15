"""awards/ is pure: no command line, no database, no documents, no printing or exiting."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "vanban" / "awards"
FORBIDDEN = ("click", "rich", "sqlalchemy", "alembic", "docx", "docxtpl", "transitions")


def _imports(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda path: path.name)
def test_awards_modules_stay_pure(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for name in _imports(tree):
        assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
        if name.startswith("vanban"):
            allowed = (
                "errors",
                "vietnamese",
                "awards",
                "atomic_write",
                "datafile",
                "spreadsheet_cells",
            )
            assert name.split(".")[1] in allowed, name
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in ("print", "exit", "input", "eval", "exec")


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda path: path.name)
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_the_folder_says_it_is_pure() -> None:
    readme = (PACKAGE / "README.md").read_text(encoding="utf-8")
    assert "Pure: no click, no database" in readme
