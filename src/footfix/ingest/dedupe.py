"""The same run uploaded twice (watch file and Strava copy) must count once."""

from __future__ import annotations

import dataclasses

from footfix.ingest.activity import Activity

START_TOLERANCE_S = 60.0
RELATIVE_TOLERANCE = 0.10  # durations and distances within 10 % of each other
ABSOLUTE_DISTANCE_TOLERANCE_M = 300.0  # short runs: a fixed margin beats a percentage


def _close(a: float, b: float, floor: float) -> bool:
    return abs(a - b) <= max(floor, RELATIVE_TOLERANCE * max(a, b))


def same_activity(a: Activity, b: Activity) -> bool:
    if abs((a.start_utc - b.start_utc).total_seconds()) > START_TOLERANCE_S:
        return False
    if a.sport != b.sport and "generic" not in (a.sport, b.sport):
        return False
    if not _close(a.elapsed_s, b.elapsed_s, 120.0):
        return False
    if a.distance_m > 0 and b.distance_m > 0:
        return _close(a.distance_m, b.distance_m, ABSOLUTE_DISTANCE_TOLERANCE_M)
    return True


def _richness(a: Activity) -> tuple[int, int, int]:
    """Prefer FIT (running dynamics), then more samples."""
    return (a.file_format == "fit", a.samples.present("stance_time_ms"), len(a.samples))


def remove_duplicates(activities: list[Activity]) -> tuple[list[Activity], list[tuple[str, str]]]:
    """Activities with duplicates merged, and (kept source, dropped source) pairs."""
    kept: list[Activity] = []
    dropped: list[tuple[str, str]] = []
    for activity in sorted(activities, key=lambda a: a.start_utc):
        match = None
        for i in range(len(kept) - 1, -1, -1):
            if (activity.start_utc - kept[i].start_utc).total_seconds() > START_TOLERANCE_S:
                break  # sorted by start: nothing earlier can match
            if same_activity(kept[i], activity):
                match = i
                break
        if match is None:
            kept.append(activity)
            continue
        other = kept[match]
        better, worse = (
            (other, activity) if _richness(other) >= _richness(activity) else (activity, other)
        )
        kept[match] = dataclasses.replace(better, gear=better.gear or worse.gear)
        dropped.append((better.source, worse.source))
    return kept, dropped
