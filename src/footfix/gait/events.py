"""Gait events: initial contact (IC) and toe-off (TO) of each foot.

Two detectors, each named after its method:

* :func:`zeni_events` (side view) - Zeni JA, Richards JG, Higginson JS. "Two simple methods for
  determining gait events during treadmill and overground walking using kinematic data." Gait &
  Posture 2008;27(4):710-714. IC is the most forward position of the heel relative to the
  pelvis, TO the most backward position of the toe relative to the pelvis. Working relative to
  the pelvis makes it valid on a treadmill and overground alike. In running the heel reaches its
  most forward point a little before touching down, so IC tends to be early by up to a frame or
  two and contact time long by the same amount.
* :func:`ground_level_events` (rear view) - a foot-height threshold: the foot is on the ground
  while its lowest point (heel or toe, image y) is within ``GROUND_TOL`` leg lengths of the
  lowest level it reaches around that time. IC is the first and TO the last frame of each such
  run.

Times are fractional frame indices (parabolic sub-frame refinement of each extremum); divide by
fps for seconds. "Forward" is the runner's direction of travel, ``forward_sign`` = +1 when the
runner faces image-right.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from footfix.gait import keypoints as kp
from footfix.gait.dsp import find_peaks
from footfix.gait.keypoints import FloatArray

GROUND_TOL = 0.04
MAX_EXTRAPOLATION_S = 0.05


@dataclass(frozen=True)
class FootEvents:
    ic: FloatArray  # fractional frame indices
    to: FloatArray


def _refine(signal: FloatArray, peaks: NDArray[np.intp]) -> FloatArray:
    """Sub-frame peak position by fitting a parabola through each peak and its neighbours."""
    out = peaks.astype(float)
    for n, p in enumerate(peaks):
        if 0 < p < len(signal) - 1:
            a, b, c = signal[p - 1], signal[p], signal[p + 1]
            den = a - 2 * b + c
            if np.isfinite(den) and den < 0:
                out[n] = p + 0.5 * (a - c) / den
    return out


def dominant_period_frames(signal: FloatArray, lo: float, hi: float) -> float | None:
    """Fundamental period in ``[lo, hi]`` frames from the autocorrelation (NaN-tolerant).

    The first autocorrelation peak reaching 60% of the highest one is taken, so a multiple of
    the period (which can score slightly higher when odd and even cycles differ) is not.
    """
    x = signal - np.nanmean(signal)
    x = np.where(np.isfinite(x), x, 0.0)
    if not x.any():
        return None
    ac = np.correlate(x, x, mode="full")[len(x) - 1 :]
    ac = ac / ac[0]
    start, stop = max(1, int(lo)), min(len(ac) - 2, int(hi) + 1)
    if stop <= start:
        return None
    peaks = [i for i in range(start, stop + 1) if ac[i] >= ac[i - 1] and ac[i] >= ac[i + 1]]
    if not peaks:
        return None
    best = max(ac[i] for i in peaks)
    lag = next(i for i in peaks if ac[i] >= 0.6 * best)
    return float(_refine(ac, np.array([lag]))[0])


def _extrema(signal: FloatArray, period: float) -> FloatArray:
    finite = np.isfinite(signal)
    if finite.sum() < 3:
        return np.array([])
    span = float(np.nanpercentile(signal, 95) - np.nanpercentile(signal, 5))
    filled = np.where(finite, signal, np.nanmin(signal))
    peaks = find_peaks(filled, distance=max(1, int(0.6 * period)), prominence=0.3 * span)
    peaks = peaks[finite[peaks]]
    return _refine(filled, peaks)


def forward_sign(xy_px: FloatArray) -> int:
    """+1 when the runner faces image-right: toes point forward of heels on average."""
    dx = xy_px[:, [kp.LEFT_TOE, kp.RIGHT_TOE], 0] - xy_px[:, [kp.LEFT_HEEL, kp.RIGHT_HEEL], 0]
    nose = xy_px[:, kp.NOSE, 0] - np.nanmean(xy_px[:, [kp.LEFT_EAR, kp.RIGHT_EAR], 0], axis=1)
    vote = float(np.nanmedian(dx)) if np.isfinite(dx).any() else 0.0
    if abs(vote) < 1e-6 and np.isfinite(nose).any():
        vote = float(np.nanmedian(nose))
    return 1 if vote >= 0 else -1


def stride_period_frames(
    xy_px: FloatArray, fps: float, axis: int = 0, longest_s: float = 1.6
) -> float | None:
    """Stride (same-foot) period from the signed heel-to-heel distance.

    That distance swings from one foot ahead to the other foot ahead and back once per stride,
    and is negatively correlated with itself half a stride later, so its autocorrelation cannot
    mistake a step for a stride; it also needs no pelvis and no direction of travel. ``axis`` 0
    uses the horizontal distance (side view), 1 the vertical one (rear view).
    """
    gap = xy_px[:, kp.LEFT_HEEL, axis] - xy_px[:, kp.RIGHT_HEEL, axis]
    # strides last 0.35-1.6 s from sprinting (0.2 s steps) to slow walking; a refusal looks
    # further (``longest_s``) to recognise a slow-motion clip
    return dominant_period_frames(gap, 0.35 * fps, longest_s * fps)


def zeni_events(xy_px: FloatArray, fps: float) -> dict[str, FootEvents]:
    """IC and TO for each foot by Zeni et al. (2008); see the module docstring."""
    sign = forward_sign(xy_px)
    period = stride_period_frames(xy_px, fps) or fps
    pelvis = np.nanmean(xy_px[:, [kp.LEFT_HIP, kp.RIGHT_HIP], 0], axis=1)
    out = {}
    for side, heel, toe in (
        ("left", kp.LEFT_HEEL, kp.LEFT_TOE),
        ("right", kp.RIGHT_HEEL, kp.RIGHT_TOE),
    ):
        heel_rel = sign * (xy_px[:, heel, 0] - pelvis)
        toe_rel = sign * (xy_px[:, toe, 0] - pelvis)
        out[side] = FootEvents(ic=_extrema(heel_rel, period), to=_extrema(-toe_rel, period))
    return out


def ground_level_events(
    xy_px: FloatArray, fps: float, leg_length_px: float
) -> dict[str, FootEvents]:
    """IC and TO for each foot by the foot-height threshold (rear view)."""
    out = {}
    window = max(3, int(1.2 * fps))  # about one stride either side
    for side, heel, toe in (
        ("left", kp.LEFT_HEEL, kp.LEFT_TOE),
        ("right", kp.RIGHT_HEEL, kp.RIGHT_TOE),
    ):
        low = np.fmax(xy_px[:, heel, 1], xy_px[:, toe, 1])  # lowest point: largest image y
        ground = np.array(
            [
                np.nanmax(low[max(0, i - window) : i + window + 1])
                if np.isfinite(low[max(0, i - window) : i + window + 1]).any()
                else np.nan
                for i in range(len(low))
            ]
        )
        on = np.isfinite(low) & (low >= ground - GROUND_TOL * leg_length_px)
        edges = np.diff(on.astype(int))
        ic = np.flatnonzero(edges == 1) + 1.0
        to = np.flatnonzero(edges == -1) + 0.0
        out[side] = FootEvents(ic=ic, to=to)
    return out


def _ground_time(low: FloatArray, i: int, threshold: float, ground: float, fps: float) -> float:
    """When the foot's lowest point reaches ``ground``, extrapolated from its crossing of
    ``threshold`` between frames i-1 and i (the foot moves almost linearly near the ground).

    The threshold sits well above the keypoint noise; extrapolating removes the bias that a
    high threshold alone would add (contact starting early and ending late). The shift is
    capped at ``MAX_EXTRAPOLATION_S``.
    """
    a, b = low[i - 1], low[i]
    if not (np.isfinite(a) and np.isfinite(b)) or a == b:
        return float(i)
    cross = i - 1 + (threshold - a) / (b - a)
    shift = float(np.clip((ground - threshold) / abs(b - a), 0.0, MAX_EXTRAPOLATION_S * fps))
    return float(cross + shift) if b > a else float(cross - shift)


def foot_height_events(
    xy_px: FloatArray, fps: float, anchors: dict[str, FootEvents], threshold_share: float = 0.3
) -> dict[str, FootEvents]:
    """Contact from foot height, one stride at a time, anchored on Zeni's IC (side view).

    After Maiwald C et al., "Detecting foot-to-ground contact from kinematic data in running",
    Footwear Science 2009;1(2):111-118, who time contact from the vertical position of foot
    markers. Within each stride (from 30% of a stride before one Zeni IC to 70% after it) the
    foot's lowest point is on the ground while it lies within ``threshold_share`` of the
    stride's ground-to-top foot lift from the ground level; IC and TO are the crossings of
    that level around the Zeni IC, extrapolated down to the ground (see ``_ground_time``).
    """
    out = {}
    for side, heel, toe in (
        ("left", kp.LEFT_HEEL, kp.LEFT_TOE),
        ("right", kp.RIGHT_HEEL, kp.RIGHT_TOE),
    ):
        low = np.fmax(xy_px[:, heel, 1], xy_px[:, toe, 1])
        anchor = anchors[side].ic
        stride = float(np.median(np.diff(anchor))) if len(anchor) > 1 else fps
        ics, tos = [], []
        for a in anchor:
            lo, hi = int(max(1, a - 0.3 * stride)), int(min(len(low) - 1, a + 0.7 * stride))
            seg = low[lo : hi + 1]
            if hi - lo < 4 or np.isfinite(seg).sum() < 0.8 * len(seg):
                continue
            ground, top = np.nanpercentile(seg, 95), np.nanmin(seg)
            threshold = ground - threshold_share * (ground - top)
            on = np.where(np.isfinite(seg), seg >= threshold, False)
            start = int(np.clip(round(a) - lo, 0, len(seg) - 1))
            # the contact run is the first run on the ground at or after the anchor
            while start < len(seg) and not on[start]:
                start += 1
            if start >= len(seg) - 1:
                continue
            first, last = start, start
            while first > 0 and on[first - 1]:
                first -= 1
            while last < len(seg) - 1 and on[last + 1]:
                last += 1
            if first == 0 or last == len(seg) - 1:
                continue  # run touches the window edge: contact not fully seen
            ics.append(_ground_time(low, lo + first, threshold, ground, fps))
            tos.append(_ground_time(low, lo + last + 1, threshold, ground, fps))
        out[side] = FootEvents(ic=np.array(ics), to=np.array(tos))
    return out


def pair_contacts(events: FootEvents) -> list[tuple[float, float]]:
    """(IC, TO) pairs: each IC with the first TO after it and before the next IC."""
    pairs = []
    for n, ic in enumerate(events.ic):
        nxt = events.ic[n + 1] if n + 1 < len(events.ic) else np.inf
        after = events.to[(events.to > ic) & (events.to < nxt)]
        if len(after):
            pairs.append((float(ic), float(after[0])))
    return pairs


def pelvis_midstance_phase(xy_px: FloatArray, anchors: dict[str, FootEvents]) -> float | None:
    """Median height of the pelvis at midstance relative to its mean over the step, in px (up +).

    Walking vaults over a stiff leg (inverted pendulum: pelvis highest at midstance, > 0);
    running compresses a spring (pelvis lowest at midstance, < 0) - Cavagna GA, Heglund NC,
    Taylor CR, "Mechanical work in terrestrial locomotion: two basic mechanisms for minimizing
    energy expenditure", Am J Physiol 1977;233(5):R243-R261. Midstance is taken halfway between
    the Zeni IC and TO, which is robust to Zeni's running bias because the bias is symmetric.
    """
    hip_y = np.nanmean(xy_px[:, [kp.LEFT_HIP, kp.RIGHT_HIP], 1], axis=1)
    values = []
    for side in ("left", "right"):
        for ic, to in pair_contacts(anchors[side]):
            seg = hip_y[int(np.ceil(ic)) : int(np.floor(to)) + 1]
            mid = hip_y[round((ic + to) / 2)]
            if len(seg) >= 3 and np.isfinite(seg).all() and np.isfinite(mid):
                values.append(float(seg.mean() - mid))
    return float(np.median(values)) if len(values) >= 3 else None
