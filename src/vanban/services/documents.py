"""Use cases for single documents: render one from data (and its PDF), render the samples."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vanban.datafile import MEGABYTE, plain, read_text_bounded, read_yaml
from vanban.documents import (
    RenderedDocument,
    Renderer,
    TemplateCatalogue,
    load_document_data,
    write_atomically,
)
from vanban.documents.fit import refusal, render_advice, resemblance
from vanban.documents.pdf import PdfConverter, convert_one
from vanban.documents.warm_pdf import pdf_converter
from vanban.errors import OutputError, ValidationError
from vanban.resources import shipped_dir


@dataclass(frozen=True)
class RenderResult:
    """A document written to disk."""

    template_id: str
    data_path: Path
    output_path: Path
    sha256: str
    size: int
    pdf_path: Path | None = None

    def as_json(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dict."""
        result = {
            "template": self.template_id,
            "data": str(self.data_path),
            "output": str(self.output_path),
            "sha256": self.sha256,
            "bytes": self.size,
        }
        return result if self.pdf_path is None else {**result, "pdf": str(self.pdf_path)}


@dataclass(frozen=True)
class Sample:
    """A sample document shipped in samples/: its data file and the template it uses."""

    name: str
    data_path: Path
    template_id: str
    title: str
    seed: str


class DocumentService:
    """Renders documents from data files."""

    def __init__(
        self,
        catalogue: TemplateCatalogue | None = None,
        renderer: Renderer | None = None,
        converter: PdfConverter | None = None,
    ) -> None:
        self.catalogue = catalogue or TemplateCatalogue()
        self.renderer = renderer or Renderer()
        self.converter = converter  # LibreOffice on first use: only --pdf needs it

    def render(
        self, template_id: str, data_path: Path, *, today: dt.date | None = None
    ) -> RenderedDocument:
        """Validate and render ``data_path`` with the template ``template_id``."""
        spec = self.catalogue.get(template_id)
        data = load_document_data(data_path)
        found = resemblance({spec.id}, data.values, self.catalogue.list(), lines=data.lines)
        if found is not None:
            raise refusal(
                found,
                data.source,
                (f"mẫu “{spec.id}”", f"the template “{spec.id}”"),
                render_advice(found, data.source),
            )
        return self.renderer.render(spec, data, today=today)

    def render_to_file(
        self,
        template_id: str,
        data_path: Path,
        output_path: Path,
        *,
        today: dt.date | None = None,
        pdf: bool = False,
    ) -> RenderResult:
        """Render and write the .docx (and with ``pdf`` its PDF beside it, same name).

        On any failure no output file is left behind: the PDF is made before either file is
        written.
        """
        if output_path.suffix.lower() != ".docx":
            raise OutputError(
                f"Tệp kết quả “{output_path.name}” phải có đuôi .docx. Hãy đặt lại tên, "
                "ví dụ “-o ke_hoach.docx”.",
                f"The output file “{output_path.name}” must end in .docx, "
                "for example “-o plan.docx”.",
            )
        document = self.render(template_id, data_path, today=today)
        pdf_path = output_path.with_suffix(".pdf") if pdf else None
        if pdf_path is None:
            write_atomically(document.content, output_path)
        else:
            self.converter = self.converter or pdf_converter()
            content = convert_one(self.converter, output_path.name, document.content)
            write_atomically(document.content, output_path)
            try:
                write_atomically(content, pdf_path)
            except OutputError:
                output_path.unlink(missing_ok=True)
                raise
        return RenderResult(
            template_id, data_path, output_path, document.sha256, len(document.content), pdf_path
        )

    def samples(self, folder: Path | None = None) -> list[Sample]:
        """Return the samples listed in ``samples/index.yaml``."""
        folder = folder or shipped_dir("samples")
        index_path = folder / "index.yaml"
        try:
            index = plain(read_yaml(read_text_bounded(index_path, MEGABYTE), "index.yaml").root)
        except ValidationError as exc:
            raise ValidationError(
                f"Không đọc được danh mục mẫu “{index_path}”. Hãy cài lại vanban.",
                f"Cannot read the sample index “{index_path}”. Reinstall vanban.",
            ) from exc
        return [
            Sample(
                name=Path(item["file"]).stem,
                data_path=folder / item["file"],
                template_id=item["template"],
                title=item.get("title", ""),
                seed=item.get("seed", ""),
            )
            for item in index["samples"]
        ]

    def render_samples(self, output_dir: Path) -> list[RenderResult]:
        """Render every sample into ``output_dir`` (created when missing)."""
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"Không tạo được thư mục “{output_dir}” ({exc.strerror}). Hãy chọn nơi khác.",
                f"Cannot create the folder “{output_dir}” ({exc.strerror}). Choose another.",
            ) from exc
        return [
            self.render_to_file(
                sample.template_id, sample.data_path, output_dir / f"{sample.name}.docx"
            )
            for sample in self.samples()
        ]
