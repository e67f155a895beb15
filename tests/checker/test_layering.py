"""vanban.checker reads documents and never writes, prints, exits or imports click."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CHECKER = Path(__file__).resolve().parents[2] / "src" / "vanban" / "checker"
ALLOWED = {"checker", "documents", "vietnamese", "errors", "datafile", "docx"}
MODULES = sorted(CHECKER.glob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[path.name for path in MODULES])
def test_checker_module_stays_in_its_layer(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            names = []
        for name in names:
            top = name.split(".")
            assert top[0] not in ("click", "rich"), f"{path.name} imports {name}"
            if top[0] == "vanban":
                assert [*top, ""][1] in ALLOWED, f"{path.name} imports {name}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in ("print", "exit", "open"), (
                f"{path.name} calls {node.func.id}"
            )
        if isinstance(node, ast.Attribute):
            assert node.attr not in ("write_bytes", "write_text"), f"{path.name} writes files"


def test_readme_states_the_rule() -> None:
    text = (CHECKER / "README.md").read_text(encoding="utf-8")
    assert "never writes" in text
    assert "No click" in text
