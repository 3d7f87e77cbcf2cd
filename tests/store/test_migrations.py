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
from footfix.store.store import Store


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


def test_upgrading_again_keeps_every_row(store: Store, settings: Settings) -> None:
    tracking.add_runner(store, "ann", start=dt.date(2026, 1, 5))
    tracking.log_day(store, "ann", {"day": dt.date(2026, 1, 5), "first_step_pain_nrs": 2})
    assert tracking.upgrade_database(store) == ("0002", "0002")
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


def _contents(engine, tables) -> dict[str, list[tuple]]:
    with transaction(engine) as conn:
        return {t.name: sorted(tuple(row) for row in conn.execute(select(t)).all()) for t in tables}


def test_upgrading_a_0001_database_with_data_to_0002_keeps_every_row(settings: Settings) -> None:
    from alembic import command

    from footfix.services.log_input import validate_log
    from footfix.store import logs_repo, migrate, runners_repo, schema

    engine = make_engine(settings)
    try:
        with transaction(engine) as conn:
            command.upgrade(migrate._config(conn), "0001")
            assert migrate.current_revision(conn) == "0001"
            now = dt.datetime(2026, 1, 5, 7, 30, tzinfo=dt.UTC)
            runner = runners_repo.add_runner(
                conn,
                name="ann",
                units="mi",
                painful_side="left",
                severity="mild",
                bone_stress=False,
                timezone="Europe/London",
                created_at=now,
            )
            runners_repo.add_phase_change(
                conn,
                runner.id,
                effective_date=now.date(),
                evidence_from=now.date(),
                from_phase=None,
                to_phase="rehab_no_running",
                reasons=["start"],
                source="manual",
                recorded_at=now,
            )
            for i in range(3):
                day = now.date() + dt.timedelta(days=i)
                log = validate_log(
                    {
                        "day": day,
                        "first_step_pain_nrs": 2 + i,
                        "runs": [{"distance_km": 3.2, "surface": "road"}],
                        "exercises": [{"exercise": "bridges", "sets": 3, "reps": 10}],
                        "retests": [{"test": "heel_raise_reps", "value": 20, "side": "left"}],
                    }
                )
                logs_repo.write_log(conn, runner.id, log, correction=False, recorded_at=now)
        old_tables = [t for t in schema.metadata.sorted_tables if t.name != "activities"]
        before = _contents(engine, old_tables)
        assert sum(len(rows) for rows in before.values()) == 1 + 1 + 3 * 4
        assert upgrade(engine) == ("0001", "0002")
        assert _contents(engine, old_tables) == before
        assert _contents(engine, [schema.activities]) == {"activities": []}
    finally:
        engine.dispose()
