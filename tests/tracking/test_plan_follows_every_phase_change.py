"""Issue 9 item 14: the saved plan follows every phase change, not only a move forward the logs
make: a phase change from an assessment, a phase set by hand or by a clinician, and a step
back each save a plan version for the new phase (through the services, on a real database)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from footfix.assess import assess
from footfix.intake.load import load_case
from footfix.services import tracking
from footfix.services.assessments import save_assessment
from footfix.services.errors import ServiceError
from footfix.services.identity import RunnerName, local_actor
from footfix.services.log_input import LogInput
from footfix.store import assessments_repo, runners_repo
from footfix.store.store import Store
from tests.paths import CASES


def _plan_and_phase(store: Store, user_id: int) -> tuple[list[tuple[str, str, str]], str]:
    with store.read() as conn:
        runner = runners_repo.get_runner(conn, user_id, "noa")
        versions = assessments_repo.plan_history(conn, runner.id)
        phase = runners_repo.phase_history(conn, runner.id)[-1].to_phase
    return [(str(v["phase"]), str(v["reason"]), str(v["items_json"])) for v in versions], phase


def test_the_saved_plan_follows_every_phase_change(store: Store) -> None:
    today = dt.datetime.now(dt.UTC).date()
    me = local_actor(store)
    tracking.add_runner(
        store, me, "noa", start=today - dt.timedelta(days=10), phase="return_to_run_flat"
    )
    # an assessment that places the runner elsewhere: its plan is for the new phase
    case = load_case(CASES / "E01-pf-ankle-df-load-spike.yaml")
    save_assessment(store, me, RunnerName("noa"), case, assess(case), on=today - dt.timedelta(9))
    versions, phase = _plan_and_phase(store, me.user_id)
    assert phase == "rehab_no_running" and versions[-1][0] == phase

    # set by hand
    tracking.set_phase(
        store,
        me,
        RunnerName("noa"),
        "return_to_run_flat",
        "cleared to run by my physio",
        on=today - dt.timedelta(days=8),
    )
    versions, phase = _plan_and_phase(store, me.user_id)
    assert phase == "return_to_run_flat" and versions[-1][0] == phase
    assert "manual phase set" in versions[-1][1]
    assert "flat_firm_surface_running" in versions[-1][2]

    # a step back: a run at 8/10
    tracking.log_day(
        store,
        me,
        RunnerName("noa"),
        LogInput.model_validate(
            {"day": today - dt.timedelta(days=6), "pain_during_nrs": 8, "runs": [{"distance": 3}]}
        ),
    )
    versions, phase = _plan_and_phase(store, me.user_id)
    assert phase == "rehab_no_running" and versions[-1][0] == phase
    assert "step back" in versions[-1][1]

    # set by a clinician
    clinician = dataclasses.replace(me, role="clinician")
    tracking.set_phase(
        store,
        clinician,
        RunnerName("noa"),
        "protect_unload",
        "boot for two weeks",
        on=today - dt.timedelta(days=5),
    )
    versions, phase = _plan_and_phase(store, me.user_id)
    assert phase == "protect_unload" and versions[-1][0] == phase
    assert "clinician phase set" in versions[-1][1]
    with store.read() as conn:
        last = runners_repo.phase_history(conn, runners_repo.get_runner(conn, me.user_id, "noa").id)
    assert last[-1].source == "clinician" and list(last[-1].reasons) == ["boot for two weeks"]
    # one plan version per phase change (and the assessment's own)
    assert [v[0] for v in versions] == [
        "rehab_no_running",
        "return_to_run_flat",
        "rehab_no_running",
        "protect_unload",
    ]


def test_a_phase_set_by_hand_needs_a_known_phase_and_a_reason(store: Store) -> None:
    me = local_actor(store)
    tracking.add_runner(store, me, "noa")
    with pytest.raises(ServiceError, match="not one of"):
        tracking.set_phase(store, me, RunnerName("noa"), "sprinting", "why not")
    with pytest.raises(ServiceError, match="needs a reason"):
        tracking.set_phase(store, me, RunnerName("noa"), "protect_unload", "  ")
