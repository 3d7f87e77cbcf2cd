"""Case files are read exactly as the spec says; bad input gets a message naming field, value
and what is allowed."""

from __future__ import annotations

import json

import pytest

from footfix.intake import IntakeError, load_case, parse_case, parse_case_text
from footfix.intake.evidence import Evidence, merge_evidence
from tests.paths import CASES as SHARED_CASES


def problems(data: object) -> list[str]:
    with pytest.raises(IntakeError) as info:
        parse_case(data)
    return info.value.problems


def test_every_shared_case_loads_in_yaml_and_json() -> None:
    for path in SHARED_CASES.glob("*.yaml"):
        case = load_case(path)
        again = parse_case_text(json.dumps(case.model_dump(exclude_none=True)))
        assert again == case


@pytest.mark.parametrize(
    ("data", "field", "value", "allowed"),
    [
        ({"patient": {"age": 250}}, "patient.age", "250", "less than or equal to 100"),
        ({"history": {"pain_nrs": {"worst": 14}}}, "history.pain_nrs.worst", "14", "10"),
        (
            {"patient": {"weekly_distance": {"value": -3, "unit": "km"}}},
            "patient.weekly_distance.value",
            "-3",
            "greater than or equal to 0",
        ),
        ({"exam": {"windlass": {"left": "maybe"}}}, "exam.windlass.left", "maybe", "'positive'"),
        (
            {"history": {"pain_location": ["heel"]}},
            "history.pain_location[0]",
            "heel",
            "medial_heel",
        ),
        ({"patient": {"painful_side": "middle"}}, "patient.painful_side", "middle", "'both'"),
    ],
)
def test_out_of_range_and_unknown_tokens_name_field_value_and_allowed(
    data: dict, field: str, value: str, allowed: str
) -> None:
    (line,) = problems({"case_format": 1, **data})
    assert line.startswith(field + ":")
    assert value in line and allowed in line


def test_unknown_field_suggests_the_right_one() -> None:
    (line,) = problems({"case_format": 1, "patient": {"painfull_side": "left"}})
    assert "did you mean 'painful_side'" in line


def test_contradictions_are_rejected() -> None:
    (line,) = problems(
        {"case_format": 1, "history": {"first_step_pain": True, "pain_nrs": {"morning": 0}}}
    )
    assert "first_step_pain" in line and "morning" in line
    (line,) = problems(
        {"case_format": 1, "history": {"associated": ["fever"], "associated_absent": ["fever"]}}
    )
    assert "associated_absent" in line
    (line,) = problems(
        {"case_format": 1, "patient": {"painful_side": "left", "worse_side": "right"}}
    )
    assert "worse_side" in line


def test_findings_on_the_other_side_alone_are_not_a_contradiction() -> None:
    case = parse_case(
        {
            "case_format": 1,
            "patient": {"painful_side": "left"},
            "exam": {"windlass": {"right": "positive"}},
        }
    )
    assert case.patient and case.patient.painful_side == "left"


def test_wrong_format_and_not_a_mapping() -> None:
    assert "case_format" in problems({"case_format": 2})[0]
    assert "case_format" in problems({"patient": {}})[0]
    assert "mapping" in problems(["a", "list"])[0]


def test_bad_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.yaml"
    broken.write_text("case_format: 1\npatient: [unclosed\n")
    with pytest.raises(IntakeError, match="not valid YAML"):
        load_case(broken)
    binary = tmp_path / "photo.yaml"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    with pytest.raises(IntakeError, match="not a text file"):
        load_case(binary)
    with pytest.raises(IntakeError, match="file not found"):
        load_case(tmp_path / "missing.yaml")


def test_evidence_fills_unknowns_but_never_overrides_the_case() -> None:
    case = parse_case(
        {"case_format": 1, "patient": {"painful_side": "left"}, "gait": {"cadence_spm": 170}}
    )
    evidence = Evidence(
        source="watch",
        patch={"gait": {"cadence_spm": 150, "gct_balance_left_pct": 53.0}},
        notes=["GCT balance 53% left on flat runs"],
    )
    merged, provenance = merge_evidence(case, [evidence])
    assert merged.gait and merged.gait.cadence_spm == 170
    assert merged.gait.gct_balance_left_pct == 53.0
    assert provenance == {"gait.gct_balance_left_pct": "watch"}


def test_evidence_is_validated_like_the_case() -> None:
    case = parse_case({"case_format": 1})
    bad = Evidence(source="video", patch={"gait": {"cadence_spm": 900}})
    with pytest.raises(IntakeError, match="cadence_spm"):
        merge_evidence(case, [bad])


def test_top_level_metadata_is_kept_aside_but_a_misspelt_section_is_an_error() -> None:
    case = parse_case({"case_format": 1, "source": "a case report", "title": "heel pain"})
    assert case.extensions == {"source": "a case report", "title": "heel pain"}
    (line,) = problems({"case_format": 1, "histroy": {"onset": "gradual"}})
    assert "did you mean 'history'" in line
