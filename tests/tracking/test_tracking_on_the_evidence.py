"""Issue 9, item 14: tracking sees what was logged. Back-filled days count by their day; a kept
decision that newer evidence disputes gets a note; the saved assessment's heel raises are
retest evidence; hand-logged and watch runs are one running history."""

from __future__ import annotations

import datetime as dt

from footfix.tracking.decide import decide_phase
from footfix.tracking.gates import heel_raise_evidence
from footfix.tracking.history import PhaseState, RunnerProfile, judge_all
from footfix.tracking.report import PhaseChangeRecord, build_report
from footfix.tracking.running_history import WatchRun, running_history
from footfix.tracking.trends import RetestPoint
from tests.tracking.helpers import START, day, run

KM = RunnerProfile(units="km", severity="moderate")


def change(
    offset: int, to: str, frm: str | None = None, source: str = "manual"
) -> PhaseChangeRecord:
    when = START + dt.timedelta(days=offset)
    nxt = when + dt.timedelta(days=1) if source == "log" else when
    return PhaseChangeRecord(when, nxt, frm, to, ("x",), source)  # type: ignore[arg-type]


def test_back_filled_days_before_tracking_began_count_by_their_day() -> None:
    """Ten days entered after the runner was added (first-step pain 7, a worse morning, a run of
    6.4 km in the no-running phase): weeks tracked, the flare and the run all show."""
    logs = [day(i, first_step_pain_nrs=7, walk_stand_tolerance_min=30) for i in range(10)]
    logs[4] = day(4, first_step_pain_nrs=7, next_morning="worse", pain_during_nrs=6)
    logs[6] = day(6, first_step_pain_nrs=7, runs=[run(6.4, shoes="minimal")], pain_during_nrs=4)
    report = build_report(KM, [change(10, "rehab_no_running")], logs, START + dt.timedelta(days=10))
    assert report.timeline.weeks_elapsed >= 1.4
    assert sum(w.days_logged for w in report.trends) == 10
    assert [f.day for f in report.flares] == [START + dt.timedelta(days=4)]
    assert any("6.4 km" in n and "Rehabilitation without running" in n for n in report.notes)


def test_a_kept_move_forward_gets_a_note_when_later_logs_disagree() -> None:
    good = [
        day(i, first_step_pain_nrs=2, pain_during_nrs=1, walk_stand_tolerance_min=60)
        for i in range(3)
    ]
    changes = [
        change(0, "rehab_no_running"),
        change(2, "return_to_run_flat", "rehab_no_running", "log"),
    ]
    as_of = START + dt.timedelta(days=4)
    assert build_report(KM, changes, good, as_of).notes == ()
    # day 1 corrected (or back-filled) later: pain 6 while walking
    disputed = [good[0], day(1, first_step_pain_nrs=6, pain_during_nrs=6), good[2]]
    report = build_report(KM, changes, disputed, as_of)
    assert report.phase == "return_to_run_flat"  # the decision is kept ...
    assert any(
        n.startswith(
            "kept: the move from Rehabilitation without running to Return to running on the flat"
        )
        for n in report.notes
    )


def test_a_flare_before_the_phase_began_still_holds_the_hills_gate() -> None:
    flare = day(3, first_step_pain_nrs=3, pain_during_nrs=7)
    flat = [day(i, pain_during_nrs=1, runs=[run(6.5)]) for i in range(5, 10)]
    days = judge_all([flare, *flat], False)
    state = PhaseState(
        "return_to_run_flat", START + dt.timedelta(days=4), START + dt.timedelta(days=5)
    )
    decision = decide_phase(state, days, START + dt.timedelta(days=9), KM)
    calm = next(c for c in decision.gate.criteria if c.text.startswith("no flare"))
    assert not calm.met and (START + dt.timedelta(days=3)).isoformat() in calm.detail
    assert not decision.changed


def test_the_saved_assessments_heel_raises_are_retest_evidence() -> None:
    saved = RunnerProfile(
        baseline_retests=(
            RetestPoint(START, "heel_raise_single_leg_reps", "left", 18, "assessment"),
        )
    )
    assert heel_raise_evidence([], RunnerProfile()) == (
        None,
        "not retested yet: log --retest heel_raise_single_leg_reps=N:side",
    )
    reps, detail = heel_raise_evidence([], saved)
    assert reps == 18 and "assessment" in detail
    later = judge_all(
        [day(5, retests=[{"test": "heel_raise_single_leg_reps", "value": 22, "side": "left"}])],
        False,
    )
    assert heel_raise_evidence(later, saved)[0] == 22
    report = build_report(saved, [change(0, "rehab_no_running")], [], START + dt.timedelta(days=1))
    assert [(p.value, p.source) for p in report.retests] == [(18, "assessment")]


def test_one_run_logged_by_hand_and_by_the_watch_counts_once() -> None:
    logs = [day(0, runs=[run(5.0)]), day(2, runs=[run(4.0)])]
    watch = [
        WatchRun(START, 5.2, "watch.fit"),  # the same run
        WatchRun(START + dt.timedelta(days=1), 3.0, "b.fit"),  # only on the watch
    ]
    history = running_history(logs, watch)
    assert [(r.day.day - START.day, r.distance_km, r.recorded) for r in history] == [
        (0, 5.0, "log and watch"),
        (1, 3.0, "watch"),
        (2, 4.0, "log"),
    ]
    report = build_report(
        KM, [change(0, "return_to_run_flat")], logs, START + dt.timedelta(days=3), watch=watch
    )
    assert sum(w.run_km for w in report.trends) == 12.0
