"""The key under which the register counts an issuing body's numbers.

The code printed in a document's symbol ("01/KH-HKH") is what the data says, and mixed-case
codes are real ("TTr", Thanh tra), so it is never rewritten. But "hkh" and "HKH" name one body:
its numbers come from one gapless sequence and may not repeat, whatever the case typed.
Part of the stored format: the counters table holds these keys (migration 0005).
"""

from __future__ import annotations

import unicodedata


def organization_key(code: str) -> str:
    """The register key of the body code ``code``: NFC, without outer spaces, upper case."""
    return unicodedata.normalize("NFC", code).strip().upper()
