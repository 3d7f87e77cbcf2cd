"""The day log form's fields, parsed into the ``LogInput`` that ``services.tracking.log_day`` takes.

Parsing only: an empty box is "not known", a number stays as typed (the log's model checks the
ranges and says what is wrong), distances are in the runner's units as the form shows them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from footfix.domain.units import from_km
from footfix.errors import InvalidInput
from footfix.services.log_input import LogInput, form_run_distance, parse_log

if TYPE_CHECKING:  # a type only: the form shows what the log service returns
    from footfix.tracking.log_entry import DayLog

Form = dict[str, list[str]]
PAIN_FIELDS = ("first_step_pain_nrs", "pain_during_nrs", "pain_after_nrs")


def _one(form: Form, name: str) -> str:
    return (form.get(name) or [""])[0].strip()


def _number(form: Form, name: str, label: str) -> float | None:
    text = _one(form, name).replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InvalidInput(f"{label}: give a number (got '{text[:20]}')") from None


def log_fields(form: Form) -> tuple[LogInput, bool]:
    """The log as typed input, and whether it corrects a day already logged."""
    day_text = _one(form, "day")
    try:
        day = dt.date.fromisoformat(day_text) if day_text else None
    except ValueError:
        raise InvalidInput("the day must be a date (YYYY-MM-DD)") from None
    fields: dict[str, Any] = {
        "day": day,
        "first_step_pain_nrs": _number(form, "first_step_pain_nrs", "first-step pain"),
        "pain_during_nrs": _number(form, "pain_during_nrs", "pain during activity"),
        "pain_after_nrs": _number(form, "pain_after_nrs", "pain after activity"),
        "walk_stand_tolerance_min": _number(form, "walk_stand_tolerance_min", "walking minutes"),
        "next_morning": _one(form, "next_morning") or None,
        "notes": _one(form, "notes") or None,
    }
    distance = form_run_distance(_number(form, "run_distance", "run distance"))
    if distance is not None:
        run: dict[str, Any] = {"distance": distance}
        minutes = _number(form, "run_minutes", "run minutes")
        if minutes:
            run["duration_min"] = minutes
        for field in ("surface", "shoes"):
            if _one(form, f"run_{field}"):
                run[field] = _one(form, f"run_{field}")
        if _one(form, "run_walk_breaks") == "yes":
            run["continuous"] = False
        run["hills"] = _one(form, "run_hills") == "yes"
        fields["runs"] = [run]
    done = form.get("exercise") or []
    fields["exercises"] = [
        {
            "exercise": name,
            "sets": int(_number(form, f"sets-{name}", "sets") or 1),
            "reps": int(_number(form, f"reps-{name}", "repetitions") or 1),
        }
        for name in dict.fromkeys(done)
    ]
    correct = _one(form, "correct") == "1"
    # an empty box is "not given": a correction keeps what the form leaves empty
    entry = parse_log({k: v for k, v in fields.items() if v not in (None, [])})
    if entry.is_empty():
        raise InvalidInput("nothing to save: fill in at least one box")
    return entry, correct


def log_values(log: DayLog | None, units: str = "km") -> Form:
    """A logged day as the form's values, to correct it (the run in the runner's units)."""
    if log is None:
        return {}
    values: Form = {}
    for name in (*PAIN_FIELDS, "walk_stand_tolerance_min"):
        value = getattr(log, name)
        if value is not None:
            values[name] = [f"{value:g}"]
    if log.next_morning:
        values["next_morning"] = [log.next_morning]
    if log.notes:
        values["notes"] = [log.notes]
    values["exercise"] = [e.exercise for e in log.exercises]
    for e in log.exercises:
        values[f"sets-{e.exercise}"], values[f"reps-{e.exercise}"] = [str(e.sets)], [str(e.reps)]
    if log.runs:  # the form holds one run: the day's first
        run = log.runs[0]
        values["run_distance"] = [f"{from_km(run.distance_km, units):.2f}".rstrip("0").rstrip(".")]
        if run.duration_min is not None:
            values["run_minutes"] = [f"{run.duration_min:g}"]
        values["run_surface"] = [run.surface or ""]
        values["run_shoes"] = [run.shoes or ""]
        values["run_walk_breaks"] = [] if run.continuous else ["yes"]
        values["run_hills"] = ["yes"] if run.hills else []
    return values
