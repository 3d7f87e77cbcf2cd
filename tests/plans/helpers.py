"""Small builders for the plan and phase tests."""

from __future__ import annotations

from typing import Any

from footfix.assess import assess
from footfix.domain.result import AssessmentResult
from footfix.intake import parse_case


def run(**sections: Any) -> AssessmentResult:
    return assess(parse_case({"case_format": 1, **sections}))


def plan_ids(result: AssessmentResult) -> set[str]:
    return {p.id for p in result.plan}


def all_texts(result: AssessmentResult) -> list[str]:
    """Every sentence a runner reads in a result."""
    out = [result.expected_timeline, *result.phase_because, *result.next_gate.criteria]
    out += result.next_gate.monitored + result.next_gate.would_open
    for p in result.plan:
        out += [p.title, p.dose, *p.because]
    for a in result.avoid:
        out += [a.title, *a.because]
    for f in result.red_flags:
        out += [f.action]
    out += [u.question for u in result.unknowns]
    return out
