"""Loading workflows/*.yaml into WorkflowDefinition, reporting every mistake at once."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from vanban.datafile import Located, UnreadableYaml, read_text_bounded, read_yaml
from vanban.datafile.bounded import MissingFileError
from vanban.errors import NotFoundError, ValidationError
from vanban.workflow.definition import WorkflowDefinition
from vanban.workflow.guards import GUARDS, Guard
from vanban.workflow.problems import InvalidWorkflowError, Problem
from vanban.workflow.validate import check_workflow

# A workflow is a page of YAML; anything this large is the wrong file.
MAX_FILE_BYTES = 1024 * 1024
# Workflows already read and found sound by this process, by path, text, templates and guard
# registry: a process that serves many commands checks each file once.
_READ: dict[tuple[str, str, tuple[str, ...] | None, int], WorkflowDefinition] = {}


def _read(
    path: Path,
    problems: list[Problem],
    known_templates: Collection[str] | None,
    guards: Mapping[str, Guard],
) -> WorkflowDefinition | None:
    source = str(path)
    try:
        text = read_text_bounded(path, MAX_FILE_BYTES, ("tệp quy trình", "workflow file"))
        known = None if known_templates is None else tuple(sorted(known_templates))
        key = (source, text, known, id(guards))
        if key in _READ:
            return _READ[key]
        document = read_yaml(text, source)
    except MissingFileError:
        raise
    except UnreadableYaml as exc:
        problems.append(exc.problem)
        return None
    except ValidationError as exc:
        # Too large, not a regular file, not UTF-8: said once for this file, the others go on.
        problems.append(Problem(None, exc.text("vi").rstrip("."), exc.text("en").rstrip(".")))
        return None
    before = len(problems)
    problems.extend(document.problems)
    if document.root is None:
        document.root = Located(None, (), 1)
    found = check_workflow(document.root, source, path.stem, problems, known_templates, guards)
    if found is not None and len(problems) == before:
        _READ[key] = found
    return found


def load_workflow(
    path: Path,
    known_templates: Collection[str] | None = None,
    *,
    guards: Mapping[str, Guard] = GUARDS,
) -> WorkflowDefinition:
    """Load and check one workflow file; raise InvalidWorkflowError naming every mistake.

    ``known_templates``, when given, are the template ids ``document`` may name.
    """
    problems: list[Problem] = []
    definition = _read(path, problems, known_templates, guards)
    if problems or definition is None:
        raise InvalidWorkflowError(problems)
    return definition


def load_workflow_files(
    paths: Sequence[Path],
    known_templates: Collection[str] | None = None,
    *,
    guards: Mapping[str, Guard] = GUARDS,
) -> dict[Path, WorkflowDefinition]:
    """Load and check each file of ``paths``; one error lists the mistakes of all of them."""
    problems: list[Problem] = []
    definitions: dict[Path, WorkflowDefinition] = {}
    for path in paths:
        definition = _read(path, problems, known_templates, guards)
        if definition is not None:
            definitions[path] = definition
    if problems:
        raise InvalidWorkflowError(problems)
    return definitions


def load_workflows(
    folder: Path,
    known_templates: Collection[str] | None = None,
    *,
    guards: Mapping[str, Guard] = GUARDS,
) -> dict[str, WorkflowDefinition]:
    """Load every ``*.yaml`` in ``folder``, by name; one error lists the mistakes of all files."""
    if not folder.is_dir():
        raise NotFoundError(
            f"Không tìm thấy thư mục quy trình “{folder}”. Hãy kiểm tra đường dẫn.",
            f"The workflow folder “{folder}” does not exist. Check the path.",
        )
    found = load_workflow_files(sorted(folder.glob("*.yaml")), known_templates, guards=guards)
    return {definition.name: definition for definition in found.values()}
