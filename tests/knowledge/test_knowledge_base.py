"""The knowledge base loads, cross-checks clean, covers the case format, and is versioned."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from footfix.knowledge.check import SPEC_PLAN_ITEMS, SPEC_TISSUES, check
from footfix.knowledge.kb import KnowledgeError, build, default_dir, load_default


def test_bundled_knowledge_checks_clean() -> None:
    report = check(load_default())
    assert report.ok, report.errors
    # the knowledge base says how many tissues there are: the contract's, plus its own additions
    assert report.counts["tissues"] == len(load_default().tissues) > len(SPEC_TISSUES)


def test_every_tissue_and_plan_item_is_described_with_sources() -> None:
    kb = load_default()
    assert set(kb.tissues) >= SPEC_TISSUES
    for tissue in kb.tissues.values():
        assert tissue.feels_like and tissue.told_apart_by and tissue.approach and tissue.sources
    for item in SPEC_PLAN_ITEMS:
        ex = kb.exercises[item]
        assert ex.steps and ex.dose and ex.progression and ex.regression and ex.sources


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(default_dir(), target)
    return target


def test_a_typo_in_a_rule_is_caught(tmp_path: Path) -> None:
    kb_dir = _copy(tmp_path)
    rules = kb_dir / "root_causes.yaml"
    rules.write_text(
        rules.read_text().replace("exam.knee_to_wall_cm:low", "exam.knee_to_wal_cm:low")
    )
    report = check(build(kb_dir))
    assert any("exam.knee_to_wal_cm:low" in e for e in report.errors)


def test_an_out_of_range_number_does_not_load(tmp_path: Path) -> None:
    kb_dir = _copy(tmp_path)
    diff = kb_dir / "differential.yaml"
    diff.write_text(diff.read_text().replace("p: 0.35", "p: 3.5", 1))
    with pytest.raises(KnowledgeError, match=r"differential\.yaml"):
        build(kb_dir)


def test_the_version_is_a_content_hash(tmp_path: Path) -> None:
    kb_dir = _copy(tmp_path)
    same = build(kb_dir).version
    assert same == load_default().version
    meta = kb_dir / "meta.yaml"
    meta.write_text(meta.read_text() + "\n# a clinician's comment\n")
    assert build(kb_dir).version != same


def test_the_cache_serves_the_same_knowledge(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import footfix.knowledge.kb as kb_module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("FOOTFIX_NO_KB_CACHE", raising=False)
    kb_module.load_default.cache_clear()
    first = kb_module.load_default()  # builds and writes the cache
    kb_module.load_default.cache_clear()
    second = kb_module.load_default()  # reads it back
    kb_module.load_default.cache_clear()
    assert list(tmp_path.rglob("kb-*.json"))
    assert second.version == first.version
    assert second.findings.keys() == first.findings.keys()
    assert second.red_flags == first.red_flags


def test_a_contract_tissue_cannot_be_dropped(tmp_path: Path) -> None:
    kb_dir = _copy(tmp_path)
    tissues = kb_dir / "tissues.yaml"
    tissues.write_text(tissues.read_text().replace("- id: cuboid\n", "- id: cuboid_renamed\n"))
    prior = kb_dir / "differential.yaml"
    prior.write_text(prior.read_text().replace("  cuboid:\n    p:", "  cuboid_renamed:\n    p:"))
    report = check(build(kb_dir))
    assert any("spec tissues missing ['cuboid']" in e for e in report.errors), report.errors


def test_how_to_texts_have_one_home_in_the_interview() -> None:
    kb = load_default()
    asked = {q.id: q for q in kb.interview.questions}
    tests = [q for q in kb.questions if q.test]
    assert len(tests) >= 20
    for q in tests:
        assert q.how_to == asked[q.test].how_to and q.how_to, q.field


def test_a_how_to_written_in_questions_yaml_is_refused(tmp_path: Path) -> None:
    kb_dir = _copy(tmp_path)
    questions = kb_dir / "questions.yaml"
    questions.write_text(
        questions.read_text().replace(
            "  test: windlass  # its how-to text is in interview.yaml",
            "  how_to: Lift the big toe while standing.",
        )
    )
    with pytest.raises(KnowledgeError, match=r"how-to texts live in interview\.yaml"):
        build(kb_dir)


def test_a_test_naming_no_interview_question_is_refused(tmp_path: Path) -> None:
    kb_dir = _copy(tmp_path)
    questions = kb_dir / "questions.yaml"
    questions.write_text(questions.read_text().replace("  test: windlass ", "  test: windlas "))
    report = check(build(kb_dir))
    assert any("test 'windlas' is not in interview.yaml" in e for e in report.errors)
