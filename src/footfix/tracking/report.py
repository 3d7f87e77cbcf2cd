"""The progress view: today's phase, this week's allowance, the next gate, trends and prompts.

Everything here is computed from plain values (the phase history and the day logs), so the same
function serves the CLI, the service that records phase changes, and the benchmark.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from footfix.domain.result import PhaseId
from footfix.tracking.allowance import WeekAllowance, week_allowance
from footfix.tracking.daily import DayPoint, daily_points
from footfix.tracking.decide import PhaseDecision, decide_phase
from footfix.tracking.evidence_notes import (
    FlareSeen,
    flares_in,
    kept_decision_notes,
    runs_while_not_running,
)
from footfix.tracking.history import RunnerProfile, between, judge_all
from footfix.tracking.log_entry import DayLog
from footfix.tracking.phase_changes import DEFAULT_WEEKS, PhaseChangeRecord, state_on, window_start
from footfix.tracking.running_history import HistoryRun, WatchRun, running_history
from footfix.tracking.timeline import TimelineStatus, is_forward, timeline_status
from footfix.tracking.trends import RetestPoint, WeekTrend, retest_series, weekly_trends

__all__ = [
    "DEFAULT_WEEKS",
    "PhaseChangeRecord",
    "ProgressReport",
    "build_report",
    "state_on",
    "window_start",
]


@dataclass(frozen=True)
class ProgressReport:
    as_of: dt.date
    phase: PhaseId
    phase_since: dt.date
    decision: PhaseDecision
    allowance: WeekAllowance
    timeline: TimelineStatus
    trends: tuple[WeekTrend, ...]
    retests: tuple[RetestPoint, ...]
    history: tuple[PhaseChangeRecord, ...]
    days: tuple[DayPoint, ...] = ()  # every logged day of the window, for charts
    # every flare the window's logs show, back-filled ones by their day
    flares: tuple[FlareSeen, ...] = ()
    # kept decisions that the logs known now disagree with, runs logged in a no-running phase
    notes: tuple[str, ...] = ()
    # hand-logged and watch runs, one run counted once
    runs: tuple[HistoryRun, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = json_plain(dataclasses.asdict(self))
        return plain | {
            "next_gate": {
                "phase": self.decision.gate.target,
                "closeness": round(self.decision.gate.closeness, 2),
            }
        }


def build_report(
    profile: RunnerProfile,
    changes: Sequence[PhaseChangeRecord],
    logs: Sequence[DayLog],
    as_of: dt.date,
    weeks: int = DEFAULT_WEEKS,
    watch: Sequence[WatchRun] = (),
) -> ProgressReport:
    """The view on ``as_of``. Decisions read at most the last ``weeks`` of logs, which is
    plenty for every gate (the longest look-back is a phase's walk-run replay). Every log counts
    by its day, however late it was entered; ``watch`` runs join the hand-logged ones."""
    first = window_start(as_of, weeks)
    known = [log for log in logs if first <= log.day <= as_of]
    earliest = min((log.day for log in known), default=None)
    state = state_on(changes, as_of, earliest)
    days = judge_all(known, profile.bone_stress)
    seen = [w for w in watch if first <= w.day <= as_of]
    runs = running_history(known, seen)
    decision = decide_phase(state, days, as_of, profile, seen)
    in_phase = between(days, state.evidence_from, as_of)

    def decided_from(day: dt.date) -> dt.date:
        return _decided_from(changes, day, earliest)

    forward = [c.effective_date for c in changes if c.effective_date <= as_of and _fwd(c)]
    tracked_from = min(changes[0].effective_date, earliest or changes[0].effective_date)
    timeline = timeline_status(
        tracked_from,
        as_of,
        profile.severity,
        state.phase,
        forward[-1] if forward else state.since,
        days,
    )
    return ProgressReport(
        as_of,
        state.phase,
        state.since,
        decision,
        week_allowance(
            state, in_phase, profile, between(days, _running_since(changes, as_of), as_of)
        ),
        timeline,
        tuple(weekly_trends(known, as_of, weeks, runs)),
        tuple(sorted([*profile.baseline_retests, *retest_series(known)], key=lambda p: p.day)),
        tuple(c for c in changes if c.effective_date <= as_of),
        tuple(daily_points(days, decided_from, profile.bone_stress)),
        tuple(flares_in(days, decided_from, profile.bone_stress)),
        tuple(
            [
                *kept_decision_notes(changes, known, profile, seen),
                *runs_while_not_running(changes, known, profile.units),
            ]
        ),
        tuple(runs),
    )


def _decided_from(
    changes: Sequence[PhaseChangeRecord], day: dt.date, earliest: dt.date | None = None
) -> dt.date:
    """The first day that counted when ``day``'s log was decided: a change that log itself
    caused (a step back on a flare day) came after the decision, so it is left out. Back-filled
    days before tracking began count for the first phase (``earliest``)."""
    before = [c for c in changes if not (c.source == "log" and c.effective_date == day)]
    return state_on(before or list(changes[:1]), day, earliest).evidence_from


def _running_since(changes: Sequence[PhaseChangeRecord], as_of: dt.date) -> dt.date:
    """When flat running last started from a phase without running (or from the start)."""
    started = changes[0].evidence_from
    for change in changes:
        if change.effective_date > as_of:
            break
        if change.to_phase == "return_to_run_flat" and _fwd(change):
            started = change.evidence_from
    return started


def _fwd(change: PhaseChangeRecord) -> bool:
    return is_forward(change.from_phase, change.to_phase)


def json_plain(value: Any) -> Any:
    """Dataclass dicts as JSON-ready values (dates as ISO text); the outcome report shares it."""
    if isinstance(value, dict):
        return {k: json_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
