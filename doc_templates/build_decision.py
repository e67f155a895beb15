"""The general Quyết định (cá biệt) template, Mẫu 1.2 of Phụ lục III, and its fields.

Built from the same helpers as every Phụ lục I template (layout.py: header, title, body
loop, signature) and the same decision opening as the award's Quyết định (build_awards.py):
the authority line, the căn cứ, "QUYẾT ĐỊNH:". The articles are the body tree numbered
"Điều 1." … (documents/decision_context.py puts the effect clause inside the last one).
"""

from __future__ import annotations

from typing import Any

from doc_templates.layout import (
    add_decision_opening,
    add_flow,
    add_header,
    add_signature,
    add_title,
    finish,
    new_document,
)
from doc_templates.manifest import manifest_field

EXAMPLE = [
    {"doan": ["Thành lập Ban Tổ chức Hội nghị tập huấn công tác khuyến học năm 2024."]},
    {"doan": ["Ban Tổ chức tự giải thể sau khi hoàn thành nhiệm vụ."]},
    {
        "doan": [
            "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng và các ông (bà) có tên "
            "tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
        ]
    },
]
AUTHORITY = manifest_field(
    "tham_quyen",
    "text",
    "Thẩm quyền ban hành",
    "Issuing authority",
    "CHỦ TỊCH HỘI KHUYẾN HỌC TỈNH SƠN LA",
    required=True,
    description="In đậm, chữ hoa, giữa trang, dưới trích yếu.",
)
# What changes in a standard field for a decision: example, label, description.
CHANGES: dict[str, dict[str, Any]] = {
    "danh_so": {
        "example": ["dieu", "1", "a"],
        "description": "Mặc định “dieu”: Điều 1., Điều 2. …, rồi khoản 1., điểm a).",
    },
    "noi_dung": {
        "example": EXAMPLE,
        "description": "Mỗi mục là một Điều; Điều cuối nêu hiệu lực và người thi hành.",
    },
    "mo_dau": {"label": "Đoạn sau “QUYẾT ĐỊNH:”, trước Điều 1", "example": None},
    "ket_thuc": {
        "example": None,
        "description": "In vào cuối Điều cuối cùng, không đứng riêng sau các Điều.",
    },
    "noi_nhan": {"description": "“Như Điều N” (Điều cuối) được thêm vào đầu nếu thiếu."},
}


def build_decision_docx() -> bytes:
    """Return the template: the standard header and title, who decides, the căn cứ,
    "QUYẾT ĐỊNH:", the articles, the signature and Nơi nhận.
    """
    document = new_document()
    add_header(document, cong_van=False)
    add_title(document, "QUYẾT ĐỊNH")
    add_decision_opening(document)
    add_flow(document, "than")
    add_signature(document)
    return finish(document)


def decision_fields(standard: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return a decision's fields from the ``standard`` ones of a Phụ lục I document."""
    fields = []
    for field in standard:
        name = field["name"]
        if name == "kinh_gui":  # a decision reaches people through its Nơi nhận
            continue
        changed = {**field, **CHANGES.get(name, {})}
        fields.append({key: value for key, value in changed.items() if value is not None})
        if name == "ghi_chu_trich_yeu":
            fields.append(AUTHORITY)
    return fields
