"""One running history from hand-logged runs and watch activities.

A run logged by hand and recorded by a watch is one run: on the same day, a watch run whose
distance is within ``MATCH_SHARE`` (or ``MATCH_KM``) of a logged one is that run, counted once
(the hand log keeps its pain and surface details). Unmatched watch runs add to the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from footfix.tracking.log_entry import DayLog

MATCH_SHARE = 0.15
MATCH_KM = 0.5


@dataclass(frozen=True)
class WatchRun:
    day: dt.date  # in the runner's time zone
    distance_km: float
    source: str
    ascent_m: float | None = None  # None: the file has no elevation
    running_share: float | None = None  # share of samples running (None: not recorded)


@dataclass(frozen=True)
class HistoryRun:
    day: dt.date
    distance_km: float
    recorded: Literal["log", "watch", "log and watch"]


def _same_run(a: float, b: float) -> bool:
    return abs(a - b) <= max(MATCH_KM, MATCH_SHARE * max(a, b))


def _match(
    logs: Sequence[DayLog], watch: Sequence[WatchRun]
) -> tuple[dict[dt.date, list[float]], dict[dt.date, set[int]], list[WatchRun]]:
    """Hand-logged distances by day, which of them a watch run matched, and the watch runs that
    matched none (runs only the watch knows)."""
    by_day: dict[dt.date, list[float]] = {}
    for log in logs:
        by_day.setdefault(log.day, []).extend(r.distance_km for r in log.runs)
    matched: dict[dt.date, set[int]] = {}
    extra: list[WatchRun] = []
    for run in sorted(watch, key=lambda w: (w.day, w.distance_km)):
        logged = by_day.get(run.day, [])
        taken = matched.setdefault(run.day, set())
        hit = next(
            (i for i, km in enumerate(logged) if i not in taken and _same_run(km, run.distance_km)),
            None,
        )
        if hit is None:
            extra.append(run)
        else:
            taken.add(hit)
    return by_day, matched, extra


def watch_only(logs: Sequence[DayLog], watch: Sequence[WatchRun]) -> list[WatchRun]:
    """The watch runs that no hand-logged run already records."""
    return _match(logs, watch)[2]


def log_only(logs: Sequence[DayLog], watch: Sequence[WatchRun]) -> list[tuple[dt.date, int]]:
    """Each hand-logged run no watch run records, as its day and its place in that day's runs."""
    by_day, matched, _only = _match(logs, watch)
    return [
        (day, i)
        for day, kms in by_day.items()
        for i in range(len(kms))
        if i not in matched.get(day, set())
    ]


def running_history(logs: Sequence[DayLog], watch: Sequence[WatchRun]) -> list[HistoryRun]:
    """Every run by day, each counted once however it was recorded."""
    by_day, matched, only = _match(logs, watch)
    extra = [HistoryRun(w.day, round(w.distance_km, 3), "watch") for w in only]
    out = [
        HistoryRun(day, km, "log and watch" if i in matched.get(day, set()) else "log")
        for day, kms in by_day.items()
        for i, km in enumerate(kms)
    ]
    return sorted([*out, *extra], key=lambda r: (r.day, r.distance_km))
