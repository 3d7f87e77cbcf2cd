"""How sure each metric is: one stated rule, computed from what the metric rests on.

A metric's confidence is the lowest of these grades (docs/stride-video.md states the same rule):

* **strides** - clean strides behind it (per side for per-side metrics, the smaller side counts):
  6 or more = high, 4-5 = moderate, 3 = low, fewer = unknown. A metric from fewer than
  ``MIN_STRIDES_HIGH`` strides is therefore never high.
* **frames** - how finely the clip samples what the metric needs. Cadence and whole-stride
  measures need frames per *step*: 8 = high, 5 = moderate, 4 = low. Contact time, duty factor
  and anything read at contact or toe-off need frames per *contact*, because each event is only
  known to about a frame and the foot turns from toes-up to flat within a frame or two:
  16 = high, 10 = moderate, 8 = low, fewer = unknown. A 250 ms running contact at 30 fps spans
  about 7.5 frames, so these metrics need 60 fps for running (30 fps is enough for walking).
* **visibility** - median MediaPipe visibility of the leg keypoints used: 0.8 = high,
  0.6 = moderate, 0.4 = low.
* **size** - the runner's leg length in pixels (keypoint jitter is a few pixels whatever the
  size): 150 = high, 100 = moderate, 60 = low (below that the clip is refused).
* **view and method caps** - rear-view metrics stay low until they are validated on real rear
  footage; foot angle, trunk lean and vertical oscillation are at most moderate (coarse foot
  keypoints, camera tilt, hip keypoint drift).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from footfix.gait.metrics_model import Confidence, Metric, cap

MIN_STRIDES_HIGH = 6
_ORDER: list[Confidence] = ["unknown", "low", "moderate", "high"]
_STRIDES = (6, 4, 3)
_FRAMES = {"step": (8.0, 5.0, 4.0), "contact": (16.0, 10.0, 8.0)}
_VISIBILITY = (0.8, 0.6, 0.4)
_SIZE_PX = (150.0, 100.0, 60.0)
MIN_LEG_PX = _SIZE_PX[2]
#: frames per step below which nothing (not even cadence) can be timed
MIN_FRAMES_PER_STEP = _FRAMES["step"][2]

Needs = Literal["step", "contact"]

#: what each metric's timing rests on; metrics not listed need frames per step
CONTACT_TIMED = frozenset(
    {
        "contact_time_ms",
        "duty_factor",
        "gct_balance_left_pct",
        "foot_strike_angle_deg",
        "overstride_ratio",
        "shank_angle_deg",
        "knee_flexion_contact_deg",
        "knee_flexion_midstance_deg",
        "knee_give_deg",
        "hip_extension_toe_off_deg",
        "landing_offset_ratio",
        "pelvic_drop_deg",
    }
)
#: metrics that use leg keypoints' positions (size and visibility matter)
KEYPOINT_SHAPE = CONTACT_TIMED - {"contact_time_ms", "duty_factor", "gct_balance_left_pct"} | {
    "thigh_lift_swing_deg",
    "trunk_lean_deg",
    "vertical_oscillation_pct",
}
#: measured from every contact of both feet (the hidden-leg filter does not apply)
WHOLE_GAIT = frozenset({"cadence_spm", "stride_time_ms"})
_CAPS: dict[str, tuple[Confidence, str]] = {
    "foot_strike_angle_deg": ("moderate", "foot keypoints are coarse (heel and toe only)"),
    "trunk_lean_deg": ("moderate", "assumes a level camera"),
    "vertical_oscillation_pct": ("moderate", "hip keypoint drifts with the shorts and torso"),
    "landing_offset_ratio": ("low", "rear-view metrics are not yet validated on real footage"),
    "pelvic_drop_deg": ("low", "rear-view metrics are not yet validated on real footage"),
}


@dataclass(frozen=True)
class Basis:
    """What the clip offers a metric."""

    strides: dict[str, int]  # clean strides per side ("left", "right") or "both" for cadence
    frames_per_step: float
    frames_per_contact: float
    visibility: dict[str, float]  # median leg visibility per side
    leg_px: float
    fps: float


def _level(value: float, bounds: tuple[float, float, float]) -> Confidence:
    high, moderate, low = bounds
    if value >= high:
        return "high"
    if value >= moderate:
        return "moderate"
    return "low" if value >= low else "unknown"


def grade(key: str, basis: Basis, sides: tuple[str, ...]) -> tuple[Confidence, list[str]]:
    """(confidence, reasons for anything below high) for metric ``key`` measured on ``sides``."""
    grades: list[tuple[Confidence, str]] = []
    strides = min(basis.strides.get(s, 0) for s in sides) if sides else 0
    grades.append(
        (_level(strides, _STRIDES), f"{strides} clean strides ({MIN_STRIDES_HIGH} for high)")
    )
    needs: Needs = "contact" if key in CONTACT_TIMED else "step"
    frames = basis.frames_per_contact if needs == "contact" else basis.frames_per_step
    bounds = _FRAMES[needs]
    level = _level(frames, bounds)
    target = bounds[2] if level == "unknown" else bounds[0]
    wanted_fps = basis.fps * target / max(frames, 1e-6)
    goal = "to measure it" if level == "unknown" else "for high"
    grades.append(
        (
            level,
            f"{frames:.1f} frames per {needs} at {basis.fps:.0f} fps ({target:.0f} needed "
            f"{goal}: film at {10 * np.ceil(wanted_fps / 10):.0f} fps or more)",
        )
    )
    if key in KEYPOINT_SHAPE or key in CONTACT_TIMED:
        vis = min(basis.visibility.get(s, 0.0) for s in sides) if sides else 0.0
        grades.append((_level(vis, _VISIBILITY), f"leg keypoint visibility {vis:.2f}"))
    if key in KEYPOINT_SHAPE:
        grades.append(
            (_level(basis.leg_px, _SIZE_PX), f"runner's leg {basis.leg_px:.0f} px tall in frame")
        )
    if key in _CAPS:
        grades.append(_CAPS[key])
    worst = min(grades, key=lambda g: _ORDER.index(g[0]))[0]
    reasons = [why for level, why in grades if level == worst and level != "high"]
    return worst, reasons


def apply(metric: Metric, basis: Basis) -> Metric:
    """``metric`` with its confidence no higher than the rule allows."""
    if not metric.known:
        return metric
    sides = tuple(s for s in ("left", "right") if getattr(metric, s) is not None)
    if not sides or metric.spec.key in WHOLE_GAIT:
        sides = ("both",)
    level, reasons = grade(metric.spec.key, basis, sides)
    return cap(metric, level, "; ".join(reasons) if reasons else None)
