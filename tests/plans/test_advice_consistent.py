"""Issue 9, finding 15: advice that never contradicts itself, in the runner's units."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from footfix.assess import assess
from footfix.intake.load import load_case
from tests.paths import CASES
from tests.plans.helpers import all_texts, run

VIGNETTES = Path(__file__).parents[1] / "cases" / "vignettes"
ALL_CASES = sorted(CASES.glob("*.yaml")) + sorted(VIGNETTES.glob("*.yaml"))


def _running(value: float, unit: str) -> dict[str, object]:
    return {
        "running": True,
        "continuous": True,
        "longest_run": {"value": value, "unit": unit},
        "pain_during": 3,
        "worse_next_morning": False,
        "sessions_per_week": 3,
    }


def test_a_runner_already_at_8_km_is_not_told_to_lengthen_towards_6_4_km() -> None:
    result = run(
        patient={"painful_side": "right"},
        history={
            "walk_stand_tolerance_min": 90,
            "pain_location": ["medial_heel"],
            "currently_running": _running(8, "km"),
        },
    )
    dose = next(p.dose for p in result.plan if p.id == "flat_firm_surface_running")
    assert "8.8 km" not in dose and "lengthen the longest" not in dose
    assert "8 km" in dose


def test_a_runner_in_km_never_reads_miles_and_one_in_miles_never_reads_km() -> None:
    common = {"walk_stand_tolerance_min": 90, "pain_location": ["medial_heel"]}
    km = run(
        patient={"painful_side": "right"},
        history={**common, "currently_running": _running(3, "km")},
    )
    mi = run(
        patient={"painful_side": "right"},
        history={**common, "currently_running": _running(2, "mi")},
    )
    assert km.units == "km" and mi.units == "mi"
    assert not [t for t in all_texts(km) if re.search(r"\bmiles?\b|\bmi\b", t)]
    assert not [t for t in all_texts(mi) if re.search(r"\d\s?km\b", t)]
    assert any("6.4-8 km" in t for t in all_texts(km))
    assert any("4-5 miles" in t for t in all_texts(mi))


def test_an_emergency_is_not_followed_by_a_6_to_12_week_outlook() -> None:
    case = load_case(CASES / "E09-cauda-equina-emergency.yaml")
    result = assess(case)
    assert result.referral == "emergency"
    assert "6-12 weeks" not in result.expected_timeline
    assert not any("weeks" in t and "better" in t for t in all_texts(result))


def test_a_suspected_heel_bone_stress_injury_reads_as_a_bone_not_a_strain() -> None:
    """The fascia still leads the ranking, but the squeeze raised the heel-bone warning sign:
    the expected course is a bone's (weeks with less weight on the foot), never a strain's."""
    result = run(
        patient={"painful_side": "left"},
        history={"first_step_pain": True, "pain_location": ["medial_heel"], "warms_up": True},
        exam={"calcaneal_squeeze": "positive"},
    )
    assert result.tissues[0].id == "plantar_fascia"
    assert "calcaneal_bone_stress" in {f.id for f in result.red_flags}
    assert "strain" not in result.expected_timeline
    assert "bone stress injury" in result.expected_timeline
    assert "less weight on the foot" in result.expected_timeline


def test_a_near_empty_case_says_it_cannot_assess_yet_and_asks_the_first_questions() -> None:
    result = run()
    assert not result.assessed and "cannot assess" in result.assess_note
    assert result.tissues == [] and result.plan == []
    assert result.expected_timeline == ""  # no "mild strain settles in about 3 weeks"
    asked = [u.id for u in result.unknowns]
    assert asked[:2] == ["history.pain_location", "history.night_pain"]
    assert not any(u.id.startswith("exam.hop") for u in result.unknowns)


@pytest.mark.parametrize("path", ALL_CASES, ids=[p.stem for p in ALL_CASES])
def test_no_internal_note_or_unfilled_placeholder_reaches_a_runner(path: Path) -> None:
    result = assess(load_case(path))
    for text in all_texts(result):
        assert "from memory" not in text and "not verified" not in text, text
        assert "{" not in text, text
