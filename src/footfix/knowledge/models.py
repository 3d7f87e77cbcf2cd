"""One pydantic schema for every knowledge file (``src/footfix/kb/*.yaml``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from footfix.domain.result import PhaseId
from footfix.knowledge.conditions import Cond, parse_condition
from footfix.knowledge.pose_models import Figure

Id = Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
Category = Literal[
    "mobility",
    "strength",
    "plyometrics",
    "efficiency",
    "unloading",
    "return_to_run",
    "load",
    "education",
    "referral",
]
PhaseName = PhaseId
TissueGroup = Literal[
    "fascia",
    "fat_pad",
    "bone",
    "nerve",
    "spine",
    "tendon",
    "ligament",
    "joint",
    "muscle",
    "apophysis",
    "systemic",
]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _cond(raw: Any) -> Cond:
    if isinstance(raw, Cond):
        return raw
    return parse_condition(raw)


class Reference(_Entry):
    id: Id
    citation: str
    kind: Literal["article", "guideline", "study", "review", "secondary", "expert"]
    url: str | None = None
    note: str | None = None
    # the source reports sensitivity and specificity: a weight citing it must give them or say
    # why its ratio is an estimate
    reports_accuracy: bool = False


class Tissue(_Entry):
    id: Id
    title: str
    group: TissueGroup
    feels_like: str
    told_apart_by: str
    approach: str
    healing: str
    sources: list[Id] = Field(min_length=1)


class Match(_Entry):
    """How a finding is read off its field. Exactly one kind of test is given."""

    equals: bool | str | None = None
    lt: float | None = None
    le: float | None = None
    gt: float | None = None
    ge: float | None = None
    deficit_abs: float | None = Field(default=None, gt=0)  # this side lower than the other by ≥
    deficit_lsi_pct: float | None = Field(default=None, gt=0, lt=100)  # this side < X% of other
    excess_abs: float | None = Field(default=None, gt=0)  # this side higher than the other by ≥
    balance_beyond: float | None = Field(default=None, gt=0, lt=20)  # % from 50, longer side


class FindingDef(_Entry):
    id: str = Field(pattern=r"^[a-z0-9_.]+:[a-z0-9_]+$")
    title: str
    field: str = Field(pattern=r"^[a-z0-9_.]+$")
    match: Match
    sources: list[Id] = Field(default_factory=list)


class Accuracy(_Entry):
    """Published test accuracy for one target tissue; the weight's ratio must follow from it."""

    target: Id
    sens: float = Field(gt=0, lt=1)
    spec: float = Field(gt=0, le=1)  # 1.0 gives no finite LR+: mark such a weight an estimate
    reads: Literal["positive", "negative"]  # LR+ = sens/(1-spec); LR- = (1-sens)/spec


class Weight(_Entry):
    finding: str
    lr: dict[Id, Annotated[float, Field(gt=0, le=100)]]
    sources: list[Id] = Field(min_length=1)
    note: str | None = None
    accuracy: Accuracy | None = None  # the cited figures, recomputed by `footfix kb check`
    # findings that describe one thing (first-step pain, pain after sitting, warming up...) share
    # a cluster: per tissue only the strongest of them counts, so the pattern counts once
    cluster: Id | None = None
    estimate: str | None = None  # why the ratio is an estimate rather than a published figure


class Prior(_Entry):
    p: float = Field(gt=0, lt=1)
    sources: list[Id] = Field(min_length=1)


class Differential(_Entry):
    priors: dict[Id, Prior]
    weights: list[Weight]


class RedFlag(_Entry):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    id: Id
    title: str
    urgency: Literal["routine", "urgent", "emergency"]
    when: Cond
    action: str
    phase: PhaseName | None = None  # the phase this flag forces
    max_phase: PhaseName | None = None  # the furthest phase allowed while it stands
    # "Not excluded": the flag is not raised, but the evidence cannot rule its condition out.
    # Then the phase is capped (`possible_max_phase`) and impact and heavy loading wait.
    possible_when: Cond | None = None
    excluded_when: Cond | None = None  # evidence that rules the condition out
    would_exclude: str | None = None  # what the runner or a clinician can do to exclude it
    possible_max_phase: PhaseName = "rehab_no_running"
    sources: list[Id] = Field(min_length=1)

    _parse_when = field_validator("when", mode="before")(_cond)
    _parse_possible = field_validator("possible_when", "excluded_when", mode="before")(
        lambda v: None if v is None else _cond(v)
    )


class RootCauseRule(_Entry):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    id: Id
    title: str
    mechanism: str
    sided: bool
    when: Cond
    unless: Cond | None = None
    only_side: Literal["painful", "other"] | None = None
    sources: list[Id] = Field(min_length=1)

    _parse = field_validator("when", "unless", mode="before")(
        lambda v: None if v is None else _cond(v)
    )


class Gate(_Entry):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    id: Id
    text: str
    passes: Cond  # the criterion is met (only with evidence: a finding, or `asks` answered)
    fails: Cond | None = None  # the criterion is clearly not met (else: not yet known)
    asks: list[str] = Field(default_factory=list)  # case fields whose answers settle it
    required: bool = True  # False: holds a runner back only when it fails
    only_if: Cond | None = None  # the criterion applies only when this holds
    question: str | None = None  # what to ask when it is not yet known (else: the interview's)
    sources: list[Id] = Field(min_length=1)

    _parse = field_validator("passes", "fails", "only_if", mode="before")(
        lambda v: None if v is None else _cond(v)
    )


class Monitor(_Entry):
    """Watched and reported alongside a phase, never a gate."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    id: Id
    text: str
    watch: Cond  # when it holds, the findings behind it are shown
    sources: list[Id] = Field(min_length=1)

    _parse = field_validator("watch", mode="before")(_cond)


class Phase(_Entry):
    id: PhaseName
    title: str
    description: str
    entry_gate: list[Gate] = Field(default_factory=list)
    monitored: list[Monitor] = Field(default_factory=list)
    sources: list[Id] = Field(min_length=1)


class Timeline(_Entry):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    id: Id
    when: Cond
    text: str
    sources: list[Id] = Field(min_length=1)

    _parse = field_validator("when", mode="before")(_cond)


class UnitPair(_Entry):
    km: float = Field(gt=0)
    mi: float = Field(gt=0)

    def in_units(self, units: str) -> float:
        """The figure for the runner's unit system (a distance in km either way)."""
        return self.km if units == "km" else self.mi * 1.609344


class FlatGate(UnitPair):
    km_text: str
    mi_text: str

    def text(self, units: str) -> str:
        return self.km_text if units == "km" else self.mi_text


class ProtectExit(_Entry):
    walk_stand_min: float = Field(gt=0)
    first_step_max_nrs: float = Field(ge=0, le=10)


class FlatExit(_Entry):
    run_max_nrs: float = Field(ge=0, le=10)
    continuous_runs: int = Field(ge=1)
    window_days: int = Field(ge=1)
    calm_days: int = Field(ge=1)


class HillsExit(_Entry):
    min_days: int = Field(ge=1)
    quiet_days: int = Field(ge=1)
    window_days: int = Field(ge=1)
    quiet_max_nrs: float = Field(ge=0, le=10)
    load_elements: int = Field(ge=1)
    runs: int = Field(ge=1)


class LadderStep(_Entry):
    run_min: float = Field(gt=0)
    walk_min: float = Field(ge=0)
    repeats: int = Field(ge=1)
    cap: UnitPair


class Progression(_Entry):
    """Every number of the gated return, shared by the assessment, the plan and tracking."""

    flat_gate: FlatGate
    walk_stand_near_pain_free_min: float = Field(gt=0)
    near_pain_free_nrs: float = Field(ge=0, le=10)
    gate_logged_days: int = Field(ge=1)
    gate_window_days: int = Field(ge=1)
    protect_exit: ProtectExit
    heel_raise_target_reps: float = Field(gt=0)
    flat_exit: FlatExit
    hills_exit: HillsExit
    step_back: dict[PhaseName, PhaseName]
    severe_flare_nrs: float = Field(ge=0, le=10)
    protect_walk_min: float = Field(ge=0)
    settled_runs_to_advance: int = Field(ge=1)
    run_walk_ladder: list[LadderStep] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)


class Phases(_Entry):
    phases: list[Phase]
    progression: Progression
    protect_when: Cond
    timelines: list[Timeline]

    _parse = field_validator("protect_when", mode="before")(_cond)

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Exercise(_Entry):
    id: Id
    title: str
    categories: list[Category] = Field(min_length=1)
    region: Literal[
        "hip_pelvis",
        "ribcage_spine",
        "foot_ankle",
        "nervous_system",
        "hips_core",
        "whole_body",
        "footwear",
        "running",
        "care",
    ]
    sided: bool
    purpose: str
    steps: list[str] = Field(min_length=1)
    dose: str
    progression: str
    regression: str
    contraindications: list[str] = Field(default_factory=list)
    sources: list[Id] = Field(min_length=1)
    figure: Figure | None = None  # its key positions, drawn as a picture (pose_models.py)


class Avoid(_Entry):
    id: Id
    title: str
    why: str
    sources: list[Id] = Field(min_length=1)


class PlanRule(_Entry):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    item: Id
    phases: list[PhaseName] = Field(min_length=1)
    when: Cond
    unless: Cond | None = None
    because: str
    side_from: list[Id] = Field(default_factory=list)  # causes whose side the item follows
    priority: int = Field(default=50, ge=0, le=100)  # lower comes first in the plan
    sources: list[Id] = Field(default_factory=list)

    _parse = field_validator("when", "unless", mode="before")(
        lambda v: None if v is None else _cond(v)
    )


class AvoidRule(_Entry):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    avoid: Id
    when: Cond
    because: str
    blocks: list[str] = Field(default_factory=list)  # plan items or categories it keeps out

    _parse = field_validator("when", mode="before")(_cond)


class Question(_Entry):
    field: str
    question: str
    why: str
    outcomes: list[str] = Field(min_length=1)
    decides: list[Literal["referral", "phase", "root_cause", "tissue"]] = Field(
        default_factory=list
    )
    after: str | None = None  # ask only once this field is known
    # finding ids (FIELD:VALUE) of the symptoms it asks about: answered yes or no one at a time,
    # they settle it even when the field itself is unset (every answer was "no")
    answered_by: list[str] = Field(default_factory=list)
    # red-flag screens come before anything provocative; provocative tests (hopping, heel raises,
    # a filmed run) are held back while a red-flag condition is possible
    kind: Literal["red_flag_screen", "history", "self_test", "provocative"] = "history"
    # the interview question (interview.yaml id) whose how-to text applies: one home for every
    # how-to; the loader copies it into ``how_to`` (questions.yaml may not write one itself)
    test: Id | None = None
    how_to: str | None = None  # steps a runner can follow alone (every test needs them)


class Meta(_Entry):
    name: str
    schema_version: int
    disclaimer: str
    method: str
    # the referral item's dose, per urgency: a result states only the one that applies
    referral_dose: dict[Literal["emergency", "urgent", "routine"], str] = Field(
        default_factory=dict
    )
