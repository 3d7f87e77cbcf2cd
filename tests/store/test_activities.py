"""Watch activities stored per runner (service level), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from footfix.ingest import import_paths
from footfix.services import tracking, watch_import
from footfix.services.identity import RunnerName, local_actor
from footfix.store import activities_repo, runners_repo, users_repo
from footfix.store.engine import make_engine, transaction
from footfix.store.errors import RunnerNotFound
from footfix.store.schema import activities
from footfix.store.settings import Settings
from footfix.store.store import Store
from tests.paths import WATCH

RUNS = [
    WATCH / "fit" / "garmin-fenix-5-run.fit",  # running dynamics (stance, balance, ratio)
    WATCH / "fit" / "activity-small-fenix2-run.fit",
    WATCH / "fit" / "sample_mulitple_header.fit",  # triathlon: five activities in one file
    WATCH / "tcx" / "sweatpy_3173437224_polar_m400_run.tcx",
]
DAY = dt.date(2026, 1, 5)


def _rows(settings: Settings) -> list[activities_repo.StoredActivity]:
    engine = make_engine(settings)
    try:
        with transaction(engine) as conn:
            runner = runners_repo.get_runner(conn, users_repo.find_local_user(conn).id, "ann")
            return activities_repo.list_activities(conn, runner.id)
    finally:
        engine.dispose()


def _import(store: Store, *paths: Path) -> watch_import.ImportOutcome:
    report = import_paths(list(paths), workers=1)
    return watch_import.store_report(
        store, local_actor(store), RunnerName("ann"), report, list(paths)
    )


def test_real_files_are_stored_once_and_reimporting_is_a_no_op(
    store: Store, settings: Settings
) -> None:
    tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    first = _import(store, *RUNS)
    assert (first.imported, first.duplicate_count, first.skipped) == (8, 0, ())
    assert first.files_stored == 4
    rows = _rows(settings)
    assert len(rows) == 8
    fenix = next(r.record for r in rows if r.record.source.endswith("garmin-fenix-5-run.fit"))
    assert fenix.start_utc == dt.datetime(2017, 6, 11, 14, 34, 9, tzinfo=dt.UTC)
    assert fenix.sport == "running" and fenix.file_format == "fit"
    assert fenix.distance_m == pytest.approx(158, abs=1) and fenix.elapsed_s > 0
    assert fenix.cadence_spm == pytest.approx(180, abs=2)
    assert fenix.stance_time_ms and fenix.stance_balance_left_pct and fenix.vertical_ratio_pct
    assert fenix.file_sha256 and len(fenix.file_sha256) == 64
    assert fenix.dedup_key == "running@2017-06-11T14:34:09Z"
    swim = next(r.record for r in rows if r.record.sport == "swimming")
    assert swim.cadence_spm is None  # dynamics are kept for running only

    again = _import(store, *RUNS)
    assert (again.imported, again.replaced, again.files_stored) == (0, 0, 0)
    assert again.duplicate_count == 8
    assert all(d.already_stored and d.kept == d.dropped for d in again.duplicates)
    assert _rows(settings) == rows  # nothing rewritten, not even the import time


def test_a_copy_from_another_source_counts_once_and_the_richer_copy_wins(
    store: Store,
    settings: Settings,
) -> None:
    tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    gpx = WATCH / "gpx" / "sweatpy_4801048867_strava.gpx"
    fit = WATCH / "fit" / "sweatpy_4801048867.fit"
    assert _import(store, gpx).imported == 1
    upgraded = _import(store, fit)
    assert (upgraded.imported, upgraded.replaced) == (0, 1)
    assert upgraded.duplicates[0].kept == str(fit) and upgraded.duplicates[0].already_stored
    [row] = _rows(settings)
    assert row.record.file_format == "fit" and row.record.source == str(fit)
    for copy in (gpx, WATCH / "tcx" / "sweatpy_activity_4801048867.tcx"):
        outcome = _import(store, copy)
        assert (outcome.imported, outcome.replaced, outcome.duplicate_count) == (0, 0, 1)
    assert [r.record.source for r in _rows(settings)] == [str(fit)]


def test_a_corrupt_file_among_good_ones_is_reported_and_the_good_ones_stored(
    store: Store,
    settings: Settings,
) -> None:
    tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    bad = WATCH / "fit" / "invalid" / "activity-filecrc.fit"
    outcome = _import(store, RUNS[0], bad, RUNS[1])
    assert outcome.imported == 2
    assert [(s.source, s.kind) for s in outcome.skipped] == [(str(bad), "CorruptFile")]
    assert "checksum" in outcome.skipped[0].reason
    assert len(_rows(settings)) == 2


def test_a_file_the_database_refuses_is_stored_not_at_all_and_the_others_are(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction per file: the triathlon's legs before the refused one are undone."""
    import dataclasses

    tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    real = watch_import.to_record

    def break_the_bike(activity, sha256=None):
        record = real(activity, sha256)
        if activity.sport == "cycling":  # the third of five legs; the CHECK refuses it
            record = dataclasses.replace(record, distance_m=-1.0)
        return record

    monkeypatch.setattr(watch_import, "to_record", break_the_bike)
    # the plausibility check would refuse the leg itself: let it through to reach the CHECK
    monkeypatch.setattr(watch_import.plausibility, "activity_problems", lambda *_: [])
    outcome = _import(store, *RUNS)
    triathlon = str(RUNS[2])
    assert [s.source for s in outcome.skipped] == [triathlon]
    assert outcome.skipped[0].reason.startswith("not stored: the database refused")
    assert outcome.imported == 3 and outcome.files_stored == 3
    sources = {r.record.source for r in _rows(settings)}
    assert triathlon not in sources and len(sources) == 3


def test_activities_that_cannot_be_dated_or_timed_are_not_stored(
    store: Store, settings: Settings
) -> None:
    import dataclasses

    tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    outcome = _import(store, WATCH / "gpx" / "gpxpy_Mojstrovka.gpx")  # dated 1901
    assert outcome.imported == 0
    [skip] = outcome.skipped
    assert skip.kind == watch_import.NOT_STORED and "clock was not set" in skip.reason
    [run] = import_paths([RUNS[0]], workers=1).activities
    timeless = dataclasses.replace(run, elapsed_s=0.0)
    outcome = watch_import.store_activities(
        store, local_actor(store), RunnerName("ann"), [timeless]
    )
    assert outcome.imported == 0 and "no recorded duration" in outcome.skipped[0].reason
    assert _rows(settings) == []


def test_the_runner_must_exist(store: Store, settings: Settings) -> None:
    with pytest.raises(RunnerNotFound, match="no runner called 'ghost'"):
        watch_import.check_runner(store, local_actor(store), RunnerName("ghost"))
    with pytest.raises(RunnerNotFound):
        _import(store, RUNS[0])


def test_stored_load_gives_back_what_load_metrics_need(store: Store, settings: Settings) -> None:
    from footfix.ingest.dynamics import run_dynamics

    tracking.add_runner(store, local_actor(store), "ann", units="mi", start=DAY)
    _import(store, *RUNS)
    stored = watch_import.stored_load(store, local_actor(store), RunnerName("ann"))
    assert stored.runner.units == "mi"
    fresh = import_paths(RUNS, workers=1)
    key = lambda a: (a.source, a.start_utc)  # noqa: E731
    assert sorted(map(key, stored.activities)) == sorted(map(key, fresh.activities))
    by_start = {d.start_utc: d for d in stored.dynamics}
    for run in fresh.running:
        assert by_start[run.start_utc] == run_dynamics(run)


def test_deleting_a_runner_takes_its_activities_along(store: Store, settings: Settings) -> None:
    from sqlalchemy import delete

    from footfix.store.schema import runners

    tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    _import(store, RUNS[0])
    engine = make_engine(settings)
    try:
        with transaction(engine) as conn:
            conn.execute(delete(runners).where(runners.c.name == "ann"))
            assert conn.execute(select(func.count()).select_from(activities)).scalar_one() == 0
    finally:
        engine.dispose()


def test_a_stop_request_ends_storing_between_files_keeping_whole_files_only(
    store: Store, settings: Settings
) -> None:
    from footfix.errors import Cancelled

    tracking.add_runner(store, local_actor(store), "ann", start=DAY)
    report = import_paths(RUNS[:2], workers=1)
    asked: list[int] = []

    def stop_after_one_file() -> bool:
        asked.append(1)
        return len(asked) > 1  # the first file is stored, then the stop is seen

    with pytest.raises(Cancelled):
        watch_import.store_report(
            store, local_actor(store), RunnerName("ann"), report, cancelled=stop_after_one_file
        )
    stored = _rows(settings)
    assert len(stored) == 1  # each of the two files holds one run
    with pytest.raises(Cancelled):  # reading stops too, from inside the reader
        from footfix.services.weekly_load import read_watch_files

        read_watch_files(list(RUNS), cancelled=lambda: True)
