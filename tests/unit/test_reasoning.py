"""The reasoning on small, hand-built cases: safety first, side logic, unknowns, determinism."""

from __future__ import annotations

from footfix.assess import assess
from footfix.intake import parse_case
from footfix.intake.evidence import Evidence


def run(**sections: object):  # type: ignore[no-untyped-def]
    return assess(parse_case({"case_format": 1, **sections}))


def test_push_off_deficit_on_one_leg_makes_the_other_over_reach() -> None:
    result = run(
        patient={"painful_side": "right"},
        exam={"hip_extension_deg": {"left": -14, "right": 4}},
        gait={"overstride": {"right": True, "left": False}},
    )
    causes = {(c.id, c.side, c.relation) for c in result.root_causes}
    assert ("contralateral_push_off_deficit", "left", "opposite") in causes
    assert ("hip_extension_deficit", "left", "opposite") in causes
    assert ("overstride", "right", "same") in causes
    lunge = next(p for p in result.plan if p.id == "runners_lunge")
    assert lunge.side == "left"


def test_the_same_signs_on_the_painful_leg_are_same_side_causes() -> None:
    result = run(
        patient={"painful_side": "left"},
        exam={"hip_extension_deg": {"left": -14, "right": 4}},
        gait={"overstride": {"left": True}},
    )
    causes = {(c.id, c.relation) for c in result.root_causes}
    assert ("hip_extension_deficit", "same") in causes
    assert not any(c.id == "contralateral_push_off_deficit" for c in result.root_causes)


def test_gct_balance_points_to_the_side_with_longer_contact() -> None:
    result = run(
        patient={"painful_side": "left"},
        exam={"heel_raise_single_leg_reps": {"left": 28, "right": 15}},
        gait={"gct_balance_left_pct": 53.1},
    )
    assert ("contralateral_push_off_deficit", "right", "opposite") in {
        (c.id, c.side, c.relation) for c in result.root_causes
    }


def test_red_flags_come_first_and_empty_the_plan_in_an_emergency() -> None:
    result = run(
        patient={"painful_side": "right"},
        history={
            "pain_location": ["medial_heel"],
            "first_step_pain": True,
            "associated": ["saddle_numbness", "back_pain"],
        },
        exam={"knee_to_wall_cm": {"left": 12, "right": 5}},
    )
    assert result.referral == "emergency"
    assert result.phase == "refer_first"
    assert [p.id for p in result.plan] == ["referral"]
    assert result.root_causes == []


def test_low_energy_with_bone_stress_is_urgent_and_refer_first() -> None:
    base = {
        "patient": {"painful_side": "left"},
        "exam": {"calcaneal_squeeze": "positive"},
    }
    alone = run(**base)
    assert alone.referral == "urgent" and alone.phase == "protect_unload"
    with_reds = run(**base, history={"medical_history": ["low_energy_availability"]})
    assert with_reds.referral == "urgent" and with_reds.phase == "refer_first"
    assert {"calcaneal_bone_stress", "bone_stress_with_low_energy"} <= {
        f.id for f in with_reds.red_flags
    }


def test_missing_means_unknown_and_the_engine_asks() -> None:
    result = run(patient={"painful_side": "right"}, history={"first_step_pain": True})
    asked = [u.id for u in result.unknowns]
    assert "history.walk_stand_tolerance_min" in asked
    assert {"history.night_pain", "exam.calcaneal_squeeze", "exam.hop_pain"} & set(asked)
    assert result.phase == "rehab_no_running"  # the run gate is unknown, so stay conservative


def test_hills_wait_for_the_flat_gate() -> None:
    flat = run(
        patient={"painful_side": "right"},
        history={
            "walk_stand_tolerance_min": 120,
            "currently_running": {
                "running": True, "continuous": True, "sessions_per_week": 3,
                "longest_run": {"value": 3, "unit": "mi"}, "pain_during": 1,
                "worse_next_morning": False,
            },
        },
    )  # fmt: skip
    assert flat.phase == "return_to_run_flat"
    assert "hills" not in {p.id for p in flat.plan}
    assert "mi" in next(p.dose for p in flat.plan if p.id == "flat_firm_surface_running")


def test_same_input_same_output() -> None:
    case = {"patient": {"painful_side": "both"}, "history": {"pain_location": ["central_heel"]}}
    assert run(**case).model_dump_json() == run(**case).model_dump_json()


def test_evidence_from_a_source_shows_in_the_reasons() -> None:
    case = parse_case({"case_format": 1, "patient": {"painful_side": "left"}})
    video = Evidence(source="video", patch={"gait": {"overstride": {"left": True}}})
    result = assess(case, evidence=[video])
    overstride = next(c for c in result.root_causes if c.id == "overstride")
    assert any("[from video]" in b for b in overstride.because)
    assert result.evidence_sources == ["video"]


def test_a_history_only_case_asks_for_the_phase_gate_the_bone_screen_and_self_tests() -> None:
    from tests.paths import CASES as SHARED_CASES

    case = parse_case(
        __import__("yaml").safe_load(
            (SHARED_CASES / "E10-minimal-pf-history-only.yaml").read_text()
        )
    )
    asked = {u.id for u in assess(case).unknowns}
    assert "history.walk_stand_tolerance_min" in asked
    assert {"history.night_pain", "exam.calcaneal_squeeze", "exam.hop_pain"} <= asked
    assert {"exam.knee_to_wall_cm", "exam.heel_raise_single_leg_reps"} <= asked
