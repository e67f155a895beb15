"""The engine: who may fire which event when, and the refusals they get otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workflow.shared import TEMPLATES, WORKFLOWS
from vanban.errors import NotFoundError, NotPermittedError, WorkflowError
from vanban.workflow import (
    GUARDS,
    Actor,
    DossierFacts,
    EventDefinition,
    Guard,
    GuardInput,
    Refusal,
    StateDefinition,
    Transition,
    WorkflowDefinition,
    WorkflowEngine,
    load_workflow,
)

MINH = Actor("minh", frozenset({"secretary"}))
LAN = Actor("lan", frozenset({"reviewer"}))
HUONG = Actor("huong", frozenset({"approver"}))
VAN = Actor("van", frozenset({"clerk"}))
NOBODY = Actor("khach", frozenset())
# A small office where the head drafts and also approves: separation of duties must hold.
CHIEF = Actor("chief", frozenset({"secretary", "reviewer", "approver", "clerk"}))


@pytest.fixture(scope="module")
def engine() -> WorkflowEngine:
    return WorkflowEngine(load_workflow(WORKFLOWS / "ke_hoach.yaml", TEMPLATES))


def _facts(state: str, created_by: str = "minh") -> DossierFacts:
    return DossierFacts(state=state, created_by=created_by)


def test_happy_path_draft_to_archived(engine: WorkflowEngine) -> None:
    steps = [
        (MINH, "amend", "draft", "draft"),
        (MINH, "submit", "draft", "submitted"),
        (LAN, "review", "submitted", "reviewed"),
        (HUONG, "approve", "reviewed", "approved"),
        (VAN, "issue", "approved", "issued"),
        (VAN, "archive", "issued", "archived"),
    ]
    state = "draft"
    for actor, event, before, after in steps:
        assert state == before
        transition = engine.fire(_facts(state), actor, event)
        assert isinstance(transition, Transition)
        assert (transition.event.name, transition.from_state, transition.to_state) == (
            event,
            before,
            after,
        )
        state = transition.to_state
    assert state == "archived"


@pytest.mark.parametrize(
    ("event", "render", "number", "accepts_data"),
    [
        ("submit", ("ke_hoach",), False, True),
        ("amend", ("ke_hoach",), False, True),
        ("review", (), False, False),
        ("issue", ("ke_hoach",), True, False),
        ("archive", (), False, False),
    ],
)
def test_the_transition_says_what_the_service_does(
    engine: WorkflowEngine,
    event: str,
    render: tuple[str, ...],
    number: bool,
    accepts_data: bool,
) -> None:
    definition = engine.definition.events[event]
    assert (definition.render, definition.number, definition.accepts_data) == (
        render,
        number,
        accepts_data,
    )


@pytest.mark.parametrize(
    ("state", "actor"), [("submitted", LAN), ("reviewed", LAN), ("reviewed", HUONG)]
)
def test_return_to_draft_with_a_comment(engine: WorkflowEngine, state: str, actor: Actor) -> None:
    transition = engine.fire(_facts(state), actor, "return", comment="Bổ sung số liệu năm 2023.")
    assert (transition.from_state, transition.to_state) == (state, "draft")


@pytest.mark.parametrize("comment", ["", "   \n"])
def test_return_without_a_comment_is_refused(engine: WorkflowEngine, comment: str) -> None:
    with pytest.raises(NotPermittedError) as caught:
        engine.fire(_facts("submitted"), LAN, "return", comment=comment)
    assert caught.value.text("vi") == (
        "Hãy ghi lý do bằng --comment khi trả lại hoặc không duyệt hồ sơ. "
        "Bạn có thể: review (Thẩm định đạt), return (Trả lại)."
    )
    assert caught.value.text("en").endswith("You can: review (Thẩm định đạt), return (Trả lại).")


def test_reject_without_a_comment_is_refused(engine: WorkflowEngine) -> None:
    with pytest.raises(NotPermittedError, match="--comment"):
        engine.fire(_facts("reviewed"), HUONG, "reject")
    assert engine.fire(_facts("reviewed"), HUONG, "reject", "Trùng kế hoạch 05").to_state == (
        "rejected"
    )


@pytest.mark.parametrize(
    ("state", "actor", "event", "needed"),
    [
        ("reviewed", MINH, "approve", "cần vai trò approver (lãnh đạo phê duyệt)"),
        ("draft", VAN, "submit", "cần vai trò secretary (chuyên viên soạn thảo)"),
        ("approved", MINH, "issue", "cần vai trò clerk (văn thư)"),
        (
            "submitted",
            MINH,
            "return",
            "cần một trong các vai trò approver (lãnh đạo phê duyệt), clerk (văn thư), "
            "reviewer (người thẩm định)",
        ),
        ("submitted", NOBODY, "review", "cần vai trò reviewer (người thẩm định)"),
    ],
)
def test_wrong_role_is_refused_naming_the_role(
    engine: WorkflowEngine, state: str, actor: Actor, event: str, needed: str
) -> None:
    with pytest.raises(NotPermittedError) as caught:
        engine.fire(_facts(state), actor, event, comment="lý do")
    message = caught.value.text("vi")
    assert needed in message
    assert f"tài khoản “{actor.login}”" in message
    assert message.endswith("Hiện bạn không có việc nào để làm với hồ sơ này.")


@pytest.mark.parametrize(("state", "event"), [("submitted", "review"), ("reviewed", "approve")])
def test_the_drafter_may_not_review_or_approve_their_own_dossier(
    engine: WorkflowEngine, state: str, event: str
) -> None:
    with pytest.raises(NotPermittedError) as caught:
        engine.fire(_facts(state, created_by="chief"), CHIEF, event)
    assert caught.value.text("vi").startswith(
        "Người soạn hồ sơ không được tự thẩm định hay phê duyệt hồ sơ của mình. "
        "Hãy nhờ người khác có vai trò phù hợp. Bạn có thể: return (Trả lại), reject (Không duyệt)."
    )
    # Someone else with the same roles may.
    assert engine.fire(_facts(state, created_by="minh"), CHIEF, event).event.name == event


def test_unknown_event(engine: WorkflowEngine) -> None:
    with pytest.raises(NotFoundError) as caught:
        engine.fire(_facts("draft"), MINH, "aprove")
    assert caught.value.text("vi") == (
        "Quy trình “Kế hoạch” không có việc “aprove” (có phải “approve”?). "
        "Các việc có: submit, amend, review, return, approve, reject, issue, archive. "
        "Bạn có thể: submit (Trình), amend (Sửa dự thảo)."
    )
    with pytest.raises(NotFoundError, match="“ky_so”\\. Các việc có"):
        engine.fire(_facts("draft"), MINH, "ky_so")


@pytest.mark.parametrize(
    ("state", "actor", "event", "message"),
    [
        (
            "draft",
            HUONG,
            "approve",
            "Hồ sơ đang ở trạng thái “Dự thảo” nên không thể approve "
            "(Duyệt). Từ trạng thái này chỉ có: submit (Trình), amend (Sửa dự thảo). "
            "Hiện bạn không có việc nào để làm với hồ sơ này.",
        ),
        (
            "submitted",
            MINH,
            "submit",
            "Hồ sơ đang ở trạng thái “Đã trình” nên không thể submit "
            "(Trình). Từ trạng thái này chỉ có: review (Thẩm định đạt), return (Trả lại), "
            "reject (Không duyệt). Hiện bạn không có việc nào để làm với hồ sơ này.",
        ),
        (
            "approved",
            VAN,
            "approve",
            "Hồ sơ đang ở trạng thái “Đã duyệt” nên không thể approve "
            "(Duyệt). Từ trạng thái này chỉ có: return (Trả lại), issue (Ban hành). "
            "Bạn có thể: return (Trả lại), issue (Ban hành).",
        ),
        (
            "archived",
            VAN,
            "archive",
            "Hồ sơ đang ở trạng thái “Đã lưu trữ” nên không thể archive "
            "(Lưu trữ). Đây là trạng thái kết thúc, hồ sơ không còn việc nào. "
            "Hiện bạn không có việc nào để làm với hồ sơ này.",
        ),
    ],
)
def test_event_from_the_wrong_state(
    engine: WorkflowEngine, state: str, actor: Actor, event: str, message: str
) -> None:
    with pytest.raises(WorkflowError) as caught:
        engine.fire(_facts(state), actor, event)
    # Not a permission problem: nobody could do this now.
    assert type(caught.value) is WorkflowError
    assert caught.value.text("vi") == message


def test_a_state_the_workflow_does_not_know(engine: WorkflowEngine) -> None:
    with pytest.raises(WorkflowError, match="“cho_ky”"):
        engine.fire(_facts("cho_ky"), MINH, "submit")
    assert engine.available_events(_facts("cho_ky"), CHIEF) == []


AVAILABLE = [
    ("draft", MINH, "minh", ["submit", "amend"]),
    ("draft", LAN, "minh", []),
    ("submitted", MINH, "minh", []),
    ("submitted", LAN, "minh", ["review", "return"]),
    ("submitted", LAN, "lan", ["return"]),  # drafted it: may return, may not pass it
    ("submitted", HUONG, "minh", ["return", "reject"]),
    ("reviewed", LAN, "minh", ["return"]),
    ("reviewed", HUONG, "minh", ["return", "approve", "reject"]),
    ("reviewed", HUONG, "huong", ["return", "reject"]),
    ("approved", HUONG, "minh", ["return"]),  # the way back from approved (with a reason)
    ("approved", VAN, "minh", ["return", "issue"]),
    ("issued", VAN, "minh", ["archive"]),
    ("issued", CHIEF, "chief", ["archive"]),
    ("archived", CHIEF, "minh", []),
    ("rejected", CHIEF, "minh", []),
    ("draft", NOBODY, "minh", []),
]


@pytest.mark.parametrize(("state", "actor", "created_by", "expected"), AVAILABLE)
def test_available_events_per_role_and_state(
    engine: WorkflowEngine, state: str, actor: Actor, created_by: str, expected: list[str]
) -> None:
    events = engine.available_events(_facts(state, created_by), actor)
    assert [event.name for event in events] == expected
    for event in events:  # each listed event can be fired (with a reason where one is needed)
        engine.fire(_facts(state, created_by), actor, event.name, comment="lý do")


@pytest.mark.parametrize("name", TEMPLATES)
def test_final_states_have_no_events(name: str) -> None:
    definition = load_workflow(WORKFLOWS / f"{name}.yaml", TEMPLATES)
    engine = WorkflowEngine(definition)
    finals = [state for state in definition.states.values() if state.final]
    assert finals
    for state in finals:
        assert definition.events_from(state.name) == []
        assert engine.available_events(_facts(state.name, "x"), CHIEF) == []
        for event in definition.events:
            with pytest.raises(WorkflowError, match="trạng thái kết thúc"):
                engine.fire(_facts(state.name, "x"), CHIEF, event, comment="lý do")


def _tiny(guards: tuple[str, ...]) -> WorkflowDefinition:
    return WorkflowDefinition(
        name="tiny",
        label="Thử",
        document="cong_van",
        initial="draft",
        states={
            "draft": StateDefinition("draft", "Dự thảo"),
            "done": StateDefinition("done", "Xong", final=True),
        },
        events={
            "finish": EventDefinition(
                "finish", "Xong", ("draft",), "done", frozenset({"clerk"}), guards
            )
        },
        source="<code>",
    )


@pytest.mark.parametrize("dotted", ["os.system", "builtins.exec", "subprocess.run"])
def test_guards_cannot_be_dotted_paths(tmp_path: Path, dotted: str) -> None:
    with pytest.raises(WorkflowError, match=f"điều kiện chưa đăng ký: {dotted}"):
        WorkflowEngine(_tiny((dotted,)))
    text = (WORKFLOWS / "ke_hoach.yaml").read_text(encoding="utf-8")
    path = tmp_path / "ke_hoach.yaml"
    path.write_text(text.replace("guards: [not_drafter]", f"guards: [{dotted}]"), encoding="utf-8")
    with pytest.raises(WorkflowError, match=f"điều kiện “{dotted}” không có trong"):
        load_workflow(path)


def test_a_registry_given_to_the_engine_is_the_only_one_used() -> None:
    def before_noon(given: GuardInput) -> Refusal | None:
        return Refusal("Chỉ làm trước 12 giờ.", "Only before noon.") if given.comment else None

    guards = {"before_noon": Guard("before_noon", before_noon, uses_input=True)}
    engine = WorkflowEngine(_tiny(("before_noon",)), guards)
    assert engine.fire(_facts("draft"), VAN, "finish").to_state == "done"
    with pytest.raises(NotPermittedError, match=r"Chỉ làm trước 12 giờ\. Bạn có thể: finish"):
        engine.fire(_facts("draft"), VAN, "finish", comment="muộn")
    with pytest.raises(WorkflowError, match="not_drafter"):
        WorkflowEngine(_tiny(("not_drafter",)), guards)


def test_the_registry_holds_exactly_the_shipped_guards() -> None:
    assert {name: guard.uses_input for name, guard in GUARDS.items()} == {
        "not_drafter": False,
        "has_comment": True,
    }


def test_firing_changes_nothing_it_was_given(engine: WorkflowEngine) -> None:
    facts = _facts("draft")
    engine.fire(facts, MINH, "submit")
    assert facts == _facts("draft")
    # The same engine serves the next dossier from its own state.
    assert engine.fire(_facts("submitted"), LAN, "review").to_state == "reviewed"
