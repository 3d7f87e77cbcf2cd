"""Phase decisions as days are logged, one day at a time.

The service calls :func:`decide_on_log` inside the write transaction; :func:`replay` runs the
same rule over a whole series of logs (tests, what-if views). A log-driven change takes effect on
the logged day, and only days after it count towards the next gate, so one day never counts twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from footfix.domain.result import PhaseId
from footfix.tracking.decide import PhaseDecision, decide_phase
from footfix.tracking.flare import detect_flare
from footfix.tracking.gates import progression
from footfix.tracking.history import RunnerProfile, judge_all
from footfix.tracking.log_entry import DayLog
from footfix.tracking.phase_changes import PhaseChangeRecord, state_on
from footfix.tracking.report import window_start
from footfix.tracking.running_history import WatchRun
from footfix.tracking.timeline import is_forward


def decide_on_log(
    changes: Sequence[PhaseChangeRecord],
    logs: Sequence[DayLog],
    day: dt.date,
    profile: RunnerProfile,
    watch: Sequence[WatchRun] = (),
    today: dt.date | None = None,
) -> tuple[PhaseDecision | None, PhaseChangeRecord | None]:
    """The decision after ``day`` was logged, and the phase change to record if any.

    A backdated day (before the latest recorded change) leaves the decisions recorded after it
    standing (the runner sees a note where they disagree with it); a flare it shows within the
    last ``flat_exit.calm_days`` days is answered now (``today``): a step back or a hold.
    """
    if not changes:
        return None, None
    if day < changes[-1].effective_date:
        return late_flare_decision(changes, logs, day, profile, watch, today)
    first = window_start(day)
    window = [log for log in logs if first <= log.day <= day]
    state = state_on(changes, day, min((log.day for log in window), default=None))
    in_window = [w for w in watch if first <= w.day <= day]
    decision = decide_phase(state, judge_all(window, profile.bone_stress), day, profile, in_window)
    if not decision.changed:
        return decision, None
    return decision, _log_change(day, state.phase, decision)


def late_flare_decision(
    changes: Sequence[PhaseChangeRecord],
    logs: Sequence[DayLog],
    day: dt.date,
    profile: RunnerProfile,
    watch: Sequence[WatchRun] = (),
    today: dt.date | None = None,
) -> tuple[PhaseDecision | None, PhaseChangeRecord | None]:
    """A flare that a back-filled (or corrected) earlier day shows, answered on ``today`` as it
    would have been on its day, unless a step back recorded since has answered it already."""
    now = max(today or day, changes[-1].effective_date)
    if (now - day).days >= progression().flat_exit.calm_days:
        return None, None
    first = window_start(now)
    window = [log for log in logs if first <= log.day <= now]
    earliest = min((log.day for log in window), default=None)
    days = judge_all(window, profile.bone_stress)
    flare = detect_flare(days, day, _counted_from(changes, day, earliest), profile.bone_stress)
    nxt = day + dt.timedelta(days=1)
    if flare is None and nxt <= now:  # its first-step pain may make the next morning worse
        since = _counted_from(changes, nxt, earliest)
        flare = detect_flare(days, nxt, since, profile.bone_stress)
        flare = flare if flare is not None and flare.day <= day else None
    if flare is None or any(
        c.effective_date >= flare.day and not is_forward(c.from_phase, c.to_phase)
        for c in changes[1:]
    ):
        return None, None
    state = state_on(changes, now, earliest)
    in_window = [w for w in watch if first <= w.day <= now]
    decision = decide_phase(state, days, now, profile, in_window, late_flare=flare)
    late = f"logged later for {flare.day.isoformat()}, answered now"
    decision = dataclasses.replace(decision, reasons=(*decision.reasons, late))
    if not decision.changed or is_forward(state.phase, decision.phase):
        # only the step back or hold the flare calls for, never a move forward on a late log
        return dataclasses.replace(decision, phase=state.phase, changed=False), None
    return decision, _log_change(now, state.phase, decision)


def _log_change(day: dt.date, from_phase: PhaseId, decision: PhaseDecision) -> PhaseChangeRecord:
    """The phase change a log decided on ``day``; its evidence for the next gate starts after."""
    return PhaseChangeRecord(
        effective_date=day,
        evidence_from=day + dt.timedelta(days=1),
        from_phase=from_phase,
        to_phase=decision.phase,
        reasons=decision.reasons,
        source="log",
    )


def _counted_from(
    changes: Sequence[PhaseChangeRecord], day: dt.date, earliest: dt.date | None
) -> dt.date:
    """The first day that counted for ``day``'s decision (a change the log of that day caused
    came after it)."""
    before = [c for c in changes if not (c.source == "log" and c.effective_date == day)]
    return state_on(before or list(changes[:1]), day, earliest).evidence_from


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
