"""kb/interview.yaml: its cross-checks catch mistakes, and the session walks it as documented."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from footfix.intake.case_model import CaseFile
from footfix.knowledge.check import check
from footfix.knowledge.kb import KnowledgeError, build, default_dir, load_default
from footfix.services.interview import (
    InterviewSession,
    InvalidAnswer,
    questions_for_fields,
    screen_unanswered,
)
from tests.paths import CASES


def _edited(tmp_path: Path, edit) -> list[str]:  # type: ignore[no-untyped-def]
    target = tmp_path / "kb"
    shutil.copytree(default_dir(), target)
    path = target / "interview.yaml"
    data = yaml.safe_load(path.read_text())
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return check(build(target)).errors


def _question(data: dict, qid: str) -> dict:  # type: ignore[type-arg]
    return next(q for q in data["questions"] if q["id"] == qid)


def test_every_question_maps_to_a_real_field_and_allowed_values(tmp_path: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        _question(data, "age")["field"] = "patient.years_old"
        _question(data, "surface")["options"].append("sand")
        _question(data, "rf_fever")["value"] = "high_fever"
        _question(data, "sessions")["ask_if"] = ["history.currently_running.running == maybe"]
        _question(data, "onset")["kind"] = "yesno"

    errors = _edited(tmp_path, edit)
    assert any("unknown case field 'patient.years_old'" in e for e in errors)
    assert any("does not allow ['sand']" in e for e in errors)
    assert any("'high_fever' is not a value" in e for e in errors)
    assert any("is yes or no, not ['maybe']" in e for e in errors)
    assert any("a yesno answer cannot fill 'history.onset'" in e for e in errors)


def test_every_red_flag_symptom_and_unknown_is_asked(tmp_path: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data["questions"] = [
            q for q in data["questions"] if q["id"] not in ("rf_saddle_numbness", "windlass")
        ]

    errors = _edited(tmp_path, edit)
    assert any("reads history.associated:saddle_numbness" in e for e in errors)
    assert any("the unknown 'exam.windlass'" in e for e in errors)


def test_a_malformed_condition_does_not_load(tmp_path: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        _question(data, "hop")["skip_if"] = ["history.night_pain is yes"]

    with pytest.raises(KnowledgeError, match="FIELD OP VALUE"):
        _edited(tmp_path, edit)


def _answer_until(session: InterviewSession, replies: dict[str, str]) -> list[str]:
    """Answer by question id; unknown ids get "dk". Returns the ids in the order asked."""
    seen = []
    while (step := session.next_step()) is not None:
        seen.append(step.question.id)
        session.answer(step.question.id, replies.get(step.question.id, "dk"))
    return seen


def test_skip_rules_back_skip_and_a_valid_case() -> None:
    session = InterviewSession()
    first = session.next_step()
    assert first is not None and first.question.id == "painful_side" and first.new_section
    session.answer("painful_side", "2")  # by number
    with pytest.raises(InvalidAnswer, match="from 6 to 100"):
        session.answer("age", "3")
    session.answer("age", "35")
    assert session.back() is not None and session.shown_value("age") is None
    assert session.next_step().question.id == "age"  # type: ignore[union-attr]
    session.skip("age")
    assert session.next_step().question.id == "sex"  # type: ignore[union-attr]
    seen = _answer_until(
        session,
        {
            "sex": "male",
            "night_pain": "y",
            "running_now": "n",
            "recent_changes": "new shoes, 1",
            "changes_weeks_ago": "6",
            "rf_fever": "no",
        },
    )
    assert seen[-1] == "age"  # the skipped question comes back at the end
    assert "sessions" not in seen  # not running: no running details
    assert "hop" not in seen  # night pain: no hopping test
    assert "periods" not in seen and "low_libido" in seen
    case = session.finished_case("t-1")
    CaseFile.model_validate(case)
    assert case["history"]["training_changes"] == [
        {"change": "new_shoes", "weeks_ago": 6},
        {"change": "volume_increase", "weeks_ago": 6},
    ]
    assert case["history"]["associated_absent"] == ["fever"]
    assert [q.id for q in screen_unanswered(case)][:2] == ["trauma", "rest_pain"]


def test_an_answer_that_contradicts_the_case_is_refused() -> None:
    session = InterviewSession()
    session.answer("rf_swelling", "yes")
    session.case["history"]["associated_absent"] = ["swelling"]  # as a hand-edited file might
    with pytest.raises(InvalidAnswer):
        session.answer("night_pain", "y")
    assert session.case["history"].get("night_pain") is None


def test_resume_keeps_what_a_case_already_says() -> None:
    case = yaml.safe_load((CASES / "E10-minimal-pf-history-only.yaml").read_text())
    known = CaseFile.model_validate(case).model_dump(mode="json", exclude_none=True)
    session = InterviewSession(known)
    asked = _answer_until(session, {})
    assert "painful_side" not in asked and "duration" not in asked
    state = session.state()
    again = InterviewSession.resume(yaml.safe_load(yaml.safe_dump(state)))
    assert again.next_step() is None


def test_would_help_most_fields_find_their_questions() -> None:
    ids = [q.id for q in questions_for_fields(["history.currently_running", "exam.windlass"])]
    assert ids[0] == "running_now" and "worse_next_morning" in ids and "windlass" in ids
    assert all(q.screen for q in screen_unanswered({"case_format": 1}))
    assert len(screen_unanswered({"case_format": 1})) == sum(
        1 for q in load_default().interview.questions if q.screen and not q.ask_if
    )
