"""Issue 9 item 7: every likelihood ratio matches its cited sensitivity/specificity or is an
estimate with a reason; `footfix kb check` lists the estimates, and docs/clinical-safety.md
holds the table of those awaiting clinician review, generated so it cannot drift."""

from __future__ import annotations

from footfix.knowledge.kb import load_default
from footfix.knowledge.lr_check import TABLE_END, TABLE_START, estimates, review_table
from tests.cli_runner import run_cli
from tests.paths import REPO


def test_every_ratio_is_verified_or_an_estimate_with_a_reason() -> None:
    weights = load_default().differential.weights
    found = {e.finding: e for e in estimates(weights)}
    for w in weights:
        assert (w.accuracy is not None) != (w.finding in found), w.finding
    assert all(len(e.reason) > 30 for e in found.values())
    stated = [e for e in found.values() if e.stated]
    assert "exam.calcaneal_squeeze:positive" in {e.finding for e in stated}


def test_kb_check_lists_the_estimates() -> None:
    weights = load_default().differential.weights
    found = estimates(weights)
    code, text = run_cli("kb", "check")
    assert code == 0
    assert f"{len(found)} are estimates" in text
    for e in found:
        assert (f"estimate: {e.finding} (" in text) == e.stated, e.finding
    code, everything = run_cli("kb", "check", "--estimates")
    assert code == 0 and everything.count("estimate: ") == len(found)


def test_the_review_table_in_clinical_safety_matches_the_knowledge_base() -> None:
    doc = (REPO / "docs" / "clinical-safety.md").read_text()
    start, end = doc.index(TABLE_START), doc.index(TABLE_END) + len(TABLE_END)
    assert doc[start:end] == review_table(load_default().differential.weights), (
        "docs/clinical-safety.md is out of date: python -m footfix.knowledge.lr_check"
    )
