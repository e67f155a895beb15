"""Where the files that ship with vanban live: templates, workflows and samples.

In a wheel they are packaged inside ``vanban/``; in a source checkout (``pip install -e``)
they stay at the top of the repository, where people edit them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_DIR = _PACKAGE_DIR.parent.parent


def shipped_dir(name: str) -> Path:
    """Return the shipped folder ``name`` ("doc_templates", "workflows", "samples")."""
    packaged = _PACKAGE_DIR / name
    if packaged.is_dir():
        return packaged
    return _CHECKOUT_DIR / name
