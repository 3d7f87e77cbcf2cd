"""From a :class:`PoseTrack` to a :class:`GaitReport`: clean, find events, measure.

This is the only module that knows the order of the signal stages; each stage lives in its own
module and can be replaced or tested alone.
"""

from __future__ import annotations

import warnings
from typing import Literal

import numpy as np

from footfix.gait import events as ev
from footfix.gait import keypoints as kp
from footfix.gait.errors import NobodyFoundError, RunnerLeftFrameError, VideoTooShortError
from footfix.gait.keypoints import FloatArray, PoseTrack
from footfix.gait.metrics_model import Confidence, GaitReport, Metric
from footfix.gait.metrics_rear import rear_metrics
from footfix.gait.metrics_side import leg_length_px, side_metrics
from footfix.gait.metrics_temporal import MIN_STRIDES_GOOD, gait_mode, timing_metrics
from footfix.gait.signal import clean_keypoints, drop_outside, repair_leg_swaps
from footfix.gait.view import View, detect_view

MIN_CONTACTS_PER_FOOT = 3
#: Median visibility of a leg's keypoints above which we trust that leg fully.
GOOD_VISIBILITY = 0.8


def _leg_confidence(track: PoseTrack) -> dict[str, Confidence]:
    out: dict[str, Confidence] = {}
    for side, leg in (("left", kp.LEFT_LEG), ("right", kp.RIGHT_LEG)):
        vis = float(np.nanmedian(track.visibility[:, list(leg[1:])]))
        out[side] = "high" if vis >= GOOD_VISIBILITY else "moderate" if vis >= 0.5 else "low"
    return out


def find_contacts(
    xy: FloatArray, fps: float, view: View, leg_px: float
) -> dict[str, list[tuple[float, float]]]:
    if view == "rear":
        found = ev.ground_level_events(xy, fps, leg_px)
    else:
        anchors = ev.zeni_events(xy, fps)
        phase = ev.pelvis_midstance_phase(xy, anchors)
        if phase is not None and phase > 0:
            # pendular (walking) pelvis: Zeni's method was built and validated for walking
            return {side: ev.pair_contacts(anchors[side]) for side in ("left", "right")}
        found = ev.foot_height_events(xy, fps, anchors)
        for side in ("left", "right"):
            if len(found[side].ic) < MIN_CONTACTS_PER_FOOT <= len(anchors[side].ic):
                found[side] = anchors[side]  # foot height too noisy: fall back to Zeni alone
    return {side: ev.pair_contacts(found[side]) for side in ("left", "right")}


def analyse_track(track: PoseTrack, view: View | None = None) -> GaitReport:
    """Measure everything the clip supports; raise a :class:`GaitError` when it supports nothing."""
    with warnings.catch_warnings():
        # all-NaN frames (person out of view) are expected; nan-aware reductions warn about them
        warnings.simplefilter("ignore", RuntimeWarning)
        return _analyse(track, view)


def _analyse(track: PoseTrack, view: View | None) -> GaitReport:
    detected = track.detected
    if detected.sum() < track.fps:  # under one second of a visible person
        raise NobodyFoundError("No runner was found in enough frames to analyse.")
    notes = list(track.notes)
    raw = drop_outside(track.xy_px, track.width_px, track.height_px)
    _, n_swaps = repair_leg_swaps(raw)
    if n_swaps:
        notes.append(f"The pose model swapped the legs in {n_swaps} frames; they were relabelled.")
    xy = clean_keypoints(track.xy_px, track.fps, track.width_px, track.height_px)
    chosen: View = view or detect_view(xy[detected])
    leg_px = leg_length_px(xy)
    contacts = find_contacts(xy, track.fps, chosen, leg_px)
    n_contacts = min(len(c) for c in contacts.values())
    if n_contacts < MIN_CONTACTS_PER_FOOT:
        share = detected.mean()
        message = (
            f"Only {n_contacts} usable foot contacts were found on one foot "
            f"(the runner was visible in {100 * share:.0f}% of the frames)."
        )
        if share < 0.6:
            raise RunnerLeftFrameError(message)
        raise VideoTooShortError(message)
    if n_contacts < MIN_STRIDES_GOOD:
        notes.append(
            f"Only {n_contacts} strides per foot were measured; 6 or more give steadier numbers."
        )
    ic = {s: np.array([a for a, _ in contacts[s]]) for s in contacts}
    axis = 1 if chosen == "rear" else 0
    stride_guess = ev.stride_period_frames(xy, track.fps, axis) or track.fps
    metrics: dict[str, Metric] = timing_metrics(ic, contacts, track.fps, stride_guess / 2)
    sign = ev.forward_sign(xy) if chosen == "side" else 1
    leg_conf = _leg_confidence(track)
    if chosen == "side":
        metrics.update(side_metrics(xy, contacts, sign, leg_px, leg_conf))
    else:
        metrics.update(rear_metrics(xy, contacts, min(leg_conf.values(), key=_rank)))
    mode = gait_mode(metrics)  # type: Literal["running", "walking"] | None
    if mode == "walking":
        notes.append("The person is walking (both feet on the ground together), not running.")
    facing: Literal["left", "right"] | None = None
    if chosen == "side":
        facing = "right" if sign > 0 else "left"
    events_s = {
        s: {
            "initial_contact": [round(a / track.fps, 3) for a, _ in contacts[s]],
            "toe_off": [round(b / track.fps, 3) for _, b in contacts[s]],
        }
        for s in contacts
    }
    return GaitReport(
        chosen, mode, track.fps, track.n_frames, facing, metrics, events_s, notes,
        xy_px=xy, contacts=contacts, forward_sign=sign,
    )  # fmt: skip


def _rank(c: Confidence) -> int:
    return ["unknown", "low", "moderate", "high"].index(c)
