"""Plausible values for everything footfix stores, checked in one place before storing.

The CLI, ``import-data`` and the future API all call these functions (through the services
and the store), so a value one of them refuses is refused by all of them: an activity lasting
3e35 s, a run at 400 km/h, a log dated in year 9999 or a runner named with 100,000 characters
never reaches the store, where it would break every later report. Each function returns the
problems found, as sentences naming the field and the value; an empty list means storable.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

EARLIEST_DAY = dt.date(1990, 1, 1)  # before consumer GPS watches: a clock that was never set
NAME_MAX_CHARS = 80
TEXT_MAX_CHARS = 4000  # a note, a correction reason
LABEL_MAX_CHARS = 1000  # a source path, a device or shoe name

# field: (lowest, highest) for a stored activity; None values are allowed (unknown)
ACTIVITY_RANGES: dict[str, tuple[float, float]] = {
    "elapsed_s": (1e-3, 14 * 86_400),  # a multi-day ultra or tour, no more
    "moving_s": (0, 14 * 86_400),
    "distance_m": (0, 5_000_000),
    "ascent_m": (0, 100_000),
    "avg_heart_rate_bpm": (20, 260),
    "sample_count": (0, 10_000_000),
    "stance_samples": (0, 10_000_000),
    "cadence_spm": (0, 400),
    "stance_time_ms": (0, 3000),
    "stance_balance_left_pct": (0, 100),
    "vertical_ratio_pct": (0, 100),
    "vertical_oscillation_mm": (0, 1000),
    "step_length_mm": (0, 10_000),
    "running_speed_mps": (0, 15),  # the fastest 100 m are run at about 12 m/s
    "running_share": (0, 1),
    "recording_gaps": (0, 10_000_000),
}
MAX_AVERAGE_SPEED_MPS = 100.0  # faster than any human-powered sport (or a car): a broken file
MAX_RUN_SPEED_KMH = 30.0  # a logged run faster than this on average is a typo


def latest_day(timezone: str, now: dt.datetime | None = None) -> dt.date:
    """Tomorrow in the runner's time zone: the last day anything may be dated."""
    now = now or dt.datetime.now(dt.UTC)
    try:
        zone: dt.tzinfo = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = dt.UTC
    return now.astimezone(zone).date() + dt.timedelta(days=1)


def day_problems(what: str, day: dt.date, latest: dt.date) -> list[str]:
    if day < EARLIEST_DAY:
        return [
            f"{what} (got {day.isoformat()}): before {EARLIEST_DAY.year}, the clock was not set"
        ]
    if day > latest:
        return [f"{what} (got {day.isoformat()}): a day that has not happened yet"]
    return []


def _number_problems(name: str, value: Any, low: float, high: float) -> list[str]:
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, int | float):
        return [f"{name} (got {str(value)[:40]!r}): not a number"]
    if not math.isfinite(value) or not low <= value <= high:
        return [f"{name} (got {value:g}): outside {low:g}–{high:g}"]
    return []


def text_problems(name: str, value: Any, limit: int = LABEL_MAX_CHARS) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str):
        return [f"{name}: not text"]
    if len(value) > limit:
        return [f"{name}: {len(value)} characters, at most {limit}"]
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        return [f"{name}: holds a lone surrogate, not valid text"]
    return []


def activity_problems(fields: Mapping[str, Any], latest: dt.date) -> list[str]:
    """Problems with one activity's stored fields (a record, an export row or an API body)."""
    problems: list[str] = []
    start = fields.get("start_utc")
    if not isinstance(start, dt.datetime) or start.tzinfo is None:
        problems.append("start_utc: not a time with a time zone")
    else:
        problems += day_problems("start", start.astimezone(dt.UTC).date(), latest)
    elapsed, distance = fields.get("elapsed_s"), fields.get("distance_m")
    timed = isinstance(elapsed, int | float) and elapsed > 0  # (NaN is not > 0)
    if not timed:
        problems.append("elapsed_s: no recorded duration")
    for name, (low, high) in ACTIVITY_RANGES.items():
        if name != "elapsed_s" or timed:
            problems += _number_problems(name, fields.get(name), low, high)
    if not problems and distance and distance / elapsed > MAX_AVERAGE_SPEED_MPS:
        speed = distance / elapsed
        problems.append(f"average speed {speed:.0f} m/s: faster than any sport is recorded")
    for name in ("source", "device", "gear", "sport", "sub_sport", "dedup_key"):
        problems += text_problems(name, fields.get(name))
    notes = fields.get("notes")
    if isinstance(notes, tuple | list):
        notes = "\n".join(str(n) for n in notes)
    problems += text_problems("notes", notes, 10_000)
    return problems


def runner_problems(name: Any, timezone: Any) -> list[str]:
    """What ``runner add`` refuses: the same rules for an imported runner."""
    problems: list[str] = []
    if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX_CHARS:
        problems.append(f"a runner's name must be 1–{NAME_MAX_CHARS} characters")
    else:
        problems += text_problems("name", name)
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"unknown time zone {str(timezone)[:60]!r} (use e.g. Europe/Paris or UTC)")
    return problems


def choice_problems(what: str, values: Iterable[Any], allowed: Iterable[str]) -> list[str]:
    allowed = tuple(allowed)
    return [
        f"{what} {str(v)[:60]!r} is not one of: {', '.join(allowed)}"
        for v in values
        if v is not None and v not in allowed
    ]


def day_log_problems(log: Any, latest: dt.date) -> list[str]:
    """A day log (``tracking.log_entry.DayLog``): its day, and each run's average speed."""
    problems = day_problems("day", log.day, latest)
    for run in log.runs:
        if run.duration_min:
            kmh = run.distance_km / (run.duration_min / 60)
            if kmh > MAX_RUN_SPEED_KMH:
                problems.append(
                    f"run of {run.distance_km:g} km in {run.duration_min:g} min: {kmh:.0f} km/h "
                    f"is faster than {MAX_RUN_SPEED_KMH:g} km/h"
                )
    return problems
