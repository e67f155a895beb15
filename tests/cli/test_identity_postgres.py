"""On PostgreSQL the person acting is the role the server authenticated (session_user).

Skipped unless VANBAN_TEST_POSTGRES_URL is set (CI sets it). Each person connects as a role of
their own; a claim with --as or VANBAN_USER to be someone else is refused, even in a training
workspace, and history records the authenticated person.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tests.conftest import SAMPLES, CliResult
from tests.store.test_postgres import BASE_URL, pg_url  # noqa: F401 (a fixture)
from vanban.store import open_store

Run = Callable[..., CliResult]

pytestmark = pytest.mark.skipif(
    not BASE_URL, reason="set VANBAN_TEST_POSTGRES_URL to run the PostgreSQL tests"
)


@pytest.fixture
def roles(pg_url: str) -> Iterator[dict[str, str]]:  # noqa: F811 (the imported fixture)
    """One login role per person, allowed to use the migrated schema; login → role URL."""
    open_store(pg_url).dispose()  # the owner migrates; people only use the tables
    suffix = uuid.uuid4().hex[:8]
    names = {login: f"{login}_{suffix}" for login in ("minh", "an", "huong")}
    schema = str(make_url(pg_url).query["options"]).removeprefix("-csearch_path=")
    admin = create_engine(BASE_URL)
    try:
        with admin.begin() as connection:
            for role in names.values():
                connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
                connection.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
                connection.execute(
                    text(
                        f'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA "{schema}" '
                        f'TO "{role}"'
                    )
                )
                connection.execute(
                    text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"')
                )
        yield {
            login: make_url(pg_url).set(username=role).render_as_string(hide_password=False)
            for login, role in names.items()
        } | {f"role:{login}": role for login, role in names.items()}
        with admin.begin() as connection:
            for role in names.values():
                connection.execute(text(f'DROP OWNED BY "{role}" CASCADE'))
                connection.execute(text(f'DROP ROLE "{role}"'))
    finally:
        admin.dispose()


def test_the_database_role_acts_and_claims_are_refused(
    run_cli: Run, tmp_path: Path, roles: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ws"
    # Even a training workspace: on a shared store the server, not the caller, says who acts.
    assert run_cli("init", "--training", folder).exit_code == 0
    config = folder / "vanban.toml"
    text_ = config.read_text(encoding="utf-8")
    for login in ("minh", "an", "huong"):
        text_ = text_.replace(
            f'login = "{login}"', f'login = "{login}"\naccount = "{roles["role:" + login]}"'
        )
    config.write_text(text_, encoding="utf-8")
    data = SAMPLES.joinpath("ke_hoach_hkh_son_la_2024.yaml").read_text(encoding="utf-8")
    lines = [line for line in data.splitlines() if not line.startswith(("so:", "ngay:"))]
    (folder / "ke_hoach.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws = ("--workspace", folder)

    monkeypatch.setenv("VANBAN_DATABASE_URL", roles["minh"])
    created = run_cli(*ws, "--json", "new", "ke_hoach", folder / "ke_hoach.yaml")
    assert created.exit_code == 0, created.stderr
    dossier = json.loads(created.stdout)["dossier"]["id"]
    assert run_cli(*ws, "submit", dossier).exit_code == 0
    refused = run_cli(*ws, "--as", "an", "review", dossier)
    assert refused.exit_code == 1
    assert "Không thể hành động với tư cách “an”" in refused.stderr
    monkeypatch.setenv("VANBAN_USER", "huong")
    assert run_cli(*ws, "approve", dossier).exit_code == 1
    monkeypatch.delenv("VANBAN_USER")

    monkeypatch.setenv("VANBAN_DATABASE_URL", roles["an"])
    assert run_cli(*ws, "review", dossier).exit_code == 0
    history = json.loads(run_cli(*ws, "--json", "history", dossier).stdout)["history"]
    assert [(item["actor"], item["event"]) for item in history] == [
        ("minh", "create"),
        ("minh", "submit"),
        ("an", "review"),
    ]


def test_a_person_may_append_history_but_not_rewrite_it(
    run_cli: Run, tmp_path: Path, roles: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    test_the_database_role_acts_and_claims_are_refused(run_cli, tmp_path, roles, monkeypatch)
    person = create_engine(roles["an"])
    try:
        for statement in (
            "UPDATE events SET actor = 'huong' WHERE event = 'review'",
            "DELETE FROM events",
            "DELETE FROM documents",
            "UPDATE event_documents SET sha256 = 'x'",
        ):
            with (
                person.connect() as connection,
                pytest.raises(DBAPIError, match=r"append-only|permission denied"),
            ):
                connection.execute(text(statement))
    finally:
        person.dispose()
    result = run_cli("--workspace", tmp_path / "ws", "archive", "verify")
    assert result.exit_code == 0, result.stderr
