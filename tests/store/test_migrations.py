from __future__ import annotations

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from footfix.services import tracking
from footfix.services.identity import RunnerName, local_actor
from footfix.services.log_input import parse_log
from footfix.store import migrate
from footfix.store.column_types import UtcDateTime
from footfix.store.engine import make_engine, transaction
from footfix.store.errors import RunnerExists, StoreError
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
    tracking.add_runner(store, local_actor(store), "ann", start=dt.date(2026, 1, 5))
    tracking.log_day(
        store,
        local_actor(store),
        RunnerName("ann"),
        parse_log({"day": dt.date(2026, 1, 5), "first_step_pain_nrs": 2}),
    )
    head = migrate.head_revision()
    assert tracking.upgrade_database(store) == (head, head)
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
    """Every row of ``tables`` in the columns older revisions had."""
    with transaction(engine) as conn:
        return {
            t.name: sorted(
                tuple(row)
                for row in conn.execute(select(*(c for c in t.c if c.name not in DECIDED_BY))).all()
            )
            for t in tables
        }


# The runners table as revisions 0001 and 0002 had it (no uid, no owner): rows are written
# through it so that the test does not depend on today's repository code.
OLD_RUNNERS = sa.table(
    "runners",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("units", sa.String),
    sa.column("painful_side", sa.String),
    sa.column("severity", sa.String),
    sa.column("bone_stress", sa.Boolean),
    sa.column("timezone", sa.String),
    sa.column("created_at", UtcDateTime),
)
NOW = dt.datetime(2026, 1, 5, 7, 30, tzinfo=dt.UTC)
# The decision tables before revision 0007 (no decided_by_* columns).
OLD_PHASE_CHANGES = sa.table(
    "phase_changes",
    *(
        sa.column(name)
        for name in ("runner_id", "effective_date", "evidence_from", "from_phase", "to_phase")
    ),
    sa.column("reasons_json"),
    sa.column("source"),
    sa.column("recorded_at", UtcDateTime),
)
OLD_ASSESSMENTS = sa.table(
    "assessments",
    *(sa.column(n) for n in ("uid", "runner_id", "knowledge_version", "phase", "case_json")),
    sa.column("result_json"),
    sa.column("created_at", UtcDateTime),
)
OLD_PLAN_VERSIONS = sa.table(
    "plan_versions",
    *(sa.column(n) for n in ("plan_id", "version", "assessment_uid", "phase", "items_json")),
    sa.column("reason"),
    sa.column("created_at", UtcDateTime),
)
DECIDED_BY = ("decided_by_uid", "decided_by_role")  # revision 0007


def _old_assessment(conn, runner_id: int) -> None:
    """An assessment row as the schema before 0007 held it (no decider columns)."""
    conn.execute(
        sa.insert(OLD_ASSESSMENTS).values(
            uid=str(uuid.uuid4()),
            runner_id=runner_id,
            created_at=NOW,
            knowledge_version="kb-1",
            phase="rehab_no_running",
            case_json="{}",
            result_json="{}",
        )
    )


def _old_runner(conn, name: str, days: int) -> int:
    from footfix.services.log_input import validate_log
    from footfix.store import assessments_repo, logs_repo

    runner_id = conn.execute(
        sa.insert(OLD_RUNNERS)
        .values(
            name=name,
            units="mi",
            painful_side="left",
            severity="mild",
            bone_stress=False,
            timezone="Europe/London",
            created_at=NOW,
        )
        .returning(OLD_RUNNERS.c.id)
    ).scalar_one()
    conn.execute(
        sa.insert(OLD_PHASE_CHANGES).values(
            runner_id=runner_id,
            effective_date=NOW.date(),
            evidence_from=NOW.date(),
            from_phase=None,
            to_phase="rehab_no_running",
            reasons_json='["start"]',
            source="manual",
            recorded_at=NOW,
        )
    )
    for i in range(days):
        day = NOW.date() + dt.timedelta(days=i)
        log = validate_log(
            {
                "day": day,
                "first_step_pain_nrs": 2 + i,
                "runs": [{"distance_km": 3.2, "surface": "road"}],
                "exercises": [{"exercise": "bridges", "sets": 3, "reps": 10}],
                "retests": [{"test": "heel_raise_reps", "value": 20, "side": "left"}],
            }
        )
        logs_repo.write_log(conn, runner_id, log, correction=False, recorded_at=NOW)
    _old_assessment(conn, runner_id)
    plan_id = assessments_repo.runner_plan(conn, runner_id, NOW)
    conn.execute(
        sa.insert(OLD_PLAN_VERSIONS).values(
            plan_id=plan_id,
            version=1,
            created_at=NOW,
            assessment_uid=None,
            phase="rehab_no_running",
            items_json="{}",
            reason="start",
        )
    )
    return int(runner_id)


def _old_database(engine, revision: str) -> None:
    """A database at ``revision`` with two runners and everything that hangs off a runner."""
    from alembic import command

    from footfix.store import migrate, schema

    with transaction(engine) as conn:
        command.upgrade(migrate._config(conn), revision)
        assert migrate.current_revision(conn) == revision
        for name, days in (("ann", 3), ("bob", 2)):
            runner_id = _old_runner(conn, name, days)
            if revision >= "0002":
                conn.execute(
                    sa.insert(schema.activities).values(
                        runner_id=runner_id,
                        dedup_key=f"running@{name}",
                        start_utc=NOW,
                        sport="running",
                        file_format="fit",
                        source=f"{name}.fit",
                        imported_at=NOW,
                        distance_m=5000.0,
                        elapsed_s=1800.0,
                        moving_s=1790.0,
                        has_gps=True,
                        sample_count=1800,
                        stance_samples=0,
                        notes="",
                    )
                )


def _tables_before(revision: str) -> list[sa.Table]:
    from footfix.store import schema
    from footfix.store.web_schema import TABLES as WEB_TABLES  # revision 0004

    new = {"users", "runners"} | ({"activities"} if revision < "0002" else set())
    new |= {t.name for t in WEB_TABLES}
    new |= {"outcome_records"} if revision < "0005" else set()
    new |= {"jobs", "uploads", "audit_log"}  # revision 0006
    new |= {"upload_blobs"}  # revision 0009
    return [t for t in schema.metadata.sorted_tables if t.name not in new]


def _old_runner_columns(engine) -> list[tuple]:
    from footfix.store import schema

    columns = [schema.runners.c[c.name] for c in OLD_RUNNERS.c]
    with transaction(engine) as conn:
        return sorted(tuple(row) for row in conn.execute(sa.select(*columns)).all())


def test_upgrading_a_0001_database_with_data_keeps_every_row(settings: Settings) -> None:
    from footfix.store import schema

    engine = make_engine(settings)
    try:
        _old_database(engine, "0001")
        before = _contents(engine, _tables_before("0001"))
        runners_before = _old_runner_columns(engine)
        assert sum(len(rows) for rows in before.values()) == 2 + 2 + 2 + 2 + 5 * 4
        assert upgrade(engine) == ("0001", migrate.head_revision())
        assert _contents(engine, _tables_before("0001")) == before
        assert _old_runner_columns(engine) == runners_before
        assert _contents(engine, [schema.activities]) == {"activities": []}
    finally:
        engine.dispose()


def test_upgrading_a_0002_database_to_identity_keeps_every_row(settings: Settings) -> None:
    """Runners are rebuilt on SQLite: nothing that hangs off them may cascade away."""
    from footfix.store import schema

    engine = make_engine(settings)
    try:
        _old_database(engine, "0002")
        before = _contents(engine, _tables_before("0002"))
        runners_before = _old_runner_columns(engine)
        assert len(before["activities"]) == 2 and len(before["day_logs"]) == 5
        assert upgrade(engine) == ("0002", migrate.head_revision())
        assert _contents(engine, _tables_before("0002")) == before
        assert _old_runner_columns(engine) == runners_before
        with transaction(engine) as conn:
            (local,) = conn.execute(sa.select(schema.users)).mappings().all()
            assert local["is_local"] and local["role"] == "admin"
            owners_and_uids = conn.execute(
                sa.select(schema.runners.c.owner_id, schema.runners.c.uid)
            ).all()
            if conn.dialect.name == "sqlite":  # the pragma was restored on the pooled connection
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert {owner for owner, _uid in owners_and_uids} == {local["id"]}
        uids = [uid for _owner, uid in owners_and_uids]
        assert len(set(uids)) == 2 and all(str(uuid.UUID(u)) == u for u in uids)
    finally:
        engine.dispose()


def test_after_the_identity_upgrade_names_are_unique_per_owner_and_deletes_still_cascade(
    settings: Settings,
) -> None:
    from footfix.store import runners_repo, schema, users_repo

    engine = make_engine(settings)
    try:
        _old_database(engine, "0002")
        upgrade(engine)
        with transaction(engine) as conn:
            other = users_repo.add_user(conn, display_name="Dr K", role="clinician", created_at=NOW)
            values = dict(units="km", painful_side=None, severity=None, bone_stress=False)
            theirs = runners_repo.add_runner(
                conn, owner_id=other.id, name="ann", timezone="UTC", created_at=NOW, **values
            )
            assert theirs.owner_id == other.id  # the same name, another owner: allowed
            with pytest.raises(RunnerExists):
                runners_repo.add_runner(
                    conn, owner_id=other.id, name="ann", timezone="UTC", created_at=NOW, **values
                )
        with transaction(engine) as conn:  # the children's foreign keys survived the rebuild
            local = users_repo.find_local_user(conn)
            ann = runners_repo.get_runner(conn, local.id, "ann")
            conn.execute(sa.delete(schema.runners).where(schema.runners.c.id == ann.id))
            left = conn.execute(sa.select(schema.day_logs.c.runner_id)).scalars().all()
            assert ann.id not in left and len(left) == 2
    finally:
        engine.dispose()


def _decision_rows(conn, owner_id: int, name: str) -> None:
    """A runner of ``owner_id`` with one decision of each kind, written as revision 0006 did."""
    from footfix.store import assessments_repo, schema

    runner_id = conn.execute(
        sa.insert(schema.runners)
        .values(
            uid=str(uuid.uuid4()),
            owner_id=owner_id,
            name=name,
            units="km",
            bone_stress=False,
            timezone="UTC",
            created_at=NOW,
        )
        .returning(schema.runners.c.id)
    ).scalar_one()
    conn.execute(
        sa.insert(OLD_PHASE_CHANGES).values(
            runner_id=runner_id,
            effective_date=NOW.date(),
            evidence_from=NOW.date(),
            to_phase="rehab_no_running",
            reasons_json='["start"]',
            source="manual",
            recorded_at=NOW,
        )
    )
    _old_assessment(conn, runner_id)
    conn.execute(
        sa.insert(OLD_PLAN_VERSIONS).values(
            plan_id=assessments_repo.runner_plan(conn, runner_id, NOW),
            version=1,
            created_at=NOW,
            phase="rehab_no_running",
            items_json="{}",
            reason="start",
        )
    )


def test_upgrading_to_0007_credits_old_decisions_to_the_local_user_or_unknown(
    settings: Settings,
) -> None:
    """CLI rows name the local user; a web account's rows say "unknown" (nobody recorded who)."""
    from alembic import command

    from footfix.store import schema, users_repo

    engine = make_engine(settings)
    try:
        with transaction(engine) as conn:
            command.upgrade(migrate._config(conn), "0006")
            local = users_repo.local_user(conn, NOW)
            web = users_repo.add_user(conn, display_name="Web Ann", role="runner", created_at=NOW)
            _decision_rows(conn, local.id, "cli-ann")
            _decision_rows(conn, web.id, "web-ann")
        before = _contents(engine, _tables_before("0006"))
        assert upgrade(engine) == ("0006", migrate.head_revision())
        assert _contents(engine, _tables_before("0006")) == before
        with transaction(engine) as conn:
            names = dict(conn.execute(sa.select(schema.runners.c.id, schema.runners.c.name)).all())
            plans = dict(conn.execute(sa.select(schema.plans.c.id, schema.plans.c.runner_id)).all())
            credited: dict[str, set[tuple[str, str, str]]] = {}
            for table in (schema.assessments, schema.phase_changes, schema.plan_versions):
                key = table.c.plan_id if table is schema.plan_versions else table.c.runner_id
                for owner_key, uid, role in conn.execute(
                    sa.select(key, table.c.decided_by_uid, table.c.decided_by_role)
                ):
                    runner_id = plans[owner_key] if table is schema.plan_versions else owner_key
                    credited.setdefault(table.name, set()).add((names[runner_id], uid, role))
        expected = {("cli-ann", local.uid, local.role), ("web-ann", "unknown", "unknown")}
        assert credited == dict.fromkeys(
            ("assessments", "phase_changes", "plan_versions"), expected
        )
    finally:
        engine.dispose()
