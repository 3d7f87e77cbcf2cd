"""Issue 9 item 12 (inputs): the interview, the one question source of the CLI interview and
the web wizard, asks the DVT screen, heel and toe walking, the monofilament, the Foot Posture
Index and the whole-body self-tests, each test with how-to text, into the case fields the
reasoning reads."""

from __future__ import annotations

from footfix.assess import assess
from footfix.intake.case_model import CaseFile
from footfix.knowledge.kb import load_default
from footfix.services.interview import InterviewSession

ITEM_12_INPUTS = {
    "history.dvt_risk": False,
    "exam.calf_tenderness": True,
    "exam.heel_walk": True,
    "exam.toe_walk": True,
    "exam.monofilament": True,
    "exam.foot_posture_index": True,
    "exam.self_tests.thoracic_rotation": True,
    "exam.self_tests.hip_abduction": True,
    "exam.self_tests.big_toe_extension": True,
}


def _walk(replies: dict[str, str]) -> dict:  # type: ignore[type-arg]
    session = InterviewSession()
    while (step := session.next_step()) is not None:
        session.answer(step.question.id, replies.get(step.question.id, "dk"))
    return session.finished_case("item-12")


def test_the_interview_asks_every_item_12_input_with_how_to_text() -> None:
    questions = {q.field: q for q in load_default().interview.questions}
    missing = sorted(set(ITEM_12_INPUTS) - set(questions))
    assert not missing, f"never asked: {missing}"
    for field, is_test in ITEM_12_INPUTS.items():
        if is_test:
            assert questions[field].how_to, f"{field}: a self-test needs how-to text"
    assert questions["exam.calf_tenderness"].screen  # part of the red-flag screen


def test_interview_answers_reach_the_reasoning() -> None:
    case = _walk(
        {
            "painful_side": "left",
            "dvt_risk": "long_travel",
            "calf_tenderness": "yes",
            "medical_history": "diabetes",
            "heel_walk": "normal",
            "toe_walk": "weak",
            "monofilament": "reduced",
            "foot_posture_index": "9",
            "thoracic_rotation": "limited",
        }
    )
    exam, history = case["exam"], case["history"]
    assert history["dvt_risk"] == ["long_travel"]
    assert exam["calf_tenderness"] is True
    assert (exam["heel_walk"], exam["toe_walk"], exam["monofilament"]) == (
        "normal",
        "weak",
        "reduced",
    )
    assert exam["foot_posture_index"] == 9
    assert exam["self_tests"]["thoracic_rotation"] == "limited"
    flags = {f.id for f in assess(CaseFile.model_validate(case)).red_flags}
    assert {"deep_vein_thrombosis", "neurological_deficit"} <= flags


def test_the_calf_is_checked_only_with_a_clot_risk() -> None:
    case = _walk({"dvt_risk": "none"})
    assert case["history"]["dvt_risk"] == []
    assert "calf_tenderness" not in case.get("exam", {})
