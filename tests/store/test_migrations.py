from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from footfix.services import tracking
from footfix.store.engine import make_engine, transaction
from footfix.store.errors import StoreError
from footfix.store.migrate import upgrade
from footfix.store.schema import day_logs, metadata
from footfix.store.settings import Settings


def test_migrated_schema_matches_the_table_definitions(settings: Settings) -> None:
    engine = make_engine(settings)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_upgrading_again_keeps_every_row(settings: Settings) -> None:
    tracking.add_runner(settings, "ann", start=dt.date(2026, 1, 5))
    tracking.log_day(settings, "ann", {"day": dt.date(2026, 1, 5), "first_step_pain_nrs": 2})
    assert tracking.upgrade_database(settings) == ("0001", "0001")
    engine = make_engine(settings)
    try:
        with transaction(engine) as conn:
            assert conn.execute(select(func.count()).select_from(day_logs)).scalar_one() == 1
    finally:
        engine.dispose()


def test_a_database_url_footfix_cannot_use_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot be used"):
        make_engine(Settings(database_url="mysql://someone@somewhere/db"))
    unreachable = Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(StoreError, match="could not be reached"):
        upgrade(make_engine(unreachable))
