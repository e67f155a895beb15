"""``vanban template list | show | lint``: the catalogue, each template's fields, lint."""

from __future__ import annotations

import json
from pathlib import Path

import click

from vanban.cli.output import get_output
from vanban.services.templates import TemplateService, TemplateSpec
from vanban.vietnamese import abbreviation_for


@click.group()
def template() -> None:
    """Danh mục mẫu văn bản và các trường của từng mẫu."""


def _summary(spec: TemplateSpec) -> dict[str, object]:
    return {
        "id": spec.id,
        "title": spec.title,
        "title_en": spec.title_en,
        "document_type": spec.document_type,
        "abbreviation": abbreviation_for(spec.document_type) if spec.document_type else None,
        "form": spec.form,
    }


@template.command("list")
@click.pass_context
def list_templates(context: click.Context) -> None:
    """Liệt kê các mẫu văn bản."""
    output = get_output(context)
    specs = TemplateService().templates()
    # Not Output.table: `template list` is one of the commands that must answer at once
    # (benchmarks/startup.py), and rich alone costs more to import than the catalogue.
    width = max((len(spec.id) for spec in specs), default=2)
    for spec in specs:
        title = spec.title_en if output.lang == "en" else spec.title
        output.line(f"{spec.id:<{width}}  {title} — {spec.form}")
    output.emit({"ok": True, "templates": [_summary(spec) for spec in specs]})


@template.command("show")
@click.argument("template_id", metavar="ID")
@click.pass_context
def show_template(context: click.Context, template_id: str) -> None:
    """Hiện các trường của mẫu ID: kiểu, bắt buộc hay không, nhãn và ví dụ."""
    output = get_output(context)
    service = TemplateService()
    spec = service.get(template_id)
    english = output.lang == "en"
    output.line(f"{spec.id}: {spec.title_en if english else spec.title} ({spec.form})")
    fields: list[tuple[str, str, str, str]] = []
    for field in spec.fields:
        mark = (
            ("required" if english else "bắt buộc")
            if field.required
            else ("optional" if english else "không bắt buộc")
        )
        fields.append((field.name, field.type, mark, field.label_en if english else field.label))
        if field.example is not None:
            example = json.dumps(field.example, ensure_ascii=False)
            fields.append(("", "", "", f"{'e.g.:' if english else 'ví dụ:'} {example}"))
    output.table(fields, indent=2)
    columns = service.list_columns(spec)
    if columns:
        output.line(
            "Danh sách cho “vanban batch --data” (.xlsx, .csv hoặc .yaml; dòng 1 là tên cột):"
            if not english
            else "The list for “vanban batch --data” (.xlsx, .csv or .yaml; row 1 names "
            "the columns):"
        )
        rows: list[tuple[str, str, str]] = []
        for column in columns:
            mark = ("required" if english else "bắt buộc") if column.required else ""
            rows.append((column.spellings[0], mark, column.label_en if english else column.label))
            also = "; ".join(column.spellings[1:])
            rows.append(("", "", f"{'also:' if english else 'hoặc:'} {also}"))
        output.table(rows, indent=2)
        output.line(
            f"A ready-to-fill list: vanban template example {spec.id} -o danh_sach.xlsx"
            if english
            else f"Tệp danh sách mẫu: vanban template example {spec.id} -o danh_sach.xlsx"
        )
    output.emit(
        {
            "ok": True,
            **_summary(spec),
            "list_columns": [column.as_json() for column in columns],
            "fields": [
                {
                    "name": field.name,
                    "type": field.type,
                    "required": field.required,
                    "label": field.label,
                    "label_en": field.label_en,
                    "example": field.example,
                    "description": field.description,
                }
                for field in spec.fields
            ],
        }
    )


@template.command("example")
@click.argument("template_id", metavar="ID")
@click.option(
    "-o",
    "--output",
    "output_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Tệp .xlsx sẽ ghi (không ghi đè).",
)
@click.pass_context
def example_list(context: click.Context, template_id: str, output_path: Path) -> None:
    """Ghi một danh sách .xlsx sẵn tên cột để điền, cho mẫu giấy khen/bằng khen ID."""
    output = get_output(context)
    service = TemplateService()
    spec = service.get(template_id)
    path = service.write_list_example(spec.id, output_path)
    output.say(
        f"Đã ghi {path}: dòng 1 là tên cột, dòng 2 là ví dụ. Điền rồi chạy: "
        f"vanban batch {spec.id} --data {path} -o THU_MUC",
        f"Wrote {path}: row 1 names the columns, row 2 is an example. Fill it in, then run: "
        f"vanban batch {spec.id} --data {path} -o FOLDER",
    )
    output.emit({"ok": True, "path": str(path)})


@template.command("lint")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_context
def lint_template(context: click.Context, path: Path | None) -> int:
    """Soát mẫu PATH (.docx có tệp mô tả bên cạnh, hoặc thư mục; mặc định: mọi mẫu).

    Tìm thẻ bị tách, biến không có trong dữ liệu, trường không dùng, truy cập bị sandbox
    chặn và mẫu không dựng được từ dữ liệu ví dụ. Mã thoát 0 khi sạch, 1 khi có vi phạm.
    """
    from vanban.cli.check import report_all  # with the checker: `template list` stays quick

    output = get_output(context)
    reports = TemplateService.lint(path)
    return report_all(output, reports, "templates", ("mẫu", "template"))
