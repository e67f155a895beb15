"""The layering rules of vanban: one table of allowed imports, and a checker that reads code.

``ALLOWED`` is the one table: for each part of ``src/vanban`` (a package or a top module), the
parts it may import. docs/architecture.md shows it (between the ``layers`` markers; regenerate
with ``python -m tests.layering``) and tests/test_architecture.py fails when the two differ.

The checker resolves what a module really imports: relative imports (``from ..store import``),
``from vanban import store``, aliases, and module names written as strings for importlib
(``"vanban.store"``, ``f"vanban.cli.{name}"``). Below ``cli/`` it also refuses what only the
command line may do: print, write to ``sys.stdout``/``sys.stderr``, exit (``sys.exit``,
``os._exit``, ``exit``, ``quit``, ``SystemExit``), import click or rich. The parts in
``READ_ONLY`` (the checker) may not open or write files either: they read the bytes given.
Outside ``OOXML_PART`` (vanban/docx) no module spells OOXML: python-docx's element layer
(``qn(``, ``OxmlElement``, ``docx.oxml``), the elements behind its proxies (``._p``,
``._tc``, ``._element``, ``.element.body`` …), WordprocessingML tag names (``"w:tbl"``,
``<w:``) or an OOXML namespace; ``ooxml_spellings`` names each by file and line. The same
holds for the scripts that build the shipped templates (``doc_templates/*.py``), which also may
not reach for vanban.docx's element layer (``vanban.docx.oxml``): they say what they build
through vanban.docx.building (``template_builder_violations``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "vanban"
ARCHITECTURE = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"
TEMPLATE_BUILDERS = Path(__file__).resolve().parent.parent / "doc_templates"

_BASE = {
    *("errors", "models", "vietnamese", "resources", "atomic_write", "content_cache"),
    *("spreadsheet_cells", "output_folder", "roles"),
}
# part → the parts it may import (besides itself). "__init__" is vanban/__init__.py.
ALLOWED: dict[str, set[str]] = {
    "__init__": set(),
    "__main__": {"cli"},
    "errors": set(),
    "models": set(),
    "roles": set(),
    "resources": set(),
    "vietnamese": set(),
    "atomic_write": {"errors"},
    "content_cache": {"errors", "atomic_write"},
    "spreadsheet_cells": set(),
    "output_folder": {"errors", "atomic_write"},
    "docx": {"errors"},
    "datafile": {"errors", "vietnamese"},
    "workflow": {"errors", "vietnamese", "datafile", "roles", "content_cache"},
    "documents": {
        *("errors", "vietnamese", "resources", "atomic_write", "docx", "datafile"),
        "content_cache",
    },
    "store": {"errors", "models"},
    "archive": {"errors"},
    "signing": {"errors"},
    "awards": {"errors", "vietnamese", "atomic_write", "datafile", "spreadsheet_cells"},
    "checker": {"errors", "vietnamese", "documents", "datafile", "docx", "signing"},
    "importing": {"errors", "vietnamese", "documents", "checker", "datafile", "docx"},
    "workspace": {"errors", "roles"},
    "services": {
        *_BASE,
        *("documents", "workflow", "store", "workspace", "archive", "awards"),
        *("checker", "importing", "signing", "datafile", "docx"),
    },
    # cli reaches the components through services; it reads the workspace to start a session
    # and prints the checker's findings.
    "cli": {*_BASE, "services", "workspace", "checker", "__init__"},
}
# part → what it may know, in one sentence (docs/architecture.md shows it beside the picture).
KNOWS: dict[str, str] = {
    "__init__": "the version; nothing else",
    "__main__": "that `python -m vanban` runs the command line",
    "errors": "the one error base class, its exit codes and its vi/en messages",
    "models": "the records (dossier, event, document, register entry) as frozen dataclasses",
    "roles": "the four roles of a dossier workflow and what messages call them",
    "resources": "where the files shipped with vanban (templates, workflows, samples) are",
    "vietnamese": "Vietnamese text: dates, numbers and money in words, abbreviations, matching",
    "atomic_write": "how to write a file so a failure leaves nothing half-written",
    "content_cache": "what was read from a file, kept by its content for the next command",
    "spreadsheet_cells": "how a value goes into a spreadsheet cell without becoming a formula",
    "output_folder": "how a folder of outputs is replaced all or nothing",
    "docx": (
        "OOXML, the only part that spells it: element names and namespaces, python-docx's "
        "internals, package checks, styles, list numbering, reading order, table cells, zip "
        "members"
    ),
    "datafile": "reading YAML with line numbers, and reporting problems in vi/en",
    "workflow": "workflow definitions and their state machine; no storage, no documents",
    "documents": "templates, their manifests, the data they take, rendering, PDF conversion",
    "store": "SQL: tables, migrations, transactions, gapless numbers, the sealed history",
    "archive": "signed PDFs, archive metadata and BagIt packages",
    "signing": "keys, signature images and PAdES signing with pyHanko",
    "awards": "award rules: reward coefficients, nominee lists, council votes",
    "checker": "Nghị định 30's rules and how to judge any .docx against them",
    "importing": "what someone else's Word file says, as vanban's data (its XML read by docx)",
    "workspace": "the workspace file: organisation, people, roles and where the store is",
    "services": "the use cases: each command's whole job, in one transaction where it writes",
    "cli": "click, the terminal and exit codes: the only part that prints or exits",
}
# Parts that never touch a database (SQLAlchemy stays in store/).
NO_DATABASE = {
    *("docx", "documents", "vietnamese", "workflow", "models", "archive", "awards"),
    *("importing", "signing", "datafile"),
}
# Parts that read what they are given and never open or write a file themselves.
READ_ONLY = {"checker"}
_FILE_WRITES = {"write_bytes", "write_text"}
_ONLY_CLI = {"click", "rich"}
_SPEAKING = {"cli", "__main__"}  # the command line and `python -m vanban`, which runs it
_EXITS = {"exit", "quit"}  # builtins
_STREAMS = {("sys", "stdout"), ("sys", "stderr"), ("sys", "exit"), ("os", "_exit")}
# The one part that knows how a .docx is built inside, and what spelling OOXML looks like.
OOXML_PART = "docx"
_OOXML = re.compile(
    r"\bqn\(|\bOxmlElement\b|(?<![\w.])docx\.oxml\b|\bCT_[A-Z]\w*|\.xpath\(|\bnsmap\b"
    r"|\._(?:p|r|tc|tr|tbl|body|element|sectPr|tblPr)\b|\.element\.body\b"
    r"|<w:|[\"']w:[A-Za-z]\w*|schemas\.openxmlformats\.org|purl\.oclc\.org/ooxml"
)


def part_of(module: str) -> str:
    """The part of ``vanban.x.y`` ("x"), or "__init__" for ``vanban`` itself."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def module_name(path: Path) -> str:
    """The dotted name of the module at ``path`` under src/."""
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    pieces = list(relative.parts)
    if pieces[-1] == "__init__":
        pieces.pop()
    return ".".join(pieces)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _resolve(node: ast.ImportFrom, module: str, package: bool) -> str:
    """The absolute module an ImportFrom names, relative levels resolved."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _exists(module: str) -> bool:
    pieces = module.split(".")[1:]
    if not pieces or not all(piece.isidentifier() for piece in pieces):
        return False
    relative = Path(*pieces)
    return (PACKAGE / relative).is_dir() or (PACKAGE / relative).with_suffix(".py").is_file()


def imported_modules(tree: ast.AST, module: str, package: bool) -> list[str]:
    """Every module ``tree`` imports, absolute, including ``from vanban import store`` and
    module names written as strings (importlib.import_module, lazy tables)."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node, module, package)
            found.append(target)
            for alias in node.names:  # `from vanban import store` imports vanban.store
                if _exists(f"{target}.{alias.name}") and target.split(".")[0] == "vanban":
                    found.append(f"{target}.{alias.name}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value.startswith("vanban.") and _exists(node.value):  # not "vanban.toml"
                found.append(node.value)
        elif isinstance(node, ast.JoinedStr) and node.values:
            head = node.values[0]
            text = str(head.value).rstrip(".") if isinstance(head, ast.Constant) else ""
            if text.startswith("vanban.") and _exists(text):
                found.append(text)
    return found


def _module_aliases(tree: ast.AST) -> dict[str, str]:
    """Local name → module, for ``import sys``, ``import sys as s``, ``import os``."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                aliases[alias.asname or alias.name.split(".")[0]] = alias.name
    return aliases


def _cli_only_uses(tree: ast.AST) -> list[str]:
    """What ``tree`` does that only cli/ may do: print, use the streams, exit, click, rich."""
    found: list[str] = []
    aliases = _module_aliases(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in {"print", *_EXITS}:
                found.append(f"{node.func.id}()")
            if node.func.id == "getattr" and len(node.args) >= 2:
                target, name = node.args[0], node.args[1]
                if isinstance(target, ast.Name) and isinstance(name, ast.Constant):
                    pair = (aliases.get(target.id, target.id), name.value)
                    if pair in _STREAMS:
                        found.append(f"getattr({pair[0]}, {pair[1]!r})")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            pair = (aliases.get(node.value.id, node.value.id), node.attr)
            if pair in _STREAMS:
                found.append(".".join(pair))
        elif isinstance(node, ast.Name) and node.id == "SystemExit":
            found.append("SystemExit")
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            for alias in node.names:
                if (node.module, alias.name) in _STREAMS:
                    found.append(f"from {node.module} import {alias.name}")
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            found += [f"import {name}" for name in names if name.split(".")[0] in _ONLY_CLI]
    return found


def _file_uses(tree: ast.AST) -> list[str]:
    """Where ``tree`` opens or writes a file: ``open()``, ``.write_bytes``, ``.write_text``."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "open":
                found.append("open()")
        elif isinstance(node, ast.Attribute) and node.attr in _FILE_WRITES:
            found.append(f".{node.attr}")
    return found


def ooxml_spellings(path: Path, source: str | None = None) -> list[str]:
    """Each place the module at ``path`` (or ``source``) spells OOXML, as "file:line: what"."""
    text = source if source is not None else path.read_text(encoding="utf-8")
    try:
        shown = path.relative_to(PACKAGE.parent.parent)
    except ValueError:
        shown = path
    return [
        f"{shown}:{number}: {match.group(0)}"
        for number, line in enumerate(text.splitlines(), start=1)
        for match in _OOXML.finditer(line)
    ]


def violations(path: Path, source: str | None = None) -> list[str]:
    """Every layering rule the module at ``path`` (or ``source`` read as if it were there)
    breaks, one sentence each; empty when it keeps them all."""
    module = module_name(path)
    part = part_of(module)
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    problems = []
    for target in imported_modules(tree, module, _is_package(path)):
        top = target.split(".")[0]
        if top == "vanban":
            other = part_of(target)
            if other != part and other not in ALLOWED.get(part, set()):
                problems.append(f"{module} imports {target}: {part} may not import {other}")
        elif top == "sqlalchemy" and part in NO_DATABASE:
            problems.append(f"{module} imports {target}: only store/ talks to the database")
    if part not in _SPEAKING:
        problems += [f"{module} uses {use}: only cli/ may" for use in _cli_only_uses(tree)]
    if part in READ_ONLY:
        problems += [f"{module} uses {use}: {part} never touches files" for use in _file_uses(tree)]
    if part != OOXML_PART:
        problems += [
            f"{place}: only vanban.docx spells OOXML" for place in ooxml_spellings(path, source)
        ]
    return problems


# vanban.docx's element layer: what the modules of vanban.docx build on, not a public name.
_ELEMENT_LAYER = "vanban.docx.oxml"


def template_builder_violations(path: Path, source: str | None = None) -> list[str]:
    """Where the template build script at ``path`` (or ``source``) spells OOXML or imports
    vanban.docx's element layer, one sentence each; empty when it says what it builds through
    vanban.docx's public names."""
    text = source if source is not None else path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    module = f"doc_templates.{path.stem}"
    problems = [
        f"{module} imports {target}: doc_templates builds through vanban.docx.building"
        for target in imported_modules(tree, module, _is_package(path))
        if target == _ELEMENT_LAYER or target.startswith(f"{_ELEMENT_LAYER}.")
    ]
    return problems + [
        f"{place}: only vanban.docx spells OOXML" for place in ooxml_spellings(path, text)
    ]


def template_builders() -> list[Path]:
    """Every module of doc_templates/ (the scripts that build the shipped templates)."""
    return sorted(TEMPLATE_BUILDERS.glob("*.py"))


def modules() -> list[Path]:
    """Every module of src/vanban."""
    return sorted(PACKAGE.rglob("*.py"))


def _reaches(start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(ALLOWED[start])
    while todo:
        part = todo.pop()
        if part not in seen:
            seen.add(part)
            todo += ALLOWED.get(part, set())
    return seen


def arrows() -> list[tuple[str, str]]:
    """The allowed imports without those implied by others (a → c when a → b → c)."""
    found = []
    for part, allowed in ALLOWED.items():
        implied = set().union(*(_reaches(other) for other in allowed)) if allowed else set()
        found += [(part, target) for target in sorted(allowed - implied)]
    return sorted(found)


def _node(part: str) -> str:
    return part.strip("_") + ("_" if part.startswith("_") else "")


def table_markdown() -> str:
    """ALLOWED as docs/architecture.md shows it: a Mermaid picture, then a table of what
    each part may import and know."""
    lines = ["```mermaid", "graph TD"]
    lines += [f"  {_node(part)}[{part}]" for part in sorted(ALLOWED)]
    lines += [f"  {_node(part)} --> {_node(target)}" for part, target in arrows()]
    lines += ["```", "", "| part | may import | may know |", "|---|---|---|"]
    for part in sorted(ALLOWED, key=lambda name: (len(_reaches(name)), name), reverse=True):
        allowed = ", ".join(f"`{name}`" for name in sorted(ALLOWED[part])) or "—"
        lines.append(f"| `{part}` | {allowed} | {KNOWS[part]} |")
    return "\n".join(lines)


BEGIN, END = "<!-- layers:begin -->", "<!-- layers:end -->"


def documented_table() -> str:
    """The table between the layers markers of docs/architecture.md."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    return text[text.index(BEGIN) + len(BEGIN) : text.index(END)].strip()


if __name__ == "__main__":
    text = ARCHITECTURE.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    ARCHITECTURE.write_text(f"{text[:start]}\n{table_markdown()}\n{text[end:]}", encoding="utf-8")
    print(ARCHITECTURE)
