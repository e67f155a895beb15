"""``python -m vanban``: the same as the ``vanban`` command."""

from __future__ import annotations

import sys

from vanban.cli import main

sys.exit(main())
