"""Is recovery on the expected course? Prompts to re-assess or seek care when it is not.

Mild cases usually settle in about three weeks; moderate and severe ones take six to twelve.
A stall (three weeks without moving forward and no fall in pain) or a red flag in a log asks the
runner to have the foot looked at again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from footfix.domain.result import PHASE_ORDER, PhaseId
from footfix.tracking.history import JudgedDay, Severity, between

EXPECTED_WEEKS: dict[str, tuple[int, int]] = {
    "mild": (2, 4),
    "moderate": (6, 12),
    "severe": (6, 12),
}
STALL_DAYS = 21
URGENT_LOG_FLAGS = frozenset(
    {
        "saddle_numbness",
        "bladder_bowel_change",
        "calf_swelling",
        "cold_pale_foot",
        "fever_or_unwell",
    }
)


@dataclass(frozen=True)
class TimelineStatus:
    weeks_elapsed: float
    expected_weeks: tuple[int, int]
    on_track: bool
    prompts: tuple[str, ...]


def timeline_status(
    started: dt.date,
    as_of: dt.date,
    severity: Severity | None,
    phase: PhaseId,
    last_forward_move: dt.date,
    days: Sequence[JudgedDay],
) -> TimelineStatus:
    expected = EXPECTED_WEEKS.get(severity or "moderate", (6, 12))
    weeks = max(0, (as_of - started).days) / 7
    prompts: list[str] = []
    done = phase == "full_training"
    late = not done and weeks > expected[1]
    if late:
        prompts.append(
            f"{weeks:.0f} weeks in, longer than the usual {expected[0]}–{expected[1]}: "
            "a fresh assessment by a clinician is worth it"
        )
    if (
        not done
        and (as_of - last_forward_move).days >= STALL_DAYS
        and not _pain_falling(days, as_of)
    ):
        prompts.append(
            "no step forward for three weeks and pain is not falling: re-assess (footfix assess)"
        )
    flags = sorted(
        {f for d in between(days, as_of - dt.timedelta(days=6), as_of) for f in d.log.red_flags}
    )
    if flags:
        urgent = [f for f in flags if f in URGENT_LOG_FLAGS]
        if urgent:
            prompts.append(f"seek care urgently (today): {', '.join(urgent)} logged this week")
        prompts.append(f"red flags logged this week ({', '.join(flags)}): see a clinician")
    if phase == "refer_first":
        prompts.append("a clinician must review before any rehab progression")
    return TimelineStatus(weeks, expected, not late and not prompts, tuple(prompts))


def _pain_falling(days: Sequence[JudgedDay], as_of: dt.date) -> bool:
    def mean_first_step(first: dt.date, last: dt.date) -> float | None:
        values = [d.log.first_step_pain_nrs for d in between(days, first, last)]
        known = [v for v in values if v is not None]
        return fmean(known) if known else None

    now = mean_first_step(as_of - dt.timedelta(days=6), as_of)
    before = mean_first_step(as_of - dt.timedelta(days=27), as_of - dt.timedelta(days=21))
    return now is not None and before is not None and now <= before - 1


def is_forward(old: str | None, new: str) -> bool:
    if old is None or old not in PHASE_ORDER:
        return True
    return PHASE_ORDER.index(new) > PHASE_ORDER.index(old)
