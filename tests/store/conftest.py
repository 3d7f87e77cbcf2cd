from __future__ import annotations

import pytest

from footfix.store.settings import Settings
from tests.store.backends import BACKENDS, database_url


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path):
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
def empty_settings(backend: str, tmp_path):
    """A second, empty database on the same backend (the target of an import)."""
    for url in database_url(backend, tmp_path):
        yield Settings(database_url=url)
