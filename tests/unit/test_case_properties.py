"""Thousands of generated case files, valid and broken: never a crash, always a clear answer."""

from __future__ import annotations

from typing import Any, Literal, get_origin

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footfix.assess import assess
from footfix.intake import IntakeError, parse_case
from tests.unit.case_strategies import any_case, leaf_paths

PROFILE = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LEAVES = leaf_paths()


@PROFILE
@given(any_case())
def test_valid_cases_assess_without_crashing(data: dict[str, Any]) -> None:
    try:
        case = parse_case(data)
    except IntakeError as err:  # generated data can contradict itself; that is a clear message
        assert err.problems and all(":" in p for p in err.problems)
        return
    result = assess(case)
    scores = [t.score for t in result.tissues]
    assert all(0 <= s <= 1 for s in scores) and scores == sorted(scores, reverse=True)
    assert result.phase and result.referral and result.disclaimer
    if result.referral == "emergency":
        assert [p.id for p in result.plan] == ["referral"]
    items = {p.id for p in result.plan}
    assert "running_through_pain" not in items
    assert "aggressive_direct_massage_of_painful_spot" not in items
    if result.phase not in ("progress_load_hills", "full_training"):
        assert not items & {"hills", "barefoot_walk_run", "build_up_sprints", "softer_shoes"}
    if result.referral in ("urgent", "emergency"):
        assert not any("plyometrics" in p.categories for p in result.plan)


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    node = data
    *parents, leaf = path.split(".")
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[leaf] = value


@st.composite
def broken_case(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    data = draw(any_case())
    path, kind, bounds = draw(st.sampled_from(LEAVES))
    if path.count(".") == 0 or path.startswith(
        ("history.training_changes", "history.treatments_tried", "training.")
    ):
        path = "patient.age"
        kind, bounds = float, (6.0, 100.0)
    if bounds is not None:
        lo, hi = bounds
        bad: Any = draw(st.sampled_from([hi + 1000, lo - 1000, "lots"]))
    elif get_origin(kind) is Literal or kind is bool:
        bad = draw(st.sampled_from(["not-a-token", 42]))
    else:
        bad = {"unexpected": "mapping"}
    if draw(st.booleans()):
        section = path.split(".")[0]
        path = f"{section}.no_such_field"
    _set(data, path, bad)
    return data, path


@PROFILE
@given(broken_case())
def test_invalid_cases_get_a_message_naming_the_field(item: tuple[dict[str, Any], str]) -> None:
    data, path = item
    try:
        parse_case(data)
    except IntakeError as err:
        text = "\n".join(err.problems)
        assert path.split(".")[-1] in text, (path, text)
        return
    raise AssertionError(f"accepted a broken value at {path}")
