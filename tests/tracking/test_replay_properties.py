"""Invariants of the phase decisions over random recoveries (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from footfix.domain.result import PHASE_ORDER
from footfix.tracking.history import RunnerProfile
from footfix.tracking.log_entry import DayLog
from footfix.tracking.replay import replay
from footfix.tracking.report import PhaseChangeRecord

START = dt.date(2026, 1, 5)
pain = st.one_of(st.none(), st.integers(0, 10).map(float))
run = st.fixed_dictionaries(
    {
        "distance_km": st.floats(0.5, 12),
        "hills": st.booleans(),
        "shoes": st.sampled_from(["stiff", "soft", "barefoot", "usual"]),
        "sprints": st.booleans(),
    }
)
day_fields = st.fixed_dictionaries(
    {
        "first_step_pain_nrs": pain,
        "pain_during_nrs": pain,
        "walk_stand_tolerance_min": st.sampled_from([None, 5.0, 20.0, 45.0]),
        "runs": st.lists(run, max_size=1),
        "red_flags": st.lists(st.sampled_from(["night_pain", "calf_swelling"]), max_size=1),
    }
)
journeys = st.lists(st.tuples(st.booleans(), day_fields), min_size=5, max_size=45)


def _logs(journey: list[tuple[bool, dict[str, object]]]) -> list[DayLog]:
    return [
        DayLog.model_validate({"day": START + dt.timedelta(days=i), **fields})
        for i, (logged, fields) in enumerate(journey)
        if logged or i == 0
    ]


@settings(max_examples=60, deadline=None)
@given(journey=journeys, start=st.sampled_from(PHASE_ORDER[1:]), bone=st.booleans())
def test_phase_changes_are_single_steps_with_reasons(
    journey: list[tuple[bool, dict[str, object]]], start: str, bone: bool
) -> None:
    logs = _logs(journey)
    initial = PhaseChangeRecord(START, START, None, start, ("start",), "manual")  # type: ignore[arg-type]
    changes = replay(initial, logs, RunnerProfile(bone_stress=bone))
    by_day = {log.day: log for log in logs}
    for change in changes[1:]:
        assert change.reasons and all(isinstance(r, str) and r for r in change.reasons)
        assert change.from_phase is not None
        step = PHASE_ORDER.index(change.to_phase) - PHASE_ORDER.index(change.from_phase)
        assert step in (-1, 1)
        if step == 1:
            recent = [
                by_day[d]
                for d in by_day
                if change.effective_date - dt.timedelta(days=6) <= d <= change.effective_date
            ]
            assert not any(log.red_flags for log in recent), "progressed despite red flags"
            today = by_day[change.effective_date]
            assert (today.activity_pain_nrs or 0) <= 5
            if bone:
                assert (today.activity_pain_nrs or 0) == 0
    effective = [c.effective_date for c in changes]
    assert effective == sorted(effective)
