from __future__ import annotations

import pytest
from pydantic import ValidationError

from footfix.tracking.log_entry import DayLog
from footfix.tracking.pain_model import judge_day, morning_response
from tests.tracking.helpers import day


@pytest.mark.parametrize(
    ("pain", "response", "expected"),
    [
        (2, "same", "progress"),
        (3, "better", "progress"),
        (4, "same", "hold"),
        (5, "same", "hold"),
        (6, "same", "step_back"),
        (2, "worse", "hold"),
        (2, None, "hold"),
    ],
)
def test_pain_monitoring_model(pain: float, response: str | None, expected: str) -> None:
    verdict = judge_day(day(0, pain_during_nrs=pain), response, bone_stress=False)  # type: ignore[arg-type]
    assert verdict.verdict == expected
    assert verdict.reasons


def test_bone_stress_any_pain_steps_back() -> None:
    assert judge_day(day(0, pain_during_nrs=1), "same", bone_stress=True).verdict == "step_back"
    assert judge_day(day(0, pain_during_nrs=0), "same", bone_stress=True).verdict == "progress"


def test_next_morning_is_read_from_the_following_day() -> None:
    assert morning_response(day(0, first_step_pain_nrs=2), day(1, first_step_pain_nrs=4)) == "worse"
    assert (
        morning_response(day(0, first_step_pain_nrs=2), day(1, first_step_pain_nrs=1)) == "better"
    )
    assert morning_response(day(0, first_step_pain_nrs=2), day(2, first_step_pain_nrs=9)) is None
    stated = day(0, first_step_pain_nrs=2, next_morning="same")
    assert morning_response(stated, day(1, first_step_pain_nrs=9)) == "same"


@pytest.mark.parametrize(
    "fields",
    [
        {"pain_during_nrs": 11},
        {"next_morning": "meh"},
        {"runs": [{"distance_km": 0}]},
        {"runs": [{"distance_km": 3, "walk_min": 2}]},
        {"retests": [{"test": "knee_to_wall_cm", "value": 300}]},
        {"exercises": [{"exercise": "Bad Id", "sets": 3, "reps": 10}]},
        {"surprise": 1},
    ],
)
def test_invalid_entries_are_rejected(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        DayLog.model_validate({"day": "2026-01-05", **fields})
