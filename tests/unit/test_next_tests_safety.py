"""Issue 9 item 4: the next tests are ordered safety first. Red-flag screening questions come
before anything provocative, no hop, heel-raise or running test is offered while a red-flag
condition is possible, and every test says how a runner does it alone."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from footfix.assess import assess
from footfix.intake import IntakeError, parse_case
from footfix.knowledge.kb import load_default
from tests.unit.case_strategies import any_case

PROVOCATIVE = {"exam.hop_pain", "exam.heel_raise_single_leg_reps", "gait"}


def asked(**sections: object) -> list[Any]:
    return assess(parse_case({"case_format": 1, **sections})).unknowns


def test_suspected_fracture_never_asks_to_hop_or_film_a_run() -> None:
    unknowns = asked(
        patient={"painful_side": "left"},
        history={"onset": "gradual", "pain_location": ["dorsal_midfoot"]},
        exam={"palpation_tender": ["navicular_body"]},
    )
    ids = {u.id for u in unknowns}
    assert not ids & PROVOCATIVE, ids


def test_suspected_infection_in_a_diabetic_wound_never_asks_to_hop() -> None:
    unknowns = asked(
        patient={"painful_side": "right"},
        history={"wound": "puncture", "medical_history": ["diabetes"]},
    )
    assert not {u.id for u in unknowns} & PROVOCATIVE
    assert "exam.warmth" in {u.id for u in unknowns}  # the screen that would settle it


def test_hopping_comes_after_the_red_flag_screens_in_a_history_only_case() -> None:
    unknowns = asked(patient={"painful_side": "left"}, history={"first_step_pain": True})
    kinds = [u.kind for u in unknowns]
    assert "provocative" in kinds and "red_flag_screen" in kinds
    assert kinds.index("provocative") > max(
        i for i, k in enumerate(kinds) if k == "red_flag_screen"
    )


def test_warning_signs_answered_no_one_at_a_time_are_not_asked_again() -> None:
    """A "no" to each warning sign leaves history.associated unset (the answers sit in
    associated_absent): the screen question covering them is answered, not a next test."""
    screened = [q.value for q in load_default().interview.questions if q.kind == "present"]
    history = {"first_step_pain": True, "night_pain": False, "wound": "none"}
    unknowns = asked(
        patient={"painful_side": "left"}, history={**history, "associated_absent": screened}
    )
    assert "history.associated" not in {u.id for u in unknowns}
    # one symptom it names left unanswered: the question still comes back
    partial = [v for v in screened if v != "calf_swelling"]
    unknowns = asked(
        patient={"painful_side": "left"}, history={**history, "associated_absent": partial}
    )
    assert "history.associated" in {u.id for u in unknowns}


def test_every_test_carries_how_to_instructions() -> None:
    tests = [q for q in load_default().questions if q.kind in {"self_test", "provocative"}]
    assert len(tests) >= 10
    assert all(q.how_to and len(q.how_to) > 60 for q in tests)
    unknowns = asked(patient={"painful_side": "left"})
    assert all(u.how_to for u in unknowns if u.kind in {"self_test", "provocative"})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_case())
def test_next_tests_never_put_a_provocative_test_before_an_open_red_flag_screen(
    data: dict[str, Any],
) -> None:
    try:
        case = parse_case(data)
    except IntakeError:
        return
    result = assess(case)
    kinds = [u.kind for u in result.unknowns]
    if "red_flag_screen" in kinds:
        last_screen = max(i for i, k in enumerate(kinds) if k == "red_flag_screen")
        assert "provocative" not in kinds[:last_screen], kinds
    if result.not_excluded or result.referral in ("urgent", "emergency"):
        assert "provocative" not in kinds


def test_a_limited_thoracic_rotation_self_test_brings_ribcage_and_spine_work() -> None:
    result = assess(
        parse_case(
            {
                "case_format": 1,
                "patient": {"painful_side": "left"},
                "history": {"first_step_pain": True, "walk_stand_tolerance_min": 30},
                "exam": {"self_tests": {"thoracic_rotation": {"left": "limited"}}},
            }
        )
    )
    assert "thoracic_ribcage_stiffness" in {c.id for c in result.root_causes}
    assert {"ribcage_foam_roll", "thoracic_ball_stretch"} & {p.id for p in result.plan}
