"""One day's recovery log, validated on the way in.

Distances are kept in kilometres (``distance_km``) whatever the runner's units, so that stored data
never depends on a display preference; the interfaces convert at the edges. Pain is 0–10 (NRS).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Nrs = Annotated[float, Field(ge=0, le=10)]
Minutes = Annotated[float, Field(ge=0, le=1440)]
MorningResponse = Literal["better", "same", "worse"]
Surface = Literal["road", "path", "gravel", "track", "treadmill", "trail", "grass", "mixed"]
Shoes = Literal["stiff", "usual", "soft", "minimal", "barefoot"]
LogSide = Literal["left", "right", "both"]
# Each retest is named after the case field it repeats (exam.heel_raise_single_leg_reps, ...).
RetestKind = Literal[
    "heel_raise_single_leg_reps",
    "knee_to_wall_cm",
    "hop_count",
    "single_leg_balance_s",
    "brisk_walk_min",
]
LogRedFlag = Literal[
    "night_pain",
    "rest_pain",
    "numbness_or_tingling",
    "swelling",
    "bruising",
    "fever_or_unwell",
    "unable_to_bear_weight",
    "bony_tenderness",
    "saddle_numbness",
    "bladder_bowel_change",
    "calf_swelling",
    "cold_pale_foot",
]
SURFACES: tuple[str, ...] = Surface.__args__  # type: ignore[attr-defined]
SHOES: tuple[str, ...] = Shoes.__args__  # type: ignore[attr-defined]
RETEST_KINDS: tuple[str, ...] = RetestKind.__args__  # type: ignore[attr-defined]
LOG_RED_FLAGS: tuple[str, ...] = LogRedFlag.__args__  # type: ignore[attr-defined]

# Plausible ranges per retest; a typo such as 300 cm knee-to-wall is rejected, not stored.
RETEST_RANGES: dict[str, tuple[float, float]] = {
    "heel_raise_single_leg_reps": (0, 200),
    "knee_to_wall_cm": (-5, 25),
    "hop_count": (0, 500),
    "single_leg_balance_s": (0, 600),
    "brisk_walk_min": (0, 600),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RunDetails(_Strict):
    """A run's details beside its distance (what the log stores and what interfaces take)."""

    duration_min: Annotated[float, Field(gt=0, le=1800)] | None = None
    surface: Surface | None = None
    hills: bool = False
    continuous: bool = True
    run_min: Annotated[float, Field(gt=0, le=600)] | None = None
    walk_min: Annotated[float, Field(gt=0, le=600)] | None = None
    shoes: Shoes | None = None
    sprints: bool = False


class RunEntry(RunDetails):
    distance_km: Annotated[float, Field(gt=0, le=300)]

    @model_validator(mode="after")
    def _intervals_mean_walk_breaks(self) -> RunEntry:
        if self.continuous and self.walk_min is not None:
            raise ValueError("a run with walk_min has walk breaks: set continuous to false")
        return self


class ExerciseEntry(_Strict):
    exercise: Annotated[str, Field(pattern=r"^[a-z0-9_]{2,60}$")]
    sets: Annotated[int, Field(ge=1, le=50)]
    reps: Annotated[int, Field(ge=1, le=500)]
    side: LogSide | None = None


# Names used before retests were named after their case fields; read as the new name.
LEGACY_RETEST_NAMES = {"heel_raise_reps": "heel_raise_single_leg_reps"}


def retest_name(test: str) -> str:
    """The current name of a retest (stored rows are read back under the short legacy one)."""
    return LEGACY_RETEST_NAMES.get(test, test)


class RetestEntry(_Strict):
    test: RetestKind
    value: float
    side: LogSide | None = None
    pain_nrs: Nrs | None = None

    @field_validator("test", mode="before")
    @classmethod
    def _legacy_name(cls, value: object) -> object:
        return LEGACY_RETEST_NAMES.get(value, value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _value_in_range(self) -> RetestEntry:
        low, high = RETEST_RANGES[self.test]
        if not low <= self.value <= high:
            raise ValueError(f"{self.test} value {self.value:g} is outside {low:g}–{high:g}")
        return self


class DayLog(_Strict):
    """What happened on one calendar day (the runner's local day)."""

    day: dt.date
    first_step_pain_nrs: Nrs | None = None
    pain_during_nrs: Nrs | None = None
    pain_after_nrs: Nrs | None = None
    next_morning: MorningResponse | None = None
    walk_stand_tolerance_min: Minutes | None = None
    runs: tuple[RunEntry, ...] = ()
    exercises: tuple[ExerciseEntry, ...] = ()
    retests: tuple[RetestEntry, ...] = ()
    red_flags: tuple[LogRedFlag, ...] = ()
    notes: Annotated[str, Field(max_length=4000)] | None = None

    @property
    def activity_pain_nrs(self) -> float | None:
        """The worse of pain during and after activity: what the pain-monitoring model reads."""
        values = [v for v in (self.pain_during_nrs, self.pain_after_nrs) if v is not None]
        return max(values) if values else None

    @property
    def run_km(self) -> float:
        return sum(run.distance_km for run in self.runs)
