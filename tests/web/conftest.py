"""Fixtures for the web app's tests (TestClient here; the browser fixtures are in browser.py).

- ``web_settings``: WebSettings on the test database (``db_url``: SQLite and PostgreSQL, once
  each) with the data folder (and its generated secret) under ``tmp_path``.
- ``web_store``: the app's one store, migrated as ``footfix serve`` does at start-up.
- ``client``: a ``fastapi.testclient.TestClient`` on ``create_app(web_settings, web_store)``;
  it keeps cookies like a browser. ``sqlite_client`` is the same on SQLite only, for tests of
  the server's plumbing where the backend does not matter.
- ``tests.web.helpers``: ``csrf_token(client, path)`` reads a page's form token;
  ``sign_up(client, ...)`` / ``sign_in(...)`` go through the real forms.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from footfix.services.store_access import Store, open_store_for_server
from footfix.web.app import create_app
from footfix.web.settings import WebSettings


def make_settings(db_url: str, data_dir: Path, **values: object) -> WebSettings:
    return WebSettings(database_url=db_url, data_dir=data_dir, **values)  # type: ignore[arg-type]


@pytest.fixture
def web_settings(db_url: str, tmp_path: Path) -> WebSettings:
    return make_settings(db_url, tmp_path / "data")


@pytest.fixture
def web_store(web_settings: WebSettings) -> Iterator[Store]:
    with open_store_for_server(web_settings.store_settings()) as kept:
        yield kept


@pytest.fixture
def client(web_settings: WebSettings, web_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(web_settings, web_store)) as kept:
        yield kept


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> WebSettings:
    return make_settings(f"sqlite+pysqlite:///{tmp_path / 'web.sqlite3'}", tmp_path / "data")


@pytest.fixture
def sqlite_client(sqlite_settings: WebSettings) -> Iterator[TestClient]:
    with TestClient(create_app(sqlite_settings)) as kept:  # the app opens its own store
        yield kept


from tests.web.browser_fixtures import (  # noqa: E402  (shared with the page tests)
    check_a11y,
    chromium,
    live_server,
    phone,
    screenshot,
)

__all__ = ["check_a11y", "chromium", "live_server", "phone", "screenshot"]
