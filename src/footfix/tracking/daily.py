"""Day-by-day points for charts: pain, walking and running per logged day, flares on their day.

Weekly means hide the one bad day that matters, so the charts draw every logged day and mark
each flare on the day it was detected, as the tracker would have seen it then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from footfix.tracking.flare import FlareSeverity, detect_flare
from footfix.tracking.history import JudgedDay


@dataclass(frozen=True)
class DayPoint:
    day: dt.date
    first_step_pain_nrs: float | None
    activity_pain_nrs: float | None
    walk_stand_tolerance_min: float | None
    run_km: float
    flare: FlareSeverity | None  # a flare whose day this is (the worst one seen on it)


def daily_points(
    days: Sequence[JudgedDay],
    evidence_from_on: Callable[[dt.date], dt.date],
    bone_stress: bool,
) -> list[DayPoint]:
    """One point per judged day; ``evidence_from_on`` gives, for a day, the first day that
    counted in the phase then in effect (so one flare is not found twice across a step back)."""
    flares: dict[dt.date, FlareSeverity] = {}
    for judged in days:
        flare = detect_flare(days, judged.day, evidence_from_on(judged.day), bone_stress)
        if flare is not None and flares.get(flare.day) != "major":
            flares[flare.day] = flare.severity
    return [
        DayPoint(
            d.day,
            d.log.first_step_pain_nrs,
            d.log.activity_pain_nrs,
            d.log.walk_stand_tolerance_min,
            round(d.log.run_km, 3),
            flares.get(d.day),
        )
        for d in days
    ]
