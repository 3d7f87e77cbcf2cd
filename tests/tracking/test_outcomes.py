"""Outcome measures: scoring against the knowledge base's definitions, change against the MCID."""

from __future__ import annotations

import datetime as dt

import pytest

from footfix.knowledge.kb import load_default
from footfix.tracking.outcomes import (
    ItemValue,
    OutcomePoint,
    change_of,
    next_due,
    pain_points,
    score_items,
)

MEASURES = {m.id: m for m in load_default().outcomes.measures}
D0 = dt.date(2026, 1, 5)


def _psfs(day: dt.date, **ratings: float) -> OutcomePoint:
    scored = score_items(MEASURES["psfs"], list(ratings.items()))
    return OutcomePoint(day, scored.score, scored.items)


def test_the_shipped_measures_are_the_licence_safe_ones_and_the_left_out_are_named() -> None:
    assert set(MEASURES) == {"pain_nrs", "psfs", "sane"}
    assert {m.licence.status for m in MEASURES.values()} <= {"open", "free_to_use"}
    left_out = {x.id for x in load_default().outcomes.left_out}
    assert {"faam", "ffi", "fhsq"} <= left_out
    for m in MEASURES.values():
        assert all(s in load_default().references for s in m.mcid.sources)


def test_psfs_is_the_mean_of_three_to_five_own_activities() -> None:
    scored = score_items(MEASURES["psfs"], [("stairs", 4), ("run 5 km", 1), ("stand", 6)])
    assert scored.score == pytest.approx(3.67)
    with pytest.raises(ValueError, match="3–5 activities"):
        score_items(MEASURES["psfs"], [("stairs", 4), ("run", 1)])
    with pytest.raises(ValueError, match="outside 0–10"):
        score_items(MEASURES["psfs"], [("stairs", 11), ("run", 1), ("stand", 2)])
    with pytest.raises(ValueError, match="given twice"):
        score_items(MEASURES["psfs"], [("Stairs", 1), ("stairs ", 1), ("stand", 2)])
    with pytest.raises(ValueError, match="outside"):
        score_items(MEASURES["psfs"], [("a", float("nan")), ("b", 1), ("c", 2)])
    with pytest.raises(ValueError, match="control characters"):
        score_items(MEASURES["psfs"], [("st\x00airs", 1), ("b", 1), ("c", 2)])
    spaced = score_items(MEASURES["psfs"], [(" walk\n the dog ", 5), ("b", 1), ("c", 2)])
    assert spaced.items[0].item == "walk the dog"


def test_sane_takes_its_one_item_in_range() -> None:
    assert score_items(MEASURES["sane"], [("overall", 55)]).score == 55
    with pytest.raises(ValueError, match="no item 'knee'"):
        score_items(MEASURES["sane"], [("knee", 55)])
    with pytest.raises(ValueError, match="outside 0–100"):
        score_items(MEASURES["sane"], [("overall", 101)])


def test_a_change_is_read_against_the_mcid_in_the_better_direction() -> None:
    first = _psfs(D0, stairs=3, run=1, stand=3)
    later = _psfs(D0 + dt.timedelta(days=14), stairs=6, run=3, stand=5)
    change = change_of(MEASURES["psfs"], [first, later])
    assert change is not None and change.verdict == "improved"
    assert change.change == pytest.approx(2.33, abs=0.01)
    assert "PSFS up 2.3 points" in change.sentence and "above the 2-point MCID" in change.sentence
    small = change_of(MEASURES["psfs"], [first, _psfs(later.day, stairs=4, run=1, stand=4)])
    assert small is not None and small.verdict == "within_mcid"
    assert "below the 2-point MCID" in small.sentence
    worse = change_of(MEASURES["psfs"], [later, _psfs(later.day, stairs=2, run=0, stand=3)])
    assert worse is not None and worse.verdict == "worse"
    pain = change_of(MEASURES["pain_nrs"], [OutcomePoint(D0, 6), OutcomePoint(D0, 3.5)])
    assert pain is not None and pain.verdict == "improved" and pain.improvement == 2.5
    assert change_of(MEASURES["sane"], [OutcomePoint(D0, 40)]) is None


def test_psfs_compares_only_the_activities_rated_both_times() -> None:
    first = _psfs(D0, stairs=2, run=0, stand=4)
    later = _psfs(D0 + dt.timedelta(days=14), Stairs=5, run=3, garden=9)
    change = change_of(MEASURES["psfs"], [first, later])
    assert change is not None and set(change.compared_items) == {"Stairs", "run"}
    assert (change.baseline.score, change.latest.score) == (1.0, 4.0)
    other = _psfs(later.day, a=9, b=9, c=9)
    assert change_of(MEASURES["psfs"], [first, other]).verdict == "not_comparable"  # type: ignore[union-attr]


def test_first_step_pain_compares_the_first_and_latest_week() -> None:
    days = [(D0 + dt.timedelta(days=i), 6.0 if i < 7 else 3.0) for i in range(21)]
    first, last = pain_points(days)
    assert (first.score, last.score) == (6.0, 3.0)
    assert pain_points(days[:5]) == []  # under a week: nothing to compare yet


def test_due_dates_follow_the_schedule() -> None:
    psfs = MEASURES["psfs"]
    assert next_due(psfs, [], D0) == D0
    assert next_due(psfs, [D0], D0) == D0 + dt.timedelta(days=14)
    assert next_due(MEASURES["pain_nrs"], [], D0) is None  # read from the daily log
    assert ItemValue("x", 1).value == 1


CLINIC_MEASURE = """
  - id: clinic_scale
    title: A licensed two-item scale
    abbreviation: CLN
    version: "1"
    instructions: "The clinic's own instructions."
    better: higher
    range: {min: 0, max: 100}
    collected: record
    scoring: percent
    min_answered_pct: 50
    items:
      - {id: standing, text: "Standing", range: {min: 0, max: 4}}
      - {id: stairs, text: "Stairs", range: {min: 0, max: 4}}
    mcid: {points: 8, sources: [martin_2005]}
    schedule: {at_assessment: true, every_days: 28}
    licence: {status: clinic_licence, holder: "A clinic", note: "licence 42"}
    sources: [martin_2005]
"""
CLINIC_CODES = """
  clinic_scale:
    codes: [{system: footfix_outcome, code: clinic_scale, display: Clinic scale}]
"""


def test_a_clinic_adds_a_licensed_measure_as_data(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from footfix.knowledge.check import check
    from footfix.knowledge.kb import build, default_dir

    kb_dir = tmp_path / "kb"
    shutil.copytree(default_dir(), kb_dir)
    measures = kb_dir / "outcome_measures.yaml"
    text = measures.read_text(encoding="utf-8")
    measures.write_text(text.replace("\nleft_out:", CLINIC_MEASURE + "\nleft_out:"), "utf-8")
    codes = kb_dir / "fhir_codes.yaml"
    text = codes.read_text(encoding="utf-8")
    text = text.replace(
        "\noutcome_measures:\n", "\noutcome_measures:\n" + CLINIC_CODES.lstrip("\n")
    )
    quantity = (
        "  outcome.clinic_scale:\n"
        "    codes: [{system: footfix_outcome, code: clinic_scale, display: Clinic scale}]\n"
        '    unit: {ucum: "%", display: "%"}\n'
        "    category: survey\n"
    )
    codes.write_text(text.replace("\nlaterality:", "\n" + quantity + "\nlaterality:"), "utf-8")
    kb = build(kb_dir)
    report = check(kb)
    assert not [e for e in report.errors if "outcome" in e or "fhir" in e], report.errors
    clinic = next(m for m in kb.outcomes.measures if m.id == "clinic_scale")
    assert score_items(clinic, [("standing", 3), ("stairs", 1)]).score == 50.0
    assert score_items(clinic, [("standing", 4)]).score == 100.0  # half answered is enough here
    with pytest.raises(ValueError, match="at least 50%"):
        score_items(clinic, [])
    broken = kb_dir / "outcome_measures.yaml"
    broken.write_text(broken.read_text("utf-8").replace('holder: "A clinic", ', ""), "utf-8")
    from footfix.knowledge.kb import KnowledgeError

    with pytest.raises(KnowledgeError, match="names its licence holder"):
        build(kb_dir)
