"""Walking, running, sprinting or unclear: three pieces of evidence, each with a margin.

* **Duty factor** (contact time / stride time): above 0.5 both feet share the ground (walking),
  below 0.5 there is a flight phase (running). Margins: walking needs >= 0.55, running <= 0.45,
  sprinting <= 0.35.
* **Pelvis at midstance** (Cavagna et al. 1977): highest when walking (vaulting over a stiff
  leg), lowest when running (a compressed spring); it must sit more than ``PELVIS_MARGIN`` leg
  lengths from the step's mean to count.
* **Cadence**: walking <= 140 steps/min, running 130-200, sprinting >= 210 (about 0.29 s steps
  or shorter).

With a trustworthy duty factor all three must agree. Without one (too few frames per contact),
the pelvis and cadence must agree, and sprinting needs >= 220 steps/min. Anything else is
"unclear", and running fields are not filled.
"""

from __future__ import annotations

from typing import Literal

GaitMode = Literal["walking", "running", "sprinting", "unclear"]
PELVIS_MARGIN = 0.005
#: physically possible duty factors per mode; outside them the contact timing is wrong
DUTY_RANGE: dict[str, tuple[float, float]] = {
    "walking": (0.5, 0.8),
    "running": (0.15, 0.5),
    "sprinting": (0.15, 0.45),
}


def _pelvis(phase: float | None) -> str:
    if phase is None:
        return "unknown"
    if phase > PELVIS_MARGIN:
        return "vault"
    return "spring" if phase < -PELVIS_MARGIN else "flat"


def classify(
    cadence_spm: float | None, duty: float | None, pelvis_phase: float | None
) -> tuple[GaitMode, str]:
    """(mode, the evidence in one sentence). ``pelvis_phase`` is in leg lengths (+ = vault)."""
    if cadence_spm is None:
        return "unclear", "no cadence could be measured"
    pelvis = _pelvis(pelvis_phase)
    c = cadence_spm
    evidence = f"cadence {c:.0f} steps/min, pelvis {pelvis}"
    if duty is not None:
        evidence += f", duty factor {duty:.2f}"
        if duty >= 0.55 and c <= 140 and pelvis in ("vault", "flat", "unknown"):
            return "walking", evidence
        if duty <= 0.35 and c >= 210 and pelvis != "vault":
            return "sprinting", evidence
        if duty <= 0.45 and 130 <= c < 200 and pelvis != "vault":
            return "running", evidence
    if pelvis == "vault" and c <= 130:
        return "walking", evidence
    if c >= 220 and pelvis != "vault":
        return "sprinting", evidence
    if pelvis == "spring" and 140 <= c < 200:
        return "running", evidence
    return "unclear", evidence + ": these do not agree clearly on one gait"


def duty_possible(mode: GaitMode, duty: float) -> bool:
    lo, hi = DUTY_RANGE.get(mode, (0.15, 0.8))
    return lo <= duty <= hi
