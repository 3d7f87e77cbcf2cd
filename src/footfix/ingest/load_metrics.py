"""Training load from running activities: weeks, long-run spikes, ACWR, hard share, hills, shoes.

Running only; other sports are summarised apart (``other_sports``). Weeks start on Monday (UTC).
The long-run rule follows Frandsen 2025 (Br J Sports Med): a run more than 10 % longer than the
longest run of the previous 30 days raised overuse-injury rates, in bands 10–30 %, 30–100 % and
over 100 %. ACWR is computed for information only (see docs/watch-data.md for its limits).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from footfix.ingest.activity import Activity

SPIKE_BANDS = ((1.0, ">100%"), (0.30, "30-100%"), (0.10, "10-30%"))
LOOKBACK_DAYS = 30
BREAK_DAYS = 14  # no run for two weeks or more, then running again
HARD_HR_SHARE_OF_MAX = 0.85  # at or above 85 % of the peak heart rate seen counts as hard
HARD_SPEED_OVER_MEDIAN = 1.15  # without heart rate: 15 % faster than the runner's usual pace


@dataclass(frozen=True, slots=True)
class Week:
    monday: date
    distance_m: float = 0.0
    moving_s: float = 0.0
    runs: int = 0
    longest_m: float = 0.0
    ascent_m: float = 0.0
    hard_s: float = 0.0

    @property
    def ascent_m_per_km(self) -> float:
        return self.ascent_m / (self.distance_m / 1000) if self.distance_m > 0 else 0.0

    @property
    def hard_pct(self) -> float:
        return 100 * self.hard_s / self.moving_s if self.moving_s > 0 else 0.0


@dataclass(frozen=True, slots=True)
class Spike:
    start_utc: datetime
    distance_m: float
    previous_longest_m: float
    increase_pct: float
    band: str


@dataclass(frozen=True, slots=True)
class GearChange:
    start_utc: datetime
    gear: str
    previous: str | None


@dataclass(frozen=True, slots=True)
class Return:
    start_utc: datetime
    break_days: float


def monday_of(moment: datetime) -> date:
    day = moment.date()
    return day - timedelta(days=day.weekday())


def _hard_seconds(run: Activity, max_hr: float, usual_speed_mps: float) -> float:
    """Seconds spent hard, by heart rate where recorded, else by pace."""
    s = run.samples
    hard = 0.0
    for i in range(1, len(s.time_s)):
        dt = s.time_s[i] - s.time_s[i - 1]
        if not 0 < dt <= 30:  # a gap: the pause tells nothing about effort
            continue
        hr, speed = s.heart_rate_bpm[i], s.speed_mps[i]
        if not math.isnan(hr) and max_hr > 0:
            hard += dt if hr >= HARD_HR_SHARE_OF_MAX * max_hr else 0.0
        elif not math.isnan(speed) and usual_speed_mps > 0:
            hard += dt if speed >= HARD_SPEED_OVER_MEDIAN * usual_speed_mps else 0.0
    return hard


def _peak_heart_rate(runs: list[Activity]) -> float:
    """The 99.5th percentile of all heart-rate samples: a few strap spikes must not set the max."""
    rates = sorted(h for r in runs for h in r.samples.heart_rate_bpm if not math.isnan(h))
    return rates[min(len(rates) - 1, int(0.995 * len(rates)))] if rates else 0.0


def weekly_load(runs: list[Activity], until: datetime) -> list[Week]:
    """One entry per week from the first run's week to ``until``'s week, empty weeks included."""
    if not runs:
        return []
    max_hr = _peak_heart_rate(runs)
    speeds = [r.distance_m / r.moving_s for r in runs if r.moving_s > 0 and r.distance_m > 0]
    usual_speed = statistics.median(speeds) if speeds else 0.0
    totals: dict[date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for run in runs:
        week = totals[monday_of(run.start_utc)]
        week["distance_m"] += run.distance_m
        week["moving_s"] += run.moving_s
        week["runs"] += 1
        week["longest_m"] = max(week["longest_m"], run.distance_m)
        week["ascent_m"] += run.ascent_m or 0.0
        week["hard_s"] += _hard_seconds(run, max_hr, usual_speed)
    first, last = min(totals), max(max(totals), monday_of(until))
    weeks = []
    monday = first
    while monday <= last:
        t = totals.get(monday, {})
        weeks.append(Week(monday, **{k: (int(v) if k == "runs" else v) for k, v in t.items()}))  # type: ignore[arg-type]
        monday += timedelta(days=7)
    return weeks


def week_over_week_pct(weeks: list[Week]) -> list[float | None]:
    out: list[float | None] = [None]
    for before, now in pairwise(weeks):
        out.append(
            100 * (now.distance_m / before.distance_m - 1) if before.distance_m > 0 else None
        )
    return out


def long_run_spikes(runs: list[Activity]) -> list[Spike]:
    """Runs longer than the longest of the previous 30 days by more than 10 %.

    Runs in the first four weeks of the files are not judged: their 30-day window is not covered.
    """
    ordered = sorted(runs, key=lambda r: r.start_utc)
    spikes = []
    for i, run in enumerate(ordered):
        window_start = run.start_utc - timedelta(days=LOOKBACK_DAYS)
        if ordered[0].start_utc > window_start + timedelta(days=2):
            continue  # the files do not reach back 30 days: no fair baseline yet
        previous = [r.distance_m for r in ordered[:i] if r.start_utc >= window_start]
        longest = max(previous, default=0.0)
        if longest <= 0:
            continue
        increase = run.distance_m / longest - 1
        band = next((name for floor, name in SPIKE_BANDS if increase > floor), None)
        if band:
            spikes.append(Spike(run.start_utc, run.distance_m, longest, 100 * increase, band))
    return spikes


def acute_chronic_ratio(runs: list[Activity], until: datetime) -> float | None:
    """Distance of the last 7 days ÷ weekly mean of the last 28 days. Information only."""
    acute = sum(r.distance_m for r in runs if until - timedelta(days=7) < r.start_utc <= until)
    chronic = (
        sum(r.distance_m for r in runs if until - timedelta(days=28) < r.start_utc <= until) / 4
    )
    return acute / chronic if chronic > 0 else None


def gear_changes(runs: list[Activity]) -> list[GearChange]:
    """The first run in each shoe that had not been worn before, after runs in other shoes."""
    seen: set[str] = set()
    previous: str | None = None
    out = []
    for run in sorted(runs, key=lambda r: r.start_utc):
        if not run.gear:
            continue
        if run.gear not in seen and seen:
            out.append(GearChange(run.start_utc, run.gear, previous))
        seen.add(run.gear)
        previous = run.gear
    return out


def returns_after_break(runs: list[Activity]) -> list[Return]:
    ordered = sorted(runs, key=lambda r: r.start_utc)
    out = []
    for before, now in pairwise(ordered):
        gap_days = (now.start_utc - before.end_utc).total_seconds() / 86400
        if gap_days >= BREAK_DAYS:
            out.append(Return(now.start_utc, gap_days))
    return out


def other_sports(activities: list[Activity]) -> dict[str, tuple[int, float, float]]:
    """Non-running sessions by sport: (count, distance m, moving s)."""
    out: dict[str, tuple[int, float, float]] = {}
    for a in activities:
        if a.is_running:
            continue
        n, d, t = out.get(a.sport, (0, 0.0, 0.0))
        out[a.sport] = (n + 1, d + a.distance_m, t + a.moving_s)
    return out
