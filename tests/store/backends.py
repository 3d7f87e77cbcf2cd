"""Real databases for tests: a fresh SQLite file, or a fresh PostgreSQL database, per test.

PostgreSQL comes from FOOTFIX_TEST_POSTGRES_URL (default: local trust auth). When it cannot be
reached the PostgreSQL cases are skipped, unless FOOTFIX_REQUIRE_POSTGRES=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BACKENDS = ["sqlite", "postgresql"]


def postgres_base_url() -> str:
    return os.environ.get("FOOTFIX_TEST_POSTGRES_URL", DEFAULT_PG)


def _plain_dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _admin(url: str):
    import psycopg

    return psycopg.connect(_plain_dsn(url), autocommit=True, connect_timeout=3)


def require_postgres() -> str:
    url = postgres_base_url()
    try:
        with _admin(url):
            pass
    except Exception as err:  # any failure to connect means "not available here"
        message = f"PostgreSQL not reachable at {url}: {err}"
        if os.environ.get("FOOTFIX_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return url


def fresh_postgres_database() -> Iterator[str]:
    base = require_postgres()
    name = f"footfix_t_{uuid.uuid4().hex[:12]}"
    with _admin(base) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    prefix, _, _db = base.rpartition("/")
    try:
        yield f"{prefix}/{name}"
    finally:
        with _admin(base) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_url(backend: str, tmp_path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite+pysqlite:///{tmp_path / f'footfix-{uuid.uuid4().hex[:6]}.sqlite3'}"
    else:
        yield from fresh_postgres_database()
