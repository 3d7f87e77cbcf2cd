"""Run the packaged Alembic migrations programmatically (no alembic.ini needed)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from footfix.store.engine import transaction
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


def upgrade(engine: Engine) -> tuple[str | None, str | None]:
    """Bring the schema to the newest revision; returns (before, after). Never drops data.

    A revision this footfix does not know is refused before Alembic sees it: Alembic would stop
    with "Can't locate revision", and going "up" from a newer schema could only break it.
    """
    with transaction(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
        before = current_revision(connection)
        if before is not None and before not in known_revisions():
            raise StoreError(newer_message(before, head_revision()))
        if before != head_revision():
            command.upgrade(_config(connection), "head")
        return before, current_revision(connection)
