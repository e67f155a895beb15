"""docs/cli.md documents every command as its help says."""

from __future__ import annotations

from docs.make_cli_reference import TARGET, reference


def test_cli_reference_is_up_to_date() -> None:
    assert TARGET.read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is stale: run `python docs/make_cli_reference.py` and commit it"
    )
