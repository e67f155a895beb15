"""Reading an office's own .docx (plan, report, letter, submission, decision) into vanban data.

Builds on the checker's reading of a document's parts; writes nothing and prints nothing
(services write the data file, the command line prints). See README.md beside this file for
what is recognised and what is kept as plain paragraphs.
"""

from __future__ import annotations

from vanban.importing.document import ImportedDocument, describe, import_docx, read_document

__all__ = ["ImportedDocument", "describe", "import_docx", "read_document"]
