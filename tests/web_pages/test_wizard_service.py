"""The web wizard's use case: one question per step from kb/interview.yaml, form fields turned
into answers, back / skip / don't know, the draft resumable after every step, a valid case."""

from __future__ import annotations

from typing import Any

import pytest

from footfix.intake.case_model import CaseFile
from footfix.services import wizard
from footfix.services.assessment import assess_case
from footfix.services.interview import InvalidAnswer


def answer_all(draft: dict[str, Any], pick: dict[str, dict[str, list[str]]]) -> dict[str, Any]:
    """Walk to the end: the answers in ``pick``, "don't know" for the rest."""
    for _ in range(200):
        step = wizard.current_step(draft)
        if step is None:
            return draft
        form = pick.get(step.question_id)
        action = "answer" if form is not None else "dont_know"
        draft = wizard.submit(draft, step.question_id, action, form or {})
    raise AssertionError("the interview did not end")


def test_the_first_step_is_the_kb_first_question_with_progress() -> None:
    step = wizard.current_step(wizard.new_draft())
    assert step is not None and step.question_id == "painful_side"
    assert [o.value for o in step.options] == ["left", "right", "both"]
    assert step.number == 1 and step.total > 30 and step.percent == 0
    assert not step.can_go_back and step.section == "About you"


def test_a_whole_interview_ends_in_a_valid_case_that_assesses() -> None:
    picks = {
        "painful_side": {"answer": ["right"]},
        "age": {"answer": ["38"]},
    }
    draft = answer_all(wizard.new_draft(), picks)
    case = wizard.finished_case(draft, "web-1")
    parsed = CaseFile.model_validate(case)
    assert case["id"] == "web-1" and parsed.patient and parsed.patient.painful_side == "right"
    result = assess_case(parsed)
    assert result.case_id == "web-1" and result.unknowns


def test_skip_survives_a_resume_and_comes_back_at_the_end() -> None:
    draft = wizard.submit(wizard.new_draft(), "painful_side", "skip", {})
    assert "painful_side" in draft["deferred"]
    step = wizard.current_step(dict(draft))
    assert step is not None and step.question_id != "painful_side"
    final = None
    while step is not None:
        final = step
        draft = wizard.submit(draft, step.question_id, "dont_know", {})
        step = wizard.current_step(draft)
        if step is not None and step.question_id == "painful_side":
            final = step
            break
    assert final is not None and final.question_id == "painful_side"


def test_back_reopens_the_last_answer_with_its_value() -> None:
    draft = wizard.submit(wizard.new_draft(), "painful_side", "answer", {"answer": ["left"]})
    draft = wizard.submit(draft, "age", "answer", {"answer": ["41"]})
    assert wizard.current_step(draft).question_id != "age"  # type: ignore[union-attr]
    draft = wizard.submit(draft, "any", "back", {})
    step = wizard.current_step(draft)
    assert step is not None and step.question_id == "age" and step.boxes == {"answer": "41"}
    draft = wizard.submit(draft, "age", "back", {})  # back twice: both answers shown again
    step = wizard.current_step(draft)
    assert step is not None and step.question_id == "painful_side" and step.chosen == ["left"]
    draft = wizard.submit(draft, "painful_side", "answer", {"answer": ["right"]})
    assert wizard.current_step(draft).boxes == {"answer": "41"}  # type: ignore[union-attr]


def test_a_bad_answer_is_refused_and_the_draft_is_unchanged() -> None:
    draft = wizard.submit(wizard.new_draft(), "painful_side", "answer", {"answer": ["left"]})
    with pytest.raises(InvalidAnswer, match="from 6 to 100"):
        wizard.submit(draft, "age", "answer", {"answer": ["300"]})
    with pytest.raises(InvalidAnswer):
        wizard.submit(draft, "age", "answer", {"answer": [""]})
    assert wizard.current_step(draft).question_id == "age"  # type: ignore[union-attr]


def test_a_refused_number_is_kept_with_a_sentence_saying_what_is_allowed() -> None:
    draft = wizard.submit(wizard.new_draft(), "painful_side", "answer", {"answer": ["left"]})
    with pytest.raises(InvalidAnswer) as refused:
        wizard.submit(draft, "age", "answer", {"answer": ["300"]})
    assert str(refused.value) == "Give a number from 6 to 100."
    step = wizard.current_step(draft, typed={"answer": ["300"]})
    assert step is not None and step.question_id == "age" and step.boxes == {"answer": "300"}
    while (found := wizard.current_step(draft)) and found.question_id != "weekly_distance":
        draft = wizard.submit(draft, found.question_id, "dont_know", {})
    with pytest.raises(InvalidAnswer) as negative:
        wizard.submit(draft, "weekly_distance", "answer", {"answer": ["\u221210"], "unit": ["mi"]})
    assert str(negative.value) == "The distance must be 0 or more (-10 mi was entered)."


def test_units_as_the_runner_chose_and_inches_become_cm() -> None:
    assert wizard.typed_answer("distance", {"answer": ["20"], "unit": ["mi"]}) == "20 mi"
    pair = {"left": ["4"], "right": ["3"], "unit": ["in"]}
    assert wizard.typed_answer("pair", pair, "exam.knee_to_wall_cm") == "10.2 7.6"
    assert wizard.typed_answer("choices", {}) == "none"
    assert wizard.typed_answer("choices", {"answer": ["a", "b"]}) == "a, b"


def test_a_stale_form_changes_nothing() -> None:
    draft = wizard.new_draft()
    assert wizard.submit(draft, "age", "answer", {"answer": ["40"]}) == draft
    with pytest.raises(InvalidAnswer):
        wizard.submit(draft, "painful_side", "explode", {})


def test_web_steps_hold_no_typing_instructions() -> None:
    draft = wizard.new_draft()
    seen_intro = []
    for _ in range(200):
        step = wizard.current_step(draft)
        if step is None:
            break
        if step.section_intro:
            seen_intro.append(step.section_intro)
        assert "e.g. '" not in step.prompt
        draft = wizard.submit(draft, step.question_id, "dont_know", {})
    assert seen_intro and not [i for i in seen_intro if "type" in i.lower() or "`" in i]
