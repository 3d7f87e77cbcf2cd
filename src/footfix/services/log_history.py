"""A logged day's history for the runner: every entry and correction, oldest first, in words
(a correction supersedes an entry; it never overwrites it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from footfix.domain.units import from_km
from footfix.services.identity import Actor, RunnerRef, find_runner
from footfix.store import logs_repo
from footfix.store.store import Store
from footfix.tracking.log_entry import DayLog

# The log's shoe kinds as the form and the history say them.
SHOE_WORDS = {
    "usual": "my usual shoes",
    "stiff": "stiff, supportive shoes",
    "soft": "soft, cushioned shoes",
    "minimal": "minimal shoes",
    "barefoot": "barefoot",
}


@dataclass(frozen=True)
class DayEntry:
    revision: int
    recorded_at: dt.datetime
    current: bool
    reason: str | None
    said: str  # what the entry held, in words


def day_history(
    store: Store, actor: Actor, runner_ref: RunnerRef | None, day: dt.date
) -> list[DayEntry]:
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        revisions = logs_repo.day_revisions(conn, runner.id, day)
    return [
        DayEntry(
            r.revision,
            r.recorded_at,
            r.is_current,
            r.correction_reason,
            summary(r.log, runner.units),
        )
        for r in revisions
    ]


def summary(log: DayLog, units: str) -> str:
    parts = []
    for label, value in (
        ("first steps", log.first_step_pain_nrs),
        ("during activity", log.pain_during_nrs),
        ("after", log.pain_after_nrs),
    ):
        if value is not None:
            parts.append(f"pain {label} {value:g}")
    if log.walk_stand_tolerance_min is not None:
        parts.append(f"walking {log.walk_stand_tolerance_min:g} min")
    for run in log.runs:
        words = [f"run {from_km(run.distance_km, units):.1f} {units}"]
        words += [f"on {run.surface}"] if run.surface else []
        words += [f"({SHOE_WORDS.get(run.shoes, run.shoes)})"] if run.shoes else []
        parts.append(" ".join(words))
    if log.exercises:
        parts.append(f"{len(log.exercises)} exercises")
    return ", ".join(parts) or "notes only"
