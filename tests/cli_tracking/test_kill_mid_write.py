"""SIGKILL ``footfix log`` and ``footfix import-data`` at random moments: nothing is partial."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from footfix.ingest import import_paths
from footfix.services import tracking, watch_import
from footfix.services.identity import RunnerName, local_actor
from footfix.services.log_input import parse_log
from footfix.store.schema import (
    activities,
    day_logs,
    exercise_entries,
    phase_changes,
    retest_entries,
    run_entries,
    runners,
)
from footfix.store.settings import Settings
from footfix.store.store import Store
from footfix.store.transfer import dumps
from tests.paths import WATCH

ITERATIONS = 15
START = dt.date(2026, 1, 5)
FOOTFIX = [sys.executable, "-m", "footfix"]


def _source_export(tmp_path: Path, store: Store) -> Path:
    tracking.add_runner(store, local_actor(store), "kim", start=START)
    for i in range(12):
        entry = {"day": START + dt.timedelta(days=i), "first_step_pain_nrs": 2}
        tracking.log_day(
            store,
            local_actor(store),
            RunnerName("kim"),
            parse_log({**entry, "runs": [{"distance": 3}]}),
        )
    # the copies carry watch activities too (export schema_version 2)
    files = [WATCH / "fit" / "activity-large-fenxi2-multisport.fit"]
    watch_import.store_report(
        store, local_actor(store), RunnerName("kim"), import_paths(files, workers=1), files
    )
    path = tmp_path / "kim.json"
    path.write_text(dumps(tracking.export_runner(store, local_actor(store), RunnerName("kim"))))
    return path


def _children_per_log(conn, table) -> set[int]:
    counts = (
        select(func.count(table.c.id))
        .select_from(day_logs.outerjoin(table, table.c.day_log_id == day_logs.c.id))
        .join(runners, runners.c.id == day_logs.c.runner_id)
        .where(runners.c.name == "kim", day_logs.c.log_day >= START + dt.timedelta(days=100))
        .group_by(day_logs.c.id)
    )
    return set(conn.execute(counts).scalars())


def test_killing_writers_leaves_no_partial_records(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    source = _source_export(tmp_path, store)
    env = {**os.environ, "FOOTFIX_DATABASE_URL": settings.database_url}
    rng = random.Random(20260105)
    outcomes = []
    for i in range(ITERATIONS):
        if i % 2 == 0:
            day = (START + dt.timedelta(days=100 + i)).isoformat()
            args = ["log", "-r", "kim", "--date", day, "--first-step", "2", "--run", "3",
                    "--exercise", "bridges:3x10", "--exercise", "hundred_up:2x20",
                    "--retest", "heel_raise_reps=20:left"]  # fmt: skip
        else:
            args = ["import-data", str(source), "--as", f"copy{i}"]
        proc = subprocess.Popen(
            [*FOOTFIX, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.3, 1.6))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        outcomes.append(proc.wait(timeout=30))
    assert -signal.SIGKILL in outcomes, "no writer was killed: the delays are too long"

    engine = create_engine(settings.database_url)
    try:
        with engine.connect() as conn:
            if settings.is_sqlite:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
                assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            # Every day logged after the kills is whole: one run, two exercises, one retest.
            assert _children_per_log(conn, run_entries) <= {1}
            assert _children_per_log(conn, exercise_entries) <= {2}
            assert _children_per_log(conn, retest_entries) <= {1}
            # Every imported copy is complete or absent.
            before_kills = START + dt.timedelta(days=100)
            source_days = conn.execute(
                select(func.count())
                .select_from(day_logs.join(runners))
                .where(runners.c.name == "kim", day_logs.c.log_day < before_kills)
            ).scalar_one()
            copies = conn.execute(
                select(runners.c.id, runners.c.name).where(runners.c.name.like("copy%"))
            ).all()
            source_activities = conn.execute(
                select(func.count())
                .select_from(activities.join(runners))
                .where(runners.c.name == "kim")
            ).scalar_one()
            assert source_activities == 7
            for runner_id, _name in copies:
                logged = conn.execute(
                    select(func.count()).where(day_logs.c.runner_id == runner_id)
                ).scalar_one()
                changes = conn.execute(
                    select(func.count()).where(phase_changes.c.runner_id == runner_id)
                ).scalar_one()
                runs = conn.execute(
                    select(func.count())
                    .select_from(run_entries.join(day_logs))
                    .where(day_logs.c.runner_id == runner_id)
                ).scalar_one()
                stored = conn.execute(
                    select(func.count()).where(activities.c.runner_id == runner_id)
                ).scalar_one()
                assert (logged, runs) == (source_days, source_days) and changes >= 1
                assert stored == source_activities
    finally:
        engine.dispose()
    # And the database still takes writes afterwards.
    tracking.log_day(
        store,
        local_actor(store),
        RunnerName("kim"),
        parse_log({"day": START + dt.timedelta(days=200), "first_step_pain_nrs": 1}),
    )
