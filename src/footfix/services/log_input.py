"""A day's log as an interface hands it to the tracking service, and its validation.

`LogInput` is the typed input every interface builds (the CLI's flags, the web form, the API's
JSON body): values as the person gave them, runs in their own units (`distance`) or in
kilometres (`distance_km`). The service turns it into a stored :class:`DayLog` once it knows the
runner (units, today), so ranges and plausibility are checked in one place.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from footfix.services.errors import InvalidLogEntry
from footfix.tracking.log_entry import (
    DayLog,
    ExerciseEntry,
    LogRedFlag,
    Minutes,
    MorningResponse,
    Nrs,
    RetestEntry,
    RunDetails,
)

_ALLOWED_HINTS = {
    "less_than_equal": "allowed: up to {le}",
    "greater_than_equal": "allowed: {ge} or more",
    "greater_than": "allowed: more than {gt}",
    "less_than": "allowed: less than {lt}",
}
NOT_SAVED = "the log entry was not saved: fix these and try again"


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RunInput(RunDetails):
    """One run: `distance` in the runner's units, or `distance_km`; exactly one of them."""

    distance: Annotated[float, Field(gt=0)] | None = None
    # the stored run's own limits, so every problem is named at once
    distance_km: Annotated[float, Field(gt=0, le=300)] | None = None

    @model_validator(mode="after")
    def _one_distance(self) -> RunInput:
        if (self.distance is None) == (self.distance_km is None):
            raise ValueError("give the run's distance or distance_km (one of them)")
        return self


class LogInput(_Input):
    """What a person logged for one day; `None` and empty lists mean "not given"."""

    day: dt.date | None = Field(None, description="YYYY-MM-DD; default today, runner's zone")
    first_step_pain_nrs: Nrs | None = Field(None, description="first-step pain 0–10")
    pain_during_nrs: Nrs | None = Field(None, description="pain during activity 0–10")
    pain_after_nrs: Nrs | None = Field(None, description="pain after activity 0–10")
    next_morning: MorningResponse | None = None
    walk_stand_tolerance_min: Minutes | None = Field(
        None, description="minutes of walking or standing with at most mild pain"
    )
    runs: tuple[RunInput, ...] = ()
    exercises: tuple[ExerciseEntry, ...] = ()
    retests: tuple[RetestEntry, ...] = ()
    red_flags: tuple[LogRedFlag, ...] = ()
    notes: Annotated[str, Field(max_length=4000)] | None = None

    def given(self) -> dict[str, Any]:
        """The values given (day included when set), as plain data for the log model."""
        data = self.model_dump(exclude_none=True)
        data["runs"] = [run.model_dump(exclude_none=True) for run in self.runs]
        return {k: v for k, v in data.items() if v not in (None, [], ())}

    def is_empty(self) -> bool:
        """Nothing logged but (perhaps) the day."""
        return not (set(self.given()) - {"day"})


def parse_log(fields: dict[str, Any]) -> LogInput:
    """Raw fields (a form, a JSON body, CLI flags) as a LogInput, or one message per problem."""
    try:
        return LogInput.model_validate(fields)
    except ValidationError as err:
        raise InvalidLogEntry(NOT_SAVED, [_describe(e) for e in err.errors()]) from err


def form_run_distance(distance: float | None) -> float | None:
    """A form's run distance box: empty or 0 is no run; below 0 is out of range, and refused
    with what is allowed (not taken for "no run", which would say nothing was filled in)."""
    if distance is not None and distance < 0:
        problem = f"run distance: {_shown(distance)} was entered; it must be 0 or more (0: no run)"
        raise InvalidLogEntry(NOT_SAVED, [problem])
    return distance or None


def validate_log(fields: dict[str, Any]) -> DayLog:
    try:
        return DayLog.model_validate(fields)
    except ValidationError as err:
        raise InvalidLogEntry(NOT_SAVED, [_describe(e) for e in err.errors()]) from err


def merge_correction(previous: DayLog, changes: dict[str, Any]) -> DayLog:
    """A correction keeps what it does not mention; lists given replace the old lists."""
    merged = previous.model_dump()
    merged.update({k: v for k, v in changes.items() if v is not None and v != ()})
    return validate_log(merged)


def _describe(error: Any) -> str:
    """One problem in words a runner reads beside the form: the box, what was entered, what is
    allowed (no field names, no validator wording)."""
    where = _where(error["loc"])
    value = error.get("input")
    hint = _ALLOWED_HINTS.get(error["type"], "")
    context = error.get("ctx") or {}
    try:
        hint = hint.format(**{k: _shown(v) for k, v in context.items()})
    except (KeyError, IndexError):
        hint = ""
    message = str(error["msg"]).replace("Input should", "it should")
    message = message[:1].lower() + message[1:]
    if hint:
        message = "it must be " + hint.removeprefix("allowed: ")
    shown = "" if isinstance(value, dict) else f"{_shown(value)} was entered; "
    return f"{where}: {shown}{message}"


_UNITS = {"nrs": "(0-10)", "min": "(minutes)", "km": "(km)", "s": "(seconds)"}


def _where(loc: tuple[Any, ...]) -> str:
    words: list[str] = []
    for part in loc:
        if isinstance(part, int):  # the n-th of a list: "run 1"
            head = words.pop() if words else "item"
            words.append(f"{head.removesuffix('s')} {part + 1}")
            continue
        name, _, unit = str(part).rpartition("_")
        if unit not in _UNITS or not name:
            name, unit = str(part), ""
        words.append(name.replace("_", " ") + (f" {_UNITS[unit]}" if unit else ""))
    return ", ".join(words) or "entry"


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
