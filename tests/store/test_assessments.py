from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from footfix.domain.result import AssessmentResult, GateOut, PlanItemOut
from footfix.intake.case_model import CaseFile
from footfix.services import tracking
from footfix.services.assessments import save_assessment
from footfix.services.identity import RunnerName, local_actor
from footfix.store.engine import make_engine, transaction
from footfix.store.errors import RunnerNotFound
from footfix.store.schema import assessments, plan_versions
from footfix.store.settings import Settings
from footfix.store.store import Store


def _result(phase: str = "return_to_run_flat") -> AssessmentResult:
    return AssessmentResult(
        case_id="c1",
        knowledge_version="kb-test",
        referral="none",
        red_flags=[],
        tissues=[],
        root_causes=[],
        unknowns=[],
        phase=phase,  # type: ignore[arg-type]
        phase_because=["walking is near pain-free"],
        next_gate=GateOut(phase="progress_load_hills", criteria=["6 km flat"]),
        plan=[
            PlanItemOut(
                id="bridges", title="Bridges", categories=["strength"], dose="3x10", because=["x"]
            )
        ],
        disclaimer="support only",
    )


def test_save_assessment_needs_an_existing_runner(store: Store) -> None:
    with pytest.raises(RunnerNotFound):
        save_assessment(
            store, local_actor(store), RunnerName("ghost"), CaseFile(case_format=1), _result()
        )


def test_save_assessment_snapshots_plan_and_phase(store: Store, settings: Settings) -> None:
    tracking.add_runner(store, local_actor(store), "ann", start=dt.date(2026, 1, 5))
    case = CaseFile(case_format=1, id="c1", notes="heel pain")
    new_id = save_assessment(
        store, local_actor(store), RunnerName("ann"), case, _result(), on=dt.date(2026, 1, 6)
    )
    assert new_id > 0
    engine = make_engine(settings)
    try:
        with transaction(engine) as conn:
            row = conn.execute(select(assessments)).mappings().one()
            versions = conn.execute(select(plan_versions)).mappings().all()
    finally:
        engine.dispose()
    assert CaseFile.model_validate_json(row["case_json"]) == case
    assert AssessmentResult.model_validate_json(row["result_json"]) == _result()
    assert row["knowledge_version"] == "kb-test" and len(versions) == 1
    info = tracking.runner_details(store, local_actor(store), RunnerName("ann"))
    last = info["phase_history"][-1]
    assert last.to_phase == "return_to_run_flat" and last.source == "assessment" and last.reasons


@pytest.mark.parametrize(
    ("case_name", "severity"),
    [("E01-pf-ankle-df-load-spike", "moderate"), ("E05-calcaneal-stress-fracture-reds", "severe")],
)
def test_a_saved_assessment_sets_the_expected_timeline(
    store: Store, settings: Settings, case_name: str, severity: str
) -> None:
    from footfix.assess import assess
    from footfix.intake.load import load_case
    from tests.paths import CASES as SHARED_CASES

    tracking.add_runner(store, local_actor(store), "bo", start=dt.date(2026, 1, 5))
    case = load_case(SHARED_CASES / f"{case_name}.yaml")
    save_assessment(
        store, local_actor(store), RunnerName("bo"), case, assess(case), on=dt.date(2026, 1, 6)
    )
    assert (
        tracking.runner_details(store, local_actor(store), RunnerName("bo"))["runner"].severity
        == severity
    )
