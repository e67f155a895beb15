"""Builds the .docx templates and their manifests in doc_templates/ from code.

Run ``python -m doc_templates.build`` (or ``make templates``) after changing a template's
code; it rewrites ke_hoach, bao_cao, to_trinh, cong_van and (through build_decision.py)
quyet_dinh (.docx + .yaml), and through build_awards.py the award dossier templates,
deterministically, so a change to a template is a reviewable change to these scripts. The
shared layout is layout.py, the manifests' fields manifest.py; every size, style and
position follows Nghị định 30/2020/NĐ-CP, Phụ lục I.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from doc_templates.build_awards import build_award_templates
from doc_templates.build_decision import build_decision_docx, decision_fields
from doc_templates.layout import build_docx
from doc_templates.manifest import phu_luc_fields, write_template
from vanban.vietnamese import upper_vi

HERE = Path(__file__).resolve().parent


TEMPLATES: dict[str, dict[str, Any]] = {
    "ke_hoach": {
        "title": "Kế hoạch",
        "title_en": "Plan",
        "document_type": "Kế hoạch",
        "form": "Mẫu 1.4 – Văn bản có tên loại (Phụ lục III, Nghị định 30/2020/NĐ-CP)",
    },
    "bao_cao": {
        "title": "Báo cáo",
        "title_en": "Report",
        "document_type": "Báo cáo",
        "form": "Mẫu 1.4 – Văn bản có tên loại (Phụ lục III, Nghị định 30/2020/NĐ-CP)",
    },
    "to_trinh": {
        "title": "Tờ trình",
        "title_en": "Submission",
        "document_type": "Tờ trình",
        "form": "Mẫu 1.4 – Văn bản có tên loại (Phụ lục III, Nghị định 30/2020/NĐ-CP)",
    },
    "quyet_dinh": {
        "title": "Quyết định",
        "title_en": "Decision",
        "document_type": "Quyết định",
        "form": "Mẫu 1.2 – Quyết định (cá biệt) quy định trực tiếp (Phụ lục III, Nghị định "
        "30/2020/NĐ-CP)",
        "context": "quyet_dinh",
    },
    "cong_van": {
        "title": "Công văn",
        "title_en": "Official letter",
        "document_type": "Công văn",
        "form": "Mẫu 1.5 – Công văn (Phụ lục III, Nghị định 30/2020/NĐ-CP)",
    },
}


def build_all(folder: Path = HERE) -> list[Path]:
    """Write every template and manifest into ``folder``; return the paths written."""
    written: list[Path] = []
    for template_id, meta in TEMPLATES.items():
        cong_van = template_id == "cong_van"
        type_name = None if cong_van else upper_vi(str(meta["document_type"]))
        if template_id == "quyet_dinh":
            content, fields = build_decision_docx(), decision_fields(phu_luc_fields(False))
        else:
            content, fields = build_docx(type_name), phu_luc_fields(cong_van)
        written += write_template(folder, template_id, meta, content, fields)
    return written + build_award_templates(folder)


if __name__ == "__main__":
    for path in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
