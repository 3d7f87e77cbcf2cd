"""Schemas of the outcome measures (``kb/outcome_measures.yaml``), the codes used when footfix
writes FHIR (``kb/fhir_codes.yaml``) and the calendar pattern (``kb/schedule.yaml``).

A clinic licensed to use an instrument footfix does not ship adds it to
``outcome_measures.yaml`` as data (fixed items with their ranges, a scoring rule, its MCID and
its licence holder); nothing in Python names a measure.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from footfix.domain.result import PhaseId

Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScoreRange(_Entry):
    min: float
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> ScoreRange:
        if self.min >= self.max:
            raise ValueError(f"range min {self.min:g} must be below max {self.max:g}")
        return self


class FixedItem(_Entry):
    """An item whose wording the instrument fixes (a clinic's licensed form supplies it)."""

    id: Id
    text: Text
    range: ScoreRange


class ChosenItems(_Entry):
    """Items the person names themselves (the PSFS's activities), each rated on ``range``."""

    min_count: int = Field(ge=1, le=10)
    max_count: int = Field(ge=1, le=10)
    label_max_chars: int = Field(default=80, ge=10, le=200)
    range: ScoreRange


class Mcid(_Entry):
    """The smallest change that matters to the person, in score points."""

    points: float = Field(gt=0)
    sources: list[Id] = Field(min_length=1)
    note: str | None = None


class Schedule(_Entry):
    at_assessment: bool
    every_days: int | None = Field(default=None, ge=1, le=365)


class Licence(_Entry):
    status: Literal["open", "free_to_use", "clinic_licence"]
    note: Text
    holder: str | None = None  # who holds the licence when status is clinic_licence


class OutcomeMeasure(_Entry):
    id: Id
    title: Text
    abbreviation: Annotated[str, Field(min_length=1, max_length=20)]
    version: Annotated[str, Field(min_length=1, max_length=40)]
    instructions: Text  # footfix's own words, shown when the measure is collected
    better: Literal["higher", "lower"]
    range: ScoreRange  # of the score
    collected: Literal["record", "daily_log"]  # 'footfix outcome record' or the day's log
    scoring: Literal["single", "mean", "sum", "percent"]
    items: list[FixedItem] = Field(default_factory=list)
    chosen_items: ChosenItems | None = None
    min_answered_pct: float = Field(default=100, gt=0, le=100)
    mcid: Mcid
    schedule: Schedule
    licence: Licence
    sources: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_item_kind(self) -> OutcomeMeasure:
        if self.collected == "record" and bool(self.items) == (self.chosen_items is not None):
            raise ValueError(f"{self.id}: give either items or chosen_items")
        if self.licence.status == "clinic_licence" and not self.licence.holder:
            raise ValueError(f"{self.id}: a clinic-licensed measure names its licence holder")
        return self


class LeftOut(_Entry):
    """A well-known instrument footfix does not ship, and why."""

    id: Id
    title: Text
    why: Text
    sources: list[Id] = Field(min_length=1)


class OutcomeMeasures(_Entry):
    measures: list[OutcomeMeasure] = Field(min_length=1)
    left_out: list[LeftOut] = Field(default_factory=list)


class Coding(_Entry):
    system: Id  # a key of FhirCodes.systems
    code: Annotated[str, Field(min_length=1, max_length=64)]
    display: Text


class Unit(_Entry):
    ucum: Annotated[str, Field(min_length=1, max_length=30)]  # a UCUM expression
    display: Annotated[str, Field(min_length=1, max_length=30)]


class QuantityCode(_Entry):
    """How one measured value is coded: its codes (LOINC where one exists) and UCUM unit."""

    codes: list[Coding] = Field(min_length=1)
    unit: Unit
    category: Literal["exam", "activity", "survey", "vital-signs"]


class ConceptCode(_Entry):
    codes: list[Coding] = Field(min_length=1)


class FhirCodes(_Entry):
    systems: dict[Id, Annotated[str, Field(pattern=r"^(https?|urn):")]]
    # case fields (exam.*, gait.*, history.*), retests (named after them), log pain fields and
    # watch activity columns; ids are the names footfix uses for the value
    quantities: dict[str, QuantityCode]
    laterality: dict[Literal["left", "right", "both"], Coding]
    tissues: dict[Id, ConceptCode]  # the working hypothesis's code; the local one when none
    plan_categories: dict[Id, ConceptCode]
    outcome_measures: dict[Id, ConceptCode]
    fixed: dict[Id, Coding]  # the few codes the export's structure needs (categories etc.)


class RunDays(_Entry):
    weekdays: list[Annotated[int, Field(ge=0, le=6)]] = Field(min_length=1, max_length=7)


class Schedules(_Entry):
    """Which days a week's sessions fall on, and when in the day (the runner's time zone)."""

    run_days: dict[int, RunDays]  # runs per week → weekdays (0 Monday)
    exercise_days: dict[PhaseId, RunDays]
    exercise_start: Annotated[str, Field(pattern=r"^[0-2][0-9]:[0-5][0-9]$")]
    exercise_minutes: int = Field(ge=5, le=240)
    run_start: Annotated[str, Field(pattern=r"^[0-2][0-9]:[0-5][0-9]$")]
    run_minutes: int = Field(ge=5, le=480)
    default_weeks: int = Field(ge=1, le=26)
    max_weeks: int = Field(ge=1, le=52)
