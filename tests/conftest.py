"""Database fixtures shared by the storage, tracking-CLI and activity tests.

Every test that asks for `settings`, `db_url` or `cli_env` runs once on SQLite and once on
PostgreSQL (see tests/store/backends.py for how the PostgreSQL database is made and dropped).
"""

from __future__ import annotations

import pytest

from footfix.store.settings import Settings
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
    """Point the real CLI at the test database."""
    monkeypatch.setenv("FOOTFIX_DATABASE_URL", db_url)
    return db_url


@pytest.fixture
def empty_db_url(backend: str, tmp_path):  # type: ignore[no-untyped-def]
    """A second, empty database on the same backend (the target of an import)."""
    yield from database_url(backend, tmp_path)


@pytest.fixture
def empty_settings(empty_db_url: str) -> Settings:
    return Settings(database_url=empty_db_url)
