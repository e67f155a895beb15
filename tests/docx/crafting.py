"""Test-side OOXML reads the tests need and the layer has no public reader for.

The mirror of ``vanban.docx.oxml`` for the test tree: the checker corpus, the office corpus
and the render tests read attributes and children of elements they found through
``vanban.docx.oxml`` here, so that no test outside ``tests/docx`` spells an element name
through ``qn``.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import qn

__all__ = ["add_text_box", "ancestor", "attribute", "children"]

_TEXT_BOX_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def attribute(element: Any, name: str) -> str:
    """The ``w:`` attribute ``name`` (``"val"``, ``"w"`` …) of ``element``; LookupError when
    absent (every caller reads an attribute its document must have)."""
    value: str | None = element.get(qn(f"w:{name}"))
    if value is None:
        raise LookupError(f"w:{name} missing on {element.tag}")
    return value


def children(element: Any, tag: str) -> list[Any]:
    """Every direct child ``tag`` (``"w:tr"``) of ``element``, in document order."""
    return list(element.findall(qn(tag)))


def ancestor(element: Any, tag: str) -> Any:
    """The nearest enclosing element ``tag`` (``"w:drawing"``) of ``element``."""
    return next(element.iterancestors(qn(tag)))


def add_text_box(paragraph: Any, lines: list[str], inside: list[str] | None = None) -> None:
    """Append to a python-docx ``paragraph`` a text box holding ``lines``, written as Word
    writes it: a DrawingML shape in ``mc:Choice`` and the same box in VML in ``mc:Fallback``.
    With ``inside``, the box's last line holds a second text box with those lines."""
    holder = parse_xml(f"<w:p {_TEXT_BOX_NAMESPACES}>{_text_box_run(lines, inside)}</w:p>")
    paragraph._p.append(holder[0])


def _text_box_run(lines: list[str], inside: list[str] | None) -> str:
    paragraphs = [f"<w:p><w:r><w:t>{line}</w:t></w:r>" for line in lines]
    if inside is not None:
        paragraphs[-1] += _text_box_run(inside, None)
    content = f"<w:txbxContent>{'</w:p>'.join(paragraphs)}</w:p></w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1800000" cy="720000"/><wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="90" name="Text Box 90"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="720000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape style="width:141.75pt;height:56.7pt">'
        f"<v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
