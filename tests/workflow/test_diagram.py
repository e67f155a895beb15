"""The Mermaid diagram of a workflow (``vanban workflow graph NAME``)."""

from __future__ import annotations

from tests.workflow.shared import TEMPLATES, WORKFLOWS
from vanban.workflow import StateDefinition, load_workflow, mermaid

KE_HOACH = """\
stateDiagram-v2
    state "Dự thảo" as draft
    state "Đã trình" as submitted
    state "Đã thẩm định" as reviewed
    state "Đã duyệt" as approved
    state "Đã ban hành" as issued
    state "Đã lưu trữ" as archived
    state "Không duyệt" as rejected
    [*] --> draft
    draft --> submitted: submit (Trình)
    draft --> draft: amend (Sửa dự thảo)
    submitted --> reviewed: review (Thẩm định đạt)
    submitted --> draft: return (Trả lại)
    reviewed --> draft: return (Trả lại)
    approved --> draft: return (Trả lại)
    reviewed --> approved: approve (Duyệt)
    submitted --> rejected: reject (Không duyệt)
    reviewed --> rejected: reject (Không duyệt)
    approved --> issued: issue (Ban hành)
    issued --> archived: archive (Lưu trữ)
    archived --> [*]
    rejected --> [*]
"""


def test_mermaid_for_ke_hoach() -> None:
    assert mermaid(load_workflow(WORKFLOWS / "ke_hoach.yaml", TEMPLATES)) == KE_HOACH


def test_quotes_in_a_label_do_not_break_the_diagram() -> None:
    definition = load_workflow(WORKFLOWS / "bao_cao.yaml", TEMPLATES)
    states = dict(definition.states)
    states["draft"] = StateDefinition("draft", 'Dự thảo "nháp"')
    text = mermaid(
        type(definition)(
            definition.name,
            definition.label,
            definition.document,
            definition.initial,
            states,
            definition.events,
            definition.source,
        )
    )
    assert '    state "Dự thảo #quot;nháp#quot;" as draft\n' in text
