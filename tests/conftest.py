"""Database fixtures shared by the storage, tracking-CLI and activity tests.

Every test that asks for `settings`, `db_url` or `cli_env` runs once on SQLite and once on
PostgreSQL (see tests/store/backends.py for how the PostgreSQL database is made and dropped).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from footfix.store.settings import Settings
from footfix.store.store import Store, open_server_store
from tests.store.backends import BACKENDS, database_url


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path):  # type: ignore[no-untyped-def]
    yield from database_url(backend, tmp_path)


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url)


@pytest.fixture
def cli_env(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the real CLI at the test database.

    An embedded SQLite file is created by the CLI's first command; a PostgreSQL database is
    upgraded first, as its administrator would (``footfix db upgrade``).
    """
    monkeypatch.setenv("FOOTFIX_DATABASE_URL", _ready_for_cli(db_url))
    return db_url


def _ready_for_cli(url: str) -> str:
    if not url.startswith("sqlite"):
        open_server_store(Settings(database_url=url)).close()
    return url


@pytest.fixture
def empty_db_url(backend: str, tmp_path):  # type: ignore[no-untyped-def]
    """A second, empty database on the same backend (the target of an import)."""
    yield from database_url(backend, tmp_path)


@pytest.fixture
def empty_cli_url(empty_db_url: str) -> str:
    """The second database, ready for the CLI as ``cli_env`` is (no runner, no rows)."""
    return _ready_for_cli(empty_db_url)


@pytest.fixture
def empty_settings(empty_db_url: str) -> Settings:
    return Settings(database_url=empty_db_url)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """The test database's one store, migrated as a server would at start-up."""
    with open_server_store(settings) as kept:
        yield kept


@pytest.fixture
def empty_store(empty_settings: Settings) -> Iterator[Store]:
    with open_server_store(empty_settings) as kept:
        yield kept
