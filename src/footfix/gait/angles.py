"""2-D segment and joint angles from keypoints.

Coordinates: upright image pixels (x right, y down). Angles are computed in the runner's own
sagittal axes: ``u`` forward (``forward_sign * x``) and ``v`` up (``-y``). All angles in degrees.
The camera is assumed level and square to the runner; a tilted camera biases segment angles by
its tilt, and a camera 20° off square shortens horizontal distances by about 6%.
"""

from __future__ import annotations

import numpy as np

from footfix.gait.keypoints import FloatArray


def _uv(xy: FloatArray, sign: int) -> tuple[FloatArray, FloatArray]:
    return sign * xy[..., 0], -xy[..., 1]


def incline_from_vertical_deg(top: FloatArray, bottom: FloatArray, sign: int) -> FloatArray:
    """Angle of the segment bottom->top from vertical; positive when ``top`` is ahead.

    Trunk lean: top = shoulders, bottom = hips (positive = leaning forward).
    """
    tu, tv = _uv(top, sign)
    bu, bv = _uv(bottom, sign)
    out: FloatArray = np.degrees(np.arctan2(tu - bu, tv - bv))
    return out


def _lower_end_ahead_deg(upper: FloatArray, lower: FloatArray, sign: int) -> FloatArray:
    """A limb segment from vertical; positive when its lower end is ahead of its upper end."""
    uu, uv = _uv(upper, sign)
    lu, lv = _uv(lower, sign)
    out: FloatArray = np.degrees(np.arctan2(lu - uu, uv - lv))
    return out


def shank_angle_deg(knee: FloatArray, ankle: FloatArray, sign: int) -> FloatArray:
    """Shank from vertical; positive when the ankle is ahead of the knee (reaching forward)."""
    return _lower_end_ahead_deg(knee, ankle, sign)


def thigh_angle_deg(hip: FloatArray, knee: FloatArray, sign: int) -> FloatArray:
    """Thigh from vertical; positive when the knee is ahead of the hip (flexion), negative behind
    it (extension)."""
    return _lower_end_ahead_deg(hip, knee, sign)


def foot_angle_deg(heel: FloatArray, toe: FloatArray, sign: int) -> FloatArray:
    """Heel-to-toe line from horizontal; positive with the toes up (heel-first landing)."""
    hu, hv = _uv(heel, sign)
    tu, tv = _uv(toe, sign)
    out: FloatArray = np.degrees(np.arctan2(tv - hv, tu - hu))
    return out


def knee_flexion_deg(hip: FloatArray, knee: FloatArray, ankle: FloatArray) -> FloatArray:
    """180° minus the hip-knee-ankle angle: 0 with the leg straight."""
    a = hip - knee
    b = ankle - knee
    cos = np.sum(a * b, axis=-1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1))
    out: FloatArray = 180.0 - np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))
    return out


def at(series: FloatArray, t: float) -> float:
    """Linear interpolation of a per-frame series at a fractional frame index."""
    idx = np.arange(len(series))
    ok = np.isfinite(series)
    if not ok.any() or t < 0 or t > len(series) - 1:
        return float("nan")
    lo = int(np.floor(t))
    hi = min(lo + 1, len(series) - 1)
    if not (ok[lo] and ok[hi]):
        return float("nan")
    return float(np.interp(t, idx[lo : hi + 1], series[lo : hi + 1]))
