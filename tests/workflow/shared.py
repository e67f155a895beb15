"""Shared helpers for the workflow tests: the shipped folder and a valid file to break."""

from __future__ import annotations

from pathlib import Path

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows"
TEMPLATES = ("ke_hoach", "bao_cao", "cong_van")

# A valid ke_hoach workflow, one entry per line, so each test can break exactly one thing.
GOOD = """\
version: 1
name: ke_hoach
label: Kế hoạch
document: ke_hoach
initial: draft
states:
  draft:     {label: Dự thảo}
  submitted: {label: Đã trình}
  reviewed:  {label: Đã thẩm định}
  approved:  {label: Đã duyệt}
  issued:    {label: Đã ban hành}
  archived:  {label: Đã lưu trữ, final: true}
  rejected:  {label: Không duyệt, final: true}
events:
  submit:  {label: Trình, from: [draft], to: submitted, roles: [secretary], render: true, data: true}
  amend:   {label: Sửa dự thảo, from: [draft], to: draft, roles: [secretary], render: true}
  review:  {label: Thẩm định đạt, from: [submitted], to: reviewed, roles: [reviewer], guards: [not_drafter]}
  return:  {label: Trả lại, from: [submitted, reviewed], to: draft, roles: [reviewer, approver], guards: [has_comment]}
  approve: {label: Duyệt, from: [reviewed], to: approved, roles: [approver], guards: [not_drafter]}
  reject:  {label: Không duyệt, from: [submitted, reviewed], to: rejected, roles: [approver], guards: [has_comment]}
  issue:   {label: Ban hành, from: [approved], to: issued, roles: [clerk], render: true, number: true}
  archive: {label: Lưu trữ, from: [issued], to: archived, roles: [clerk]}
"""  # noqa: E501 - one event per line mirrors the shipped files
