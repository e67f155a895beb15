"""Word's list numbering: the list level a paragraph is in, and how that level is written.

A paragraph joins a list through ``w:numPr`` (its own, or its style's): a list id
(``w:numId``) and a level (``w:ilvl``). The numbering part maps the list id to an abstract
definition (``w:abstractNum``) whose ``w:lvl`` says the format ("decimal", "upperRoman",
"bullet" …) and the text Word prints ("%1.", "%1.%2.", a bullet glyph). What the number
means in a document is the reader's business (vanban.importing); this module only finds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from vanban.docx.oxml import find_path, qn
from vanban.docx.styles import StyleSheet

_PLACEHOLDER = re.compile(r"%\d")  # "%2" in a level text prints the number of level 2
_SYMBOL_AREA = range(0xF020, 0xF100)  # where Symbol-font glyphs are stored (U+F02B is "+")
_NO_LIST = ("", "0")  # numId 0 takes a paragraph out of the list its style puts it in


@dataclass(frozen=True)
class ListLevel:
    """One level of a Word list, as its definition writes it."""

    format: str  # w:numFmt: "decimal", "upperRoman", "lowerLetter", "bullet", "none" …
    text: str  # w:lvlText: "%1.", "%1.%2.", or a bullet glyph

    @property
    def numbers_shown(self) -> int:
        """How many level numbers the text prints ("%1.%2." prints two)."""
        return len(_PLACEHOLDER.findall(self.text))

    @property
    def glyph(self) -> str:
        """The level text as it prints, trimmed: Symbol-font characters, which Word stores in
        the private use area, read as the characters they draw."""
        return "".join(
            chr(ord(char) - 0xF000) if ord(char) in _SYMBOL_AREA else char
            for char in self.text.strip()
        )


class ListNumbering:
    """The list levels a document's numbering part defines, and the one each paragraph uses."""

    def __init__(self, document: Any, sheet: StyleSheet) -> None:
        self.sheet = sheet
        self._levels: dict[tuple[str, int], ListLevel] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # no numbering part: no paragraph is in a list
        abstract = {
            item.get(qn("w:abstractNumId")): item for item in numbering.findall(qn("w:abstractNum"))
        }
        for num in numbering.findall(qn("w:num")):
            link = num.find(qn("w:abstractNumId"))
            definition = abstract.get(link.get(qn("w:val")) if link is not None else None)
            if definition is None:
                continue
            for level in definition.findall(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                text = level.find(qn("w:lvlText"))
                key = (str(num.get(qn("w:numId"))), int(level.get(qn("w:ilvl"), "0")))
                self._levels[key] = ListLevel(
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    text.get(qn("w:val"), "") if text is not None else "",
                )

    def _num_pr(self, paragraph: Any) -> Any:
        own = find_path(paragraph, "w:pPr", "w:numPr")
        if own is not None:
            return own
        for style in self.sheet.chain(self.sheet.paragraph_style(paragraph)):
            found = find_path(style, "w:pPr", "w:numPr")
            if found is not None:
                return found
        return None

    def level_of(self, paragraph: Any) -> ListLevel | None:
        """The list level Word numbers the ``w:p`` ``paragraph`` with; None when it is in no
        list (no ``w:numPr``, list id 0, or a list the numbering part does not define)."""
        num_pr = self._num_pr(paragraph)
        if num_pr is None:
            return None
        num_id = num_pr.find(qn("w:numId"))
        level = num_pr.find(qn("w:ilvl"))
        key = (
            str(num_id.get(qn("w:val"))) if num_id is not None else "",
            int(level.get(qn("w:val"), "0")) if level is not None else 0,
        )
        if key[0] in _NO_LIST:
            return None
        return self._levels.get(key)
