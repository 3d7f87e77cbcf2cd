"""Issue 9 item 7: every likelihood ratio matches the sensitivity and specificity it cites, or
is marked as an estimate with a reason; `footfix kb check` verifies it."""

from __future__ import annotations

import shutil
from pathlib import Path

from footfix.assess import assess
from footfix.intake import parse_case
from footfix.knowledge.check import check
from footfix.knowledge.kb import build, default_dir, load_default
from footfix.knowledge.lr_check import ratio_from


def weight(finding: str):  # type: ignore[no-untyped-def]
    return next(w for w in load_default().differential.weights if w.finding == finding)


def test_every_stated_accuracy_recomputes_to_its_ratio() -> None:
    checked = [w for w in load_default().differential.weights if w.accuracy]
    assert len(checked) >= 4
    for w in checked:
        assert w.accuracy is not None
        computed = ratio_from(w.accuracy)
        stated = w.lr[w.accuracy.target]
        assert abs(stated - computed) <= max(0.1 * computed, 0.1), (w.finding, stated, computed)


def test_straight_leg_raise_weight_follows_sensitivity_090_and_specificity_023() -> None:
    w = weight("exam.straight_leg_raise_deg:low")
    assert w.accuracy is not None and (w.accuracy.sens, w.accuracy.spec) == (0.90, 0.23)
    assert w.lr["lumbosacral_radiculopathy"] == 1.2


def test_squeeze_and_tarsal_tunnel_tinel_without_accuracy_data_are_marked_estimates() -> None:
    for finding in (
        "exam.calcaneal_squeeze:positive",
        "exam.calcaneal_squeeze:negative",
        "exam.tinel_tarsal_tunnel:positive",
        "exam.tinel_tarsal_tunnel:negative",
    ):
        w = weight(finding)
        assert w.accuracy is None and w.estimate and len(w.estimate) > 30, finding


def test_reduced_achilles_reflex_weight_allows_for_age() -> None:
    w = weight("exam.achilles_reflex:reduced")
    assert w.lr["lumbosacral_radiculopathy"] <= 4 and w.estimate and "60" in w.estimate


def test_tight_hamstrings_alone_are_not_neural_tension() -> None:
    alone = assess(
        parse_case(
            {
                "case_format": 1,
                "patient": {"painful_side": "left"},
                "exam": {"straight_leg_raise_deg": {"left": 55, "right": 58}},
            }
        )
    )
    assert "lumbosacral_or_neural_tension" not in {c.id for c in alone.root_causes}
    with_signs = assess(
        parse_case(
            {
                "case_format": 1,
                "patient": {"painful_side": "left"},
                "history": {"pain_elsewhere": ["posterior_thigh"]},
                "exam": {"straight_leg_raise_deg": {"left": 55, "right": 58}},
            }
        )
    )
    assert "lumbosacral_or_neural_tension" in {c.id for c in with_signs.root_causes}


def test_kb_check_catches_a_ratio_that_does_not_match_its_source(tmp_path: Path) -> None:
    kb_dir = tmp_path / "kb"
    shutil.copytree(default_dir(), kb_dir)
    diff = kb_dir / "differential.yaml"
    text = diff.read_text()
    marker = "- finding: exam.straight_leg_raise_deg:low\n  lr: {lumbosacral_radiculopathy: 1.2}"
    assert marker in text
    diff.write_text(text.replace(marker, marker.replace("1.2", "3.0")))
    report = check(build(kb_dir))
    assert any("straight_leg_raise_deg:low" in e and "1.17" in e for e in report.errors)


def test_kb_check_asks_for_figures_or_a_reason_when_a_source_reports_accuracy(
    tmp_path: Path,
) -> None:
    kb_dir = tmp_path / "kb"
    shutil.copytree(default_dir(), kb_dir)
    diff = kb_dir / "differential.yaml"
    lines = [
        line
        for line in diff.read_text().splitlines(keepends=True)
        if not line.startswith('  estimate: "No published accuracy data exist for the squeeze')
    ]
    refs = kb_dir / "references.yaml"
    refs.write_text(
        refs.read_text().replace(
            "- id: fpnotebook_calcaneal_stress_fracture\n",
            "- id: fpnotebook_calcaneal_stress_fracture\n  reports_accuracy: true\n",
        )
    )
    diff.write_text("".join(lines))
    report = check(build(kb_dir))
    assert any("calcaneal_squeeze:positive" in e and "estimate" in e for e in report.errors)
