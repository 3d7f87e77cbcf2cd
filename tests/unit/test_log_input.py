"""The typed log input every interface builds: what it accepts, refuses and hands on."""

from __future__ import annotations

import datetime as dt

import pytest

from footfix.services.errors import InvalidLogEntry
from footfix.services.log_input import LogInput, RunInput, parse_log


def test_a_run_takes_exactly_one_distance() -> None:
    assert RunInput(distance=5).distance == 5
    assert RunInput(distance_km=8).distance_km == 8
    for both_or_none in ({}, {"distance": 5, "distance_km": 8}):
        with pytest.raises(InvalidLogEntry, match="not saved") as caught:
            parse_log({"runs": [both_or_none]})
        assert "distance or distance_km" in caught.value.details[0]


def test_every_problem_is_named_at_once_with_its_field() -> None:
    with pytest.raises(InvalidLogEntry) as caught:
        parse_log(
            {"pain_during_nrs": 14, "runs": [{"distance": 3, "surface": "mud"}], "mood": "ok"}
        )
    details = " ".join(caught.value.details)
    assert "pain during (0-10): 14 was entered" in details and "up to 10" in details
    assert "run 1, surface: 'mud' was entered" in details
    assert "mood" in details  # an unknown field is refused, not silently dropped


def test_given_keeps_only_what_was_given() -> None:
    entry = parse_log(
        {"day": "2026-03-02", "first_step_pain_nrs": 3, "notes": None, "runs": [{"distance": 4}]}
    )
    assert entry.day == dt.date(2026, 3, 2)
    given = entry.given()
    assert given["first_step_pain_nrs"] == 3 and "notes" not in given
    assert given["runs"] == [
        {"distance": 4.0, "hills": False, "continuous": True, "sprints": False}
    ]
    assert not entry.is_empty()
    assert LogInput(day=dt.date(2026, 3, 2)).is_empty()
    assert LogInput().is_empty()
