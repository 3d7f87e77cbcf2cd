"""Timing metrics: cadence, contact time, duty factor, contact-time balance, walking or running.

Inputs are contacts per foot as ``(IC, TO)`` fractional frame indices (see
:mod:`footfix.gait.events`) and the frame rate. Timing resolution is one frame (33 ms at 30 fps)
per event; cadence is fitted over all strides so it is far finer than that.
"""

from __future__ import annotations

import numpy as np

from footfix.gait.keypoints import FloatArray
from footfix.gait.metrics_model import Confidence, Metric, MetricSpec, sided, unknown, whole

CADENCE = MetricSpec(
    "cadence_spm", "Cadence",
    "Steps per minute, from a straight-line fit of the initial-contact times of both feet "
    "against step number.",
    "steps/min", "about ±1% with 6 or more strides", True,
    usual=(155, 185), min_asymmetry=0,
    meaning=(
        "Steps per minute; a low cadence at a given speed usually goes with longer, heavier "
        "steps."
    ),
)  # fmt: skip
CONTACT = MetricSpec(
    "contact_time_ms", "Ground contact time",
    "Median time from initial contact to toe-off of each foot.",
    "ms", "±1 frame per contact (±33 ms at 30 fps, ±17 ms at 60 fps); median of several", True,
    usual=(200, 300), min_asymmetry=25,
    meaning="How long each foot stays on the ground; shorter at faster speeds.",
)  # fmt: skip
DUTY = MetricSpec(
    "duty_factor", "Duty factor",
    "Contact time divided by stride time; below 0.5 the runner has a flight phase (running), "
    "above 0.5 both feet overlap on the ground (walking).",
    "ratio", "±0.05 at 30 fps", True,
    usual=(0.25, 0.4), min_asymmetry=0.03,
    meaning="Share of the stride a foot is on the ground; over 0.5 means walking.",
)  # fmt: skip
STRIDE = MetricSpec(
    "stride_time_ms", "Stride time",
    "Time between successive initial contacts of the same foot.",
    "ms", "±1% with 6 or more strides", True,
    usual=(650, 780), min_asymmetry=20,
    meaning="Time for two steps; the inverse of cadence.",
)  # fmt: skip
BALANCE = MetricSpec(
    "gct_balance_left_pct", "Contact-time balance (left share)",
    "Left contact time as a percentage of left plus right; 50 = even.",
    "%", "±3 percentage points at 30 fps", False,
    usual=(48.5, 51.5), min_asymmetry=0,
    meaning="Even is 50%; a steady lean to one side means one foot stays down longer.",
)  # fmt: skip


def stride_fit_frames(ic: FloatArray) -> tuple[float, int] | None:
    """(stride period, strides spanned) from IC times, tolerating missed contacts."""
    if len(ic) < 3:
        return None
    period = float(np.median(np.diff(ic)))
    k = np.round((ic - ic[0]) / period)
    fit_ok = np.abs(ic - ic[0] - k * period) < 0.25 * period
    if fit_ok.sum() < 3:
        return None
    slope = float(np.polyfit(k[fit_ok], ic[fit_ok], 1)[0])
    return slope, int(k[fit_ok].max())


def slope_se(k: FloatArray, t: FloatArray) -> tuple[float, float]:
    """Least-squares slope of ``t`` against ``k`` and its standard error."""
    slope, intercept = np.polyfit(k, t, 1)
    resid = t - (slope * k + intercept)
    spread = float(np.sum((k - k.mean()) ** 2))
    dof = max(len(k) - 2, 1)
    se = float(np.sqrt(np.sum(resid**2) / dof / spread)) if spread > 0 else float("inf")
    return float(slope), max(se, 1e-6)


def combined_stride_frames(ic: dict[str, FloatArray], step_frames: float) -> float:
    """Stride period from every fit that agrees with the two-foot step fit, weighted by the
    inverse of each fit's variance: a foot whose contacts were found erratically (a hidden far
    leg, say) counts for less than a cleanly seen one."""
    estimates: list[tuple[float, float]] = []
    for side in ("left", "right"):
        times = np.sort(ic[side])
        fit = stride_fit_frames(times)
        if fit is None or abs(fit[0] / (2 * step_frames) - 1) >= 0.03:
            continue
        k = np.round((times - times[0]) / fit[0])
        ok = np.abs(times - times[0] - k * fit[0]) < 0.25 * fit[0]
        if ok.sum() >= 3:
            estimates.append(slope_se(k[ok], times[ok]))
    if not estimates:
        return 2 * step_frames
    weights = np.array([1.0 / se**2 for _, se in estimates])
    values = np.array([v for v, _ in estimates])
    return float(np.sum(weights * values) / np.sum(weights))


def step_fit_frames(
    ic_left: FloatArray, ic_right: FloatArray, step_guess: float
) -> tuple[float, int] | None:
    """(step period, steps spanned) from the initial contacts of both feet taken together.

    Robust to the pose model calling a foot by the wrong name: every contact is a step
    whichever foot it belongs to. Contacts closer than 0.4 steps to the previous one are
    duplicates; each contact gets a step number from the current period estimate, contacts off
    the fitted line by more than a quarter step are dropped, and the fit is refined over a
    growing share of the clip so a small error in the first guess cannot slip a step.
    """
    merged = np.sort(np.concatenate([ic_left, ic_right]))
    if len(merged) < 4:
        return None
    keep = [merged[0]]
    for t in merged[1:]:
        if t - keep[-1] >= 0.4 * step_guess:
            keep.append(t)
    times = np.array(keep)
    slope, intercept = step_guess, times[0]
    k = np.zeros(len(times))
    ok = np.ones(len(times), dtype=bool)
    for share in (0.25, 0.5, 1.0):
        span = max(times[0] + share * (times[-1] - times[0]), times[min(3, len(times) - 1)])
        k = np.round((times - intercept) / slope)
        ok = (np.abs(times - intercept - k * slope) < 0.25 * slope) & (times <= span + 1e-9)
        if ok.sum() < 3 or len(np.unique(k[ok])) < 2:
            return None
        slope, intercept = (float(v) for v in np.polyfit(k[ok], times[ok], 1))
    return slope, int(k[ok].max() - k[ok].min())


def robust_contacts_ms(contacts: list[tuple[float, float]], fps: float) -> list[float]:
    """Contact times with gross detection errors (under half or over 1.6 x the median) dropped."""
    times = np.array([(b - a) * 1000.0 / fps for a, b in contacts])
    if len(times) == 0:
        return []
    med = float(np.median(times))
    return [float(t) for t in times if 0.5 * med <= t <= 1.6 * med]


def timing_metrics(
    ic: dict[str, FloatArray],
    contacts: dict[str, list[tuple[float, float]]],
    fps: float,
    step_guess_frames: float,
) -> dict[str, Metric]:
    steps = step_fit_frames(ic["left"], ic["right"], step_guess_frames)
    out: dict[str, Metric] = {}
    if steps is None:
        why = "fewer than 4 initial contacts could be lined up into steps"
        return {s.key: unknown(s, why) for s in (CADENCE, STRIDE, CONTACT, DUTY, BALANCE)}
    fits = {side: stride_fit_frames(np.sort(ic[side])) for side in ("left", "right")}
    # strides, frame rate and visibility are judged by footfix.gait.confidence afterwards
    confidence: Confidence = "high"
    stride_frames = 2.0 * steps[0]
    reason: str | None = None
    # per-foot fits do not mix the two feet's detection offsets, so they are preferred where
    # they agree with the two-foot fit (which guards against a foot's contacts being mislabelled)
    agree = {s: f for s, f in fits.items() if f and abs(f[0] / stride_frames - 1) < 0.03}
    stride_frames = combined_stride_frames(ic, steps[0])
    out[CADENCE.key] = whole(CADENCE, 120.0 * fps / stride_frames, confidence, reason)
    stride_ms: dict[str, float | None] = {"left": None, "right": None}
    stride_ms.update({s: f[0] * 1000.0 / fps for s, f in agree.items() if f})
    out[STRIDE.key] = Metric(
        STRIDE, stride_frames * 1000.0 / fps, stride_ms["left"], stride_ms["right"],
        len(ic["left"]), len(ic["right"]), confidence, reason,
    )  # fmt: skip
    timing_conf: Confidence = confidence
    timing_reason = reason
    ct = {s: robust_contacts_ms(contacts[s], fps) for s in ("left", "right")}
    contact = sided(CONTACT, ct["left"], ct["right"], timing_conf, timing_reason)
    out[CONTACT.key] = contact
    if contact.known:
        stride_all_ms = stride_frames * 1000.0 / fps
        duty = {s: [c / (stride_ms[s] or stride_all_ms) for c in ct[s]] for s in ("left", "right")}
        out[DUTY.key] = sided(DUTY, duty["left"], duty["right"], timing_conf, timing_reason)
    else:
        out[DUTY.key] = unknown(DUTY, contact.reason or "contact time unknown")
    if contact.left is not None and contact.right is not None:
        share = 100.0 * contact.left / (contact.left + contact.right)
        out[BALANCE.key] = whole(BALANCE, share, timing_conf, timing_reason)
    else:
        out[BALANCE.key] = unknown(BALANCE, "contact time is needed on both feet")
    return out
