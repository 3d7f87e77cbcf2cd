"""What the runner's charts show, as typed data: the CLI's ``--plot``, the web and the reports
draw the same figures from it (``footfix.reports.charts`` draws them).

Dates are fitted to the data (the first logged day to the report's day, never an empty
quarter), every logged day is a point, flares sit on their day, phases are bands with their
titles, and a week that jumps by 30 % or more is marked with its rise.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from footfix.domain.result import PhaseId
from footfix.domain.units import from_km
from footfix.services.plain_words import phase_title, retest_title
from footfix.services.weekly_load import LoadView

if TYPE_CHECKING:
    from footfix.services.identity import Actor, RunnerRef
    from footfix.store.store import Store
from footfix.tracking.pain_model import SAFE_MAX_NRS
from footfix.tracking.report import ProgressReport

# A week-over-week rise at or above this is marked: the 30–100 % and >100 % long-run bands
# of ingest.load_metrics are where injury rates climbed.
WEEK_SPIKE_PCT = 30
PAD_DAYS = 1
LOAD_WEEKS_CHARTED = 16  # the table's weeks: years of history would squeeze every bar


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class ChartDay(_Model):
    day: dt.date
    first_step_pain: float | None
    activity_pain: float | None
    run: float  # in the runner's units
    flare: Literal["minor", "major"] | None


class PhaseBand(_Model):
    start: dt.date
    end: dt.date  # the first day no longer in it
    title: str


class PainBand(_Model):
    """The line pain may reach with loading in the current phase, and what it allows."""

    level: float
    label: str


class RetestSeries(_Model):
    title: str
    points: list[tuple[dt.date, float]]


class ProgressChart(_Model):
    title: str
    units: str
    first: dt.date  # the x axis, already padded
    last: dt.date
    days: list[ChartDay]
    phases: list[PhaseBand]
    retests: list[RetestSeries]
    pain_band: PainBand | None  # None: no pain with loading is acceptable in this phase


class LoadBar(_Model):
    week_start: dt.date
    distance: float
    longest: float
    change_pct: int | None
    spike: bool


class LongRunMark(_Model):
    day: dt.date
    distance: float
    increase_pct: int


class LoadChart(_Model):
    title: str
    units: str
    first: dt.date
    last: dt.date
    weeks: list[LoadBar]
    long_run_spikes: list[LongRunMark]


# What pain up to 3/10 allows in each phase that allows some (pain_model: settled by the next
# morning). Seeing a clinician first and protecting the foot allow none; nor does bone stress.
_BAND_WORDS: dict[PhaseId, str] = {
    "rehab_no_running": "fine for walking and the exercises",
    "return_to_run_flat": "fine to carry on running",
    "progress_load_hills": "fine to carry on running",
    "full_training": "fine to carry on running",
}


def pain_band(phase: PhaseId, bone_stress: bool) -> PainBand | None:
    """The acceptable-pain line for ``phase``, or None when loading should stay pain-free
    (any pain from loading a bone stress injury means stepping back)."""
    words = None if bone_stress else _BAND_WORDS.get(phase)
    if words is None:
        return None
    return PainBand(level=SAFE_MAX_NRS, label=f"{SAFE_MAX_NRS:g}/10: {words}")


def progress_chart(report: ProgressReport, units: str, *, bone_stress: bool) -> ProgressChart:
    """``bone_stress``: the runner's profile says so, and no pain with loading is acceptable."""
    logged = [d.day for d in report.days]
    start = min(logged) if logged else report.phase_since
    first = start - dt.timedelta(days=PAD_DAYS)
    last = report.as_of + dt.timedelta(days=PAD_DAYS)
    changes = list(report.history)
    bands = []
    for index, change in enumerate(changes):
        end = changes[index + 1].effective_date if index + 1 < len(changes) else last
        lo, hi = max(change.effective_date, first), min(end, last)
        if lo < hi:
            bands.append(PhaseBand(start=lo, end=hi, title=phase_title(change.to_phase)))
    series: dict[str, list[tuple[dt.date, float]]] = {}
    for point in report.retests:
        if first <= point.day <= last:
            series.setdefault(retest_title(point.test, point.side), []).append(
                (point.day, point.value)
            )
    return ProgressChart(
        title="Pain and running, day by day",
        units=units,
        first=first,
        last=last,
        days=[
            ChartDay(
                day=d.day,
                first_step_pain=d.first_step_pain_nrs,
                activity_pain=d.activity_pain_nrs,
                run=round(from_km(d.run_km, units), 2),
                flare=d.flare,
            )
            for d in report.days
        ],
        phases=bands,
        retests=[RetestSeries(title=t, points=p) for t, p in sorted(series.items())],
        pain_band=pain_band(report.phase, bone_stress),
    )


def load_chart(view: LoadView) -> LoadChart:
    """The last 16 weeks up to the latest week with running (a long gap shows as empty)."""
    ran = [i for i, w in enumerate(view.weeks) if w.distance > 0]
    end = ran[-1] + 1 if ran else len(view.weeks)
    weeks = view.weeks[max(0, end - LOAD_WEEKS_CHARTED) : end]
    shown = {w.week_start for w in weeks}
    if weeks:
        first = weeks[0].week_start - dt.timedelta(days=4)
        last = weeks[-1].week_start + dt.timedelta(days=10)
    else:
        first = last = dt.date.today()
    return LoadChart(
        title="Running per week",
        units=view.units,
        first=first,
        last=last,
        weeks=[
            LoadBar(
                week_start=w.week_start,
                distance=w.distance,
                longest=w.longest,
                change_pct=w.change_pct,
                spike=w.change_pct is not None and w.change_pct >= WEEK_SPIKE_PCT,
            )
            for w in weeks
        ],
        long_run_spikes=[
            LongRunMark(day=s.day, distance=s.distance, increase_pct=s.increase_pct)
            for s in view.long_run_spikes
            if s.day - dt.timedelta(days=s.day.weekday()) in shown
        ],
    )


def stored_load_chart(store: Store, actor: Actor, runner_ref: RunnerRef) -> LoadChart | None:
    """The weekly-load chart (``footfix load --plot``'s chart) of the runner's watch runs and
    hand-logged runs, or None when no run is known yet."""
    from footfix.services.weekly_load import dashboard_view

    view = dashboard_view(store, actor, runner_ref)
    return load_chart(view) if view else None
