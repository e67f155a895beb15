"""The XML namespaces and relationship types of a .docx that vanban spells out itself.

Element names inside the body go through python-docx's ``qn`` (vanban.docx.oxml); these are
the names read or written without it: by the package checks, which read the zip before
python-docx may open it, and by the writers that build WordprocessingML as text.
"""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"  # strict OOXML, as some tools save
WORD_NAMESPACES = frozenset({W, W_STRICT})
# The hyperlink relationship type, transitional and strict: a click, not a fetch on open.
HYPERLINK_RELATIONSHIPS = frozenset(
    {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/hyperlink",
    }
)
