"""What one command-line call knows: output settings, the workspace and the acting user."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from vanban.cli.output import Output

if TYPE_CHECKING:  # imported when a command first needs it: `vanban --help` stays fast
    from pathlib import Path

    from vanban.services.dossier_reader import DossierReader
    from vanban.services.dossiers import DossierService
    from vanban.workspace import User, Workspace


@dataclass
class Session:
    """The settings of one call, and the workspace and service, loaded on first use."""

    output: Output = field(default_factory=Output)
    workspace_option: Path | None = None
    as_login: str | None = None
    _workspace: Workspace | None = None
    _service: DossierService | None = None
    _reader: DossierReader | None = None

    def workspace(self) -> Workspace:
        """Find and load the workspace (--workspace, VANBAN_HOME, nearest vanban.toml)."""
        if self._workspace is None:
            from vanban.workspace import find_workspace_root, load_workspace

            self._workspace = load_workspace(find_workspace_root(self.workspace_option))
        return self._workspace

    def user(self) -> User:
        """Return the authenticated acting user; someone not in vanban.toml is refused.

        On PostgreSQL the database role the server authenticated (asked before the store is
        opened); on SQLite the operating-system account, or ``--as`` / ``VANBAN_USER`` in a
        training workspace.
        """
        from vanban.workspace import claimed_login, os_account

        workspace = self.workspace()
        claimed = claimed_login(self.as_login)
        if workspace.store_url.startswith("postgresql"):
            from vanban.services.identity import database_role

            role = database_role(workspace.store_url)
            return workspace.acting_user(claimed, role, by_database=True)
        return workspace.acting_user(claimed, os_account())

    def service(self) -> DossierService:
        """Return the dossier service of the workspace, once the acting user is known.

        Someone not in vanban.toml is refused before the store is opened (or migrated).
        """
        if self._service is None:
            self.user()
            from vanban.services.dossiers import DossierService

            self._service = DossierService(self.workspace())
        return self._service

    def reader(self) -> DossierReader:
        """Return the reading service (list, show): the store and the cached workflows only.

        Like ``service``, only once the acting user is known.
        """
        if self._reader is None:
            self.user()
            from vanban.services.dossier_reader import DossierReader

            store = self._service.store if self._service is not None else None
            self._reader = DossierReader(self.workspace(), store=store)
        return self._reader

    def close(self) -> None:
        """Close the store's pooled connections (a PostgreSQL server counts them)."""
        for holder in (self._service, self._reader):
            if holder is not None:
                holder.store.dispose()


def get_session(context: click.Context) -> Session:
    """Return the Session stored on the root command's context."""
    root = context.find_root()
    if not isinstance(root.obj, Session):
        root.obj = Session()
    return root.obj
