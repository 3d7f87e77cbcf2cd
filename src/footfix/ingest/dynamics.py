"""Running dynamics per run and over time, from running samples only.

Walking breaks and stops are left out: a sample counts when its speed is at least
``RUNNING_SPEED_MPS`` (or, on a treadmill without speed, when the cadence is a running cadence).
Stance-time balance is judged only on flat runs; hills move it away from 50/50 on their own
(Garmin's note on the metric). Garmin's bands for balance: up to 50.7 % either side is even,
50.8–52.2 % is moderate (orange) and above 52.2 % is marked (red).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import datetime

from footfix.ingest.activity import Activity

RUNNING_SPEED_MPS = 1.9  # about 8:45 min/km; slower is walking for nearly every runner
RUNNING_CADENCE_SPM = 130.0  # walking cadence rarely passes this
FLAT_ASCENT_M_PER_KM = 10.0
GAP_S = 10.0  # a longer silence between samples is a recording gap
BALANCE_ORANGE_PCT = 50.8
BALANCE_RED_PCT = 52.2


@dataclass(frozen=True, slots=True)
class RunDynamics:
    start_utc: datetime
    source: str
    cadence_spm: float | None
    stance_time_ms: float | None
    balance_left_pct: float | None
    vertical_ratio_pct: float | None
    vertical_oscillation_mm: float | None
    step_length_mm: float | None
    running_share: float  # share of samples that were running
    gaps: int
    flat: bool
    treadmill: bool
    speed_mps: float | None

    @property
    def balance_side(self) -> str | None:
        """The side with the longer ground contact, when beyond the even band."""
        if self.balance_left_pct is None or abs(self.balance_left_pct - 50) < 0.8:
            return None
        return "left" if self.balance_left_pct > 50 else "right"


def _median(values: list[float]) -> float | None:
    present = [v for v in values if not math.isnan(v)]
    return statistics.median(present) if present else None


def run_dynamics(run: Activity) -> RunDynamics:
    s = run.samples
    keep = []
    for i in range(len(s.time_s)):
        speed, cadence = s.speed_mps[i], s.cadence_spm[i]
        if not math.isnan(speed):
            keep.append(speed >= RUNNING_SPEED_MPS)
        else:
            keep.append(not math.isnan(cadence) and cadence >= RUNNING_CADENCE_SPM)

    def pick(values: tuple[float, ...]) -> list[float]:
        return [v for v, k in zip(values, keep, strict=True) if k]

    gaps = sum(1 for a, b in zip(s.time_s, s.time_s[1:], strict=False) if b - a > GAP_S)
    ascent_per_km = (run.ascent_m or 0.0) / (run.distance_m / 1000) if run.distance_m > 0 else 0.0
    median_cadence = _median([c for c in pick(s.cadence_spm) if c >= RUNNING_CADENCE_SPM])
    return RunDynamics(
        start_utc=run.start_utc,
        source=run.source,
        cadence_spm=median_cadence,
        stance_time_ms=_median([v for v in pick(s.stance_time_ms) if v > 0]),
        balance_left_pct=_median([v for v in pick(s.stance_balance_left_pct) if 30 <= v <= 70]),
        vertical_ratio_pct=_median([v for v in pick(s.vertical_ratio_pct) if v > 0]),
        vertical_oscillation_mm=_median([v for v in pick(s.vertical_oscillation_mm) if v > 0]),
        step_length_mm=_median([v for v in pick(s.step_length_mm) if v > 0]),
        running_share=sum(keep) / len(keep) if keep else 0.0,
        gaps=gaps,
        flat=ascent_per_km < FLAT_ASCENT_M_PER_KM,
        treadmill=run.is_treadmill,
        speed_mps=_median(pick(s.speed_mps)),
    )


@dataclass(frozen=True, slots=True)
class Asymmetry:
    side_longer_contact: str  # left | right
    median_left_pct: float
    runs_counted: int
    runs_in_red: int


def persistent_asymmetry(runs: list[RunDynamics], min_runs: int = 3) -> Asymmetry | None:
    """Balance beyond the red band on most flat, easy runs (not one odd run)."""
    usable = [r for r in runs if r.flat and r.balance_left_pct is not None]
    speeds = [r.speed_mps for r in usable if r.speed_mps is not None]
    if speeds:  # easy runs: not faster than the runner's usual pace by more than 10 %
        usual = statistics.median(speeds)
        usable = [r for r in usable if r.speed_mps is None or r.speed_mps <= 1.1 * usual]
    if len(usable) < min_runs:
        return None
    balances = [r.balance_left_pct for r in usable if r.balance_left_pct is not None]
    median = statistics.median(balances)
    side = "left" if median > 50 else "right"
    beyond = [
        b for b in balances if abs(b - 50) > BALANCE_RED_PCT - 50 and (b > 50) == (side == "left")
    ]
    if abs(median - 50) <= BALANCE_RED_PCT - 50 or len(beyond) * 3 < len(balances) * 2:
        return None
    return Asymmetry(side, median, len(balances), len(beyond))
