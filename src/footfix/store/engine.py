"""Engines and write transactions for SQLite (embedded default) and PostgreSQL.

SQLite runs in WAL mode with foreign keys on and a busy timeout, and every transaction starts
with ``BEGIN IMMEDIATE`` so that two writers queue on the lock instead of failing half-way when a
read lock cannot be upgraded; a connection marked :data:`READ_ONLY` starts a plain (deferred)
``BEGIN`` instead, which takes no write lock. PostgreSQL writers lock the runner row
(``SELECT … FOR UPDATE``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from footfix.private_files import create_private
from footfix.store.errors import StoreError
from footfix.store.settings import Settings

# Re-exported so that services can name these types without importing SQLAlchemy themselves.
__all__ = ["READ_ONLY", "Connection", "Engine", "make_engine", "transaction"]

# Execution option naming a connection whose transactions only read (see Store.read).
READ_ONLY = "footfix_read_only"


def make_engine(settings: Settings) -> Engine:
    """Build an engine (no connection is made yet); a URL footfix cannot use is a StoreError."""
    try:
        url = make_url(settings.database_url)
        if url.get_backend_name() == "sqlite":
            return _sqlite_engine(settings, url.database)
        if url.get_backend_name() != "postgresql":
            raise StoreError(f"unsupported database {url.get_backend_name()!r}")
        return create_engine(
            url,
            echo=settings.echo_sql,
            pool_pre_ping=True,
            pool_size=settings.pool_size,
            max_overflow=settings.pool_max_overflow,
        )
    except (ArgumentError, NoSuchModuleError, ImportError, StoreError) as err:
        raise StoreError(
            f"the database URL {_hide_password(settings.database_url)!r} cannot be used ({err}); "
            "use postgresql+psycopg://USER@HOST/DB or leave FOOTFIX_DATABASE_URL unset for SQLite"
        ) from err


def _hide_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_engine(settings: Settings, database: str | None) -> Engine:
    if database and database != ":memory:":
        # health data: the file 0600 in a 0700 folder (SQLite gives its journals the same mode)
        create_private(Path(database).expanduser())
    timeout_s = settings.sqlite_busy_timeout_ms / 1000
    engine = create_engine(
        settings.database_url,
        echo=settings.echo_sql,
        connect_args={"timeout": timeout_s},
        pool_size=settings.pool_size,
        max_overflow=settings.pool_max_overflow,
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(settings.sqlite_busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """One all-or-nothing unit of work; database errors become :class:`StoreError`."""
    try:
        with engine.begin() as connection:
            yield connection
    except OperationalError as err:
        raise StoreError(f"the database could not be reached or was busy: {err.orig}") from err
    except SQLAlchemyError as err:
        raise StoreError(f"the database refused the change: {_first_line(err)}") from err


def _first_line(err: SQLAlchemyError) -> str:
    text = str(getattr(err, "orig", err) or err)
    return text.strip().splitlines()[0] if text.strip() else type(err).__name__
