"""Week-by-week running allowance, in the runner's own units.

Flat running builds through walk-run stages to continuous runs (stages adapted from the clinical
reference 5.3–5.4: an expert-practice synthesis, not a trial protocol). A stage moves on after two
run days that settled by the next morning, repeats after a worse morning or 4–5/10 pain, and drops
one stage after pain above 5/10.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from footfix.domain.units import format_distance
from footfix.tracking.gates import progression
from footfix.tracking.history import JudgedDay


@dataclass(frozen=True)
class RunStage:
    number: int
    run_min: float
    walk_min: float
    repeats: int
    cap_km: dict[str, float]

    @property
    def continuous(self) -> bool:
        return self.walk_min == 0

    def describe(self, units: str) -> str:
        cap = format_distance(self.cap_km[units], units)
        if self.continuous:
            return f"continuous easy run of up to {self.run_min:g} min, at most {cap}"
        return (
            f"{self.repeats} × ({self.run_min:g} min easy running, {self.walk_min:g} min walking), "
            f"at most {cap} of running"
        )


@cache
def stages() -> tuple[RunStage, ...]:
    """The walk-run ladder of kb/phases.yaml (`progression.run_walk_ladder`)."""
    ladder = progression().run_walk_ladder
    return tuple(
        RunStage(
            i + 1,
            step.run_min,
            step.walk_min,
            step.repeats,
            {"km": step.cap.in_units("km"), "mi": step.cap.in_units("mi")},
        )
        for i, step in enumerate(ladder)
    )


@dataclass(frozen=True)
class StageState:
    stage: RunStage
    settled_at_stage: int
    reasons: tuple[str, ...]


def current_stage(days: Sequence[JudgedDay], units: str) -> StageState:
    """Replay the run days of the current phase to find today's stage."""
    ladder, to_advance = stages(), progression().settled_runs_to_advance
    index, settled, reasons = 0, 0, ["starting at the first walk-run stage"]
    for day in days:
        if not day.log.runs:
            continue
        verdict = day.verdict.verdict
        if verdict == "step_back":
            index, settled = max(0, index - 1), 0
            reasons.append(
                f"{day.day.isoformat()}: stepped back a stage ({day.verdict.reasons[0]})"
            )
        elif verdict == "progress":
            index = max(index, _stage_shown_by(day, units))
            settled += 1
            if settled >= to_advance and index < len(ladder) - 1:
                index, settled = index + 1, 0
                reasons.append(f"{day.day.isoformat()}: two settled run days, next stage")
    return StageState(ladder[index], settled, tuple(reasons[-3:]))


def _stage_shown_by(day: JudgedDay, units: str) -> int:
    """A settled continuous run as long as a stage's cap shows that stage was managed."""
    best = 0
    for run in day.log.runs:
        for i, stage in enumerate(stages()):
            if (
                stage.continuous
                and run.continuous
                and run.distance_km >= stage.cap_km[units] - 0.05
            ):
                best = max(best, i)
    return best
