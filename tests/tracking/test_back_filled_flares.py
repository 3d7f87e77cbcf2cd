"""Issue 9 item 14: step-backs and holds are re-judged when logs for earlier days arrive. A flare
back-filled within the last days is answered now (a step back or a hold); the decision already
taken is kept, with a note that the newer evidence disagrees."""

from __future__ import annotations

import datetime as dt

from footfix.services import tracking
from footfix.services.identity import RunnerName, local_actor
from footfix.services.log_input import LogInput
from footfix.store.store import Store
from footfix.tracking.evidence_notes import kept_decision_notes
from footfix.tracking.history import RunnerProfile
from footfix.tracking.phase_changes import PhaseChangeRecord
from footfix.tracking.replay import decide_on_log
from tests.tracking.helpers import START, day

KM = RunnerProfile(units="km", severity="moderate")


def _on(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


def _walk(offset: int, **extra: object):  # type: ignore[no-untyped-def]
    fields = {"first_step_pain_nrs": 2, "pain_during_nrs": 1, "walk_stand_tolerance_min": 60}
    return day(offset, **(fields | extra))


CHANGES = [
    PhaseChangeRecord(_on(0), _on(0), None, "rehab_no_running", ("start",), "manual"),
    PhaseChangeRecord(
        _on(5), _on(6), "rehab_no_running", "return_to_run_flat", ("gate met",), "log"
    ),
]


def test_a_back_filled_flare_steps_back_now_and_the_kept_move_gets_a_note() -> None:
    logs = [_walk(i) for i in (0, 1, 2, 3, 5, 6)]
    late = [*logs, _walk(4, pain_during_nrs=8)]  # day 4 entered on day 7
    decision, change = decide_on_log(CHANGES, late, _on(4), KM, today=_on(7))
    assert decision is not None and change is not None
    assert (change.from_phase, change.to_phase) == ("return_to_run_flat", "rehab_no_running")
    assert change.effective_date == _on(7)
    assert any(f"logged later for {_on(4).isoformat()}" in r for r in change.reasons)
    notes = kept_decision_notes(CHANGES, late, KM)
    assert any(n.startswith("kept: the move from") and _on(5).isoformat() in n for n in notes)


def test_a_back_filled_worse_morning_holds_now() -> None:
    logs = [_walk(i) for i in (0, 1, 2, 3, 5, 6)]
    late = [*logs, _walk(4, first_step_pain_nrs=5)]  # the morning after day 3 was worse
    decision, change = decide_on_log(CHANGES, late, _on(4), KM, today=_on(6))
    assert change is None and decision is not None
    assert decision.phase == "return_to_run_flat" and not decision.changed
    assert decision.flare is not None and decision.flare.severity == "minor"
    assert any("holding" in r for r in decision.reasons)
    assert any("logged later" in r for r in decision.reasons)


def test_a_flare_already_answered_or_long_past_changes_nothing() -> None:
    logs = [_walk(i) for i in (0, 1, 2, 3, 5, 6)]
    late = [*logs, _walk(4, pain_during_nrs=8)]
    stepped = [
        *CHANGES,
        PhaseChangeRecord(
            _on(6), _on(7), "return_to_run_flat", "rehab_no_running", ("flare",), "log"
        ),
    ]
    assert decide_on_log(stepped, late, _on(4), KM, today=_on(7)) == (None, None)
    assert decide_on_log(CHANGES, late, _on(4), KM, today=_on(20)) == (None, None)


def test_a_back_filled_flare_steps_back_through_the_service(store: Store) -> None:
    today = dt.datetime.now(dt.UTC).date()
    me = local_actor(store)
    tracking.add_runner(store, me, "eli", start=today - dt.timedelta(days=5))

    def log(back: int, **fields: object) -> tracking.LogOutcome:
        base = {
            "first_step_pain_nrs": 2,
            "pain_during_nrs": 1,
            "walk_stand_tolerance_min": 60,
            "next_morning": "same",
        }
        data = base | fields | {"day": today - dt.timedelta(days=back)}
        return tracking.log_day(store, me, RunnerName("eli"), LogInput.model_validate(data))

    for back in (5, 3, 2):
        outcome = log(back)
    assert outcome.decision is not None and outcome.decision.phase == "return_to_run_flat"
    late = log(4, pain_during_nrs=8)
    assert late.decision is not None and late.decision.changed
    assert late.decision.phase == "rehab_no_running"
    assert any(n.startswith("kept: the move from") for n in late.notes)
    _runner, report = tracking.progress(store, me, RunnerName("eli"))
    assert report.phase == "rehab_no_running" and report.phase_since == today
    assert [f.day for f in report.flares] == [today - dt.timedelta(days=4)]
