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
from footfix.tracking.history import PhaseState, RunnerProfile, between, judge_all
from footfix.tracking.log_entry import DayLog
from footfix.tracking.timeline import TimelineStatus, is_forward, timeline_status
from footfix.tracking.trends import RetestPoint, WeekTrend, retest_series, weekly_trends

DEFAULT_WEEKS = 12


def window_start(as_of: dt.date, weeks: int = DEFAULT_WEEKS) -> dt.date:
    """First day of the oldest week shown: logs before it are not needed for the view."""
    return as_of - dt.timedelta(days=as_of.weekday()) - dt.timedelta(weeks=weeks - 1)


@dataclass(frozen=True)
class PhaseChangeRecord:
    effective_date: dt.date
    evidence_from: dt.date
    from_phase: PhaseId | None
    to_phase: PhaseId
    reasons: tuple[str, ...]
    source: str


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

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = _plain(dataclasses.asdict(self))
        return plain | {
            "next_gate": {
                "phase": self.decision.gate.target,
                "closeness": round(self.decision.gate.closeness, 2),
            }
        }


def state_on(changes: Sequence[PhaseChangeRecord], as_of: dt.date) -> PhaseState:
    """The phase in effect on ``as_of``: the latest change dated on or before it."""
    effective = [c for c in changes if c.effective_date <= as_of] or list(changes[:1])
    if not effective:
        raise ValueError("the runner has no phase yet: add one with an assessment or runner add")
    last = effective[-1]
    return PhaseState(last.to_phase, last.effective_date, last.evidence_from)


def build_report(
    profile: RunnerProfile,
    changes: Sequence[PhaseChangeRecord],
    logs: Sequence[DayLog],
    as_of: dt.date,
    weeks: int = DEFAULT_WEEKS,
) -> ProgressReport:
    """The view on ``as_of``. Decisions read at most the last ``weeks`` of logs, which is
    plenty for every gate (the longest look-back is a phase's walk-run replay)."""
    state = state_on(changes, as_of)
    first = window_start(as_of, weeks)
    known = [log for log in logs if first <= log.day <= as_of]
    days = judge_all(known, profile.bone_stress)
    decision = decide_phase(state, days, as_of, profile)
    in_phase = between(days, state.evidence_from, as_of)
    forward = [c.effective_date for c in changes if c.effective_date <= as_of and _fwd(c)]
    timeline = timeline_status(
        changes[0].effective_date,
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
        tuple(weekly_trends(known, as_of, weeks)),
        tuple(retest_series(known)),
        tuple(c for c in changes if c.effective_date <= as_of),
        tuple(daily_points(days, lambda day: _decided_from(changes, day), profile.bone_stress)),
    )


def _decided_from(changes: Sequence[PhaseChangeRecord], day: dt.date) -> dt.date:
    """The first day that counted when ``day``'s log was decided: a change that log itself
    caused (a step back on a flare day) came after the decision, so it is left out."""
    before = [c for c in changes if not (c.source == "log" and c.effective_date == day)]
    return state_on(before or list(changes[:1]), day).evidence_from


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


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
