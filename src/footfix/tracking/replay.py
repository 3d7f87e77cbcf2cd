"""Phase decisions as days are logged, one day at a time.

The service calls :func:`decide_on_log` inside the write transaction; :func:`replay` runs the
same rule over a whole series of logs (tests, what-if views). A log-driven change takes effect on
the logged day, and only days after it count towards the next gate, so one day never counts twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from footfix.tracking.decide import PhaseDecision, decide_phase
from footfix.tracking.history import RunnerProfile, judge_all
from footfix.tracking.log_entry import DayLog
from footfix.tracking.phase_changes import PhaseChangeRecord, state_on
from footfix.tracking.report import window_start
from footfix.tracking.running_history import WatchRun


def decide_on_log(
    changes: Sequence[PhaseChangeRecord],
    logs: Sequence[DayLog],
    day: dt.date,
    profile: RunnerProfile,
    watch: Sequence[WatchRun] = (),
) -> tuple[PhaseDecision | None, PhaseChangeRecord | None]:
    """The decision after ``day`` was logged, and the phase change to record if any.

    A backdated day (before the latest recorded change) decides nothing: decisions already
    recorded after it stand, and the runner sees why.
    """
    if not changes or day < changes[-1].effective_date:
        return None, None
    first = window_start(day)
    window = [log for log in logs if first <= log.day <= day]
    state = state_on(changes, day, min((log.day for log in window), default=None))
    in_window = [w for w in watch if first <= w.day <= day]
    decision = decide_phase(state, judge_all(window, profile.bone_stress), day, profile, in_window)
    if not decision.changed:
        return decision, None
    change = PhaseChangeRecord(
        effective_date=day,
        evidence_from=day + dt.timedelta(days=1),
        from_phase=state.phase,
        to_phase=decision.phase,
        reasons=decision.reasons,
        source="log",
    )
    return decision, change


def replay(
    initial: PhaseChangeRecord, logs: Sequence[DayLog], profile: RunnerProfile
) -> list[PhaseChangeRecord]:
    """All phase changes that logging ``logs`` in day order would record."""
    changes = [initial]
    ordered = sorted(logs, key=lambda log: log.day)
    for index, log in enumerate(ordered):
        _decision, change = decide_on_log(changes, ordered[: index + 1], log.day, profile)
        if change is not None:
            changes.append(change)
    return changes
