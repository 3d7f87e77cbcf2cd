"""Issue 9 item 14 (gates): runs from watch files count in the return-to-run gates together
with hand-logged runs, one running history, a run recorded both ways counted once."""

from __future__ import annotations

import datetime as dt

from footfix.tracking.decide import decide_phase
from footfix.tracking.history import PhaseState, RunnerProfile, judge_all
from footfix.tracking.running_history import WatchRun
from tests.tracking.helpers import START, day, run

KM = RunnerProfile(units="km", severity="moderate")


def _on(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


def _watch(offset: int, km: float, share: float | None = 0.97, ascent: float | None = 8.0):
    return WatchRun(_on(offset), km, f"w{offset}.fit", ascent, share)


def _criterion(decision, start: str):  # type: ignore[no-untyped-def]
    return next(c for c in decision.gate.criteria if c.text.startswith(start))


def test_watch_runs_count_in_the_return_to_run_gates() -> None:
    """Flat running: the runner hand-logs pain every day but the runs of days 2 and 4 (the long
    one) only on the watch. With the watch, three continuous runs and the long flat run are
    there and the gate opens; the hand log's own run on day 0 also on the watch counts once."""
    logs = [
        day(i, first_step_pain_nrs=1, pain_during_nrs=1, runs=[run(4.0)] if i == 0 else [])
        for i in range(6)
    ]
    days = judge_all(logs, False)
    state = PhaseState("return_to_run_flat", START, START)
    as_of = _on(5)
    alone = decide_phase(state, days, as_of, KM)
    assert not alone.changed
    assert _criterion(alone, "3 or more continuous runs").detail == "1"
    watch = [_watch(0, 4.1), _watch(2, 5.0), _watch(4, 6.5)]
    both = decide_phase(state, days, as_of, KM, watch)
    assert _criterion(both, "3 or more continuous runs").detail == "3"  # day 0 once
    assert _criterion(both, "a continuous flat run").met
    assert both.changed and both.phase == "progress_load_hills"


def test_a_watch_run_of_unknown_shape_is_not_evidence_of_a_flat_continuous_run() -> None:
    """A watch file with no elevation or no running dynamics does not show flat or continuous."""
    logs = [day(i, first_step_pain_nrs=1, pain_during_nrs=1) for i in range(6)]
    state = PhaseState("return_to_run_flat", START, START)
    watch = [_watch(0, 5.0, share=None), _watch(2, 5.0, share=None), _watch(4, 7.0, ascent=None)]
    decision = decide_phase(state, judge_all(logs, False), _on(5), KM, watch)
    assert not _criterion(decision, "a continuous flat run").met
    assert _criterion(decision, "3 or more continuous runs").detail == "1"
    hilly = decide_phase(state, judge_all(logs, False), _on(5), KM, [_watch(4, 7.0, ascent=120.0)])
    assert not _criterion(hilly, "a continuous flat run").met


def test_watch_runs_count_in_the_hills_gate() -> None:
    logs = [day(i, first_step_pain_nrs=0, pain_during_nrs=0) for i in range(8)]
    state = PhaseState("progress_load_hills", START, START)
    days = judge_all(logs, False)
    alone = decide_phase(state, days, _on(7), KM)
    assert _criterion(alone, "3 or more runs").detail == "0"
    watch = [_watch(3, 5.0), _watch(5, 6.0), _watch(7, 5.0)]
    with_watch = decide_phase(state, days, _on(7), KM, watch)
    assert _criterion(with_watch, "3 or more runs").met


def test_a_long_flat_run_without_logged_pain_is_not_evidence_of_minimal_pain() -> None:
    """Issue 9: the flat-run gate needs pain logged for the run it counts. A 6.5 km watch run on
    a day with nothing logged, or a hand-logged one whose pain was not entered, leaves the
    criterion not yet known and says what to log; with the pain logged it is met."""
    logs = [day(i, first_step_pain_nrs=1, pain_during_nrs=1) for i in (0, 1, 3, 5)]
    logs.append(day(2, first_step_pain_nrs=1, runs=[run(5.0)]))
    state = PhaseState("return_to_run_flat", START, START)
    watch = [_watch(0, 5.0), _watch(4, 6.5)]
    days = judge_all(logs, False)
    decision = decide_phase(state, days, _on(5), KM, watch)
    long_run = _criterion(decision, "a continuous flat run")
    assert not long_run.met and not long_run.known
    assert _on(4).isoformat() in long_run.detail and "log that day's pain" in long_run.detail
    assert not decision.changed
    assert any(
        "not yet known" in reason and _on(4).isoformat() in reason for reason in decision.reasons
    )
    # hand-logged, next morning told, but no pain entered: still not evidence
    unlogged = [*logs, day(4, next_morning="better", runs=[run(6.5)])]
    again = decide_phase(state, judge_all(unlogged, False), _on(5), KM, watch[:1])
    assert not _criterion(again, "a continuous flat run").met
    assert not again.changed
    # the pain logged for that day: the watch run is now the evidence the gate needs
    told = [*logs, day(4, first_step_pain_nrs=1, pain_during_nrs=2, pain_after_nrs=1)]
    opened = decide_phase(state, judge_all(told, False), _on(5), KM, watch)
    assert _criterion(opened, "a continuous flat run").met
    assert opened.changed and opened.phase == "progress_load_hills"


def test_log_only_names_the_hand_logged_runs_no_watch_run_records() -> None:
    from footfix.tracking.running_history import log_only

    logs = [day(0, runs=[run(5.0), run(2.0)]), day(1, runs=[run(3.0)])]
    watch = [_watch(0, 5.3), _watch(1, 6.0)]  # 5.3 is the 5 km run; 6 km is another run
    assert log_only(logs, watch) == [(_on(0), 1), (_on(1), 0)]
