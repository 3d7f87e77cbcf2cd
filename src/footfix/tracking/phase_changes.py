"""The recorded phase changes and the phase in effect on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from footfix.domain.result import PhaseId
from footfix.tracking.history import PhaseState

DEFAULT_WEEKS = 12


def window_start(as_of: dt.date, weeks: int = DEFAULT_WEEKS) -> dt.date:
    """First day of the oldest week shown: logs before it are not needed for the view."""
    return as_of - dt.timedelta(days=as_of.weekday()) - dt.timedelta(weeks=weeks - 1)


@dataclass(frozen=True)
class PhaseChangeRecord:
    effective_date: dt.date
    evidence_from: dt.date
    from_phase: PhaseId | None
    to_phase: PhaseId
    reasons: tuple[str, ...]
    source: str


def state_on(
    changes: Sequence[PhaseChangeRecord], as_of: dt.date, earliest_log: dt.date | None = None
) -> PhaseState:
    """The phase in effect on ``as_of``: the latest change dated on or before it.

    Logs entered later for days before tracking began (back-filled) count, by their day, for the
    first phase: ``earliest_log`` moves its evidence back to them.
    """
    effective = [c for c in changes if c.effective_date <= as_of] or list(changes[:1])
    if not effective:
        raise ValueError("the runner has no phase yet: add one with an assessment or runner add")
    last = effective[-1]
    evidence_from = last.evidence_from
    if len(effective) == 1 and earliest_log is not None:
        evidence_from = min(evidence_from, earliest_log)
    return PhaseState(last.to_phase, last.effective_date, evidence_from)
