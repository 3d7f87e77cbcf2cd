"""Which frames and contacts a metric may use: the far leg hidden, standing still, turning,
walking backwards.

* **Collapsed legs** (far leg hidden): a single-person pose model that cannot see the far leg
  often draws it on top of the near one. A frame counts as collapsed when the two legs' knee,
  ankle, heel and toe lie on average within ``COLLAPSE_LEG_SHARE`` leg lengths of each other
  and one leg's keypoints are clearly less visible than the other's (that leg is the hidden
  one). Contacts of a hidden leg near collapsed frames are kept out of that side's metrics.
* **Standing still**: within a one-second window the heel-to-heel distance barely changes.
* **Walking backwards**: when a foot is on the ground it moves *forward* relative to the pelvis
  (in forward gait the stance foot sweeps backward).
* **Turning**: the direction the feet point (toe ahead of heel) disagrees with the clip's
  direction for a stretch, or the shoulders open up towards the camera.

Masks are boolean arrays over frames, ``True`` = leave out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from footfix.gait import keypoints as kp
from footfix.gait.keypoints import FloatArray

COLLAPSE_LEG_SHARE = 0.15
COLLAPSE_MAX_VISIBILITY = 0.6
COLLAPSE_VISIBILITY_GAP = 0.15
STILL_WINDOW_S = 1.0
STILL_GAP_SHARE = 0.12  # heel-to-heel range in the window, leg lengths
TURN_SHOULDER_RATIO = 0.5
MARGIN_S = 0.15
BoolArray = NDArray[np.bool_]
Contacts = dict[str, list[tuple[float, float]]]
_PAIRS = (
    (kp.LEFT_KNEE, kp.RIGHT_KNEE),
    (kp.LEFT_ANKLE, kp.RIGHT_ANKLE),
    (kp.LEFT_HEEL, kp.RIGHT_HEEL),
    (kp.LEFT_TOE, kp.RIGHT_TOE),
)


def _runs(mask: BoolArray) -> list[tuple[int, int]]:
    """[start, stop) of each run of True."""
    edges = np.diff(np.concatenate([[0], mask.astype(int), [0]]))
    return list(zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True))


def _min_run(mask: BoolArray, frames: int) -> BoolArray:
    out = np.zeros_like(mask)
    for a, b in _runs(mask):
        if b - a >= frames:
            out[a:b] = True
    return out


def _grow(mask: BoolArray, frames: int) -> BoolArray:
    out = mask.copy()
    for a, b in _runs(mask):
        out[max(0, a - frames) : b + frames] = True
    return out


def collapsed_frames(
    xy: FloatArray, visibility: FloatArray, leg_px: float
) -> tuple[BoolArray, tuple[str, ...]]:
    """(frames in which one leg was drawn onto the other, the hidden leg(s)).

    Both legs close together is not enough (legs pass each other every step): the frame must
    also show one leg's keypoints much less visible than the other's, and that leg is the
    hidden one. The side hidden in most such frames is named for the clip.
    """
    d = np.stack([np.hypot(*(xy[:, a] - xy[:, b]).T) for a, b in _PAIRS], axis=1)
    vis_l = np.nanmean(visibility[:, list(kp.LEFT_LEG[1:])], axis=1)
    vis_r = np.nanmean(visibility[:, list(kp.RIGHT_LEG[1:])], axis=1)
    with np.errstate(invalid="ignore"):
        close = np.nanmean(d, axis=1) < COLLAPSE_LEG_SHARE * leg_px
        faint = np.fmin(vis_l, vis_r) < COLLAPSE_MAX_VISIBILITY
        uneven = np.abs(vis_l - vis_r) >= COLLAPSE_VISIBILITY_GAP
    mask = np.asarray(close & faint & uneven, dtype=bool)
    if not mask.any():
        return mask, ()
    left_hidden = float(np.mean(vis_l[mask] < vis_r[mask]))
    if left_hidden >= 0.75:
        return mask, ("left",)
    if left_hidden <= 0.25:
        return mask, ("right",)
    return mask, ("left", "right")


def still_frames(xy: FloatArray, fps: float, leg_px: float) -> BoolArray:
    """Frames in whose one-second window the heel-to-heel vector (sideways and up-down, so
    that it works from behind too) changes by less than ``STILL_GAP_SHARE`` leg lengths."""
    gap = xy[:, kp.LEFT_HEEL] - xy[:, kp.RIGHT_HEEL]
    half = max(1, round(STILL_WINDOW_S * fps / 2))
    out = np.zeros(len(gap), dtype=bool)
    for i in range(len(gap)):
        seg = gap[max(0, i - half) : i + half + 1]
        seg = seg[np.isfinite(seg).all(axis=1)]
        if len(seg) > half and float(np.ptp(seg, axis=0).max()) < STILL_GAP_SHARE * leg_px:
            out[i] = True
    return out


def backward_frames(xy: FloatArray, fps: float, sign: int, leg_px: float) -> BoolArray:
    """Stretches in which the grounded foot travels forward relative to the pelvis."""
    pelvis = np.nanmean(xy[:, [kp.LEFT_HIP, kp.RIGHT_HIP], 0], axis=1)
    votes = np.zeros(len(pelvis))
    for heel in (kp.LEFT_HEEL, kp.RIGHT_HEEL):
        rel = sign * (xy[:, heel, 0] - pelvis)
        speed = np.gradient(rel) * fps / leg_px  # leg lengths per second, + = forward
        height = xy[:, heel, 1]
        low = np.nanpercentile(height, 70) if np.isfinite(height).any() else np.nan
        grounded = np.isfinite(speed) & (height >= low)
        votes += np.where(grounded, np.sign(speed), 0.0)
    half = max(1, round(0.75 * fps))
    out = np.zeros(len(votes), dtype=bool)
    for i in range(len(votes)):
        seg = votes[max(0, i - half) : i + half + 1]
        if np.count_nonzero(seg) > half / 2 and float(np.mean(seg[seg != 0])) > 0.3:
            out[i] = True
    return out


def turning_frames(xy: FloatArray, fps: float, sign: int) -> BoolArray:
    dx = xy[:, [kp.LEFT_TOE, kp.RIGHT_TOE], 0] - xy[:, [kp.LEFT_HEEL, kp.RIGHT_HEEL], 0]
    facing = np.sign(np.nanmean(dx, axis=1))
    width = np.abs(xy[:, kp.LEFT_SHOULDER, 0] - xy[:, kp.RIGHT_SHOULDER, 0])
    shoulders = np.nanmean(xy[:, [kp.LEFT_SHOULDER, kp.RIGHT_SHOULDER]], axis=1)
    hips = np.nanmean(xy[:, [kp.LEFT_HIP, kp.RIGHT_HIP]], axis=1)
    torso = np.hypot(*(shoulders - hips).T)
    half = max(1, round(0.25 * fps))
    out = np.zeros(len(facing), dtype=bool)
    for i in range(len(facing)):
        seg = facing[max(0, i - half) : i + half + 1]
        seg = seg[np.isfinite(seg)]
        ratio = width[i] / torso[i] if torso[i] > 0 else np.nan
        against = len(seg) > 0 and float(np.mean(seg == -sign)) > 0.6
        out[i] = bool(against or (np.isfinite(ratio) and ratio > TURN_SHOULDER_RATIO))
    return _min_run(out, max(2, round(0.2 * fps)))


@dataclass
class Exclusions:
    """Frames left out of the analysis and why (seconds per cause for the notes)."""

    mask: BoolArray
    seconds: dict[str, float] = field(default_factory=dict)


def gait_exclusions(
    xy: FloatArray, fps: float, sign: int, leg_px: float, side_view: bool
) -> Exclusions:
    n = len(xy)
    causes: dict[str, BoolArray] = {"stood still": still_frames(xy, fps, leg_px)}
    if side_view:
        causes["walked or ran backwards"] = backward_frames(xy, fps, sign, leg_px)
        causes["turned"] = turning_frames(xy, fps, sign)
    mask = np.zeros(n, dtype=bool)
    seconds = {}
    for cause, m in causes.items():
        m = _min_run(m, round(0.5 * fps))
        if m.any():
            seconds[cause] = float(m.sum() / fps)
            mask |= m
    return Exclusions(_grow(mask, round(MARGIN_S * fps)), seconds)


def longest_clear_stretch(mask: BoolArray) -> tuple[int, int]:
    """[start, stop) of the longest run of frames not left out."""
    runs = _runs(~mask)
    if not runs:
        return 0, 0
    a, b = max(runs, key=lambda r: r[1] - r[0])
    return int(a), int(b)


def contacts_within(contacts: Contacts, start: int, stop: int) -> Contacts:
    return {s: [(a, b) for a, b in c if a >= start and b < stop] for s, c in contacts.items()}


def clean_contacts(
    contacts: Contacts, collapsed: BoolArray, hidden: tuple[str, ...], stride_frames: float
) -> Contacts:
    """Per-side contacts with those of a hidden leg near collapsed frames left out: from half a
    stride before contact to one stride after it. A leg drawn in the wrong place during its
    swing misplaces the events on either side of that swing, so the whole cycle goes."""
    out: Contacts = {}
    n = len(collapsed)
    for side, pairs in contacts.items():
        if side not in hidden:
            out[side] = list(pairs)
            continue
        keep = []
        for ic, to in pairs:
            a = max(0, int(np.floor(ic - 0.5 * stride_frames)))
            b = min(n, int(np.ceil(max(to, ic + stride_frames))) + 1)
            if not collapsed[a:b].any():
                keep.append((ic, to))
        out[side] = keep
    return out
