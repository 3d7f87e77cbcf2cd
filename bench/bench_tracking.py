"""Tracking benchmarks: how fast is the progress view?

1. Three years of daily logs for one runner (embedded SQLite): progress computed (load + decide).
2. 10,000 runners × 90 days each in PostgreSQL, bulk-loaded with COPY: one runner's progress view.
   Skipped, with a note, when PostgreSQL cannot be reached (FOOTFIX_BENCH_POSTGRES_URL, default
   the local test server). Run with ``python -m bench`` or ``python -m bench.bench_tracking``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
import time
import uuid
from pathlib import Path

from bench.timing import median_ms
from footfix.services import tracking as tracking_service
from footfix.services.tracking import progress_on
from footfix.store import logs_repo, runners_repo, users_repo
from footfix.store.engine import make_engine, transaction
from footfix.store.migrate import upgrade
from footfix.store.settings import Settings, sqlite_url
from footfix.tracking.log_entry import DayLog
from footfix.tracking.report import build_report

START = dt.date(2023, 1, 2)
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
PG_URL = os.environ.get(
    "FOOTFIX_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _synthetic_log(day: dt.date, rng: random.Random) -> DayLog:
    runs = (
        [{"distance_km": round(rng.uniform(3, 10), 2), "duration_min": 40}] if day.day % 2 else []
    )
    return DayLog.model_validate(
        {
            "day": day,
            "first_step_pain_nrs": rng.choice([0, 1, 1, 2, 3]),
            "pain_during_nrs": rng.choice([0, 1, 2]),
            "walk_stand_tolerance_min": 60,
            "runs": runs,
            "exercises": [{"exercise": "bridges", "sets": 3, "reps": 12}],
        }
    )


def three_years_sqlite() -> None:
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(Settings(sqlite_url(Path(folder) / "bench.sqlite3")))
        upgrade(engine)
        with transaction(engine) as conn:
            local = users_repo.local_user(conn, NOW)
            owner = local.id
            runner = runners_repo.add_runner(
                conn, owner_id=owner, name="three-years", units="km", painful_side="left",
                severity="moderate", bone_stress=False, timezone="UTC", created_at=NOW,
            )  # fmt: skip
            runners_repo.add_phase_change(
                conn, runner.id, effective_date=START, evidence_from=START, from_phase=None,
                to_phase="return_to_run_flat", reasons=["bench"], source="manual", recorded_at=NOW,
                decided_by_uid=local.uid, decided_by_role=local.role,
            )  # fmt: skip
            for offset in range(3 * 365):
                day = START + dt.timedelta(days=offset)
                logs_repo.insert_revision(
                    conn, runner.id, _synthetic_log(day, rng), 1, True, NOW, None
                )
        as_of = START + dt.timedelta(days=3 * 365 - 1)

        def view() -> object:
            with transaction(engine) as conn:
                return progress_on(conn, runner, as_of)

        median = median_ms(view)

        def whole_history() -> object:
            with transaction(engine) as conn:
                return progress_on(conn, runner, as_of, weeks=157)

        whole = median_ms(whole_history)
        with transaction(engine) as conn:
            changes = tracking_service.change_records(runners_repo.phase_history(conn, runner.id))
            logs = logs_repo.current_logs(conn, runner.id)
        profile = tracking_service.profile_of(runner)
        core = median_ms(lambda: build_report(profile, changes, logs, as_of, weeks=157))
        engine.dispose()
    print(f"tracking: 3 years of daily logs, pure core over all of them median {core:.1f} ms")
    print(f"tracking: 3 years of daily logs, view charting all 157 weeks median {whole:.1f} ms")
    verdict = "OK" if median < 50 else "SLOWER than the 50 ms target"
    print(
        "tracking: 3 years of daily logs (SQLite), progress view (12-week window) median "
        f"{median:.1f} ms [{verdict}]"
    )


def _pg_admin():
    import psycopg

    return psycopg.connect(
        PG_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True, connect_timeout=3
    )


def many_runners_postgres(runner_count: int = 10_000, days: int = 90) -> None:
    try:
        with _pg_admin():
            pass
    except Exception as err:  # unreachable server: report and move on
        print(
            f"tracking: PostgreSQL not reachable ({err.__class__.__name__}); "
            "10,000-runner part skipped"
        )
        return
    name = f"footfix_bench_{uuid.uuid4().hex[:8]}"
    with _pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{PG_URL.rpartition('/')[0]}/{name}"
    try:
        engine = make_engine(Settings(url))
        upgrade(engine)
        started = time.perf_counter()
        _bulk_load(url, runner_count, days)
        load_s = time.perf_counter() - started
        with transaction(engine) as conn:
            owner = users_repo.local_user(conn, NOW).id
            runner = runners_repo.get_runner(conn, owner, f"runner-{runner_count // 2:05d}")
        as_of = START + dt.timedelta(days=days - 1)

        def view() -> object:
            with transaction(engine) as conn:
                return progress_on(conn, runner, as_of)

        median = median_ms(view)
        engine.dispose()
        verdict = "OK" if median < 50 else "SLOWER than the 50 ms target"
        total = runner_count * days
        print(
            f"tracking: bulk-loaded {runner_count:,} runners × {days} days "
            f"({total:,} logs) in {load_s:.1f} s"
        )
        print(
            "tracking: one runner's progress view among them (PostgreSQL) median "
            f"{median:.1f} ms [{verdict}]"
        )
    finally:
        with _pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _bulk_load(url: str, runner_count: int, days: int) -> None:
    import psycopg

    rng = random.Random(2)
    with (
        psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn,
        conn.cursor() as cur,
    ):
        cur.execute(  # one owner for all: the lookup is by (owner, name) as in the CLI
            "INSERT INTO users (id, uid, display_name, role, is_local, created_at) "
            "VALUES (1, %s, 'local user', 'admin', true, %s)",
            (str(uuid.uuid4()), NOW),
        )
        with cur.copy(
            "COPY runners (id, uid, owner_id, name, units, painful_side, severity, bone_stress, "
            "timezone, created_at) FROM STDIN"
        ) as copy:
            for r in range(1, runner_count + 1):
                copy.write_row(
                    (r, str(uuid.uuid4()), 1, f"runner-{r:05d}", "km", "left", "moderate",
                     False, "UTC", NOW)
                )  # fmt: skip
        with cur.copy(
            "COPY phase_changes (runner_id, effective_date, evidence_from, from_phase, to_phase, "
            "reasons_json, source, recorded_at) FROM STDIN"
        ) as copy:
            for r in range(1, runner_count + 1):
                copy.write_row(
                    (r, START, START, None, "return_to_run_flat", '["bench"]', "manual", NOW)
                )
        log_columns = (
            "id, runner_id, log_day, revision, is_current, recorded_at, first_step_pain_nrs, "
            "pain_during_nrs, walk_stand_tolerance_min, red_flags"
        )
        run_columns = "day_log_id, position, distance_km, duration_min, hills, continuous, sprints"
        runs = []
        with cur.copy(f"COPY day_logs ({log_columns}) FROM STDIN") as copy:
            log_id = 0
            for r in range(1, runner_count + 1):
                for offset in range(days):
                    log_id += 1
                    pain = rng.choice((0, 1, 1, 2, 3))
                    copy.write_row(
                        (
                            log_id,
                            r,
                            START + dt.timedelta(days=offset),
                            1,
                            True,
                            NOW,
                            pain,
                            1,
                            60,
                            "",
                        )
                    )
                    if offset % 2:
                        runs.append((log_id, 0, 5.0, 30.0, False, True, False))
        with cur.copy(f"COPY run_entries ({run_columns}) FROM STDIN") as copy:
            for row in runs:
                copy.write_row(row)
        for table in ("runners", "day_logs"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        cur.execute("ANALYZE")


def main() -> None:
    three_years_sqlite()
    many_runners_postgres()


if __name__ == "__main__":
    main()
