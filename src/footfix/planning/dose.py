"""Doses in the runner's own units and sides."""

from __future__ import annotations

from footfix.domain.side import Side
from footfix.domain.units import format_distance, to_km
from footfix.intake.case_model import CaseFile, Distance
from footfix.knowledge.models import Exercise, Progression


def runner_units(case: CaseFile) -> str:
    """km or mi, from the first distance the runner gave; km by default."""
    run = case.history.currently_running if case.history else None
    for d in (
        run.longest_run if run else None,
        run.weekly_distance if run else None,
        case.patient.weekly_distance if case.patient else None,
        case.patient.goal.distance if case.patient and case.patient.goal else None,
    ):
        if isinstance(d, Distance):
            return d.unit
    weeks = case.training.weekly_distance_recent if case.training else None
    return weeks[0].unit if weeks else "km"


def _km(d: Distance | None) -> float | None:
    return to_km(d.value, d.unit) if d else None


def _flat_running(case: CaseFile, units: str, prog: Progression) -> str:
    run = case.history.currently_running if case.history else None
    gate_km = prog.flat_gate.in_units(units)
    gate = format_distance(gate_km, units)
    if not run or not run.running:
        first = prog.run_walk_ladder[0]
        return (
            f"Every other day on flat, firm ground: {first.run_min:g} min run / "
            f"{first.walk_min:g} min walk, 20 min in all. Move up a step (2:3, 3:2, 4:1, then 20 "
            "min continuous) only after two sessions that stay at 3/10 or less and settle by the "
            f"next morning; then add about 10% a week towards {gate} continuous."
        )
    longest = _km(run.longest_run)
    sessions = f"{run.sessions_per_week:g} times a week" if run.sessions_per_week else "as now"
    if longest and longest >= gate_km - 0.05:
        shown = format_distance(longest, units)
        steady = "continuous " if run.continuous else ""
        return (
            f"You already reach the flat gate ({shown}): keep your {steady}runs at about that "
            f"length, {sessions}, on flat, firm ground, without lengthening them, until pain "
            f"while running stays at {prog.near_pain_free_nrs:g}/10 or less and settles "
            "overnight; hills are the next step after that."
        )
    if longest:
        step = format_distance(min(longest * 1.1, gate_km), units)
        return (
            f"Keep running {sessions} on flat, firm ground; lengthen the longest run to at most "
            f"{step} next week and by about 10% a week after that, towards {gate} continuous, "
            "while pain stays at 3/10 or less and settles overnight."
        )
    return f"Keep running {sessions} on flat, firm ground, building towards {gate} continuous."


def _hills(case: CaseFile, units: str) -> str:
    run = case.history.currently_running if case.history else None
    weekly = _km(run.weekly_distance) if run else None
    share = f" (about {format_distance(weekly * 0.1, units)} this week)" if weekly else ""
    return (
        "Start with one run a week on gentle hills, climbing no more than a tenth of the week's "
        f"distance{share}. Add the next new element - softer shoes, then short barefoot bouts, "
        "then build-up sprints - one at a time, each after two weeks without a flare."
    )


def _load(case: CaseFile, units: str) -> str:
    run = case.history.currently_running if case.history else None
    longest = _km(run.longest_run) if run else None
    if longest:
        cap = format_distance(longest * 1.1, units)
        return (
            f"Keep any single run within 10% of the longest of the past 30 days (now at most "
            f"{cap}); change one thing at a time."
        )
    return (
        "Keep any single run within 10% of the longest of the past 30 days; change one thing "
        "at a time."
    )


def dose_for(
    exercise: Exercise,
    side: Side,
    case: CaseFile,
    units: str,
    prog: Progression,
    by_cause: bool = False,
) -> str:
    if exercise.id == "flat_firm_surface_running":
        return _flat_running(case, units, prog)
    if exercise.id == "hills":
        return _hills(case, units)
    if exercise.id == "load_management":
        return _load(case, units)
    if exercise.sided and side in (Side.LEFT, Side.RIGHT):
        where = side.value.capitalize()
        if by_cause:
            return f"{where} side (the side of the deficit), both if easy: {exercise.dose}"
        return f"{where} foot (the painful one): {exercise.dose}"
    if exercise.sided and side is Side.BOTH:
        return f"Both sides: {exercise.dose}"
    return exercise.dose
