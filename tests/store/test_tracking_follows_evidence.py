"""Issue 9, item 14 through the services and a real database: the saved plan follows a phase
change, the saved assessment's heel raises are the first retest, watch runs join the history."""

from __future__ import annotations

import datetime as dt

from footfix.assess import assess
from footfix.intake.load import load_case
from footfix.services import tracking
from footfix.services.assessments import save_assessment
from footfix.services.identity import RunnerName, local_actor
from footfix.services.log_input import parse_log
from footfix.store import activities_repo, assessments_repo, runners_repo
from footfix.store.activities_repo import ActivityRecord
from footfix.store.store import Store
from footfix.tracking.gates import heel_raise_evidence
from tests.paths import CASES


def test_a_phase_change_records_a_plan_version_for_the_new_phase(store: Store) -> None:
    today = dt.datetime.now(dt.UTC).date()
    me = local_actor(store)
    tracking.add_runner(store, me, "pia", start=today - dt.timedelta(days=6))
    case = load_case(CASES / "E01-pf-ankle-df-load-spike.yaml")
    result = assess(case)
    assert result.phase == "rehab_no_running"
    save_assessment(store, me, RunnerName("pia"), case, result, on=today - dt.timedelta(days=5))
    outcome = None
    for back in (3, 2, 1):
        fields = {
            "day": today - dt.timedelta(days=back),
            "first_step_pain_nrs": 2,
            "pain_during_nrs": 1,
            "walk_stand_tolerance_min": 60,
        }
        outcome = tracking.log_day(store, me, RunnerName("pia"), parse_log(fields))
    assert outcome is not None and outcome.decision is not None
    assert outcome.decision.phase == "return_to_run_flat"
    with store.read() as conn:
        runner = runners_repo.get_runner(conn, me.user_id, "pia")
        versions = assessments_repo.plan_history(conn, runner.id)
    assert [v["phase"] for v in versions] == ["rehab_no_running", "return_to_run_flat"]
    assert "phase changed to return to running on the flat" in str(versions[-1]["reason"])
    assert "flat_firm_surface_running" in str(versions[-1]["items_json"])

    # E01's assessment measured 12 heel raises on the painful right side: the first retest
    _runner, report = tracking.progress(store, me, RunnerName("pia"))
    assert sorted((p.value, p.side, p.source) for p in report.retests) == [
        (12.0, "right", "assessment"),
        (25.0, "left", "assessment"),
    ]
    with store.read() as conn:
        profile = tracking.profile_of(runners_repo.get_runner(conn, me.user_id, "pia"), conn)
    assert heel_raise_evidence([], profile) == (
        12.0,
        f"12 (right) on {today.isoformat()} (assessment)",
    )


def test_watch_runs_and_hand_logged_runs_are_one_history(store: Store) -> None:
    today = dt.datetime.now(dt.UTC).date()
    me = local_actor(store)
    tracking.add_runner(
        store, me, "ola", start=today - dt.timedelta(days=9), phase="return_to_run_flat"
    )
    yesterday = today - dt.timedelta(days=1)
    fields = {"day": yesterday, "pain_during_nrs": 1, "runs": [{"distance": 5.0}]}
    tracking.log_day(store, me, RunnerName("ola"), parse_log(fields))
    start = dt.datetime.combine(yesterday, dt.time(7), dt.UTC)
    with store.write() as conn:
        runner = runners_repo.get_runner(conn, me.user_id, "ola")
        for key, when, metres in (
            ("a", start, 5150.0),
            ("b", start - dt.timedelta(days=2), 3000.0),
        ):
            record = ActivityRecord(
                dedup_key=key,
                start_utc=when,
                sport="running",
                sub_sport=None,
                file_format="fit",
                source=f"{key}.fit",
                file_sha256=None,
                distance_m=metres,
                elapsed_s=1800.0,
                moving_s=1800.0,
            )
            activities_repo.add_activity(conn, runner.id, record, dt.datetime.now(dt.UTC))
    _runner, report = tracking.progress(store, me, RunnerName("ola"))
    assert sorted((r.distance_km, r.recorded) for r in report.runs) == [
        (3.0, "watch"),
        (5.0, "log and watch"),
    ]
    assert round(sum(w.run_km for w in report.trends), 3) == 8.0
