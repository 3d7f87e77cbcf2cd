"""From a :class:`PoseTrack` to a :class:`GaitReport`: clean, find events, measure.

This is the only module that knows the order of the signal stages; each stage lives in its own
module and can be replaced or tested alone.
"""

from __future__ import annotations

import warnings
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from footfix.gait import confidence, stretches
from footfix.gait import events as ev
from footfix.gait import keypoints as kp
from footfix.gait.confidence import MIN_STRIDES_HIGH
from footfix.gait.errors import (
    CameraMovingError,
    FrameRateTooLowError,
    NobodyFoundError,
    NoSteadyGaitError,
    RunnerLeftFrameError,
    RunnerTooSmallError,
    UnsupportedViewError,
    VideoTooShortError,
)
from footfix.gait.keypoints import FloatArray, PoseTrack
from footfix.gait.metrics_model import Confidence, GaitReport, Metric, unknown
from footfix.gait.metrics_rear import rear_metrics
from footfix.gait.metrics_side import leg_length_px, side_metrics
from footfix.gait.metrics_temporal import timing_metrics
from footfix.gait.mode import GaitMode, classify, duty_possible
from footfix.gait.signal import clean_keypoints, drop_outside, repair_leg_swaps
from footfix.gait.view import View, detect_view

MIN_CONTACTS_PER_FOOT = 3
#: leg length in body heights, to state the runner's height in refusals
LEG_SHARE_OF_HEIGHT = 0.47
_SIDES = ("left", "right")
#: a step longer than this (under 60 steps/min) is no steady walk or run: most often a
#: slow-motion clip played at its slowed speed (a phone's 120 or 240 fps "slo-mo" at 30 fps)
SLOWEST_STEP_S = 1.0
SLOW_MOTION_STRIDE_S = 8.0  # how far a refusal looks for such a rhythm (8x slow motion)


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
    fps = track.fps
    if detected.sum() < fps:  # under one second of a visible person
        raise NobodyFoundError("No runner was found in enough frames to analyse.")
    notes = list(track.notes)
    raw = drop_outside(track.xy_px, track.width_px, track.height_px)
    _, n_swaps = repair_leg_swaps(raw)
    if n_swaps:
        notes.append(f"The pose model swapped the legs in {n_swaps} frames; they were relabelled.")
    xy = clean_keypoints(track.xy_px, fps, track.width_px, track.height_px)
    chosen: View = view or detect_view(xy[detected])
    leg_px = leg_length_px(xy)
    _check_size(leg_px)
    axis = 1 if chosen == "rear" else 0
    stride_guess = ev.stride_period_frames(xy, fps, axis) or fps
    # the gait's rhythm searched far beyond any gait: a much slower one is slow motion, whose
    # harmonics would otherwise pass for a walk or a run at two or three times the cadence
    slowest = ev.stride_period_frames(xy, fps, axis, longest_s=SLOW_MOTION_STRIDE_S)
    if slowest is not None:
        _refuse_slow_motion("The steps are too slow to be a walk or a run", slowest / 2 / fps)
    _check_frame_rate(stride_guess / 2, fps)
    contacts = find_contacts(xy, fps, chosen, leg_px)
    sign = ev.forward_sign(xy) if chosen == "side" else 1
    contacts, left_out = _steady_stretch(xy, fps, sign, leg_px, chosen, contacts, notes)
    _check_contacts(contacts, detected, left_out, stride_guess / 2, fps)
    n_contacts = min(len(c) for c in contacts.values())
    if n_contacts < MIN_STRIDES_HIGH:
        notes.append(
            f"Only {n_contacts} strides per foot were measured; {MIN_STRIDES_HIGH} or more are "
            "needed for any metric to be of high confidence."
        )
    clean = contacts
    if chosen == "side":
        clean = _without_hidden_leg(xy, track, leg_px, contacts, stride_guess, notes)
    ic = {s: np.array([a for a, _ in contacts[s]]) for s in contacts}
    metrics: dict[str, Metric] = timing_metrics(ic, clean, fps, stride_guess / 2)
    metrics = _cadence_cross_check(metrics, stride_guess, fps)
    if not metrics["cadence_spm"].known:
        why = metrics["cadence_spm"].reason or ""
        _refuse_untimed(why, stride_guess / 2, fps, detected, notes)
    if chosen == "side":
        metrics.update(side_metrics(xy, clean, sign, leg_px, {s: "high" for s in _SIDES}))
    else:
        metrics.update(rear_metrics(xy, clean, "high"))
    basis = _basis(track, clean, contacts, metrics, stride_guess, leg_px)
    metrics = {k: confidence.apply(m, basis) for k, m in metrics.items()}
    metrics = _impossible_values(metrics)
    phase = ev.pelvis_midstance_phase(xy, ev.zeni_events(xy, fps)) if chosen == "side" else None
    cadence, duty = metrics["cadence_spm"], metrics["duty_factor"]
    mode, evidence = classify(
        cadence.value if cadence.known else None,
        duty.value if duty.known else None,
        None if phase is None else phase / leg_px,
    )
    metrics = _duty_for_mode(metrics, mode)
    if mode == "walking":
        notes.append("The person is walking (both feet on the ground together), not running.")
    elif mode == "unclear":
        notes.append(f"Walking or running could not be told apart ({evidence}).")
    facing: Literal["left", "right"] | None = None
    if chosen == "side":
        facing = "right" if sign > 0 else "left"
    events_s = {
        s: {
            "initial_contact": [round(a / fps, 3) for a, _ in contacts[s]],
            "toe_off": [round(b / fps, 3) for _, b in contacts[s]],
        }
        for s in contacts
    }
    return GaitReport(
        chosen, mode, fps, track.n_frames, facing, metrics, events_s, notes,
        xy_px=xy, contacts=clean, forward_sign=sign, mode_reason=evidence,
    )  # fmt: skip


def _check_size(leg_px: float) -> None:
    if leg_px >= confidence.MIN_LEG_PX:
        return
    tall, needed = leg_px / LEG_SHARE_OF_HEIGHT, confidence.MIN_LEG_PX / LEG_SHARE_OF_HEIGHT
    raise RunnerTooSmallError(
        f"The runner is only about {tall:.0f} pixels tall in the frame (legs about "
        f"{leg_px:.0f} px); keypoints need a runner at least {needed:.0f} px tall."
    )


def _check_frame_rate(step_frames: float, fps: float) -> None:
    if step_frames >= confidence.MIN_FRAMES_PER_STEP:
        return
    cadence = 60.0 * fps / step_frames
    needed = 10 * np.ceil(cadence / 60.0 * 8 / 10)
    raise FrameRateTooLowError(
        f"At about {cadence:.0f} steps/min each step lasts only {step_frames:.1f} frames at "
        f"{fps:.0f} fps; at least {confidence.MIN_FRAMES_PER_STEP:.0f} frames per step are "
        f"needed to time steps at all and 8 for a good cadence: film at {needed:.0f} fps or more."
    )


def _steady_stretch(
    xy: FloatArray,
    fps: float,
    sign: int,
    leg_px: float,
    view: View,
    contacts: dict[str, list[tuple[float, float]]],
    notes: list[str],
) -> tuple[dict[str, list[tuple[float, float]]], dict[str, float]]:
    """Contacts of the longest stretch of steady forward gait, and seconds left out by cause."""
    excluded = stretches.gait_exclusions(xy, fps, sign, leg_px, view == "side")
    if not excluded.mask.any():
        return contacts, {}
    start, stop = stretches.longest_clear_stretch(excluded.mask)
    causes = ", ".join(f"{cause} for {sec:.1f} s" for cause, sec in excluded.seconds.items())
    notes.append(
        f"Left out where the person {causes}; measured the steady stretch from "
        f"{start / fps:.1f} s to {stop / fps:.1f} s."
    )
    return stretches.contacts_within(contacts, start, stop), excluded.seconds


def _check_contacts(
    contacts: dict[str, list[tuple[float, float]]],
    detected: NDArray[np.bool_],
    left_out: dict[str, float],
    step_frames: float,
    fps: float,
) -> None:
    n_contacts = min(len(c) for c in contacts.values())
    if n_contacts >= MIN_CONTACTS_PER_FOOT:
        return
    share = float(detected.mean())
    found = f"Only {n_contacts} usable foot contacts were found on one foot"
    if sum(left_out.values()) > 0.4 * len(detected) / fps:
        causes = ", ".join(f"{c} for {s:.1f} s" for c, s in left_out.items())
        if max(left_out, key=lambda c: left_out[c]) == "turned":
            raise UnsupportedViewError(
                f"{found}: the person faced the camera (front or angled) or turned for "
                f"{left_out['turned']:.1f} s of the clip, so the view is neither side-on nor "
                "from behind."
            )
        raise NoSteadyGaitError(f"{found}: the person {causes} of the clip.")
    if share < 0.6:
        raise RunnerLeftFrameError(
            f"{found}: the runner was visible in only {100 * share:.0f}% of the frames."
        )
    if step_frames < 8:
        raise FrameRateTooLowError(
            f"{found}: each step lasts only {step_frames:.1f} frames at {fps:.0f} fps, too few "
            f"to find the contacts; film at {10 * np.ceil(8 * fps / step_frames / 10):.0f} fps "
            "or more."
        )
    seconds = len(detected) / fps
    raise VideoTooShortError(
        f"{found} in {seconds:.1f} s; at least {MIN_CONTACTS_PER_FOOT} per foot are needed "
        f"(about {2 * MIN_CONTACTS_PER_FOOT * step_frames / fps + 1:.0f} s of steady gait), "
        f"and {MIN_STRIDES_HIGH} for confident numbers."
    )


def _without_hidden_leg(
    xy: FloatArray,
    track: PoseTrack,
    leg_px: float,
    contacts: dict[str, list[tuple[float, float]]],
    stride_frames: float,
    notes: list[str],
) -> dict[str, list[tuple[float, float]]]:
    collapsed, hidden = stretches.collapsed_frames(xy, track.visibility, leg_px)
    if not hidden:
        return contacts
    clean = stretches.clean_contacts(contacts, collapsed, hidden, stride_frames)
    for side in hidden:
        notes.append(
            f"The {side} leg was hidden from the camera and drawn onto the other leg in "
            f"{int(collapsed.sum())} frames; {len(clean[side])} of {len(contacts[side])} "
            f"{side} contacts were clear of those frames and used for {side}-side metrics."
        )
    return clean


def _basis(
    track: PoseTrack,
    clean: dict[str, list[tuple[float, float]]],
    contacts: dict[str, list[tuple[float, float]]],
    metrics: dict[str, Metric],
    stride_frames: float,
    leg_px: float,
) -> confidence.Basis:
    vis = {
        side: float(np.nanmedian(track.visibility[:, list(leg[1:])]))
        for side, leg in (("left", kp.LEFT_LEG), ("right", kp.RIGHT_LEG))
    }
    vis["both"] = float(np.mean(list(vis.values())))
    strides = {s: len(clean[s]) for s in _SIDES}
    strides["both"] = min(len(c) for c in contacts.values())
    cadence = metrics["cadence_spm"]
    step = 60.0 * track.fps / cadence.value if cadence.value else stride_frames / 2
    lengths = [b - a for side in clean.values() for a, b in side]
    per_contact = float(np.median(lengths)) if lengths else 0.0
    return confidence.Basis(strides, step, per_contact, vis, leg_px, track.fps)


#: The contact-by-contact cadence and the stride rhythm of the heel-to-heel distance must agree
#: this closely, or neither is trusted.
CADENCE_AGREEMENT = 0.03


def _cadence_cross_check(
    metrics: dict[str, Metric], stride_frames: float, fps: float
) -> dict[str, Metric]:
    """Cadence from the contacts against cadence from the autocorrelation of the heel-to-heel
    distance (no events involved): missed or misplaced contacts make them disagree."""
    cadence = metrics["cadence_spm"]
    if cadence.value is None:
        return metrics
    rhythm = 120.0 * fps / stride_frames
    gap = cadence.value / rhythm - 1.0
    if abs(gap) <= CADENCE_AGREEMENT:
        return metrics
    why = (
        f"the contacts give {cadence.value:.0f} steps/min but the stride rhythm gives "
        f"{rhythm:.0f} ({100 * gap:+.0f}%): contacts were missed or misplaced"
    )
    for key in ("cadence_spm", "stride_time_ms"):
        metrics[key] = unknown(metrics[key].spec, why)
    return metrics


def _refuse_slow_motion(message: str, step_s: float) -> None:
    if step_s > SLOWEST_STEP_S:
        raise NoSteadyGaitError(
            f"{message}: one step seems to last {step_s:.1f} s, slower than anyone walks or "
            "runs steadily. If the clip is a slow-motion recording, export or share it at the "
            "speed it was filmed (its real frame rate), or film at normal speed."
        )


def _refuse_untimed(
    why: str,
    step_frames: float,
    fps: float,
    detected: NDArray[np.bool_],
    notes: list[str],
) -> None:
    """No trustworthy cadence: refuse, naming the most likely cause."""
    message = f"The steps could not be timed consistently ({why})"
    if step_frames < 8:
        needed = 10 * np.ceil(8 * fps / step_frames / 10)
        raise FrameRateTooLowError(
            f"{message}: each step lasts only {step_frames:.1f} frames at {fps:.0f} fps, too few "
            f"to find every contact; film at {needed:.0f} fps or more."
        )
    if float(detected.mean()) < 0.8:
        raise RunnerLeftFrameError(
            f"{message}: the runner was seen in only {100 * detected.mean():.0f}% of the frames."
        )
    if any("camera moved" in n for n in notes):
        raise CameraMovingError(f"{message}, after taking out the camera's motion.")
    raise NoSteadyGaitError(f"{message}: the gait may not have been steady or was poorly seen.")


def _impossible_values(metrics: dict[str, Metric]) -> dict[str, Metric]:
    give = metrics.get("knee_give_deg")
    if give is not None and give.known:
        values = [v for v in (give.left, give.right) if v is not None]
        if any(v < 0 for v in values):
            metrics["knee_give_deg"] = unknown(
                give.spec,
                "came out negative, which a loaded knee cannot do: the contacts are mistimed",
            )
    return metrics


def _duty_for_mode(metrics: dict[str, Metric], mode: GaitMode) -> dict[str, Metric]:
    duty = metrics["duty_factor"]
    if not duty.known:
        return metrics
    values = [v for v in (duty.left, duty.right) if v is not None]
    if all(duty_possible(mode, v) for v in values):
        return metrics
    why = (
        f"duty factor {min(values):.2f}-{max(values):.2f} is not possible for {mode}: "
        "the contacts or toe-offs were found at the wrong frames"
    )
    for key in ("duty_factor", "contact_time_ms", "gct_balance_left_pct"):
        metrics[key] = unknown(metrics[key].spec, why)
    return metrics


def _rank(c: Confidence) -> int:
    return ["unknown", "low", "moderate", "high"].index(c)
