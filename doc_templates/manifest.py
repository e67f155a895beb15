"""Template manifests: the fields every Phụ lục template asks for, and writing a template out.

A manifest (``<id>.yaml``) lists a template's fields with their type, labels and example.
build.py writes the Phụ lục templates' manifests from ``phu_luc_fields``; award_manifests.py
builds on the same fields, so a workspace's defaults (co_quan, ky_hieu_co_quan, dia_danh) fill
every template alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def manifest_field(
    name: str,
    kind: str,
    label: str,
    label_en: str,
    example: Any = None,
    required: bool = False,
    description: str = "",
) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": name,
        "type": kind,
        "required": required,
        "label": label,
        "label_en": label_en,
    }
    if example is not None:
        field["example"] = example
    if description:
        field["description"] = description
    return field


def phu_luc_fields(cong_van: bool) -> list[dict[str, Any]]:
    fields = [
        manifest_field(
            "co_quan_chu_quan",
            "text",
            "Tên cơ quan, tổ chức chủ quản trực tiếp",
            "Parent body",
            "UBND TỈNH SƠN LA",
        ),
        manifest_field(
            "co_quan",
            "text",
            "Tên cơ quan, tổ chức ban hành",
            "Issuing body",
            "HỘI KHUYẾN HỌC TỈNH SƠN LA",
            required=True,
            description="Viết hoa; dùng \\n để xuống dòng khi tên dài.",
        ),
        manifest_field(
            "ky_hieu_co_quan",
            "code",
            "Chữ viết tắt tên cơ quan ban hành",
            "Issuing body abbreviation",
            "HKH",
            required=True,
        ),
    ]
    if cong_van:
        fields.append(
            manifest_field(
                "ky_hieu_don_vi",
                "code",
                "Chữ viết tắt đơn vị soạn thảo",
                "Drafting unit abbreviation",
                "VP",
            )
        )
    fields += [
        manifest_field(
            "so",
            "integer",
            "Số văn bản",
            "Document number",
            3,
            description="Để trống khi là dự thảo: in “Số:      /…”.",
        ),
        manifest_field(
            "ngay",
            "date",
            "Ngày ban hành",
            "Date of issue",
            "2024-01-29",
            description="Để trống khi là dự thảo: in “ngày     tháng     năm …”.",
        ),
        manifest_field("nam", "year", "Năm in trên dự thảo", "Year shown on a draft", 2024),
        manifest_field("dia_danh", "text", "Địa danh", "Place name", "Sơn La", required=True),
        manifest_field(
            "trich_yeu",
            "text",
            "Trích yếu nội dung",
            "Subject line",
            "Triển khai phong trào thi đua xây dựng xã hội học tập năm 2024",
            required=True,
            description="Công văn: phần sau “V/v”." if cong_van else "",
        ),
    ]
    if not cong_van:
        fields.append(
            manifest_field(
                "ghi_chu_trich_yeu", "text", "Ghi chú dưới trích yếu", "Note under the subject line"
            )
        )
    fields += [
        manifest_field(
            "kinh_gui",
            "lines",
            "Kính gửi",
            "Addressees",
            ["Ủy ban nhân dân tỉnh Sơn La"] if cong_van else None,
            required=cong_van,
        ),
        manifest_field(
            "can_cu",
            "lines",
            "Căn cứ ban hành",
            "Legal bases",
            ["Căn cứ Quyết định số 1315/QĐ-TTg ngày 09/11/2023 của Thủ tướng Chính phủ"],
        ),
        manifest_field(
            "mo_dau",
            "paragraphs",
            "Đoạn mở đầu",
            "Opening paragraphs",
            "Hội Khuyến học tỉnh Sơn La xây dựng Kế hoạch như sau:",
        ),
        manifest_field(
            "danh_so",
            "numbering",
            "Kiểu đánh số các cấp đề mục",
            "Numbering styles",
            ["I", "1", "a"],
        ),
        manifest_field(
            "noi_dung",
            "body",
            "Nội dung",
            "Body",
            [{"tieu_de": "MỤC ĐÍCH, YÊU CẦU", "doan": ["Phát huy sức mạnh đoàn kết."]}],
            required=not cong_van,
        ),
        manifest_field(
            "ket_thuc",
            "paragraphs",
            "Đoạn kết",
            "Closing paragraphs",
            "Trên đây là Kế hoạch của Hội Khuyến học tỉnh Sơn La./.",
        ),
        manifest_field(
            "ky",
            "signature",
            "Quyền hạn, chức vụ, họ tên người ký",
            "Signature block",
            {"thay_mat": "HỘI KHUYẾN HỌC TỈNH", "chuc_vu": "CHỦ TỊCH", "ho_ten": "Mai Thu Hương"},
            required=True,
        ),
        manifest_field(
            "noi_nhan", "lines", "Nơi nhận", "Recipients", ["Thường trực UBND tỉnh (b/c)"]
        ),
        manifest_field(
            "luu",
            "lines",
            "Lưu",
            "Filed at",
            ["VT", "VP"],
            description="“VT” luôn đứng đầu và được thêm nếu thiếu.",
        ),
    ]
    return fields


def write_template(
    folder: Path, template_id: str, meta: dict[str, Any], content: bytes, fields: list[Any]
) -> list[Path]:
    """Write ``<id>.docx`` and its manifest ``<id>.yaml``; return both paths."""
    docx_path = folder / f"{template_id}.docx"
    docx_path.write_bytes(content)
    manifest = {"id": template_id, **meta, "file": docx_path.name, "fields": fields}
    manifest_path = folder / f"{template_id}.yaml"
    manifest_path.write_text(
        "# Generated by doc_templates/build.py: edit that script, then run it again.\n"
        + yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8",
    )
    return [docx_path, manifest_path]
