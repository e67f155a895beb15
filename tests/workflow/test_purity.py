"""workflow/ is pure: no database, no documents, no command line, no printing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.layering import ALLOWED

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "vanban" / "workflow"
FORBIDDEN = ("click", "sqlalchemy", "alembic", "docx", "docxtpl", "openpyxl", "rich", "importlib")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda path: path.name)
def test_workflow_modules_stay_pure(path: Path) -> None:
    for name in _imports(path):
        top = name.split(".")[0]
        assert top not in FORBIDDEN, f"{path.name} imports {name}"
        if top == "vanban":
            # What the layering table lets workflow/ import (the readers of user files, the
            # text helpers, the roles), and itself.
            allowed = tuple(f"vanban.{part}" for part in (*ALLOWED["workflow"], "workflow"))
            assert name.startswith(allowed), name
        if top == "transitions":
            assert path.name == "engine.py", "transitions stays behind engine.WorkflowEngine"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in ("print", "exit", "open", "__import__", "eval", "exec")


def test_the_folder_says_it_is_pure() -> None:
    readme = (PACKAGE / "README.md").read_text(encoding="utf-8")
    assert "Pure" in readme
    assert 3 <= len(readme.strip().splitlines()) <= 6
