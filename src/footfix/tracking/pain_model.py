"""The pain-monitoring model: how one day's load was tolerated.

Pain during or after activity up to 3/10 that has settled by the next morning means the load can
grow; 4–5/10 is acceptable but the load should stay where it is; above 5/10, or a morning that is
worse than the one before, means holding or stepping back. The model was built for Achilles
tendon pain and is used here by analogy (clinical reference 5.2). With a bone stress injury it
does not apply: any pain from loading means stepping back (clinical reference 5.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from footfix.tracking.log_entry import DayLog, MorningResponse

Verdict = Literal["progress", "hold", "step_back"]

SAFE_MAX_NRS = 3.0
ACCEPTABLE_MAX_NRS = 5.0
# A first-step pain this many points above the day before counts as a worse morning.
WORSE_MORNING_RISE_NRS = 2.0


@dataclass(frozen=True)
class DayVerdict:
    verdict: Verdict
    reasons: tuple[str, ...]


def morning_response(log: DayLog, following: DayLog | None) -> MorningResponse | None:
    """How the morning after ``log`` compared: stated explicitly, or read from the next day."""
    if log.next_morning is not None:
        return log.next_morning
    if following is None or (following.day - log.day).days != 1:
        return None
    before, after = log.first_step_pain_nrs, following.first_step_pain_nrs
    if before is None or after is None:
        return None
    if after >= before + WORSE_MORNING_RISE_NRS:
        return "worse"
    return "better" if after < before else "same"


def judge_day(log: DayLog, response: MorningResponse | None, bone_stress: bool) -> DayVerdict:
    """Classify one day's loading with its reasons."""
    pain = log.activity_pain_nrs
    if bone_stress:
        return _judge_bone_day(pain, response)
    if pain is not None and pain > ACCEPTABLE_MAX_NRS:
        return DayVerdict("step_back", (f"pain reached {pain:g}/10 with activity (above 5)",))
    if response == "worse":
        return DayVerdict("hold", ("the next morning was worse, so the load was too much",))
    if pain is not None and pain > SAFE_MAX_NRS:
        return DayVerdict("hold", (f"pain {pain:g}/10 with activity is acceptable, not yet safe",))
    if response is None:
        return DayVerdict("hold", ("the next morning's response is not known yet",))
    shown = "no pain recorded" if pain is None else f"pain {pain:g}/10"
    return DayVerdict("progress", (f"{shown} with activity and settled by the next morning",))


def _judge_bone_day(pain: float | None, response: MorningResponse | None) -> DayVerdict:
    if pain is not None and pain > 0:
        return DayVerdict(
            "step_back", (f"bone stress injury: any pain with loading ({pain:g}/10) means back",)
        )
    if response == "worse":
        return DayVerdict("step_back", ("bone stress injury: the next morning was worse",))
    if response is None:
        return DayVerdict("hold", ("the next morning's response is not known yet",))
    return DayVerdict("progress", ("pain-free with loading and the next morning",))
