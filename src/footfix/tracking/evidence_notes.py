"""What the logs say about decisions already taken, and the flares they hold, by day.

Logs can be entered later for an earlier day (back-filled) or corrected. They count by their day:
in the trends, the flares and the gates. A decision already recorded is kept (the runner acted on
it), but when the logs now known for the days up to it would not have taken it, the view says so
with a note, rather than silently rewriting the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from footfix.domain.units import format_distance
from footfix.knowledge.kb import load_default
from footfix.tracking.decide import decide_phase
from footfix.tracking.flare import Flare, detect_flare
from footfix.tracking.history import JudgedDay, RunnerProfile, judge_all
from footfix.tracking.log_entry import DayLog
from footfix.tracking.phase_changes import PhaseChangeRecord, state_on, window_start
from footfix.tracking.running_history import WatchRun
from footfix.tracking.timeline import is_forward

NO_RUNNING = ("refer_first", "protect_unload", "rehab_no_running")


def _title(phase: str | None) -> str:
    """A phase in the runner's words (its title in kb/phases.yaml)."""
    titles: dict[str, str] = {p.id: p.title for p in load_default().phases.phases}
    return titles.get(phase or "", (phase or "none").replace("_", " "))


@dataclass(frozen=True)
class FlareSeen:
    day: dt.date
    severity: str
    reasons: tuple[str, ...]


def flares_in(
    days: Sequence[JudgedDay], evidence_from_on: Callable[[dt.date], dt.date], bone: bool
) -> list[FlareSeen]:
    """Every flare the logs show, named with its day and why (as the daily points mark them)."""
    seen: dict[dt.date, Flare] = {}
    for day in days:
        flare = detect_flare(days, day.day, evidence_from_on(day.day), bone)
        if flare is not None and (flare.day not in seen or flare.severity == "major"):
            seen[flare.day] = flare
    return [FlareSeen(d, f.severity, f.reasons) for d, f in sorted(seen.items())]


def kept_decision_notes(
    changes: Sequence[PhaseChangeRecord],
    logs: Sequence[DayLog],
    profile: RunnerProfile,
    watch: Sequence[WatchRun] = (),
) -> list[str]:
    """A note for each recorded move forward that the logs (and watch runs) now known would not
    have made."""
    notes: list[str] = []
    for index, change in enumerate(changes):
        if (
            index == 0
            or change.source != "log"
            or not is_forward(change.from_phase, change.to_phase)
        ):
            continue
        before = changes[:index]
        # the logs the decision would read now: its window, as known today
        first = window_start(change.effective_date)
        upto = [log for log in logs if first <= log.day <= change.effective_date]
        earliest = min((log.day for log in upto), default=None)
        state = state_on(before, change.effective_date, earliest)
        days = judge_all(upto, profile.bone_stress)
        runs = [w for w in watch if first <= w.day <= change.effective_date]
        again = decide_phase(state, days, change.effective_date, profile, runs)
        if again.changed and again.phase == change.to_phase:
            continue
        why = "; ".join(again.reasons) or "the gate is not met"
        notes.append(
            f"kept: the move from {_title(change.from_phase)} to {_title(change.to_phase)} on "
            f"{change.effective_date.isoformat()} stands, but the logs now known for the days up "
            f"to it disagree ({why})"
        )
    return notes


def runs_while_not_running(
    changes: Sequence[PhaseChangeRecord], logs: Sequence[DayLog], units: str
) -> list[str]:
    """Runs logged on days whose phase has no running yet: evidence worth a look, never hidden."""
    notes = []
    for log in sorted(logs, key=lambda item: item.day):
        if not log.runs:
            continue
        phase = state_on(changes, log.day).phase
        if phase in NO_RUNNING:
            shown = format_distance(log.run_km, units)
            notes.append(
                f"a run of {shown} was logged on {log.day.isoformat()}, during "
                f"{_title(phase)} (no running in that phase yet)"
            )
    return notes
