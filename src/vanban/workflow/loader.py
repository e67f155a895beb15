"""Loading workflows/*.yaml into WorkflowDefinition, reporting every mistake at once."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from vanban.errors import NotFoundError, WorkflowError
from vanban.workflow.definition import WorkflowDefinition
from vanban.workflow.guards import GUARDS, Guard
from vanban.workflow.located import read_located
from vanban.workflow.problems import InvalidWorkflowError, Problem
from vanban.workflow.validate import check_workflow

# A workflow is a page of YAML; anything this large is the wrong file.
MAX_FILE_BYTES = 1024 * 1024


def _read(
    path: Path,
    problems: list[Problem],
    known_templates: Collection[str] | None,
    guards: Mapping[str, Guard],
) -> WorkflowDefinition | None:
    source = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFoundError(
            f"Không tìm thấy tệp quy trình “{path}”. Hãy kiểm tra đường dẫn.",
            f"The workflow file “{path}” does not exist. Check the path.",
        ) from exc
    except OSError as exc:
        raise WorkflowError(
            f"Không đọc được tệp quy trình “{path}”. Hãy kiểm tra quyền đọc.",
            f"Cannot read the workflow file “{path}”. Check that it is readable.",
        ) from exc
    if len(raw) > MAX_FILE_BYTES:
        problems.append(
            Problem(
                source,
                "",
                None,
                "tệp lớn hơn 1 MB, không thể là một quy trình; hãy kiểm tra lại đường dẫn",
                "the file is over 1 MB, too large for a workflow; check the path",
            )
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(
            Problem(
                source,
                "",
                None,
                "tệp không phải văn bản UTF-8; hãy lưu lại với mã UTF-8",
                "the file is not UTF-8 text; save it again as UTF-8",
            )
        )
        return None
    root = read_located(text, source, problems)
    if root is None:
        return None
    return check_workflow(root, source, path.stem, problems, known_templates, guards)


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
    problems: list[Problem] = []
    definitions: dict[str, WorkflowDefinition] = {}
    for path in sorted(folder.glob("*.yaml")):
        definition = _read(path, problems, known_templates, guards)
        if definition is not None:
            definitions[definition.name] = definition
    if problems:
        raise InvalidWorkflowError(problems)
    return definitions
