"""Every recorded clinical decision names who made it: the runner, or their clinician."""

from __future__ import annotations

from importlib.resources import files

from footfix.intake.load import load_case
from footfix.services import audit, sharing
from footfix.services.assessment import assess_case
from footfix.services.assessments import save_assessment
from footfix.services.identity import RunnerUid
from footfix.services.sessions import SessionUser
from footfix.services.store_access import Store
from footfix.store import assessments_repo, runners_repo, users_repo
from tests.web.runner_account import runner_account


def _clinician(store: Store) -> SessionUser:
    from footfix.services.tracking import now_utc

    with store.write() as conn:
        row = users_repo.add_user(
            conn, display_name="Dr K", role="clinician", created_at=now_utc(), email="k@example.org"
        )
    return SessionUser.of(row)


def test_a_shared_clinicians_assessment_is_credited_to_the_clinician(store: Store) -> None:
    runner = runner_account(store)
    (own,) = sharing.own_runners(store, runner)
    clinician = _clinician(store)
    sharing.redeem(store, clinician, sharing.invite(store, runner, own.uid))
    actor, row = sharing.acting_for(store, clinician, own.uid)
    assert actor.user_id == runner.user_id  # still the owner's records
    case = load_case(files("footfix.examples").joinpath("demo-runner.yaml"))  # type: ignore[arg-type]
    save_assessment(store, actor, RunnerUid(own.uid), case, assess_case(case))
    with store.read() as conn:
        (saved,) = assessments_repo.list_assessments(conn, row.id)
        versions = assessments_repo.plan_history(conn, row.id)
        history = runners_repo.phase_history(conn, row.id)
    assert (saved.decided_by_uid, saved.decided_by_role) == (clinician.uid, "clinician")
    assert [(v["decided_by_uid"], v["decided_by_role"]) for v in versions] == [
        (clinician.uid, "clinician")
    ]
    # the starting phase was set by the runner's own sign-up; the assessment moved it on
    assert [(h.to_phase, h.decided_by_uid, h.decided_by_role) for h in history] == [
        ("rehab_no_running", runner.uid, "runner"),
        ("return_to_run_flat", clinician.uid, "clinician"),
    ]
    entries = audit.list_entries(store, runner_uid=own.uid)
    assert {e.actor_uid for e in entries if e.action == "assessment_saved"} == {clinician.uid}


def test_a_phase_change_from_the_logs_is_credited_to_whoever_logged(store: Store) -> None:
    import datetime as dt

    from footfix.services import tracking
    from footfix.services.log_input import parse_log

    runner = runner_account(store)
    start = dt.date.today() - dt.timedelta(days=3)
    row = tracking.add_runner(store, runner.actor, "Ann 2", phase="return_to_run_flat", start=start)
    for back in (2, 1):  # a flare while running: the rules step the phase back
        fields = {
            "day": dt.date.today() - dt.timedelta(days=back),
            "first_step_pain_nrs": 7,
            "pain_during_nrs": 7,
            "next_morning": "worse",
            "runs": [{"distance_km": 3.0, "surface": "road"}],
        }
        tracking.log_day(store, runner.actor, RunnerUid(row.uid), parse_log(fields))
    with store.read() as conn:
        history = runners_repo.phase_history(conn, row.id)
    assert len(history) >= 2 and history[-1].source != "manual"
    assert {(h.decided_by_uid, h.decided_by_role) for h in history} == {(runner.uid, "runner")}
