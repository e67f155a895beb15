"""Page geometry shared by the template builder and the renderer.

Both must agree on the page, the margins and the column widths: the builder writes them into
the .docx, and the renderer uses them to size the rule lines under the header texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.docx.units import TWIPS_PER_MM, mm_to_twips

__all__ = ["TWIPS_PER_MM", "mm_to_twips"]


@dataclass(frozen=True)
class PageLayout:
    """An A4 page laid out to Nghị định 30/2020, Phụ lục I (all lengths in mm)."""

    width: float = 210.0
    height: float = 297.0
    top: float = 20.0
    bottom: float = 20.0
    left: float = 30.0
    right: float = 15.0
    header_distance: float = 10.0
    # Header table: agency names on the left, Quốc hiệu on the right (Mẫu 1.4 ≈ 40:60).
    header_left: float = 67.0
    # Signature table: "Nơi nhận" on the left, the signature block on the right.
    signature_left: float = 66.0
    # Word's default left and right cell margin (0,19 cm) inside a table cell.
    cell_margin: float = 1.9

    @property
    def text_width(self) -> float:
        """Width between the margins."""
        return self.width - self.left - self.right

    @property
    def header_right(self) -> float:
        """Width of the header table's right column."""
        return self.text_width - self.header_left

    @property
    def signature_right(self) -> float:
        """Width of the signature table's right column."""
        return self.text_width - self.signature_left


A4_PORTRAIT = PageLayout()
# Phụ lục I allows A4 landscape for a document made of a table (or for the pages of a wide
# table). The margins keep their portrait values (left 30 mm for binding); the header and
# signature columns widen with the text line.
A4_LANDSCAPE = PageLayout(width=297.0, height=210.0, header_left=100.0, signature_left=132.0)


def pt_to_mm(value: float) -> float:
    """Convert points to millimetres."""
    return value * 25.4 / 72


@dataclass(frozen=True)
class RuleIndent:
    """Left and right paragraph indents (twips) that centre a rule of a given length."""

    trai: int
    phai: int


def centred_rule(available_mm: float, length_mm: float) -> RuleIndent:
    """Return the indents that draw a ``length_mm`` rule centred in ``available_mm``."""
    side = max((available_mm - length_mm) / 2, 0.0)
    return RuleIndent(trai=mm_to_twips(side), phai=mm_to_twips(side))
