"""Hand-logged runs (the day log's run entries) beside the watch's activities, for the
dashboard's weekly load.

The rule is the one running history's (:mod:`footfix.tracking.running_history`): on the same
day (the runner's clock), a watch run whose distance is within 15 % (or 0.5 km) of a hand-logged
run is that run, counted once, from the watch (it measured the distance, time and climb); every
other hand-logged run counts with its distance and, when given, its duration, and every other
watch run counts as the watch recorded it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from footfix.ingest.activity import Activity
from footfix.tracking.log_entry import DayLog
from footfix.tracking.running_history import WatchRun, log_only

SOURCE = "day log"


def _watch(activities: Sequence[Activity], zone: ZoneInfo) -> list[WatchRun]:
    return [
        WatchRun(a.start_utc.astimezone(zone).date(), a.distance_m / 1000, a.source)
        for a in activities
        if a.is_running and a.distance_m > 0
    ]


def logged_runs(
    activities: Sequence[Activity], logs: Sequence[DayLog], timezone: str
) -> list[Activity]:
    """Each hand-logged run no watch activity records, as a running activity (at noon on the
    runner's clock, so it falls in the week of the day it was logged for)."""
    zone = ZoneInfo(timezone)
    runs_of = {log.day: log.runs for log in logs}
    out: list[Activity] = []
    for day, i in log_only(logs, _watch(activities, zone)):
        run = runs_of[day][i]
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=zone).astimezone(dt.UTC)
        seconds = (run.duration_min or 0.0) * 60
        out.append(
            Activity(
                source=f"{SOURCE} {day.isoformat()} #{i + 1}",
                file_format="log",
                sport="running",
                sub_sport=None,
                start_utc=noon + dt.timedelta(minutes=i),
                elapsed_s=seconds,
                moving_s=seconds,
                distance_m=run.distance_km * 1000,
                has_gps=True,  # a typed run is not taken for a treadmill run
            )
        )
    return out
