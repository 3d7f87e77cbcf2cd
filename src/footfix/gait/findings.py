"""Turning measured metrics into case-format ``gait:`` fields, only where they are supported.

Thresholds are heuristics stated here once; each yes/no has a "clearly yes" and a "clearly no"
bound, and a value between them (or a metric of low/unknown confidence) sets nothing and says
why. Running fields are only filled when the person was running.

* foot strike from the foot angle at contact: > 8° heel, < -1.6° forefoot, else midfoot -
  Altman AR, Davis IS, "A kinematic method for footstrike pattern detection in barefoot and
  shod runners", Gait & Posture 2012;35(2):298-300.
* over-stride: heel ≥ 0.25 leg lengths ahead of the hip and shank ≥ 8° = yes; heel ≤ 0.15 and
  shank ≤ 5° = no.
* deflating (midstance knee give): ≥ 30° = yes, ≤ 22° = no (typical running ~20-25°).
* trunk: lean < -2° backward_lean, -2°..3° upright, 3°..15° hip_hinge, > 20° waist_bend.
* hip strategy: both sides over-striding = horizontal; both clearly not, with thigh lift ≥ 30°,
  = vertical.
* push-off short: hip extension at toe-off ≥ 8° less than the other side and under 10°.
* rear view: crossover when the landing offset is ≤ 0 on a side; pelvic drop ≥ 7° yes, ≤ 4° no,
  keyed by the stance leg (a drop of the right pelvis in left stance sets ``left``).

Sides: a per-side field is set only when both sides were measured. When the two sides come out
differently (left forefoot, right heel; over-striding on one foot only; a short push-off on one
side; uneven contact-time balance), the field is set only if that metric's left/right difference
is *supported* (:func:`footfix.gait.metrics_model.asymmetry_support`: consistent stride to
stride and larger than its own spread); otherwise nothing is set and a note says why, so an
unsupported asymmetry never reaches the root causes.
"""

from __future__ import annotations

from typing import Any

from footfix.gait.metrics_model import GaitReport, Metric

SIDES = ("left", "right")


def _usable(metric: Metric | None) -> bool:
    return metric is not None and metric.confidence in ("high", "moderate")


def _even_or_supported(
    metric: Metric, values: dict[str, Any], what: str, notes: list[str]
) -> dict[str, Any]:
    """``values`` per side if both sides are there and agree, or differ with support."""
    if set(values) != set(SIDES):
        if values:
            notes.append(f"{what} not set: only one side was measured reliably.")
        return {}
    if values["left"] == values["right"] or metric.asymmetry_supported:
        return values
    notes.append(
        f"{what} not set: the sides came out differently, but the difference is not "
        "consistent from stride to stride (it may come from the camera angle or a hidden leg)."
    )
    return {}


def _side_flags(metric: Metric, yes: float, no: float) -> dict[str, bool]:
    """Per side: True at or above ``yes``, False at or below ``no``, unset in between."""
    out: dict[str, bool] = {}
    for side in SIDES:
        value = getattr(metric, side)
        if value is None:
            continue
        if value >= yes:
            out[side] = True
        elif value <= no:
            out[side] = False
    return out


def _strike(angle_deg: float) -> str:
    if angle_deg > 8.0:
        return "heel"
    if angle_deg < -1.6:
        return "forefoot"
    return "midfoot"


def _trunk(lean_deg: float) -> str | None:
    if lean_deg < -2.0:
        return "backward_lean"
    if lean_deg <= 3.0:
        return "upright"
    if lean_deg <= 15.0:
        return "hip_hinge"
    if lean_deg > 20.0:
        return "waist_bend"
    return None


def gait_patch(report: GaitReport) -> tuple[dict[str, Any], list[str]]:
    """``({"gait": {...}}, notes)`` for :class:`footfix.intake.evidence.Evidence`."""
    m = report.metrics
    notes: list[str] = []
    gait: dict[str, Any] = {}
    if report.mode != "running":
        what = {
            "walking": "walking, but running was expected",
            "sprinting": "sprinting; the running fields describe steady running",
        }.get(report.mode or "", f"of unclear gait ({report.mode_reason})")
        notes.append(
            f"The person in the video is {what}; no running fields were set. Film 10-20 s of "
            "steady running."
        )
        return {}, notes
    cadence = m.get("cadence_spm")
    if _usable(cadence) and cadence is not None and cadence.value is not None:
        gait["cadence_spm"] = round(cadence.value, 1)
    balance, contact = m.get("gct_balance_left_pct"), m.get("contact_time_ms")
    if _usable(balance) and balance is not None and balance.value:
        if contact is not None and contact.asymmetry_supported:
            gait["gct_balance_left_pct"] = round(balance.value, 1)
        else:
            notes.append("Contact-time balance not set: no consistent left/right difference.")
    if report.view == "side":
        _side_view(m, gait, notes)
    else:
        _rear_view(m, gait, notes)
        notes.append("Foot strike, over-stride, posture and push-off need a side view.")
    if report.view == "side":
        notes.append("Crossover and pelvic drop need a view from behind.")
    notes.append("Over-push-off is not judged from video: 2-D keypoints cannot separate it.")
    return {"gait": gait} if gait else {}, notes


def _side_view(m: dict[str, Metric], gait: dict[str, Any], notes: list[str]) -> None:
    angle = m.get("foot_strike_angle_deg")
    if _usable(angle) and angle is not None:
        strikes = {s: _strike(v) for s in SIDES if (v := getattr(angle, s)) is not None}
        strikes = _even_or_supported(angle, strikes, "Foot strike", notes)
        if strikes:
            gait["foot_strike"] = strikes
            if all(v == "forefoot" for v in strikes.values()) and len(strikes) == 2:
                gait["heel_never_contacts"] = True
    else:
        notes.append("Foot strike not set: the foot angle at contact was not measured reliably.")
    heel, shank = m.get("overstride_ratio"), m.get("shank_angle_deg")
    over: dict[str, bool] = {}
    if _usable(heel) and _usable(shank) and heel is not None and shank is not None:
        far, near = _side_flags(heel, 0.25, 0.15), _side_flags(shank, 8.0, 5.0)
        over = {s: far[s] for s in SIDES if s in far and near.get(s) == far[s]}
        over = _even_or_supported(heel, over, "Over-stride", notes) if over else {}
    if over:
        gait["overstride"] = over
    else:
        notes.append(
            "Over-stride not set: landing position and shank angle disagree or are borderline."
        )
    give = m.get("knee_give_deg")
    flags = _side_flags(give, 30.0, 22.0) if _usable(give) and give is not None else {}
    if give is not None and (flags := _even_or_supported(give, flags, "Deflating", notes)):
        gait["deflating"] = flags
    trunk = m.get("trunk_lean_deg")
    if _usable(trunk) and trunk is not None and trunk.value is not None:
        label = _trunk(trunk.value)
        if label:
            gait["trunk"] = label
        else:
            notes.append(f"Trunk lean {trunk.value:.0f}° sits between hip hinge and waist bend.")
    lift = m.get("thigh_lift_swing_deg")
    if len(over) == 2 and all(over.values()):
        gait["hip_strategy"] = "horizontal"
    elif len(over) == 2 and not any(over.values()) and lift is not None and lift.value:
        gait["hip_strategy"] = "vertical" if lift.value >= 30.0 else None
        if gait["hip_strategy"] is None:
            del gait["hip_strategy"]
    ext = m.get("hip_extension_toe_off_deg")
    if _usable(ext) and ext is not None and ext.left is not None and ext.right is not None:
        short = {}
        for side, other in (("left", "right"), ("right", "left")):
            mine, theirs = getattr(ext, side), getattr(ext, other)
            short[side] = bool(theirs - mine >= 8.0 and mine < 10.0)
        if any(short.values()) and ext.asymmetry_supported:
            gait["push_off_short"] = {s: v for s, v in short.items() if v}
        elif any(short.values()):
            notes.append("Short push-off not set: the side difference is not consistent.")


def _rear_view(m: dict[str, Metric], gait: dict[str, Any], notes: list[str]) -> None:
    offset = m.get("landing_offset_ratio")
    if _usable(offset) and offset is not None:
        sides = {s: bool(v <= 0.0) for s in SIDES if (v := getattr(offset, s)) is not None}
        if sides := _even_or_supported(offset, sides, "Crossover", notes):
            gait["crossover"] = sides
    drop = m.get("pelvic_drop_deg")
    if _usable(drop) and drop is not None and (flags := _side_flags(drop, 7.0, 4.0)):
        if flags := _even_or_supported(drop, flags, "Pelvic drop", notes):
            gait["pelvic_drop"] = flags
    elif drop is not None:
        notes.append("Pelvic drop not set: borderline or poorly seen hips.")
