"""Use case: ``footfix load`` — the weekly running picture from watch files or the store.

:class:`LoadView` is the shape ``footfix load --json`` prints and the API will serve. Figures
are rounded to what the table shows (0.1 of the runner's unit, whole percents), so the table
and the JSON carry the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from footfix.errors import InvalidInput, Unprocessable
from footfix.services.progress import CancelCheck, ProgressCallback, check_cancelled, report
from footfix.services.settings import load_worker_settings

if TYPE_CHECKING:
    from footfix.ingest.activity import Activity
    from footfix.ingest.dynamics import RunDynamics
    from footfix.ingest.importer import ImportReport
    from footfix.services.identity import Actor, RunnerRef
    from footfix.store.store import Store

Units = Literal["km", "mi"]
WEEKS_SHOWN = 16  # the table's rows; the JSON and the chart keep every week
SPIKES_SHOWN = 5
DYNAMICS_SHOWN = 12
_M_PER_UNIT = {"km": 1000.0, "mi": 1609.344}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class LoadWeek(_Model):
    week_start: dt.date  # Monday
    runs: int
    distance: float
    moving_h: float
    longest: float
    change_pct: int | None  # against the week before
    hard_pct: int | None  # None when the samples are not at hand (stored activities)
    ascent_m_per_km: int


class LongRunSpike(_Model):
    day: dt.date
    distance: float
    increase_pct: int  # over the longest run of the previous 30 days
    band: str


class RunDynamicsRow(_Model):
    day: dt.date
    distance: float
    cadence_spm: int | None
    stance_time_ms: int | None
    balance_left_pct: float | None
    balance_side: str | None  # the side with the longer contact, when marked
    vertical_ratio_pct: float | None
    step_length_mm: int | None
    running_pct: int  # share of the samples spent running
    hilly: bool
    treadmill: bool
    gaps: int


class OtherSport(_Model):
    sport: str
    sessions: int
    distance: float
    hours: float


class LoadView(_Model):
    format: Literal[1] = 1
    runner: str | None  # None when read from files
    units: Units
    activities: int
    hard_known: bool
    weeks: list[LoadWeek]
    long_run_spikes: list[LongRunSpike]
    dynamics: list[RunDynamicsRow]
    other_sports: list[OtherSport]


def check_units(units: str | None) -> Units | None:
    if units not in (None, "km", "mi"):
        raise InvalidInput(f"--units must be km or mi, not '{units}'")
    return units  # type: ignore[return-value]  # checked just above


def read_watch_files(
    paths: list[Path],
    *,
    on_progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportReport:
    """Read watch files, folders and exports (a file that cannot be read is listed, not fatal).

    ``cancelled`` is asked after every file read: once it says stop, :class:`Cancelled` is
    raised from inside the reader, which ends its worker pool; nothing has been stored yet.
    """
    from footfix.ingest import import_paths

    def step(done: int, total: int) -> None:
        check_cancelled(cancelled)
        report(on_progress, "Reading", done, total)

    found = import_paths(paths, workers=load_worker_settings().import_workers, on_progress=step)
    check_cancelled(cancelled)
    return found


def view_from_report(found: ImportReport, units: str | None = None) -> LoadView:
    """The view of what ``read_watch_files`` found; raises when it holds no run."""
    from footfix.ingest.dynamics import run_dynamics

    if not found.running:
        raise Unprocessable("no running activities among the files")
    dynamics = [run_dynamics(run) for run in found.running]
    return build_view(
        found.activities, dynamics, check_units(units) or "km", hard_known=True, runner=None
    )


def stored_view(
    store: Store, actor: Actor, runner_ref: RunnerRef, units: str | None = None
) -> LoadView:
    """The view of a runner's stored activities (hard % is unknown: samples are not stored)."""
    from footfix.services.watch_import import stored_load

    chosen = check_units(units)
    stored = stored_load(store, actor, runner_ref)
    name = stored.runner.name
    if not stored.running:
        raise Unprocessable(
            f"no running activities stored for {name}; "
            f"add some with: footfix import PATH... --runner {name}"
        )
    runner_units: Units = "mi" if stored.runner.units == "mi" else "km"
    return build_view(
        stored.activities, stored.dynamics, chosen or runner_units, hard_known=False, runner=name
    )


def dashboard_view(store: Store, actor: Actor, runner_ref: RunnerRef) -> LoadView | None:
    """The runner's weekly load from the watch's runs and the runs logged by hand (see
    :mod:`footfix.services.logged_runs` for the one-source-per-day rule), in the runner's
    units; None before any run is known."""
    from footfix.services.identity import find_runner
    from footfix.services.logged_runs import logged_runs
    from footfix.services.watch_import import stored_load
    from footfix.store import logs_repo

    stored = stored_load(store, actor, runner_ref)
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        logs = logs_repo.current_logs(conn, runner.id, parts=frozenset({"runs"}))
    typed = logged_runs(stored.activities, logs, runner.timezone)
    if not typed and not stored.running:
        return None
    units: Units = "mi" if runner.units == "mi" else "km"
    activities = sorted((*stored.activities, *typed), key=lambda a: a.start_utc)
    return build_view(activities, stored.dynamics, units, hard_known=False, runner=runner.name)


def build_view(
    activities: Sequence[Activity],
    dynamics: Sequence[RunDynamics],
    units: Units,
    *,
    hard_known: bool,
    runner: str | None,
) -> LoadView:
    from footfix.ingest.load_metrics import (
        long_run_spikes,
        other_sports,
        week_over_week_pct,
        weekly_load,
    )

    scale = _M_PER_UNIT[units]
    runs = [a for a in activities if a.is_running]
    weeks = weekly_load(runs, max(r.end_utc for r in runs))
    changes = week_over_week_pct(weeks)
    distances = {(r.source, r.start_utc): r.distance_m for r in runs}
    with_cadence = sorted((d for d in dynamics if d.cadence_spm is not None), key=_start)
    return LoadView(
        runner=runner,
        units=units,
        activities=len(activities),
        hard_known=hard_known,
        weeks=[
            LoadWeek(
                week_start=week.monday,
                runs=week.runs,
                distance=round(week.distance_m / scale, 1),
                moving_h=round(week.moving_s / 3600, 1),
                longest=round(week.longest_m / scale, 1),
                change_pct=None if change is None else round(change),
                hard_pct=round(week.hard_pct) if hard_known else None,
                ascent_m_per_km=round(week.ascent_m_per_km),
            )
            for week, change in zip(weeks, changes, strict=True)
        ],
        long_run_spikes=[
            LongRunSpike(
                day=spike.start_utc.date(),
                distance=round(spike.distance_m / scale, 1),
                increase_pct=round(spike.increase_pct),
                band=spike.band,
            )
            for spike in long_run_spikes(runs)[-SPIKES_SHOWN:]
        ],
        dynamics=[
            RunDynamicsRow(
                day=d.start_utc.date(),
                distance=round(distances.get((d.source, d.start_utc), 0.0) / scale, 1),
                cadence_spm=_whole(d.cadence_spm),
                stance_time_ms=_whole(d.stance_time_ms),
                balance_left_pct=None
                if d.balance_left_pct is None
                else round(d.balance_left_pct, 1),
                balance_side=d.balance_side,
                vertical_ratio_pct=_tenth(d.vertical_ratio_pct),
                step_length_mm=_whole(d.step_length_mm),
                running_pct=round(100 * d.running_share),
                hilly=not d.flat,
                treadmill=d.treadmill,
                gaps=d.gaps,
            )
            for d in with_cadence[-DYNAMICS_SHOWN:]
        ],
        other_sports=[
            OtherSport(
                sport=sport,
                sessions=n,
                distance=round(dist / scale, 1),
                hours=round(secs / 3600, 1),
            )
            for sport, (n, dist, secs) in other_sports(list(activities)).items()
        ],
    )


def _start(d: RunDynamics) -> dt.datetime:
    return d.start_utc


def _whole(value: float | None) -> int | None:
    return None if value is None else round(value)


def _tenth(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
