"""The assessment result (result format 1, see docs/case-format.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Referral = Literal["none", "routine", "urgent", "emergency"]
SideText = Literal["left", "right", "both", "n/a"]
RelationText = Literal["same", "opposite", "both", "n/a"]
PhaseId = Literal[
    "refer_first",
    "protect_unload",
    "rehab_no_running",
    "return_to_run_flat",
    "progress_load_hills",
    "full_training",
]
PHASE_ORDER: tuple[str, ...] = PhaseId.__args__  # type: ignore[attr-defined]
REFERRAL_ORDER: tuple[str, ...] = Referral.__args__  # type: ignore[attr-defined]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class RedFlagOut(_Out):
    id: str
    title: str
    urgency: Referral
    action: str
    because: list[str]
    sources: list[str] = Field(default_factory=list)


class NotExcludedOut(_Out):
    """A red-flag condition the evidence cannot rule out yet (no referral by itself)."""

    id: str
    title: str
    urgency_if_confirmed: Referral
    because: list[str]
    would_exclude: str
    sources: list[str] = Field(default_factory=list)


Likelihood = Literal["likely", "possible", "less likely"]


class TissueOut(_Out):
    id: str
    title: str
    score: float  # a ranking weight (naive Bayes), not a calibrated probability
    likelihood: Likelihood = "possible"  # the score in words (project addition)
    because: list[str]
    against: list[str]
    approach: str = ""


class RootCauseOut(_Out):
    id: str
    title: str
    side: SideText
    relation: RelationText
    because: list[str]
    sources: list[str] = Field(default_factory=list)


class UnknownOut(_Out):
    id: str
    question: str
    why: str
    impact: float
    kind: str = "history"  # red_flag_screen | history | self_test | provocative
    how_to: str = ""  # for a test: how a runner does it alone


class GateOut(_Out):
    phase: PhaseId | None
    criteria: list[str]
    met: list[str] = Field(default_factory=list)
    unmet: list[str] = Field(default_factory=list)
    unknown: list[str] = Field(default_factory=list)  # not yet known: never counted as met
    would_open: list[str] = Field(default_factory=list)  # the questions that would settle them
    monitored: list[str] = Field(default_factory=list)  # watched, never a gate


class PlanItemOut(_Out):
    id: str
    title: str
    categories: list[str]
    dose: str
    because: list[str]
    side: SideText = "n/a"
    sources: list[str] = Field(default_factory=list)
    priority: int = 50  # lower first; the plan is listed in this order
    session: Literal["focus", "later"] = "focus"  # the focused session, or for later


class AvoidOut(_Out):
    id: str
    title: str
    because: list[str]


class AssessmentResult(_Out):
    case_id: str
    result_format: Literal[1] = 1
    knowledge_version: str
    # False when the case holds too little to assess: no tissue, cause, timeline or plan is
    # offered, `assess_note` says so and `unknowns` are the first questions to answer
    assessed: bool = True
    assess_note: str = ""
    referral: Referral
    red_flags: list[RedFlagOut]
    not_excluded: list[NotExcludedOut] = Field(default_factory=list)  # project addition
    tissues: list[TissueOut]
    root_causes: list[RootCauseOut]
    unknowns: list[UnknownOut]
    phase: PhaseId
    phase_because: list[str] = Field(default_factory=list)
    next_gate: GateOut
    expected_timeline: str = ""
    expected_timeline_id: str = ""  # the knowledge base's timeline entry (mild, bone, ...)
    plan: list[PlanItemOut]
    avoid: list[AvoidOut] = Field(default_factory=list)
    evidence_sources: list[str] = Field(default_factory=list)
    evidence_notes: list[str] = Field(default_factory=list)  # what each source read or skipped
    units: Literal["km", "mi"] = "km"
    # red-flag screen questions the case leaves unanswered (services fill it): while any is
    # open, a referral of "none" means "none found so far", never "no referral needed"
    red_flag_screen_unanswered: list[str] = Field(default_factory=list)
    disclaimer: str
