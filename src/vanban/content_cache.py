"""What was read from a file, kept by the file's content in a JSON cache for the next command.

Every command that changes a dossier needs the workflows and the template manifests; none
should parse YAML and check files that were found sound before. A result is stored under the
sha256 of everything it depends on: the file's bytes, what else its check was given (the
template names a workflow was checked against), the source of the code that reads and checks
it (another vanban reads every file again) and the entry's format. So an edited file is read
again and refused with the usual message, and only a sound file's result is stored.

A missing, corrupt or unreadable cache costs only the parse; an unwritable one (a read-only
workspace) is left as it is. The file is replaced whole (a temporary file renamed over it):
a reader sees the old cache or the new one, never a half-written one; of two commands writing
at once the last wins, and what the other added is parsed again the next time. A cache holds
data (names, labels, types), never code.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from vanban.errors import OutputError

# hashlib and the atomic writer are imported where a cache is used: the catalogue imports this
# module for `template list` too, which keeps no cache and must start quickly.

T = TypeVar("T")

MAX_ENTRIES = 64
WORKSPACE_CACHES = Path(".vanban") / "cache"  # inside the workspace root


def code_digest(sources: Iterable[Path]) -> str:
    """The sha256 of the source files ``sources`` (names and bytes), read, never imported."""
    import hashlib

    code = hashlib.sha256()
    for source in sorted(sources):
        with contextlib.suppress(OSError):  # installed without sources: the format still counts
            code.update(source.name.encode() + b"\0" + source.read_bytes())
    return code.hexdigest()


class ContentCache:
    """One JSON cache file: entries by the sha256 of a context and a file's content."""

    def __init__(self, path: Path | None, context: Any) -> None:
        """``path`` None keeps nothing; ``context`` (JSON) is part of every key."""
        self.path = path
        self._context = json.dumps(context).encode()
        self._entries = self._read()
        self._changed = False

    def _read(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            entries = json.loads(self.path.read_bytes())
        except (OSError, ValueError):  # none yet, unreadable, or not JSON: start again
            return {}
        return entries if isinstance(entries, dict) else {}

    def key(self, content: bytes) -> str:
        """The key of a file holding ``content``, read in this cache's context."""
        import hashlib

        return hashlib.sha256(self._context + b"\0" + content).hexdigest()

    def get(self, key: str, decode: Callable[[dict[str, Any]], T]) -> T | None:
        """The entry stored under ``key``, made into what it stands for by ``decode``.

        None when there is none, or when it is not what ``decode`` reads (it raises KeyError,
        TypeError or ValueError): a damaged or foreign entry costs only reading the file.
        """
        entry = self._entries.get(key)
        if not isinstance(entry, dict):
            return None
        try:
            return decode(entry)
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON) under ``key``, as the newest entry."""
        self._entries.pop(key, None)
        self._entries[key] = value
        self._changed = True

    def save(self) -> None:
        """Write the newest MAX_ENTRIES entries back, if any was added; never raise."""
        if self.path is None or not self._changed:
            return
        from vanban.atomic_write import write_atomically

        kept = dict(list(self._entries.items())[-MAX_ENTRIES:])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Readers see the old file or the new one, whole.
            write_atomically(json.dumps(kept, ensure_ascii=False).encode("utf-8"), self.path)
        except (OSError, OutputError):  # a read-only workspace: the next command parses again
            return
        self._changed = False
