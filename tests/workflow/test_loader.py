"""Loading workflow files: the shipped ones load, and every kind of mistake is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workflow.shared import GOOD, TEMPLATES, WORKFLOWS
from vanban.errors import NotFoundError, WorkflowError
from vanban.workflow import (
    EventDefinition,
    InvalidWorkflowError,
    Problem,
    load_workflow,
    load_workflows,
)


def _problems(path: Path, known: tuple[str, ...] | None = TEMPLATES) -> tuple[Problem, ...]:
    with pytest.raises(InvalidWorkflowError) as caught:
        load_workflow(path, known)
    assert isinstance(caught.value, WorkflowError)
    return caught.value.problems


def _write(tmp_path: Path, text: str, name: str = "ke_hoach.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "label"), [("ke_hoach", "Kế hoạch"), ("bao_cao", "Báo cáo"), ("cong_van", "Công văn")]
)
def test_shipped_workflows_load(name: str, label: str) -> None:
    definition = load_workflow(WORKFLOWS / f"{name}.yaml", TEMPLATES)
    assert (definition.name, definition.label, definition.document) == (name, label, name)
    assert definition.initial == "draft"
    assert list(definition.states) == [
        "draft",
        "submitted",
        "reviewed",
        "approved",
        "issued",
        "archived",
        "rejected",
    ]
    assert [s.name for s in definition.states.values() if s.final] == ["archived", "rejected"]
    assert definition.events["issue"] == EventDefinition(
        name="issue",
        label="Ban hành",
        sources=("approved",),
        dest="issued",
        roles=frozenset({"clerk"}),
        render=(definition.document,),
        number=True,
    )
    assert definition.events["return"].guards == ("has_comment",)
    assert definition.events["return"].roles == {"reviewer", "approver", "clerk"}
    assert definition.events["submit"].accepts_data
    assert definition.source == str(WORKFLOWS / f"{name}.yaml")


def test_render_may_name_several_templates(tmp_path: Path) -> None:
    text = GOOD.replace(
        "roles: [clerk], render: true, number: true",
        "roles: [clerk], render: [ke_hoach, cong_van], number: true",
    )
    definition = load_workflow(_write(tmp_path, text), TEMPLATES)
    assert definition.events["issue"].render == ("ke_hoach", "cong_van")
    unknown = text.replace("render: [ke_hoach, cong_van]", "render: [ke_hoach, quyet_dinh_x]")
    with pytest.raises(WorkflowError, match="quyet_dinh_x"):
        load_workflow(_write(tmp_path, unknown), TEMPLATES)


AWARD_TEMPLATES = (
    "to_trinh_khen_thuong",
    "danh_sach_khen_thuong",
    "danh_sach_de_nghi_cap_tren",
    "bien_ban_hop_hoi_dong",
    "quyet_dinh_khen_thuong",
)


def test_load_workflows_reads_the_folder() -> None:
    found = load_workflows(WORKFLOWS, (*TEMPLATES, *AWARD_TEMPLATES))
    assert sorted(found) == ["bao_cao", "cong_van", "ke_hoach", "khen_thuong"]


def test_the_good_text_loads(tmp_path: Path) -> None:
    assert load_workflow(_write(tmp_path, GOOD)).name == "ke_hoach"


EXTRA_EVENT = "  reopen:  {label: Mở lại, from: [archived], to: draft, roles: [clerk]}\n"
EXTRA_STATE = "  cancelled: {label: Đã hủy, final: true}\n"

# id, text to replace, replacement, key path, text on the reported line, words of the fix
MISTAKES = [
    ("version", "version: 1", "version: 2", "version", "version: 2", "hãy ghi version: 1"),
    ("version_bool", "version: 1", "version: true", "version", "version:", "version: 1"),
    ("missing_key", "label: Kế hoạch\n", "", "", "version: 1", "thiếu khóa “label”"),
    ("unknown_key", "document:", "documnet:", "documnet", "documnet", "có phải “document”"),
    (
        "unknown_state_key",
        "{label: Đã trình}",
        "{lable: Đã trình}",
        "states.submitted.lable",
        "submitted:",
        "có phải “label”",
    ),
    (
        "unknown_event_key",
        "roles: [clerk]}\n",
        "role: [clerk]}\n",
        "events.archive.role",
        "archive:",
        "có phải “roles”",
    ),
    ("initial", "initial: draft", "initial: drafts", "initial", "initial:", "có phải “draft”"),
    (
        "from",
        "from: [submitted], to: reviewed",
        "from: [submited], to: reviewed",
        "events.review.from",
        "review:",
        "có phải “submitted”",
    ),
    (
        "to",
        "to: approved",
        "to: aproved",
        "events.approve.to",
        "approve:",
        "một trong: draft, submitted, reviewed, approved, issued, archived, rejected",
    ),
    (
        "final_with_events",
        "events:\n",
        f"events:\n{EXTRA_EVENT}",
        "events.reopen.from",
        "reopen:",
        "bỏ final: true",
    ),
    (
        "role",
        "roles: [clerk], render",
        "roles: [clark], render",
        "events.issue.roles",
        "issue:",
        "có phải “clerk”",
    ),
    (
        "guard",
        "guards: [not_drafter]}\n  return",
        "guards: [not_drafer]}\n  return",
        "events.review.guards",
        "review:",
        "có phải “not_drafter”",
    ),
    (
        "dotted_guard",
        "guards: [not_drafter]}\n  reject",
        "guards: [os.system]}\n  reject",
        "events.approve.guards",
        "approve:",
        "not_drafter, has_comment",
    ),
    (
        "document",
        "document: ke_hoach",
        "document: ke_hoac",
        "document",
        "document:",
        "có phải “ke_hoach”",
    ),
    (
        "event_name",
        "  amend: ",
        "  Sửa-lại: ",
        "events.Sửa-lại",
        "Sửa-lại",
        "viết thường, không dấu",
    ),
    ("state_name", "rejected", "Rejected", "states.Rejected", "Rejected:", "viết thường"),
    (
        "unreachable",
        "states:\n",
        f"states:\n{EXTRA_STATE}",
        "states.cancelled",
        "cancelled:",
        "hãy thêm một việc có to: cancelled",
    ),
    (
        "dead_end",
        "{label: Không duyệt, final: true}",
        "{label: Không duyệt}",
        "states.rejected",
        "rejected:",
        "ghi final: true",
    ),
    ("name_not_stem", "name: ke_hoach", "name: kehoach", "name", "name:", "name: ke_hoach"),
    (
        "duplicate_key",
        "events:\n",
        "events:\n  archive: {label: X, from: [issued], to: archived, roles: [clerk]}\n",
        "events.archive",
        "archive: {label: Lưu trữ",
        "giữ lại một",
    ),
    (
        "flag",
        "number: true}",
        "number: có}",
        "events.issue.number",
        "issue:",
        "true hoặc false",
    ),
    ("empty_label", "label: Kế hoạch", "label: ''", "label", "label: ''", "đoạn chữ"),
    (
        "invalid_yaml",
        "  issued:    {label: Đã ban hành}",
        "  issued:    {label: Đã ban hành",
        "",
        "archived:",
        "không đọc được YAML",
    ),
    ("not_a_mapping", GOOD, "- draft\n- submitted\n", "", "- draft", "bảng “khóa: giá trị”"),
]


@pytest.mark.parametrize(
    ("old", "new", "key_path", "line_text", "fix"),
    [pytest.param(*case[1:], id=case[0]) for case in MISTAKES],
)
def test_each_mistake_is_named_with_file_key_line_and_fix(
    tmp_path: Path, old: str, new: str, key_path: str, line_text: str, fix: str
) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    path = _write(tmp_path, text)
    problems = _problems(path)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if line_text in row)
    matching = [p for p in problems if p.path == key_path and fix in p.vi]
    assert matching, [p.text() for p in problems]
    problem = matching[0]
    assert problem.source == str(path)
    assert problem.line == line
    assert problem.en
    where = f"{path}, dòng {line} ({key_path})" if key_path else f"{path}, dòng {line}"
    assert problem.text().startswith(where)


def test_an_unreachable_dead_end_is_one_problem(tmp_path: Path) -> None:
    text = GOOD.replace("  reviewed:  {", "  on_hold: {label: Tạm dừng}\n  reviewed:  {", 1)
    (problem,) = _problems(_write(tmp_path, text))
    assert (problem.path, problem.line) == ("states.on_hold", 9)
    assert "không thể tới trạng thái “on_hold”" in problem.vi


def test_a_bad_name_is_one_problem_not_a_cascade(tmp_path: Path) -> None:
    (problem,) = _problems(_write(tmp_path, GOOD.replace("rejected", "Rejected")))
    assert problem.path == "states.Rejected"


def test_one_mistake_gives_one_sentence_with_the_fix(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("to: approved", "to: aproved"))
    with pytest.raises(InvalidWorkflowError) as caught:
        load_workflow(path)
    assert caught.value.text("vi") == (
        f"{path}, dòng 19 (events.approve.to): trạng thái “aproved” không có trong states; "
        "có phải “approved”? Hãy dùng một trong: draft, submitted, reviewed, approved, issued, "
        "archived, rejected. Hãy sửa tệp quy trình rồi chạy lại."
    )
    assert caught.value.text("en").startswith(f"{path}, line 19 (events.approve.to): the state")


AT_ONCE = ("version", "unknown_key", "initial", "to", "role", "dotted_guard", "name_not_stem")


def test_every_mistake_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD
    for case in MISTAKES:
        if case[0] in AT_ONCE:
            text = text.replace(case[1], case[2], 1)
    path = _write(tmp_path, text)
    problems = _problems(path)
    # Top to bottom, as the author reads the file.
    assert [p.path for p in problems] == [
        "version",
        "name",
        "documnet",
        "initial",
        "events.approve.to",
        "events.approve.guards",
        "events.issue.roles",
    ]
    with pytest.raises(InvalidWorkflowError) as caught:
        load_workflow(path)
    message = caught.value.text("vi")
    assert message.startswith(f"Tệp {path} có 7 lỗi; hãy sửa tất cả rồi chạy lại:\n")
    assert message.count("\n  - ") == 7


def test_load_workflows_reports_all_files_at_once(tmp_path: Path) -> None:
    _write(tmp_path, GOOD.replace("version: 1", "version: 3"))
    _write(tmp_path, GOOD, "bao_cao.yaml")  # still says name: ke_hoach
    _write(tmp_path, GOOD.replace("ke_hoach", "cong_van"), "cong_van.yaml")
    with pytest.raises(InvalidWorkflowError) as caught:
        load_workflows(tmp_path, TEMPLATES)
    assert sorted(Path(p.source).name for p in caught.value.problems) == [
        "bao_cao.yaml",
        "ke_hoach.yaml",
    ]
    assert caught.value.text("vi").startswith("2 tệp quy trình có 2 lỗi")


def test_unknown_template_only_checked_when_templates_are_known(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    assert load_workflow(path).document == "ke_hoach"
    (problem,) = _problems(path, ("bao_cao", "cong_van"))
    assert problem.path == "document"
    assert "hãy dùng một trong: bao_cao, cong_van" in problem.vi


def test_a_missing_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        load_workflow(tmp_path / "khong_co.yaml")
    with pytest.raises(NotFoundError):
        load_workflows(tmp_path / "khong_co")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"\xff\xfe not utf-8", "UTF-8"),
        (b"", "bảng “khóa: giá trị”"),
        (
            b"a: &a [1, 2]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            b"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
            "bí danh",
        ),
    ],
    ids=["not_utf8", "empty", "alias_bomb"],
)
def test_unreadable_files(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "ke_hoach.yaml"
    path.write_bytes(content)
    problems = _problems(path)
    assert any(fragment in p.vi for p in problems), [p.text() for p in problems]


def test_a_single_name_may_stand_for_a_list(tmp_path: Path) -> None:
    text = GOOD.replace(
        "[issued], to: archived, roles: [clerk]", "issued, to: archived, roles: clerk"
    )
    event = load_workflow(_write(tmp_path, text)).events["archive"]
    assert (event.sources, event.roles) == (("issued",), frozenset({"clerk"}))


def test_labels_are_nfc(tmp_path: Path) -> None:
    decomposed = "Ke\u0302\u0301 hoa\u0323ch"
    definition = load_workflow(
        _write(tmp_path, GOOD.replace("label: Kế hoạch", f"label: {decomposed}"))
    )
    assert definition.label == "Kế hoạch"


def test_mistakes_on_one_line_are_listed_as_written(tmp_path: Path) -> None:
    line = "  archive: {label: Lưu trữ, from: [issued], to: archived, roles: [clerk]}"
    wrong = "  archive: {foo: 1, label: '', from: [isued], to: archved, roles: [clark], number: 2}"
    problems = _problems(_write(tmp_path, GOOD.replace(line, wrong)))
    assert [p.path.removeprefix("events.archive.") for p in problems] == [
        *("foo", "label", "from", "to", "roles", "number"),
    ]
    assert len({p.line for p in problems}) == 1
