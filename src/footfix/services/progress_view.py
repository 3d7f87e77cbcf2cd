"""The progress report as one typed shape: what `footfix progress --json` prints and the API's
progress endpoint serves (docs/json-output.md)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from footfix.services.week_summary import ProgressOverview, WeekSummary
from footfix.tracking.report import json_plain


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CriterionOut(_Model):
    text: str
    met: bool
    known: bool  # false: the logs cannot tell yet; never counted as met
    detail: str
    gate: bool  # false: shown and watched, never holds the runner back


class GateOut(_Model):
    target: str | None
    closeness: float  # share of gating criteria met, 0–1
    criteria: list[CriterionOut]


class FlareOut(_Model):
    severity: Literal["minor", "major"]
    day: dt.date
    peak_pain_nrs: float
    reasons: list[str]


class DecisionOut(_Model):
    phase: str
    changed: bool
    reasons: list[str]
    gate: GateOut
    flare: FlareOut | None
    red_flags: list[str]


class AllowanceOut(_Model):
    running_allowed: bool
    runs_per_week: int
    session: str
    distance_cap: str | None
    surfaces: list[str]
    shoes: str
    new_load_element: str | None
    notes: list[str]


class TimelineOut(_Model):
    weeks_elapsed: float
    expected_weeks: tuple[int, int]
    on_track: bool
    prompts: list[str]


class WeekTrendOut(_Model):
    week_start: dt.date
    days_logged: int
    first_step_pain_mean: float | None
    activity_pain_max: float | None
    run_km: float
    walk_stand_max_min: float | None


class RetestOut(_Model):
    day: dt.date
    test: str
    side: str | None
    value: float
    source: Literal["log", "assessment"]


class PhaseChangeOut(_Model):
    effective_date: dt.date
    evidence_from: dt.date
    from_phase: str | None
    to_phase: str
    reasons: list[str]
    source: str


class DayOut(_Model):
    day: dt.date
    first_step_pain_nrs: float | None
    activity_pain_nrs: float | None
    walk_stand_tolerance_min: float | None
    run_km: float
    flare: Literal["minor", "major"] | None


class FlareSeenOut(_Model):
    day: dt.date
    severity: str
    reasons: list[str]


class RunOut(_Model):
    day: dt.date
    distance_km: float
    recorded: Literal["log", "watch", "log and watch"]


class NextGateOut(_Model):
    phase: str | None
    closeness: float  # rounded to 0.01


class ProgressView(_Model):
    """One runner's progress on a day; distances in kilometres (`summary` is in their units)."""

    runner: str
    as_of: dt.date
    phase: str
    phase_since: dt.date
    decision: DecisionOut
    allowance: AllowanceOut
    timeline: TimelineOut
    trends: list[WeekTrendOut]
    retests: list[RetestOut]
    history: list[PhaseChangeOut]
    days: list[DayOut]
    flares: list[FlareSeenOut]
    notes: list[str]
    runs: list[RunOut]
    next_gate: NextGateOut
    summary: WeekSummary


def progress_view(found: ProgressOverview) -> ProgressView:
    report = found.report
    plain = report.to_dict()
    plain["decision"]["gate"]["closeness"] = round(report.decision.gate.closeness, 2)
    return ProgressView.model_validate(
        {"runner": found.runner.name, **json_plain(plain), "summary": found.summary}
    )
