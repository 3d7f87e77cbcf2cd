"""Cleaning keypoint signals: leg-swap repair, gap filling and zero-phase low-pass filtering.

Operates on ``(frames, 33, 2)`` pixel arrays in the upright frame (x right, y down).

* Leg swaps: single-person pose models sometimes give the left leg's points to the right leg,
  for one frame or for a stretch. We keep two continuous leg tracks by choosing, frame by frame,
  the labelling closest to a constant-velocity prediction from the two previous frames, then name
  the tracks by majority vote of the model's own labels (right most of the time).
* Gaps up to ``MAX_GAP_S`` are filled by linear interpolation; longer gaps stay ``NaN``.
* Smoothing: 4th-order Butterworth low-pass, run forwards and backwards (``filtfilt``, zero
  phase so events are not delayed), cut-off ``min(CUTOFF_HZ, 0.4 x fps)``. Running foot
  trajectories carry little power above ~8 Hz; keypoint jitter is broadband.
"""

from __future__ import annotations

import numpy as np

from footfix.gait import keypoints as kp
from footfix.gait.dsp import butter_lowpass, filtfilt
from footfix.gait.keypoints import FloatArray

MAX_GAP_S = 0.15
CUTOFF_HZ = 8.0
FILTER_ORDER = 4
#: A swap must beat keeping the labels by this factor, so noise alone does not flip legs.
SWAP_MARGIN = 0.7
_SWAP_COST_POINTS = (1, 2, 3, 4)  # knee, ankle, heel, toe (hips nearly coincide side-on)


def drop_outside(xy_px: FloatArray, width_px: int, height_px: int) -> FloatArray:
    """Keypoints outside the image are guesses by the model; treat them as missing."""
    out = xy_px.copy()
    outside = (
        (out[..., 0] < 0)
        | (out[..., 0] >= width_px)
        | (out[..., 1] < 0)
        | (out[..., 1] >= height_px)
    )
    out[outside] = np.nan
    return out


def _swapped(frame: FloatArray) -> FloatArray:
    out = frame.copy()
    out[list(kp.LEFT_LEG)] = frame[list(kp.RIGHT_LEG)]
    out[list(kp.RIGHT_LEG)] = frame[list(kp.LEFT_LEG)]
    return out


def _leg_cost(frame: FloatArray, predicted: FloatArray) -> float:
    idx_l = [kp.LEFT_LEG[i] for i in _SWAP_COST_POINTS]
    idx_r = [kp.RIGHT_LEG[i] for i in _SWAP_COST_POINTS]
    d = np.hypot(*(frame[idx_l + idx_r] - predicted[idx_l + idx_r]).T)
    return float(np.nanmean(d)) if np.isfinite(d).any() else 0.0


def repair_leg_swaps(xy_px: FloatArray) -> tuple[FloatArray, int]:
    """Continuous leg tracks, named by the model's majority label. Returns (xy, frames fixed)."""
    out = xy_px.copy()
    flipped = np.zeros(len(out), dtype=bool)
    history: list[FloatArray] = []
    for t in range(len(out)):
        if not np.isfinite(out[t, kp.LEFT_ANKLE, 0]):
            history = []
            continue
        if len(history) >= 2:
            predicted = 2 * history[-1] - history[-2]
        elif history:
            predicted = history[-1]
        else:
            history.append(out[t])
            continue
        keep = _leg_cost(out[t], predicted)
        swap = _leg_cost(_swapped(out[t]), predicted)
        if swap < SWAP_MARGIN * keep:
            out[t] = _swapped(out[t])
            flipped[t] = True
        history = [*history[-1:], out[t]]
    detected = np.isfinite(out[:, kp.LEFT_ANKLE, 0])
    if detected.any() and flipped[detected].mean() > 0.5:
        # most frames disagree with the model's own labels: the tracks were named the wrong way
        out[detected] = np.array([_swapped(f) for f in out[detected]])
        flipped = ~flipped
    return out, int(flipped[detected].sum())


def fill_gaps(values: FloatArray, fps: float, max_gap_s: float = MAX_GAP_S) -> FloatArray:
    """Linear interpolation over interior runs of ``NaN`` no longer than ``max_gap_s``."""
    out = values.copy()
    ok = np.isfinite(out)
    if ok.sum() < 2:
        return out
    max_gap = round(max_gap_s * fps)
    idx = np.arange(len(out))
    filled = np.interp(idx, idx[ok], out[ok])
    gap_start = None
    for i in range(len(out) + 1):
        missing = i < len(out) and not ok[i]
        if missing and gap_start is None:
            gap_start = i
        elif not missing and gap_start is not None:
            interior = gap_start > 0 and i < len(out)
            if interior and i - gap_start <= max_gap:
                out[gap_start:i] = filled[gap_start:i]
            gap_start = None
    return out


def lowpass(values: FloatArray, fps: float, cutoff_hz: float = CUTOFF_HZ) -> FloatArray:
    """Zero-phase Butterworth low-pass over each finite run long enough for ``filtfilt``."""
    cutoff = min(cutoff_hz, 0.4 * fps)
    b, a = butter_lowpass(FILTER_ORDER, cutoff / (fps / 2))
    out = values.copy()
    ok = np.isfinite(values)
    pad = 3 * max(len(a), len(b))
    start = None
    for i in range(len(values) + 1):
        inside = i < len(values) and ok[i]
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            if i - start > pad:
                out[start:i] = filtfilt(b, a, values[start:i])
            start = None
    return out


def clean_keypoints(xy_px: FloatArray, fps: float, width_px: int, height_px: int) -> FloatArray:
    """All cleaning steps in order; returns a new array."""
    xy = drop_outside(xy_px, width_px, height_px)
    xy, _ = repair_leg_swaps(xy)
    out = np.empty_like(xy)
    for j in range(xy.shape[1]):
        for c in range(2):
            out[:, j, c] = lowpass(fill_gaps(xy[:, j, c], fps), fps)
    return out
