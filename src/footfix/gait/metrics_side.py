"""Side-view metrics: foot strike, over-stride, knee give, hip extension, posture, bounce.

Inputs: cleaned keypoints (upright pixels, see :mod:`footfix.gait.keypoints`), contacts per foot
as ``(IC, TO)`` fractional frames, the direction of travel and the leg length in pixels
(median hip-knee plus knee-ankle length; it normalises distances so camera distance drops out).
Angle conventions are in :mod:`footfix.gait.angles`.
"""

from __future__ import annotations

import itertools

import numpy as np

from footfix.gait import angles
from footfix.gait import keypoints as kp
from footfix.gait.keypoints import FloatArray
from footfix.gait.metrics_model import Confidence, Metric, MetricSpec, sided, unknown, whole

FOOT_ANGLE = MetricSpec(
    "foot_strike_angle_deg", "Foot angle at contact",
    "Angle of the heel-to-toe line from horizontal at initial contact; positive = toes up "
    "(heel first), near zero = flat (midfoot), negative = toes down (forefoot).",
    "deg", "±5° (shoe outline, camera tilt)",
    usual=(-5, 20), min_asymmetry=5,
    meaning="Above about 8 degrees the heel lands first; below about -2 the forefoot does.",
)  # fmt: skip
HEEL_AHEAD = MetricSpec(
    "overstride_ratio", "Heel ahead of hip at contact",
    "Horizontal distance from the hip centre to the heel at initial contact, divided by leg "
    "length; positive = foot lands in front of the body.",
    "leg lengths", "±0.05", True,
    usual=(0.1, 0.3), min_asymmetry=0.05,
    meaning="How far ahead of the body the foot lands; large values brake each step.",
)  # fmt: skip
SHANK = MetricSpec(
    "shank_angle_deg", "Shank angle at contact",
    "Knee-to-ankle line from vertical at initial contact; positive = ankle in front of the knee.",
    "deg", "±4°",
    usual=(0, 10), min_asymmetry=4,
    meaning="Shin tilt at landing; a shin reaching forward (large values) brakes each step.",
)  # fmt: skip
KNEE_IC = MetricSpec(
    "knee_flexion_contact_deg", "Knee flexion at contact",
    "180° minus the hip-knee-ankle angle at initial contact.", "deg", "±5°",
    usual=(10, 25), min_asymmetry=5,
    meaning="A straight knee at landing passes more shock up the leg.",
)  # fmt: skip
KNEE_PEAK = MetricSpec(
    "knee_flexion_midstance_deg", "Peak knee flexion in stance",
    "Largest knee flexion between initial contact and toe-off (midstance).", "deg", "±5°",
    usual=(35, 50), min_asymmetry=5,
    meaning="How much the knee bends to absorb the landing.",
)  # fmt: skip
KNEE_GIVE = MetricSpec(
    "knee_give_deg", "Knee give in stance",
    "Peak stance knee flexion minus knee flexion at contact: how far the leg 'deflates'.",
    "deg", "±6°",
    usual=(15, 30), min_asymmetry=6,
    meaning="How much the knee bends after landing; large values suggest a leg that 'deflates'.",
)  # fmt: skip
HIP_EXT = MetricSpec(
    "hip_extension_toe_off_deg", "Hip extension at toe-off",
    "Thigh angle behind vertical at toe-off (hip-to-knee line; pelvis tilt not removed).",
    "deg", "±5°",
    usual=(5, 20), min_asymmetry=5,
    meaning=(
        "How far the thigh swings behind the body at push-off; small values suggest a short "
        "push-off."
    ),
)  # fmt: skip
KNEE_LIFT = MetricSpec(
    "thigh_lift_swing_deg", "Thigh lift in swing",
    "Largest thigh angle in front of vertical during swing (how high the knee drives).",
    "deg", "±5°",
    usual=(25, 50), min_asymmetry=5,
    meaning="How high the knee comes through in swing.",
)  # fmt: skip
TRUNK = MetricSpec(
    "trunk_lean_deg", "Trunk lean",
    "Hip-centre-to-shoulder-centre line from vertical, median over the clip; positive = forward.",
    "deg", "±3° (camera must be level)",
    usual=(2, 12), min_asymmetry=3,
    meaning="Forward lean of the trunk; near zero is upright, large values bend at the waist.",
)  # fmt: skip
BOUNCE = MetricSpec(
    "vertical_oscillation_pct", "Vertical oscillation",
    "Up-and-down travel of the hip centre per step, as a percentage of leg length.",
    "% leg length", "±1 percentage point", True,
    usual=(6, 12), min_asymmetry=1,
    meaning="Bounce per step; large values spend energy going up rather than forward.",
)  # fmt: skip

SIDE_SPECS = (FOOT_ANGLE, HEEL_AHEAD, SHANK, KNEE_IC, KNEE_PEAK, KNEE_GIVE, HIP_EXT, KNEE_LIFT)
_LEG = {
    "left": (kp.LEFT_HIP, kp.LEFT_KNEE, kp.LEFT_ANKLE, kp.LEFT_HEEL, kp.LEFT_TOE),
    "right": (kp.RIGHT_HIP, kp.RIGHT_KNEE, kp.RIGHT_ANKLE, kp.RIGHT_HEEL, kp.RIGHT_TOE),
}


def leg_length_px(xy: FloatArray) -> float:
    lengths = []
    for hip, knee, ankle, _, _ in _LEG.values():
        thigh = np.hypot(*(xy[:, hip] - xy[:, knee]).T)
        shank = np.hypot(*(xy[:, knee] - xy[:, ankle]).T)
        lengths.append(thigh + shank)
    return float(np.nanmedian(np.concatenate(lengths)))


def _per_contact(
    xy: FloatArray, side: str, contacts: list[tuple[float, float]], sign: int, leg_px: float
) -> dict[str, list[float]]:
    hip_i, knee_i, ankle_i, heel_i, toe_i = _LEG[side]
    hip_c = np.nanmean(xy[:, [kp.LEFT_HIP, kp.RIGHT_HIP]], axis=1)
    knee_flex = angles.knee_flexion_deg(xy[:, hip_i], xy[:, knee_i], xy[:, ankle_i])
    thigh = angles.thigh_angle_deg(xy[:, hip_i], xy[:, knee_i], sign)
    series = {
        FOOT_ANGLE.key: angles.foot_angle_deg(xy[:, heel_i], xy[:, toe_i], sign),
        HEEL_AHEAD.key: sign * (xy[:, heel_i, 0] - hip_c[:, 0]) / leg_px,
        SHANK.key: angles.shank_angle_deg(xy[:, knee_i], xy[:, ankle_i], sign),
        KNEE_IC.key: knee_flex,
    }
    out: dict[str, list[float]] = {s.key: [] for s in SIDE_SPECS}
    for n, (ic, to) in enumerate(contacts):
        for key, values in series.items():
            out[key].append(angles.at(values, ic))
        stance = knee_flex[int(np.ceil(ic)) : int(np.floor(to)) + 1]
        if np.isfinite(stance).any():
            peak = float(np.nanmax(stance))
            out[KNEE_PEAK.key].append(peak)
            out[KNEE_GIVE.key].append(peak - angles.at(knee_flex, ic))
        out[HIP_EXT.key].append(-angles.at(thigh, to))
        if n + 1 < len(contacts):
            swing = thigh[int(np.ceil(to)) : int(np.floor(contacts[n + 1][0])) + 1]
            if np.isfinite(swing).any():
                out[KNEE_LIFT.key].append(float(np.nanmax(swing)))
    return {k: [v for v in vals if np.isfinite(v)] for k, vals in out.items()}


def side_metrics(
    xy: FloatArray,
    contacts: dict[str, list[tuple[float, float]]],
    sign: int,
    leg_px: float,
    confidence: dict[str, Confidence],
) -> dict[str, Metric]:
    """Per-side metrics; ``confidence`` per side reflects how well that leg was seen."""
    per_side = {s: _per_contact(xy, s, contacts[s], sign, leg_px) for s in ("left", "right")}
    out: dict[str, Metric] = {}
    conf = _combined(confidence)
    for spec in SIDE_SPECS:
        out[spec.key] = sided(spec, per_side["left"][spec.key], per_side["right"][spec.key], conf)
    trunk = angles.incline_from_vertical_deg(
        np.nanmean(xy[:, [kp.LEFT_SHOULDER, kp.RIGHT_SHOULDER]], axis=1),
        np.nanmean(xy[:, [kp.LEFT_HIP, kp.RIGHT_HIP]], axis=1),
        sign,
    )
    if np.isfinite(trunk).sum() > 10:
        out[TRUNK.key] = whole(
            TRUNK, float(np.nanmedian(trunk)), "moderate", "assumes a level camera"
        )
    else:
        out[TRUNK.key] = unknown(TRUNK, "shoulders or hips not seen")
    out[BOUNCE.key] = _bounce(xy, contacts, leg_px)
    return out


def _combined(confidence: dict[str, Confidence]) -> Confidence:
    order: list[Confidence] = ["unknown", "low", "moderate", "high"]
    return min(confidence.values(), key=order.index)


def _bounce(
    xy: FloatArray, contacts: dict[str, list[tuple[float, float]]], leg_px: float
) -> Metric:
    hip_y = np.nanmean(xy[:, [kp.LEFT_HIP, kp.RIGHT_HIP], 1], axis=1)
    ics = sorted(ic for side in contacts.values() for ic, _ in side)
    ranges = []
    for a, b in itertools.pairwise(ics):
        seg = hip_y[int(np.ceil(a)) : int(np.floor(b)) + 1]
        if len(seg) >= 3 and np.isfinite(seg).all():
            ranges.append(100.0 * float(seg.max() - seg.min()) / leg_px)
    if len(ranges) < 3:
        return unknown(BOUNCE, "fewer than 3 complete steps with the hips in view")
    return whole(BOUNCE, float(np.median(ranges)), "moderate", "per step, hip keypoint")
