"""Weekly trends of pain against load, and the retest series, for charts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from footfix.tracking.log_entry import DayLog
from footfix.tracking.running_history import HistoryRun


@dataclass(frozen=True)
class WeekTrend:
    week_start: dt.date
    days_logged: int
    first_step_pain_mean: float | None
    activity_pain_max: float | None
    run_km: float
    walk_stand_max_min: float | None


@dataclass(frozen=True)
class RetestPoint:
    day: dt.date
    test: str
    side: str | None
    value: float
    source: str = "log"  # or "assessment": measured in the saved assessment


def weekly_trends(
    logs: Sequence[DayLog],
    as_of: dt.date,
    weeks: int = 12,
    runs: Sequence[HistoryRun] | None = None,
) -> list[WeekTrend]:
    """Week by week; ``runs`` (the one running history, watch runs included) gives the distance
    when known, else the logged runs do."""
    this_monday = as_of - dt.timedelta(days=as_of.weekday())
    starts = [this_monday - dt.timedelta(weeks=w) for w in range(weeks - 1, -1, -1)]
    buckets: dict[dt.date, list[DayLog]] = {s: [] for s in starts}
    for log in logs:
        monday = log.day - dt.timedelta(days=log.day.weekday())
        if monday in buckets and log.day <= as_of:
            buckets[monday].append(log)
    km: dict[dt.date, float] | None = None
    if runs is not None:
        km = dict.fromkeys(starts, 0.0)
        for run in runs:
            monday = run.day - dt.timedelta(days=run.day.weekday())
            if monday in km and run.day <= as_of:
                km[monday] += run.distance_km
    return [_summarise(s, buckets[s], None if km is None else km[s]) for s in starts]


def _summarise(start: dt.date, logs: list[DayLog], run_km: float | None = None) -> WeekTrend:
    first = [log.first_step_pain_nrs for log in logs if log.first_step_pain_nrs is not None]
    activity = [log.activity_pain_nrs for log in logs if log.activity_pain_nrs is not None]
    walk = [
        log.walk_stand_tolerance_min for log in logs if log.walk_stand_tolerance_min is not None
    ]
    return WeekTrend(
        start,
        len(logs),
        round(fmean(first), 2) if first else None,
        max(activity) if activity else None,
        round(sum(log.run_km for log in logs) if run_km is None else run_km, 3),
        max(walk) if walk else None,
    )


def retest_series(logs: Sequence[DayLog]) -> list[RetestPoint]:
    return [
        RetestPoint(log.day, r.test, r.side, r.value)
        for log in sorted(logs, key=lambda item: item.day)
        for r in log.retests
    ]
