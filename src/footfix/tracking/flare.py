"""Flare detection: a clear rise in symptoms that calls for holding or stepping back.

A *major* flare (pain above 5/10 with activity, two worse mornings in a row, or any loading pain
with a bone stress injury) steps the plan back. A *minor* one (a single worse morning) holds it.
Only days inside the current phase count, so one flare never steps the runner back twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from footfix.tracking.history import JudgedDay, between
from footfix.tracking.pain_model import ACCEPTABLE_MAX_NRS

FlareSeverity = Literal["minor", "major"]


@dataclass(frozen=True)
class Flare:
    severity: FlareSeverity
    day: dt.date
    peak_pain_nrs: float
    reasons: tuple[str, ...]


def detect_flare(
    days: Sequence[JudgedDay], as_of: dt.date, evidence_from: dt.date, bone_stress: bool
) -> Flare | None:
    """Look at the last two days (the newest may not know its next morning yet)."""
    recent = between(days, max(evidence_from, as_of - dt.timedelta(days=1)), as_of)
    if not recent:
        return None
    today = recent[-1]
    pain = today.log.activity_pain_nrs or 0.0
    if pain > ACCEPTABLE_MAX_NRS or (bone_stress and pain > 0):
        why = f"pain reached {pain:g}/10 with activity on {today.day.isoformat()}"
        if bone_stress:
            why += " (bone stress injury: any loading pain counts)"
        return Flare("major", today.day, pain, (why,))
    worse = [d for d in between(days, as_of - dt.timedelta(days=2), as_of) if d.response == "worse"]
    worse = [d for d in worse if d.day >= evidence_from]
    if len(worse) >= 2 or (worse and bone_stress):
        dates = " and ".join(d.day.isoformat() for d in worse)
        return Flare("major", worse[-1].day, pain, (f"worse mornings after {dates}",))
    if worse and worse[-1].day == as_of - dt.timedelta(days=1):
        why = f"the morning after {worse[-1].day.isoformat()} was worse than the one before"
        return Flare("minor", worse[-1].day, pain, (why,))
    return None
