"""One store per process: an engine built once from the settings, shared by every use case.

A :class:`Store` is cheap to use and expensive to build (engine, connection pool, schema check),
so an interface builds one and passes it to the services: the CLI once per command, a server once
at start-up (:func:`open_server_store`). Migrations run only when asked (``footfix db upgrade``,
server start-up) or on the first use of a fresh embedded SQLite file; otherwise the schema is
checked once, on first use, and a database that is behind is a clear error naming the command
that brings it up to date. Reads (:meth:`Store.read`) take no write lock; writes
(:meth:`Store.write`) queue on one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from footfix.store import migrate
from footfix.store.engine import READ_ONLY, make_engine, transaction
from footfix.store.errors import StoreError
from footfix.store.settings import Settings
from footfix.store.writer_lock import WriterLock

UPGRADE_HINT = "run 'footfix db upgrade'"


class Store:
    """The database of one process. Thread-safe: the engine pools connections."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine: Engine = make_engine(settings)
        self._schema_checked = False
        self._schema_lock = threading.Lock()
        # SQLite has one writer at a time: writers of every thread and process queue on a lock
        # rather than in SQLite's busy handler (see footfix.store.writer_lock)
        database = make_url(settings.database_url).database
        busy_s = settings.sqlite_busy_timeout_ms / 1000
        self._sqlite_writer = WriterLock(database, busy_s) if settings.is_sqlite else None

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One all-or-nothing unit of work that may change rows (a write lock on SQLite)."""
        self._ensure_schema()
        if self._sqlite_writer is None:
            with transaction(self.engine) as connection:
                yield connection
            return
        with self._sqlite_writer.held(), transaction(self.engine) as connection:
            yield connection

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent read that cannot write: no write lock on SQLite (a deferred ``BEGIN``
        with ``query_only``), a ``READ ONLY`` transaction on PostgreSQL."""
        self._ensure_schema()
        with self._reading() as connection:
            yield connection

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as connection:
                connection.execution_options(**{READ_ONLY: True})
                sqlite = connection.dialect.name == "sqlite"
                if sqlite:  # straight to the driver: the pragma is no transaction of its own
                    _raw(connection).execute("PRAGMA query_only = ON")
                try:
                    with connection.begin():
                        if not sqlite:
                            connection.execute(text("SET TRANSACTION READ ONLY"))
                        yield connection
                finally:
                    if sqlite:
                        _raw(connection).execute("PRAGMA query_only = OFF")
        except OperationalError as err:
            raise StoreError(f"the database could not be reached or was busy: {err.orig}") from err
        except SQLAlchemyError as err:
            raise StoreError(f"the database could not be read: {err}") from err

    def upgrade(self) -> tuple[str | None, str | None]:
        """Bring the schema to the newest revision; returns (before, after). Never drops data."""
        before, after = migrate.upgrade(self.engine)
        with self._schema_lock:
            self._schema_checked = True
        return before, after

    def close(self) -> None:
        self.engine.dispose()
        if self._sqlite_writer is not None:
            self._sqlite_writer.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _ensure_schema(self) -> None:
        if self._schema_checked:
            return
        with self._schema_lock:
            if self._schema_checked:
                return
            current = self._current_revision()
            head = migrate.head_revision()
            if current != head:
                if current is None and self.settings.is_sqlite:
                    migrate.upgrade(self.engine)  # a fresh embedded file: create the tables
                else:
                    raise StoreError(_behind_message(current, head))
            self._schema_checked = True

    def _current_revision(self) -> str | None:
        with self._reading() as connection:
            return migrate.current_revision(connection)


def _raw(connection: Connection) -> Any:
    return connection.connection.dbapi_connection


def _behind_message(current: str | None, head: str | None) -> str:
    if current is None:
        return f"the database has no footfix tables yet: {UPGRADE_HINT}"
    if current not in migrate.known_revisions():
        return migrate.newer_message(current, head)
    return f"the database is at revision {current} and this footfix needs {head}: {UPGRADE_HINT}"


def open_server_store(settings: Settings) -> Store:
    """The one call a server makes at start-up: build the store and run any migrations."""
    store = Store(settings)
    try:
        store.upgrade()
    except BaseException:
        store.close()
        raise
    return store
