"""The layering rule: cli → services → documents, vietnamese → errors; no printing below cli."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "vanban"

# What each part may import from vanban (besides itself).
_BASE = {"errors", "models", "vietnamese", "resources", "atomic_write"}
ALLOWED = {
    "vietnamese": set(),
    "errors": set(),
    "atomic_write": {"errors"},
    "models": set(),
    "resources": set(),
    "workflow": {"errors"},
    "docx": set(),
    "documents": {"errors", "vietnamese", "resources", "atomic_write", "docx"},
    "store": {"errors", "models"},
    "archive": {"errors"},
    "signing": {"errors"},
    "awards": {"errors", "vietnamese", "atomic_write"},
    "checker": {"errors", "vietnamese", "documents", "resources"},
    "importing": {"errors", "vietnamese", "documents", "checker"},
    "workspace": {"errors"},
    "services": {
        *_BASE,
        *("documents", "workflow", "store", "workspace", "archive", "awards"),
        *("checker", "importing", "signing"),
    },
    "cli": {*_BASE, "documents", "workflow", "workspace", "services", "checker", "__init__"},
}


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if _part(path) in ALLOWED)


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_follow_the_layers(path: Path) -> None:
    part = _part(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            if name == "vanban":
                target = "__init__"
            elif name.startswith("vanban."):
                target = name.split(".")[1]
            else:
                continue
            assert target == part or target in ALLOWED[part], f"{part} must not import {name}"
        if part != "cli" and isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in ("print", "exit"), f"{path.name} prints or exits"
        pure = (
            "docx",
            "documents",
            "vietnamese",
            "workflow",
            "store",
            "models",
            "archive",
            "awards",
            "importing",
            "signing",
        )
        if part in pure and isinstance(node, ast.Import | ast.ImportFrom):
            module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            banned = {"click", "rich"} | ({"sqlalchemy"} if part != "store" else set())
            assert (module or "").split(".")[0] not in banned, f"{path.name} imports {module}"
