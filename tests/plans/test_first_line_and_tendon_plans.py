"""Issue 9, findings 8 and 9: first-line heel care, unloading the right way, tendon plans, and a
plan ordered by priority with a focused session."""

from __future__ import annotations

from tests.plans.helpers import plan_ids, run

FAT_PAD = {
    "pain_location": ["central_heel"],
    "aggravating": ["hard_surfaces", "walking_barefoot"],
    "easing": ["cushioning_or_heel_cup"],
    "walk_stand_tolerance_min": 30,
}


def test_fat_pad_gets_a_heel_cup_and_cushioning_not_stiff_shoes() -> None:
    result = run(
        patient={"painful_side": "left"},
        history=FAT_PAD,
        exam={"palpation_tender": ["central_heel_pad"], "heel_pad_compression_pain": "positive"},
    )
    assert result.tissues[0].id == "fat_pad"
    items = plan_ids(result)
    assert "heel_cup_cushioning" in items and "stiff_shoes" not in items


def test_a_thin_pad_after_steroid_injections_gets_no_wiggling_or_heavy_heel_raises() -> None:
    result = run(
        patient={"painful_side": "left", "age": 58},
        history={**FAT_PAD, "medical_history": ["heel_steroid_injection"]},
        exam={"palpation_tender": ["central_heel_pad"], "heel_pad": "thin"},
    )
    # a thin pad after injections: atrophy (issue 9, item 12) and irritation lead together
    assert {t.id for t in result.tissues[:2]} == {"fat_pad_atrophy", "fat_pad"}
    items = plan_ids(result)
    assert not items & {"fat_pad_mobilisation", "heel_raise_toe_up"}
    assert "heel_cup_cushioning" in items
    assert "loading_a_thin_fat_pad" in {a.id for a in result.avoid}


def test_irritation_without_injections_still_gets_the_fat_pad_mobilisation() -> None:
    result = run(
        patient={"painful_side": "left"},
        history=FAT_PAD,
        exam={"palpation_tender": ["central_heel_pad"], "heel_pad": "thin"},
    )
    assert "fat_pad_mobilisation" in plan_ids(result)


PF = {
    "onset": "gradual",
    "pain_location": ["medial_heel"],
    "first_step_pain": True,
    "warms_up": True,
    "walk_stand_tolerance_min": 30,
}


def test_plantar_fasciopathy_without_a_measured_deficit_gets_calf_and_fascia_stretching() -> None:
    result = run(patient={"painful_side": "right"}, history=PF)
    assert result.tissues[0].id == "plantar_fascia"
    assert not result.root_causes
    items = plan_ids(result)
    assert "plantar_fascia_calf_stretch" in items
    assert "heel_pain_education" in items  # load, footwear and weight


def test_first_step_pain_gets_a_night_splint_apart_from_the_walking_boot() -> None:
    result = run(patient={"painful_side": "right"}, history=PF)
    items = plan_ids(result)
    assert result.phase == "rehab_no_running"
    assert "night_splint" in items and "walking_boot_or_night_splint" not in items


def test_no_night_splint_for_nerve_pain() -> None:
    result = run(
        patient={"painful_side": "right"},
        history={
            **PF,
            "pain_quality": ["burning", "tingling"],
            "pain_location": ["medial_ankle", "medial_arch"],
        },
        exam={"tinel_tarsal_tunnel": "positive"},
    )
    assert "night_splint" not in plan_ids(result)


def test_a_plan_that_has_not_helped_gets_a_routine_path_to_second_line_care() -> None:
    result = run(
        patient={"painful_side": "right"},
        history={
            **PF,
            "duration_weeks": 20,
            "treatments_tried": [{"treatment": "stretching", "weeks": 12, "response": "no_change"}],
        },
    )
    assert result.referral == "routine"
    assert "referral" in plan_ids(result)


PTT = dict(
    patient={"painful_side": "right", "age": 52, "sex": "female"},
    history={
        "onset": "gradual",
        "pain_location": ["medial_ankle", "medial_arch"],
        "aggravating": ["walking", "uneven_ground"],
        "weight_bearing": "painful",
        "walk_stand_tolerance_min": 30,
    },
    exam={
        "too_many_toes": {"left": "negative", "right": "positive"},
        "navicular_drop_mm": {"left": 6, "right": 13},
        "heel_raise_single_leg_reps": {"left": 22, "right": 8},
        "heel_raise_heel_inversion": {"left": "normal", "right": "reduced"},
        "palpation_tender": ["posterior_tibial_tendon"],
        "resisted_inversion_pain": "positive",
    },
    gait={"crossover": True},
)


def test_posterior_tibial_tendinopathy_gets_review_inversion_loading_and_a_brace() -> None:
    result = run(**PTT)
    assert result.tissues[0].id == "posterior_tibialis"
    items = plan_ids(result)
    assert {"tendon_clinician_review", "tibialis_posterior_loading", "arch_support_brace"} <= items
    assert "ice_skater" not in items  # no sideways bounding while weight bearing hurts
    assert result.plan[0].id == "tendon_clinician_review"


def test_forefoot_strike_in_minimal_shoes_is_addressed_for_an_fhl_runner() -> None:
    result = run(
        patient={"painful_side": "right"},
        history={
            "pain_location": ["medial_ankle", "medial_arch"],
            "walk_stand_tolerance_min": 120,
            "training_changes": [{"change": "minimal_shoes", "weeks_ago": 5}],
        },
        exam={"resisted_hallux_flexion_pain": "positive", "palpation_tender": ["fhl_tendon"]},
        gait={"foot_strike": "forefoot"},
    )
    assert result.tissues[0].id == "flexor_hallucis_longus"
    assert "footwear_strike_transition" in plan_ids(result)


def test_a_long_plan_is_ordered_with_a_focused_session_and_the_rest_for_later() -> None:
    result = run(
        patient={"painful_side": "right"},
        history={**PF, "walk_stand_tolerance_min": 90},
        exam={
            "knee_to_wall_cm": {"left": 11, "right": 5},
            "hip_extension_deg": {"left": -12, "right": 5},
            "hallux_extension_deg": {"left": 70, "right": 40},
            "thoracic_rotation_deg": {"left": 30, "right": 30},
        },
        gait={"overstride": True, "cadence_spm": 150, "crossover": True},
    )
    focus = [p for p in result.plan if p.session == "focus"]
    later = [p for p in result.plan if p.session == "later"]
    assert len(result.plan) > 8 and 6 <= len(focus) <= 8 and later
    assert [p.priority for p in result.plan] == sorted(p.priority for p in result.plan)
    assert result.plan.index(focus[-1]) < result.plan.index(later[0])
