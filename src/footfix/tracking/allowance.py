"""What the runner may do this week, phase by phase, in plain words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from footfix.domain.units import format_distance
from footfix.tracking.gates import progression
from footfix.tracking.history import JudgedDay, PhaseState, RunnerProfile
from footfix.tracking.load_elements import ELEMENT_DOSE, established_elements, next_element
from footfix.tracking.progression import current_stage, stages

FLAT_SURFACES = ("road", "path", "track", "treadmill")


@dataclass(frozen=True)
class WeekAllowance:
    running_allowed: bool
    runs_per_week: int
    session: str
    distance_cap: str | None
    surfaces: tuple[str, ...]
    shoes: str
    new_load_element: str | None
    notes: tuple[str, ...]


def week_allowance(
    state: PhaseState,
    days_in_phase: Sequence[JudgedDay],
    profile: RunnerProfile,
    running_days: Sequence[JudgedDay] = (),
) -> WeekAllowance:
    """``running_days`` are the days since running last (re)started from no running: after a
    step back from hills the walk-run stage resumes one below the level reached, not at 1."""
    units = profile.units
    phase = state.phase
    if phase == "refer_first":
        return _no_running("see a clinician before any progression", "usual supportive shoes")
    if phase == "protect_unload":
        return _no_running(
            "relative rest: walk only as daily life needs; gentle mobility work",
            "stiff, supportive shoes; taping or a boot or night splint if advised",
        )
    if phase == "rehab_no_running":
        return _no_running(
            "daily mobility and strength work; build walking while pain stays 3/10 or less",
            "stiff, supportive shoes",
        )
    if phase == "return_to_run_flat":
        stage = current_stage(running_days or days_in_phase, units)
        return WeekAllowance(
            True,
            3,
            f"stage {stage.stage.number}/{len(stages())}: {stage.stage.describe(units)}",
            format_distance(stage.stage.cap_km[units], units),
            FLAT_SURFACES,
            "stiffer running shoes",
            None,
            ("run on alternate days; flat, even, firm ground; no hills", *stage.reasons),
        )
    if phase == "progress_load_hills":
        element = next_element(days_in_phase)
        done = established_elements(days_in_phase)
        dose = ELEMENT_DOSE[element] if element else "all four elements handled"
        return WeekAllowance(
            True,
            4,
            f"continuous runs; add only one new element this week: {dose}",
            format_distance(progression().flat_gate.in_units(units) * 1.25, units),
            (*FLAT_SURFACES, "grass", "trail") if "hills" in done else FLAT_SURFACES,
            "stiffer shoes; the softer pair for one run"
            if element == "softer_shoes"
            else "stiffer running shoes",
            element,
            (f"handled so far: {', '.join(done) or 'none'}",),
        )
    return WeekAllowance(
        True,
        5,
        "normal training; weekly distance up by no more than about 10%",
        None,
        ("any",),
        "your usual rotation",
        None,
        (
            "keep the maintenance mobility and strength work twice a week",
            "avoid any run more than 10% longer than your longest in the last 30 days",
        ),
    )


def _no_running(session: str, shoes: str) -> WeekAllowance:
    return WeekAllowance(False, 0, session, None, (), shoes, None, ("no running this week",))
