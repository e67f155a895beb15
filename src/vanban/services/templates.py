"""Use cases of ``vanban template``: the catalogue, one template's fields, a list to fill in.

Certificates (giấy khen, bằng khen) are printed from a list of nominees; for them the columns
that list takes, and a ready-to-fill example, come from services/nominee_lists.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from vanban.documents import TemplateCatalogue, TemplateSpec
from vanban.errors import ValidationError

if TYPE_CHECKING:
    from vanban.checker import FileReport
    from vanban.services.nominee_lists import ListColumn

__all__ = ["TemplateService", "TemplateSpec"]


class TemplateService:
    """The shipped templates (doc_templates/) and what each one takes."""

    def __init__(self, catalogue: TemplateCatalogue | None = None) -> None:
        self.catalogue = catalogue or TemplateCatalogue()

    def templates(self) -> list[TemplateSpec]:
        """Every template, in the catalogue's order."""
        return self.catalogue.list()

    def get(self, template_id: str) -> TemplateSpec:
        """The template ``template_id``, or a refusal naming the ones there are."""
        return self.catalogue.get(template_id)

    @staticmethod
    def list_columns(spec: TemplateSpec) -> list[ListColumn]:
        """The columns of the nominee list a certificate template prints from ([] otherwise)."""
        # The nominee lists (awards, the YAML reader) load only here: `template list` stays quick.
        from vanban.services import nominee_lists

        return nominee_lists.list_columns() if spec.context in nominee_lists.LIST_CONTEXTS else []

    def write_list_example(self, template_id: str, path: Path) -> Path:
        """Write a ready-to-fill nominee list for the certificate template ``template_id``."""
        from vanban.services import nominee_lists

        spec = self.get(template_id)
        if spec.context not in nominee_lists.LIST_CONTEXTS:
            raise ValidationError(
                f"Mẫu “{spec.id}” không in theo danh sách; chỉ giấy khen, bằng khen mới có.",
                f"The template “{spec.id}” is not printed from a list; only certificates are.",
            )
        return nominee_lists.write_list_example(path)

    @staticmethod
    def lint(path: Path | None) -> list[FileReport]:
        """Lint the template at ``path`` (a .docx with its manifest, a folder, or every one)."""
        # The checker (python-docx, lxml) is imported only here: `template list` stays quick.
        from vanban.checker.template_checks import lint_templates

        return lint_templates(path)
