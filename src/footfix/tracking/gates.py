"""Gates between phases, checked against the logs kept since the current phase began.

The order follows the whole-body fix-it approach for plantar foot pain (J. Uhan, iRunFar): running
starts once walking and standing are close to pain-free; it stays on flat, firm ground until some
4–5 miles (6–8 km) feel fine; then one new kind of load is added at a time. The numeric thresholds
for walking and first-step pain come from the clinical reference (5.3) and are expert practice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from footfix.domain.result import PhaseId
from footfix.domain.units import KM_PER_MI, format_distance
from footfix.tracking.history import JudgedDay, PhaseState, RunnerProfile, between, last_days
from footfix.tracking.load_elements import established_elements

FLAT_TARGET_KM = {"km": 6.0, "mi": 4 * KM_PER_MI}
NEAR_PAIN_FREE_NRS = 2.0
WALK_TARGET_MIN = 30.0
HEEL_RAISE_TARGET_REPS = 20.0
FULL_TRAINING_MIN_DAYS = 7


@dataclass(frozen=True)
class Criterion:
    text: str
    met: bool
    detail: str = ""


@dataclass(frozen=True)
class GateStatus:
    target: PhaseId | None
    criteria: tuple[Criterion, ...]

    @property
    def met(self) -> bool:
        return self.target is not None and all(c.met for c in self.criteria)

    @property
    def closeness(self) -> float:
        """Share of criteria met, 0–1 (1 when there is no further gate)."""
        if not self.criteria:
            return 1.0
        return sum(c.met for c in self.criteria) / len(self.criteria)


GateCheck = Callable[[list[JudgedDay], dt.date, RunnerProfile, PhaseState], list[Criterion]]


def evaluate_gate(
    state: PhaseState, days: Sequence[JudgedDay], as_of: dt.date, profile: RunnerProfile
) -> GateStatus:
    """Which phase comes next and which of its criteria the logs already show."""
    target, check = _GATES.get(state.phase, (None, None))
    if check is None:
        return GateStatus(target, ())
    in_phase = between(days, state.evidence_from, as_of)
    return GateStatus(target, tuple(check(in_phase, as_of, profile, state)))


def _logged(days: list[JudgedDay], as_of: dt.date, count: int, window: int) -> list[JudgedDay]:
    recent = last_days(days, as_of, window)
    return recent[-count:] if len(recent) >= count else []


def _unload_to_rehab(
    days: list[JudgedDay], as_of: dt.date, _p: RunnerProfile, _s: PhaseState
) -> list[Criterion]:
    recent = _logged(days, as_of, 3, 5)
    walk = bool(recent) and all((d.log.walk_stand_tolerance_min or 0) >= 15 for d in recent)
    first = bool(recent) and all((d.log.first_step_pain_nrs or 0) <= 6 for d in recent)
    return [
        Criterion("walking or standing 15 min or more on 3 recent logged days", walk),
        Criterion("first-step pain 6/10 or less on those days", first),
    ]


def _rehab_to_flat(
    days: list[JudgedDay], as_of: dt.date, _p: RunnerProfile, _s: PhaseState
) -> list[Criterion]:
    recent = _logged(days, as_of, 3, 5)
    walk = bool(recent) and all(
        (d.log.walk_stand_tolerance_min or 0) >= WALK_TARGET_MIN
        and d.log.activity_pain_nrs is not None
        and d.log.activity_pain_nrs <= NEAR_PAIN_FREE_NRS
        for d in recent
    )
    first = bool(recent) and all(
        d.log.first_step_pain_nrs is not None and d.log.first_step_pain_nrs <= 3 for d in recent
    )
    mornings = bool(recent) and all(d.response != "worse" for d in recent)
    raises = [r.value for d in days for r in d.log.retests if r.test == "heel_raise_reps"]
    raise_ok = not raises or raises[-1] >= HEEL_RAISE_TARGET_REPS
    raise_detail = f"last {raises[-1]:g}" if raises else "not retested yet; worth checking"
    return [
        Criterion("walking and standing 30 min or more at 2/10 or less, 3 logged days", walk),
        Criterion("first-step pain 3/10 or less on those days", first),
        Criterion("no morning worse than the one before on those days", mornings),
        Criterion("single-leg heel raises: 20 or more", raise_ok, raise_detail),
    ]


def _flat_to_hills(
    days: list[JudgedDay], as_of: dt.date, profile: RunnerProfile, _s: PhaseState
) -> list[Criterion]:
    target_km = FLAT_TARGET_KM[profile.units]
    shown = format_distance(target_km, profile.units)
    long_flat = any(
        d.verdict.verdict == "progress"
        and any(
            r.continuous and not r.hills and r.distance_km >= target_km - 0.05 for r in d.log.runs
        )
        for d in days
    )
    recent = last_days(days, as_of, 10)
    continuous = sum(1 for d in recent for r in d.log.runs if r.continuous)
    calm = all(d.verdict.verdict != "step_back" for d in last_days(days, as_of, 7))
    return [
        Criterion(
            f"a continuous flat run of {shown} at 3/10 or less, settled next morning", long_flat
        ),
        Criterion(
            "3 or more continuous runs in the last 10 days", continuous >= 3, f"{continuous}"
        ),
        Criterion("no flare in the last 7 days", calm),
    ]


def _hills_to_full(
    days: list[JudgedDay], as_of: dt.date, _p: RunnerProfile, state: PhaseState
) -> list[Criterion]:
    in_phase_days = (as_of - state.evidence_from).days + 1
    recent = last_days(days, as_of, 7)
    quiet = len(recent) >= 5 and all(_max_pain(d) <= 1 for d in recent)
    runs = sum(len(d.log.runs) for d in recent)
    elements = established_elements(days)
    return [
        Criterion(
            f"{FULL_TRAINING_MIN_DAYS} days or more in this phase",
            in_phase_days >= FULL_TRAINING_MIN_DAYS,
            f"{in_phase_days}",
        ),
        Criterion("pain 1/10 or less on 5+ logged days of the last 7", quiet),
        Criterion(
            "2 or more new load elements handled well", len(elements) >= 2, ", ".join(elements)
        ),
        Criterion("3 or more runs in the last 7 days", runs >= 3, f"{runs}"),
    ]


def _max_pain(day: JudgedDay) -> float:
    values = (day.log.first_step_pain_nrs, day.log.pain_during_nrs, day.log.pain_after_nrs)
    return max((v for v in values if v is not None), default=0.0)


_GATES: dict[str, tuple[PhaseId | None, GateCheck | None]] = {
    "refer_first": (None, None),
    "protect_unload": ("rehab_no_running", _unload_to_rehab),
    "rehab_no_running": ("return_to_run_flat", _rehab_to_flat),
    "return_to_run_flat": ("progress_load_hills", _flat_to_hills),
    "progress_load_hills": ("full_training", _hills_to_full),
    "full_training": (None, None),
}
