"""Imported activities counted in words: the runs apart from the other sports.

Only runs count toward running load, so every import summary (the web's upload result,
``footfix import``) says how many of the activities were runs and how many were something else,
e.g. "12 activities imported: 10 runs, 2 rides (not counted as running)".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

RUNNING = "running"  # the one sport that counts (ingest.activity.Activity.is_running)
NOT_COUNTED = "not counted as running"

# FIT sport names (ingest.activity.Activity.sport) as a runner says them: one, many.
SPORT_NOUNS: dict[str, tuple[str, str]] = {
    RUNNING: ("run", "runs"),
    "cycling": ("ride", "rides"),
    "e_biking": ("e-bike ride", "e-bike rides"),
    "walking": ("walk", "walks"),
    "hiking": ("hike", "hikes"),
    "swimming": ("swim", "swims"),
    "rowing": ("row", "rows"),
    "transition": ("transition between sports", "transitions between sports"),
    "generic": ("activity of an unnamed sport", "activities of an unnamed sport"),
}


def count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def sport_count(sport: str, n: int) -> str:
    """'2 rides'; a sport without a noun here is named: '1 cross country skiing session'."""
    said = sport.replace("_", " ")
    one, many = SPORT_NOUNS.get(sport, (f"{said} session", f"{said} sessions"))
    return count(n, one, many)


def sports_counted(sports: Iterable[str]) -> dict[str, int]:
    """How many activities of each sport, the commonest first."""
    return dict(Counter(sports).most_common())


def runs_and_others(by_sport: Mapping[str, int]) -> str:
    """'10 runs, 2 rides (not counted as running)'; several other sports are summed first."""
    runs = by_sport.get(RUNNING, 0)
    others = {s: n for s, n in by_sport.items() if s != RUNNING and n}
    shown = sport_count(RUNNING, runs) if runs else "no runs"
    if not others:
        return shown
    if len(others) == 1:
        ((sport, n),) = others.items()
        return f"{shown}, {sport_count(sport, n)} ({NOT_COUNTED})"
    parts = ", ".join(sport_count(s, n) for s, n in others.items())
    total = sum(others.values())
    return f"{shown}, {count(total, 'other activity', 'other activities')} {NOT_COUNTED} ({parts})"


def activities_line(by_sport: Mapping[str, int], done: str = "imported") -> str:
    """'12 activities imported: 10 runs, 2 rides (not counted as running)'."""
    total = sum(by_sport.values())
    head = f"{count(total, 'activity', 'activities')} {done}"
    return f"{head}: {runs_and_others(by_sport)}" if total else head
