"""Rear-view metrics: step width, crossover and contralateral pelvic drop.

Coordinates: upright image pixels (x right, y down) seen from behind, so the runner's left is on
the image left. Lateral distances are divided by pelvis width (distance between the hip
keypoints), which removes camera distance. Pelvic drop is measured from the frontal-plane angle
of the hip-to-hip line, relative to its median over the clip (so a tilted camera or an
asymmetric keypoint offset cancels out).
"""

from __future__ import annotations

import numpy as np

from footfix.gait import angles
from footfix.gait import keypoints as kp
from footfix.gait.keypoints import FloatArray
from footfix.gait.metrics_model import Confidence, Metric, MetricSpec, sided

STEP_WIDTH = MetricSpec(
    "landing_offset_ratio", "Landing offset from midline",
    "Sideways distance of the landing foot (heel) from the pelvis midline at initial contact, "
    "towards its own side, divided by pelvis width; zero or negative = lands on or across the "
    "midline (crossover).",
    "pelvis widths", "±0.1", True,
    usual=(0.1, 0.5), min_asymmetry=0.1,
    meaning="Where the foot lands sideways; zero or below means it crosses the midline.",
)  # fmt: skip
PELVIC_DROP = MetricSpec(
    "pelvic_drop_deg", "Contralateral pelvic drop",
    "Largest drop of the opposite side of the pelvis during this foot's stance, relative to the "
    "median pelvis angle over the clip.",
    "deg", "±2° (hip keypoints are coarse)",
    usual=(2, 7), min_asymmetry=2,
    meaning="How far the opposite hip drops in stance; large values suggest weak hip control.",
)  # fmt: skip
REAR_SPECS = (STEP_WIDTH, PELVIC_DROP)


def pelvis_angle_deg(xy: FloatArray) -> FloatArray:
    """Angle of the left-hip-to-right-hip line; positive when the right hip is lower."""
    d = xy[:, kp.RIGHT_HIP] - xy[:, kp.LEFT_HIP]
    out: FloatArray = np.degrees(np.arctan2(d[:, 1], np.abs(d[:, 0])))
    return out


def rear_metrics(
    xy: FloatArray, contacts: dict[str, list[tuple[float, float]]], confidence: Confidence
) -> dict[str, Metric]:
    pelvis = pelvis_angle_deg(xy)
    neutral = float(np.nanmedian(pelvis))
    mid_x = np.nanmean(xy[:, [kp.LEFT_HIP, kp.RIGHT_HIP], 0], axis=1)
    width = np.abs(xy[:, kp.RIGHT_HIP, 0] - xy[:, kp.LEFT_HIP, 0])
    offsets: dict[str, list[float]] = {"left": [], "right": []}
    drops: dict[str, list[float]] = {"left": [], "right": []}
    for side, heel, toward in (("left", kp.LEFT_HEEL, -1.0), ("right", kp.RIGHT_HEEL, 1.0)):
        # positive pelvis angle = right hip lower = drop of the right side (left stance)
        drop_sign = 1.0 if side == "left" else -1.0
        for ic, to in contacts[side]:
            lateral = toward * (angles.at(xy[:, heel, 0], ic) - angles.at(mid_x, ic))
            w = angles.at(width, ic)
            if np.isfinite(lateral) and np.isfinite(w) and w > 0:
                offsets[side].append(lateral / w)
            stance = pelvis[int(np.ceil(ic)) : int(np.floor(to)) + 1]
            if np.isfinite(stance).any():
                drops[side].append(float(np.nanmax(drop_sign * (stance - neutral))))
    return {
        STEP_WIDTH.key: sided(STEP_WIDTH, offsets["left"], offsets["right"], confidence),
        PELVIC_DROP.key: sided(PELVIC_DROP, drops["left"], drops["right"], confidence),
    }
