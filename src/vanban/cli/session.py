"""What one command-line call knows: output settings, the workspace and the acting user."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from vanban.cli.output import Output
from vanban.services.dossiers import DossierService
from vanban.workspace import User, Workspace, acting_login, find_workspace_root, load_workspace


@dataclass
class Session:
    """The settings of one call, and the workspace and service, loaded on first use."""

    output: Output = field(default_factory=Output)
    workspace_option: Path | None = None
    as_login: str | None = None
    _workspace: Workspace | None = None
    _service: DossierService | None = None

    def workspace(self) -> Workspace:
        """Find and load the workspace (--workspace, VANBAN_HOME, nearest vanban.toml)."""
        if self._workspace is None:
            self._workspace = load_workspace(find_workspace_root(self.workspace_option))
        return self._workspace

    def user(self) -> User:
        """Return the acting user; someone not in vanban.toml is refused."""
        return self.workspace().user(acting_login(self.as_login))

    def service(self) -> DossierService:
        """Return the dossier service of the workspace (the store is opened and migrated)."""
        if self._service is None:
            self._service = DossierService(self.workspace())
        return self._service


def get_session(context: click.Context) -> Session:
    """Return the Session stored on the root command's context."""
    root = context.find_root()
    if not isinstance(root.obj, Session):
        root.obj = Session()
    return root.obj
