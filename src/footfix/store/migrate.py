"""Run the packaged Alembic migrations programmatically (no alembic.ini needed)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from footfix.store.errors import StoreError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any fixed number: PostgreSQL sessions upgrading at once queue on this advisory lock.
_PG_MIGRATION_LOCK = 0x0F007F1C


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str | None:
    return _scripts().get_current_head()


def known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in _scripts().walk_revisions())


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def newer_message(current: str, head: str | None) -> str:
    """What to say about a database written by a newer footfix (its revision is unknown here)."""
    return (
        f"the database is at revision {current}, which this footfix does not know "
        f"(newest known: {head}): a newer footfix made it; use that footfix or a newer one"
    )


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str | None]:
    """Bring the schema to ``target`` (the newest revision unless a test asks for an older one);
    returns (before, after). Never drops data.

    A revision this footfix does not know is refused before Alembic sees it: Alembic would stop
    with "Can't locate revision", and going "up" from a newer schema could only break it.
    """
    with _migrating(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
        before = current_revision(connection)
        if before is not None and before not in known_revisions():
            raise StoreError(newer_message(before, head_revision()))
        if target != "head" or before != head_revision():
            command.upgrade(_config(connection), target)
        if connection.dialect.name == "sqlite":
            _check_foreign_keys(connection)
        return before, current_revision(connection)


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """One transaction for the whole upgrade. On SQLite foreign keys are off meanwhile: a
    migration that rebuilds a parent table (batch mode drops and renames it) would otherwise
    cascade-delete every child row. The pragma is a no-op inside a transaction, so it is set
    before ``BEGIN`` and restored after, on this pooled connection."""
    try:
        with engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                _raw(connection).execute("PRAGMA foreign_keys = OFF")
            try:
                with connection.begin():
                    yield connection
            finally:
                if sqlite:
                    _raw(connection).execute("PRAGMA foreign_keys = ON")
    except OperationalError as err:
        raise StoreError(f"the database could not be reached or was busy: {err.orig}") from err
    except SQLAlchemyError as err:
        raise StoreError(f"the database could not be upgraded: {err}") from err


def _check_foreign_keys(connection: Connection) -> None:
    """Refuse to commit a migration that left a row pointing nowhere (checks are off meanwhile)."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({str(row[0]) for row in broken})
        raise StoreError(
            f"the upgrade would leave {len(broken)} rows pointing nowhere "
            f"(in {', '.join(tables)}); nothing was changed"
        )


def _raw(connection: Connection) -> Any:
    return connection.connection.dbapi_connection
