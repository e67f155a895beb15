"""The signed archive: PDFs checked with pypdf, signatures with pyHanko, BagIt packages.

No database, no click, no printing (see README.md): functions take bytes and paths and return
values or raise VanbanError; ``vanban.services.archive`` stores the results.
"""

from __future__ import annotations

import logging

# pyHanko, its certificate validator, pypdf and bagit log the failures of damaged or hostile
# files, some with tracebacks; with no handler configured Python would print those on stderr
# next to vanban's own sentence. The records stop here unless the application configures logging.
for _library in ("pyhanko", "pyhanko_certvalidator", "pypdf", "bagit"):
    logging.getLogger(_library).addHandler(logging.NullHandler())
