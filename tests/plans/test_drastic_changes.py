"""Issue 9, finding 11: drastic changes and load spikes in the article's sense; side of a cause."""

from __future__ import annotations

from tests.plans.helpers import run


def _causes(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {c.id: c.relation for c in result.root_causes}


def test_a_race_on_a_steep_downhill_course_in_racing_flats_is_a_drastic_change() -> None:
    result = run(
        patient={"painful_side": "left"},
        history={
            "duration_weeks": 2,
            "pain_location": ["medial_heel"],
            "training_changes": [
                {"change": "race", "weeks_ago": 2, "note": "steep downhill course, racing flats"}
            ],
        },
    )
    causes = _causes(result)
    assert "drastic_change" in causes and "training_load_spike" in causes


def test_new_work_boots_worn_six_hours_a_day_are_a_drastic_change() -> None:
    result = run(
        patient={"painful_side": "right", "daily_load": "standing"},
        history={
            "duration_weeks": 3,
            "pain_location": ["medial_heel"],
            "training_changes": [{"change": "new_shoes", "weeks_ago": 4, "note": "work boots"}],
        },
    )
    assert "drastic_change" in _causes(result)


def test_a_week_that_doubled_after_three_quiet_weeks_is_a_load_spike() -> None:
    result = run(
        patient={"painful_side": "right", "weekly_distance": {"value": 40, "unit": "km"}},
        history={"duration_weeks": 1, "pain_location": ["medial_heel"]},
        training={
            "weekly_distance_recent": [
                {"value": 20, "unit": "km"},
                {"value": 20, "unit": "km"},
                {"value": 20, "unit": "km"},
                {"value": 40, "unit": "km"},
            ]
        },
    )
    assert "training_load_spike" in _causes(result)


def test_a_deficit_on_both_sides_but_worse_on_the_painful_one_is_same_with_a_note() -> None:
    result = run(
        patient={"painful_side": "right"},
        history={"pain_location": ["medial_heel"]},
        exam={"knee_to_wall_cm": {"left": 7, "right": 3}},
    )
    cause = next(c for c in result.root_causes if c.id == "ankle_dorsiflexion_deficit")
    assert (cause.side, cause.relation) == ("right", "same")
    assert any("left side, but less" in b for b in cause.because)


def test_an_equal_deficit_on_both_sides_stays_both() -> None:
    result = run(
        patient={"painful_side": "right"},
        history={"pain_location": ["medial_heel"]},
        exam={"knee_to_wall_cm": {"left": 5, "right": 5}},
    )
    cause = next(c for c in result.root_causes if c.id == "ankle_dorsiflexion_deficit")
    assert cause.relation == "both"
