from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from footfix.services import tracking
from footfix.services.errors import InvalidLogEntry
from footfix.services.identity import RunnerName, local_actor
from footfix.services.log_input import parse_log
from footfix.store import logs_repo, runners_repo, users_repo
from footfix.store.engine import make_engine, transaction
from footfix.store.errors import LogExists, RunnerExists, RunnerNotFound
from footfix.store.migrate import head_revision, upgrade
from footfix.store.schema import day_logs, run_entries
from footfix.store.settings import Settings
from footfix.store.store import Store

DAY = dt.date(2026, 1, 5)


def _count(settings: Settings, table) -> int:
    engine = make_engine(settings)
    try:
        with transaction(engine) as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    finally:
        engine.dispose()


def test_migrations_create_and_are_idempotent(settings: Settings) -> None:
    engine = make_engine(settings)
    try:
        assert upgrade(engine) == (None, head_revision())
        assert upgrade(engine) == (head_revision(), head_revision())
    finally:
        engine.dispose()


def test_runner_names_are_unique_and_missing_runner_is_clear(
    store: Store, settings: Settings
) -> None:
    tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    with pytest.raises(RunnerExists):
        tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    with pytest.raises(RunnerNotFound, match="no runner called 'bob'") as caught:
        tracking.log_day(store, local_actor(store), RunnerName("bob"), parse_log({"day": DAY}))
    assert "ann" not in str(caught.value)  # a not-found never names other runners


def test_correction_keeps_history_and_never_overwrites(store: Store, settings: Settings) -> None:
    tracking.add_runner(store, local_actor(store), "ann", units="mi", start=DAY)
    first = {"day": DAY, "first_step_pain_nrs": 3, "runs": [{"distance": 2, "shoes": "stiff"}]}
    tracking.log_day(store, local_actor(store), RunnerName("ann"), parse_log(first))
    with pytest.raises(LogExists):
        tracking.log_day(
            store,
            local_actor(store),
            RunnerName("ann"),
            parse_log({"day": DAY, "first_step_pain_nrs": 1}),
        )
    outcome = tracking.log_day(
        store,
        local_actor(store),
        RunnerName("ann"),
        parse_log({"day": DAY, "first_step_pain_nrs": 1}),
        correct=True,
        correction_reason="typo",
    )
    assert outcome.revision == 2
    engine = make_engine(settings)
    try:
        with transaction(engine) as conn:
            runner = runners_repo.get_runner(conn, users_repo.find_local_user(conn).id, "ann")
            revisions = logs_repo.all_revisions(conn, runner.id)
            current = logs_repo.current_logs(conn, runner.id)
    finally:
        engine.dispose()
    assert [(r.revision, r.is_current) for r in revisions] == [(1, False), (2, True)]
    assert revisions[0].log.first_step_pain_nrs == 3
    assert current[0].first_step_pain_nrs == 1
    assert current[0].runs[0].distance_km == pytest.approx(2 * 1.609344)  # kept from revision 1
    assert revisions[1].recorded_at.tzinfo is not None
    assert revisions[1].correction_reason == "typo"


def test_invalid_entry_names_field_and_leaves_nothing(store: Store, settings: Settings) -> None:
    tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    bad = {"day": DAY, "pain_during_nrs": 14, "runs": [{"distance": 3, "surface": "mud"}]}
    with pytest.raises(InvalidLogEntry) as caught:
        tracking.log_day(store, local_actor(store), RunnerName("ann"), parse_log(bad))
    details = " ".join(caught.value.details)
    assert "pain during (0-10): 14 was entered" in details and "up to 10" in details
    assert "surface: 'mud' was entered" in details and "'road'" in details
    assert _count(settings, day_logs) == 0 and _count(settings, run_entries) == 0


def test_two_processes_logging_at_once_both_succeed(
    store: Store, settings: Settings, tmp_path
) -> None:
    tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    script = (
        "import sys, datetime as dt\n"
        "from footfix.services import tracking\n"
        "from footfix.services.log_input import parse_log\n"
        "from footfix.services.identity import RunnerName, local_actor\n"
        "from footfix.store.settings import Settings\n"
        "from footfix.store.store import Store\n"
        "s = Store(Settings(database_url=sys.argv[1]))\n"
        "for i in range(int(sys.argv[2]), int(sys.argv[2]) + 8):\n"
        "    d = dt.date(2026, 1, 5) + dt.timedelta(days=i)\n"
        "    tracking.log_day(s, local_actor(s), RunnerName('ann'), parse_log("
        "{'day': d, 'first_step_pain_nrs': 2, "
        "'runs': [{'distance': 3}], "
        "'exercises': [{'exercise': 'bridges', 'sets': 3, 'reps': 10}]}))\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, settings.database_url, str(start)])
        for start in (0, 8)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert _count(settings, day_logs) == 16 and _count(settings, run_entries) == 16


def test_export_import_round_trip_is_lossless(store: Store, settings: Settings) -> None:
    tracking.add_runner(
        store,
        local_actor(store),
        "ann",
        units="mi",
        painful_side="left",
        severity="mild",
        start=DAY,
    )
    for i in range(5):
        tracking.log_day(
            store,
            local_actor(store),
            RunnerName("ann"),
            parse_log(
                {
                    "day": DAY + dt.timedelta(days=i),
                    "first_step_pain_nrs": 2.5,
                    "pain_during_nrs": 1,
                    "walk_stand_tolerance_min": 40,
                    "runs": [{"distance": 1.3, "continuous": False, "run_min": 2, "walk_min": 3}],
                    "retests": [{"test": "heel_raise_reps", "value": 18 + i, "side": "left"}],
                    "notes": "ça va",
                }
            ),
        )
    tracking.log_day(
        store,
        local_actor(store),
        RunnerName("ann"),
        parse_log({"day": DAY, "notes": "fixed"}),
        correct=True,
    )
    exported = tracking.export_runner(store, local_actor(store), RunnerName("ann"))
    tracking.import_runner(store, local_actor(store), exported, rename="ann-copy")
    again = tracking.export_runner(store, local_actor(store), RunnerName("ann-copy"))
    again["runner"]["name"] = "ann"
    # a copy in the same database is another runner: it gets a uid of its own
    assert again["runner"].pop("uid") != exported["runner"].pop("uid")
    for doc in (exported, again):
        doc.pop("exported_at")
    assert again == exported
    assert exported["schema_version"] == 5


def test_a_day_in_the_future_is_rejected(store: Store, settings: Settings) -> None:
    tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    later = dt.date.today() + dt.timedelta(days=5)
    with pytest.raises(InvalidLogEntry) as caught:
        tracking.log_day(
            store,
            local_actor(store),
            RunnerName("ann"),
            parse_log({"day": later, "first_step_pain_nrs": 1}),
        )
    assert "has not happened yet" in caught.value.details[0]
    assert _count(settings, day_logs) == 0
