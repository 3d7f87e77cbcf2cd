from __future__ import annotations

import datetime as dt

from footfix.tracking.decide import decide_phase
from footfix.tracking.history import PhaseState, RunnerProfile, judge_all
from footfix.tracking.progression import current_stage
from footfix.tracking.report import PhaseChangeRecord, build_report
from footfix.tracking.timeline import timeline_status
from tests.tracking.helpers import START, day, run

KM = RunnerProfile(units="km", severity="moderate")


def state(phase: str, since: int = 0) -> PhaseState:
    when = START + dt.timedelta(days=since)
    return PhaseState(phase, when, when)  # type: ignore[arg-type]


def test_walking_near_pain_free_opens_flat_running() -> None:
    logs = [
        day(i, first_step_pain_nrs=2, pain_during_nrs=1, walk_stand_tolerance_min=50)
        for i in range(3)
    ]
    decision = decide_phase(state("rehab_no_running"), judge_all(logs, False), logs[-1].day, KM)
    assert decision.changed and decision.phase == "return_to_run_flat"
    assert any("walking" in reason for reason in decision.reasons)


def test_short_walks_keep_rehab_and_say_why() -> None:
    logs = [
        day(i, first_step_pain_nrs=2, pain_during_nrs=1, walk_stand_tolerance_min=10)
        for i in range(3)
    ]
    decision = decide_phase(state("rehab_no_running"), judge_all(logs, False), logs[-1].day, KM)
    assert not decision.changed
    assert any(reason.startswith("not yet: walking") for reason in decision.reasons)


def _flat_block(distance_km: float) -> list:
    runs = {0: 4, 2: 5, 4: distance_km}
    return [
        day(i, first_step_pain_nrs=1, pain_during_nrs=1, runs=[run(runs[i])] if i in runs else [])
        for i in range(6)
    ]


def test_flat_running_gate_uses_the_runners_units() -> None:
    """The gate is the knowledge base's (6.4 km, or 4 miles), shown in the runner's units."""
    logs = _flat_block(6.45)
    as_of = logs[-1].day
    km_decision = decide_phase(state("return_to_run_flat"), judge_all(logs, False), as_of, KM)
    assert km_decision.phase == "progress_load_hills"
    assert any("6.4 km" in c.text for c in km_decision.gate.criteria)
    miles = RunnerProfile(units="mi")
    mi_decision = decide_phase(state("return_to_run_flat"), judge_all(logs, False), as_of, miles)
    assert mi_decision.phase == "progress_load_hills"
    assert any("4 mi" in c.text for c in mi_decision.gate.criteria)
    short = _flat_block(6.1)
    short_decision = decide_phase(state("return_to_run_flat"), judge_all(short, False), as_of, KM)
    assert short_decision.phase == "return_to_run_flat"  # 6.1 km is short of the 6.4 km gate


def test_a_flare_on_hills_steps_back_to_flat() -> None:
    logs = [
        day(0, first_step_pain_nrs=1, pain_during_nrs=1, runs=[run(5, hills=True)]),
        day(1, first_step_pain_nrs=1),
        day(2, first_step_pain_nrs=1, pain_during_nrs=6, runs=[run(6, hills=True)]),
    ]
    decision = decide_phase(state("progress_load_hills"), judge_all(logs, False), logs[-1].day, KM)
    assert decision.changed and decision.phase == "return_to_run_flat"
    assert decision.flare is not None and decision.flare.severity == "major"


def test_red_flags_in_a_log_block_progress_and_prompt_care() -> None:
    logs = [
        day(i, first_step_pain_nrs=2, pain_during_nrs=1, walk_stand_tolerance_min=50)
        for i in range(3)
    ]
    logs[-1] = day(
        2,
        first_step_pain_nrs=2,
        pain_during_nrs=1,
        walk_stand_tolerance_min=50,
        red_flags=["calf_swelling"],
    )
    days = judge_all(logs, False)
    decision = decide_phase(state("rehab_no_running"), days, logs[-1].day, KM)
    assert not decision.changed and decision.red_flags == ("calf_swelling",)
    status = timeline_status(START, logs[-1].day, "moderate", "rehab_no_running", START, days)
    assert any("urgently" in prompt for prompt in status.prompts)


def test_bone_stress_steps_back_on_any_pain() -> None:
    profile = RunnerProfile(bone_stress=True)
    logs = [day(0, first_step_pain_nrs=0, pain_during_nrs=2, runs=[run(3, hills=True)])]
    decision = decide_phase(
        state("progress_load_hills"), judge_all(logs, True), logs[-1].day, profile
    )
    assert decision.phase == "return_to_run_flat"


def test_walk_run_stage_advances_after_two_settled_runs_and_drops_after_a_flare() -> None:
    logs = [
        day(
            0,
            first_step_pain_nrs=1,
            pain_during_nrs=1,
            runs=[run(1, continuous=False, run_min=1, walk_min=4)],
        ),
        day(1, first_step_pain_nrs=1),
        day(
            2,
            first_step_pain_nrs=1,
            pain_during_nrs=1,
            runs=[run(1, continuous=False, run_min=1, walk_min=4)],
        ),
        day(3, first_step_pain_nrs=1),
    ]
    assert current_stage(judge_all(logs, False), "km").stage.number == 2
    logs.append(day(4, first_step_pain_nrs=1, pain_during_nrs=6, runs=[run(1.5)]))
    assert current_stage(judge_all(logs, False), "km").stage.number == 1


def test_slow_recovery_prompts_a_re_assessment() -> None:
    logs = [day(i, first_step_pain_nrs=4, walk_stand_tolerance_min=20) for i in range(0, 100, 2)]
    changes = [PhaseChangeRecord(START, START, None, "rehab_no_running", ("start",), "manual")]
    report = build_report(
        RunnerProfile(severity="mild"), changes, logs, START + dt.timedelta(days=99)
    )
    assert not report.timeline.on_track
    assert any("re-assess" in p for p in report.timeline.prompts)
    assert any("longer than the usual" in p for p in report.timeline.prompts)
    assert report.to_dict()["phase"] == "rehab_no_running"


def test_after_a_step_back_from_hills_flat_running_resumes_near_its_level() -> None:
    flat = {0: 4, 2: 5, 4: 6.5, 6: 6.5, 8: 8, 10: 8}
    logs = [
        day(i, first_step_pain_nrs=1, pain_during_nrs=1, runs=[run(flat[i])] if i in flat else [])
        for i in range(12)
    ]
    logs.append(day(12, first_step_pain_nrs=1, pain_during_nrs=6, runs=[run(6, hills=True)]))
    changes = [
        PhaseChangeRecord(START, START, None, "return_to_run_flat", ("start",), "manual"),
        PhaseChangeRecord(
            START + dt.timedelta(days=11),
            START + dt.timedelta(days=12),
            "return_to_run_flat",
            "progress_load_hills",
            ("gate met",),
            "log",
        ),
        PhaseChangeRecord(
            START + dt.timedelta(days=12),
            START + dt.timedelta(days=13),
            "progress_load_hills",
            "return_to_run_flat",
            ("flare",),
            "log",
        ),
    ]
    report = build_report(KM, changes, logs, START + dt.timedelta(days=13))
    assert report.phase == "return_to_run_flat"
    assert report.allowance.session.startswith("stage 7/8: continuous")


def test_decision_reasons_name_phases_in_words_not_ids() -> None:
    """What `footfix log` prints and the phase history keeps is read by a runner."""
    back = [
        day(0, first_step_pain_nrs=1, pain_during_nrs=1, runs=[run(5, hills=True)]),
        day(1, first_step_pain_nrs=1),
        day(2, first_step_pain_nrs=1, pain_during_nrs=6, runs=[run(6, hills=True)]),
    ]
    stepped = decide_phase(state("progress_load_hills"), judge_all(back, False), back[-1].day, KM)
    forward = [
        day(i, first_step_pain_nrs=2, pain_during_nrs=1, walk_stand_tolerance_min=50)
        for i in range(3)
    ]
    moved = decide_phase(state("rehab_no_running"), judge_all(forward, False), forward[-1].day, KM)
    flagged = [*forward[:2], day(2, walk_stand_tolerance_min=50, red_flags=["calf_swelling"])]
    held = decide_phase(state("rehab_no_running"), judge_all(flagged, False), flagged[-1].day, KM)
    assert "stepping back from progress load, hills included to return to running on the flat" in (
        stepped.reasons
    )
    assert "moving on to return to running on the flat" in moved.reasons
    assert any("calf swelling" in reason for reason in held.reasons)
    for reason in (*stepped.reasons, *moved.reasons, *held.reasons):
        assert "_" not in reason, reason
