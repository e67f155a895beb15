"""Use case of ``vanban init``: make a workspace (vanban.toml and its .vanban/ folder).

A training workspace may also get throwaway signing material (``--sample-signing``), made by
services/signing_samples.py for its leader and its body.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vanban.errors import WorkspaceError
from vanban.workspace import init_workspace, load_workspace

__all__ = ["NewWorkspace", "SampleKeys", "create_workspace"]


@dataclass(frozen=True)
class SampleKeys:
    """Sample signing material made for a training workspace (of no legal value)."""

    folder: Path
    leader: str  # the login whose key it is, besides the body's
    password: str


@dataclass(frozen=True)
class NewWorkspace:
    """A workspace just made: its vanban.toml, and its sample keys when asked for."""

    config: Path
    sample_keys: SampleKeys | None = None


def create_workspace(
    folder: Path, *, training: bool = False, sample_signing: bool = False
) -> NewWorkspace:
    """Create a workspace in ``folder``. Refuses to overwrite one.

    A ``training`` workspace lets ``--as`` and VANBAN_USER choose who acts (demos, courses);
    only such a workspace may get ``sample_signing`` keys for its first approver and its body.
    """
    if sample_signing and not training:
        raise WorkspaceError(
            "Khóa ký MẪU (--sample-signing) chỉ dùng cho thư mục tập huấn; hãy thêm --training.",
            "Sample signing keys (--sample-signing) are only for a training workspace; "
            "add --training.",
        )
    config = init_workspace(folder, training=training)
    if not sample_signing:
        return NewWorkspace(config)
    # Imported here: cryptography and Pillow only for the workspaces that ask for keys.
    from vanban.services.signing_samples import SAMPLE_PASSWORD, add_sample_signing

    workspace = load_workspace(folder)
    leader = next(user.login for user in workspace.users.values() if "approver" in user.roles)
    keys = add_sample_signing(workspace, leader, SAMPLE_PASSWORD)
    return NewWorkspace(config, SampleKeys(keys, leader, SAMPLE_PASSWORD))
