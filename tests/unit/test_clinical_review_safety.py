"""Issue 9, the clinical review's safety findings (items 3, 5, 12, 13): one test per finding,
each built from the case the reviewer described."""

from __future__ import annotations

from footfix.assess import assess
from footfix.intake import parse_case
from footfix.knowledge.kb import load_default


def run(**sections: object):  # type: ignore[no-untyped-def]
    return assess(parse_case({"case_format": 1, **sections}))


def flag_ids(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.id for f in result.red_flags}


# --- item 3: infection under-triaged ---------------------------------------------------------


def test_diabetic_puncture_wound_with_red_hot_swollen_heel_is_an_emergency_without_fever() -> None:
    result = run(
        patient={"age": 58, "painful_side": "right"},
        history={
            "onset": "sudden",
            "pain_location": ["plantar_heel"],
            "night_pain": True,
            "wound": "puncture",
            "medical_history": ["diabetes"],
        },
        exam={"redness": True, "warmth": True, "swelling": True},
    )
    assert result.referral == "emergency"
    assert "infection" in flag_ids(result)
    assert result.phase == "refer_first"
    assert [p.id for p in result.plan] == ["referral"]


def test_immunosuppressed_runner_with_an_infected_looking_wound_is_an_emergency() -> None:
    result = run(
        patient={"painful_side": "left"},
        history={"wound": "cut_or_blister", "medical_history": ["immunosuppression"]},
        exam={"redness": True},
    )
    assert result.referral == "emergency"


def test_a_puncture_with_two_signs_of_inflammation_is_an_emergency_in_anyone() -> None:
    result = run(
        patient={"painful_side": "left"},
        history={"wound": "puncture", "associated": ["redness", "swelling"]},
    )
    assert result.referral == "emergency"


def test_a_wound_without_signs_of_inflammation_raises_no_infection_flag() -> None:
    result = run(patient={"painful_side": "left"}, history={"wound": "cut_or_blister"})
    assert "infection" not in flag_ids(result)


def test_absent_pulses_without_a_sudden_onset_are_urgent_and_with_one_an_emergency() -> None:
    slow = run(patient={"painful_side": "left"}, exam={"foot_pulses": "absent"})
    assert slow.referral == "urgent" and "reduced_circulation" in flag_ids(slow)
    sudden = run(
        patient={"painful_side": "left"},
        history={"onset": "sudden"},
        exam={"foot_pulses": "absent"},
    )
    assert sudden.referral == "emergency" and "acute_limb_ischaemia" in flag_ids(sudden)


def test_a_tender_calf_after_a_long_journey_is_a_dvt_screen_positive() -> None:
    result = run(
        patient={"painful_side": "left"},
        history={"dvt_risk": ["long_travel"]},
        exam={"calf_tenderness": True},
    )
    assert "deep_vein_thrombosis" in flag_ids(result) and result.referral == "urgent"


def test_reduced_monofilament_sensation_asks_for_diabetic_foot_screening() -> None:
    result = run(patient={"painful_side": "left"}, exam={"monofilament": "reduced"})
    assert "diabetic_foot_screen" in flag_ids(result)


# --- item 5: RED-S too narrow ----------------------------------------------------------------


def test_eight_months_without_periods_with_deliberate_weight_loss_raises_reds() -> None:
    result = run(
        patient={"age": 24, "sex": "female", "painful_side": "left"},
        history={"energy": {"months_without_period": 8, "weight_loss_deliberate": True}},
    )
    assert "low_energy_availability" in flag_ids(result)
    flag = next(f for f in result.red_flags if f.id == "low_energy_availability")
    assert "mountjoy_2023" in flag.sources


def test_a_man_with_weight_loss_and_a_previous_stress_fracture_is_reds_not_tumour() -> None:
    result = run(
        patient={"age": 27, "sex": "male", "painful_side": "right"},
        history={
            "pain_location": ["central_heel", "lateral_heel"],
            "night_pain": True,
            "associated": ["unexplained_weight_loss"],
            "medical_history": ["previous_stress_fracture"],
            "energy": {"weight_loss_kg": 6},
        },
    )
    flags = flag_ids(result)
    assert "low_energy_availability" in flags
    assert "tumour_or_systemic" not in flags


def test_one_secondary_reds_indicator_alone_raises_no_flag() -> None:
    result = run(patient={"painful_side": "left"}, history={"energy": {"low_libido": True}})
    assert "low_energy_availability" not in flag_ids(result)


# --- item 12: high-risk bone stress sites and new red flags -----------------------------------


def test_fifth_metatarsal_base_bone_tenderness_goes_to_see_a_clinician_first() -> None:
    result = run(
        patient={"age": 22, "painful_side": "left"},
        history={"onset": "gradual", "pain_location": ["lateral_midfoot"], "trauma": False,
                 "aggravating": ["running"]},
        exam={"palpation_tender": ["fifth_metatarsal_base"]},
    )  # fmt: skip
    assert "high_risk_bone_stress" in flag_ids(result)
    assert result.phase == "refer_first" and result.referral == "urgent"


def test_a_red_hot_big_toe_joint_overnight_is_urgent_for_gout_or_infection() -> None:
    result = run(
        patient={"age": 50, "sex": "male", "painful_side": "right"},
        history={"onset": "sudden", "pain_location": ["big_toe_joint"]},
        exam={"redness": True, "warmth": True, "swelling": True},
    )
    assert "acute_hot_joint" in flag_ids(result) and result.referral == "urgent"


def test_a_reduced_ankle_reflex_at_seventy_alone_is_not_a_nerve_deficit() -> None:
    old = run(patient={"age": 72, "painful_side": "left"}, exam={"achilles_reflex": "reduced"})
    assert "neurological_deficit" not in flag_ids(old)
    young = run(patient={"age": 35, "painful_side": "left"}, exam={"achilles_reflex": "reduced"})
    assert "neurological_deficit" in flag_ids(young)


def test_weak_toe_walking_is_an_objective_nerve_deficit() -> None:
    result = run(patient={"painful_side": "left"}, exam={"toe_walk": "weak"})
    assert "neurological_deficit" in flag_ids(result)


# --- item 13: the disclaimer and the referral's one urgency ----------------------------------


def test_every_disclaimer_carries_the_emergency_warning() -> None:
    text = run().disclaimer.lower()
    for sign in ("bladder", "groin", "cold or pale foot", "fever"):
        assert sign in text, sign


def test_the_referral_item_states_only_the_urgency_that_applies() -> None:
    urgent = run(
        patient={"painful_side": "left"},
        history={"onset": "gradual", "pain_location": ["dorsal_midfoot"]},
        exam={"palpation_tender": ["navicular_body"], "hop_pain": "positive"},
    )
    assert urgent.referral == "urgent"
    dose = next(p.dose for p in urgent.plan if p.id == "referral")
    assert "few days" in dose and "weeks" not in dose and "Routine" not in dose
    routine = run(patient={"painful_side": "left"}, exam={"monofilament": "reduced"})
    dose = next(p.dose for p in routine.plan if p.id == "referral")
    assert "few weeks" in dose and "days" not in dose.replace("few weeks", "")
    assert load_default().meta.referral_dose.keys() == {"emergency", "urgent", "routine"}
