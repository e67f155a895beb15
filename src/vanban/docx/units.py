"""Word's units of length: twentieths of a point (twips) from the millimetres we lay out in."""

from __future__ import annotations

TWIPS_PER_POINT = 20
TWIPS_PER_MM = 1440 / 25.4


def mm_to_twips(value: float) -> int:
    """Convert millimetres to twentieths of a point."""
    return round(value * TWIPS_PER_MM)
