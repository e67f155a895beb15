"""Writing a set of files into an output folder without ever destroying what the user had.

A batch writes a new folder, or adds to an empty one. A folder that already holds files is
refused unless the caller asks to overwrite; then only the files a previous batch wrote there
(listed in its ``.vanban-batch.json``) are replaced or removed, never a file of the user's. The
files are first written to a staging folder beside the target (mode from the umask); the old
ones are moved aside, the new ones moved in, and any failure puts the old ones back. Staging
left by a killed run is removed by the next run into the same folder.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from collections.abc import Sequence
from pathlib import Path

from vanban.atomic_write import os_reason
from vanban.errors import OutputError

MANIFEST = ".vanban-batch.json"
_MAX_NAMED = 5
_PLAIN_NAME = re.compile(r"[^/\\\x00]+")


def is_plain_name(name: str) -> bool:
    """Tell whether ``name`` is a plain file name: no folder part, not ``.``/``..``."""
    return bool(_PLAIN_NAME.fullmatch(name)) and name not in (".", "..")


class StagedFolder:
    """Files written beside ``folder``, waiting for ``commit()``; ``discard()`` always after."""

    def __init__(
        self, folder: Path, documents: Sequence[tuple[str, bytes]], *, overwrite: bool
    ) -> None:
        self.folder = folder
        self.names = [name for name, _ in documents]
        if not all(is_plain_name(name) for name in self.names):
            raise ValueError("output names must be plain file names")
        parent = folder.parent
        if not parent.is_dir():
            raise OutputError(
                f"Thư mục “{parent}” không tồn tại. Hãy tạo thư mục đó hoặc chọn nơi lưu khác.",
                f"The folder “{parent}” does not exist. Create it or choose another folder.",
            )
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise OutputError(
                f"“{folder}” là một tệp, không phải thư mục. Hãy chọn thư mục khác.",
                f"“{folder}” is a file, not a folder. Choose another output folder.",
            )
        _remove_abandoned_staging(folder)
        self.previous = self._previous_own_files(overwrite)
        token = f".{folder.name}.vanban-{os.getpid()}-{secrets.token_hex(4)}"
        self.staging = parent / f"{token}.part"
        self.backup = parent / f"{token}.old"
        self._moved_in: list[Path] = []
        self._moved_out: list[str] = []
        try:
            os.mkdir(self.staging, 0o777)  # the umask decides the mode, as for any new folder
            for name, content in documents:
                with open(self.staging / name, "xb") as handle:
                    handle.write(content)
            manifest = json.dumps({"files": self.names}, ensure_ascii=False, indent=1)
            (self.staging / MANIFEST).write_text(manifest + "\n", encoding="utf-8")
        except OSError as exc:
            self.discard()
            raise _write_error(folder, exc) from exc

    def _previous_own_files(self, overwrite: bool) -> list[str]:
        """The files a previous batch wrote into the folder (refusing what must not be touched)."""
        folder = self.folder
        if not folder.is_dir():
            return []
        present = sorted(entry.name for entry in folder.iterdir())
        if not present:
            return []
        if not overwrite:
            raise OutputError(
                f"Thư mục “{folder}” đã có {len(present)} tệp; vanban không ghi đè. Hãy chọn "
                "thư mục mới hoặc trống, hoặc thêm --overwrite để thay các tệp lần in trước.",
                f"The folder “{folder}” already holds {len(present)} files and is not "
                "overwritten. Choose a new or empty folder, or add --overwrite to replace the "
                "files of the previous run.",
            )
        own = _read_manifest(folder)
        foreign = [name for name in self.names if name in present and name not in own]
        if foreign:
            named = ", ".join(foreign[:_MAX_NAMED])
            rest = len(foreign) - _MAX_NAMED
            more = f" (và {rest} tệp khác)" if rest > 0 else ""
            more_en = f" (and {rest} more)" if rest > 0 else ""
            raise OutputError(
                f"Trong “{folder}” đã có tệp không do vanban batch ghi: {named}{more}. "
                "vanban không ghi đè tệp của bạn; hãy chọn thư mục khác.",
                f"“{folder}” holds files vanban batch did not write: {named}{more_en}. "
                "vanban does not overwrite your files; choose another folder.",
            )
        return [name for name in own if name in present]

    def commit(self) -> list[Path]:
        """Move the new files into place; on failure put everything back and raise."""
        folder = self.folder
        try:
            if not folder.exists():
                os.rename(self.staging, folder)
                self._moved_in = [folder]
                return [folder / name for name in self.names]
            os.mkdir(self.backup, 0o700)
            for name in [*self.previous, MANIFEST]:
                if (folder / name).exists():
                    os.rename(folder / name, self.backup / name)
                    self._moved_out.append(name)
            for name in [*self.names, MANIFEST]:
                os.rename(self.staging / name, folder / name)
                self._moved_in.append(folder / name)
        except OSError as exc:
            self.undo()
            raise _write_error(folder, exc) from exc
        return [folder / name for name in self.names]

    def undo(self) -> None:
        """Take back a commit (or its part done so far): the folder is as it was before."""
        for path in reversed(self._moved_in):
            if path == self.folder:
                os.rename(self.folder, self.staging)
            else:
                path.unlink(missing_ok=True)
        for name in self._moved_out:
            os.rename(self.backup / name, self.folder / name)
        self._moved_in, self._moved_out = [], []

    def discard(self) -> None:
        """Remove the staging and backup folders (the old files, once the commit stands)."""
        shutil.rmtree(self.staging, ignore_errors=True)
        shutil.rmtree(self.backup, ignore_errors=True)


def _read_manifest(folder: Path) -> list[str]:
    try:
        raw = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    files = raw.get("files") if isinstance(raw, dict) else None
    if not isinstance(files, list):
        return []
    return [name for name in files if isinstance(name, str) and is_plain_name(name)]


def _remove_abandoned_staging(folder: Path) -> None:
    """Remove staging and backup folders of runs into ``folder`` whose process is gone."""
    prefix = f".{folder.name}.vanban-"
    for entry in folder.parent.glob(f"{glob_escape(prefix)}*"):
        match = re.fullmatch(r"(\d+)-[0-9a-f]+\.(part|old)", entry.name[len(prefix) :])
        if match is None or not entry.is_dir() or entry.is_symlink():
            continue
        if _alive(int(match.group(1))):
            continue
        if match.group(2) == "old" and folder.is_dir():
            # A run killed between moving the old files out and the new ones in: put back
            # whatever is missing, so nothing the user had is lost.
            for old in entry.iterdir():
                if not (folder / old.name).exists():
                    os.rename(old, folder / old.name)
        shutil.rmtree(entry, ignore_errors=True)


def glob_escape(text: str) -> str:
    """Escape glob's special characters in ``text``."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _write_error(folder: Path, exc: OSError) -> OutputError:
    vi, en = os_reason(exc)
    return OutputError(
        f"Không ghi được vào thư mục “{folder}” ({vi}). Các tệp đã có vẫn giữ nguyên; "
        "hãy kiểm tra quyền ghi và dung lượng đĩa rồi thử lại.",
        f"Cannot write into “{folder}” ({en}). The files already there are unchanged; "
        "check permissions and free space, then try again.",
    )
