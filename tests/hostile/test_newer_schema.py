"""A database that a newer footfix has migrated past this one's newest revision: every command,
``db upgrade`` and a server's start-up say so clearly, and nothing in it is changed."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from footfix.store.errors import StoreError
from footfix.store.settings import Settings
from footfix.store.store import open_server_store
from tests.cli_runner import run_cli

FUTURE = "0099_from_a_newer_footfix"


def _move_to_the_future(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": FUTURE})
    engine.dispose()


def _state(url: str) -> tuple[str, list[str]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        names = list(conn.execute(text("SELECT name FROM runners ORDER BY name")).scalars())
    engine.dispose()
    return revision, names


@pytest.mark.parametrize(
    "command",
    [
        ("runner", "list"),
        ("db", "upgrade"),
        ("runner", "add", "bob"),
        ("log", "-r", "ann", "--date", "2026-01-05", "--note", "x"),
        ("export", "-r", "ann"),
    ],
)
def test_every_command_on_a_newer_database_is_a_clear_refusal(
    cli_env: str, command: tuple[str, ...]
) -> None:
    code, _ = run_cli("runner", "add", "ann")
    assert code == 0
    _move_to_the_future(cli_env)
    code, out = run_cli(*command)
    assert code == 2, out
    assert f"revision {FUTURE}, which this footfix does not know" in out
    assert "a newer footfix made it" in out
    assert "went wrong" not in out  # the message of an unexpected error
    assert _state(cli_env) == (FUTURE, ["ann"])


def test_a_server_does_not_start_on_a_newer_database(settings: Settings) -> None:
    open_server_store(settings).close()
    _move_to_the_future(settings.database_url)
    with pytest.raises(StoreError, match="a newer footfix made it"):
        open_server_store(settings)
    assert _state(settings.database_url) == (FUTURE, [])
