"""The clinical core in one call: case (+ evidence) -> explained assessment and plan. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from footfix.domain.result import (
    AssessmentResult,
)
from footfix.domain.side import Side
from footfix.findings.extract import extract_findings
from footfix.intake.case_model import CaseFile
from footfix.intake.evidence import Evidence, merge_evidence
from footfix.knowledge.kb import KnowledgeBase, load_default
from footfix.planning.select import build_plan
from footfix.reasoning import differential, phase, red_flags, root_causes, unknowns
from footfix.reasoning.context import Context, holds


def _timeline(ctx: Context, kb: KnowledgeBase) -> tuple[str, str]:
    """The first timeline entry that applies: (id, text)."""
    for entry in kb.phases.timelines:
        if holds(entry.when, ctx, ctx.painful):
            return entry.id, entry.text
    return "", ""


def assess(
    case: CaseFile, kb: KnowledgeBase | None = None, evidence: Sequence[Evidence] = ()
) -> AssessmentResult:
    kb = kb or load_default()
    provenance: dict[str, str] = {}
    if evidence:
        case, provenance = merge_evidence(case, list(evidence))
    findings = extract_findings(case, kb, provenance)
    ctx = Context(findings, kb.tissue_groups)

    # the ranking needs no flag, and some flags read it (a differential led by bone stress)
    ranking, counted = differential.rank(findings, kb)
    ctx.ranking = ranking
    flags = red_flags.screen(ctx, kb)
    emergency = ctx.referral == "emergency"
    worse = Side(case.patient.worse_side) if case.patient and case.patient.worse_side else None
    causes = [] if emergency else root_causes.find_causes(ctx, kb, worse)
    # after the causes: a load spike is one of the risks that keep a bone injury possible
    open_flags = red_flags.not_excluded(ctx, kb)
    decision = phase.decide(ctx, kb, flags, open_flags)
    plan = build_plan(ctx, kb, causes, case)
    open_questions = (
        []
        if emergency
        else unknowns.rank_unknowns(
            findings.known_fields,
            dict(ranking),
            kb,
            red_flag_possible=bool(ctx.not_excluded) or ctx.referral == "urgent",
        )
    )

    tissues = []
    texts = [f.text for f in counted]
    for tissue_id, score in ranking[: kb.settings.tissues_shown]:
        why = differential.explain(tissue_id, counted, kb, texts)
        tissue = kb.tissues[tissue_id]
        tissues.append(
            dict(
                id=tissue_id,
                title=tissue.title,
                score=round(score, 4),
                because=why.because,
                against=why.against,
                approach=tissue.approach,
            )
        )
    gate = decision.next_gate
    timeline_id, timeline_text = _timeline(ctx, kb)
    # plain records, validated once as a whole: one pass of pydantic-core is far cheaper than
    # building each record as a model
    return AssessmentResult.model_validate(
        dict(
            case_id=case.id or "case",
            knowledge_version=kb.version,
            referral=ctx.referral,
            red_flags=[
                dict(
                    id=r.flag.id,
                    title=r.flag.title,
                    urgency=r.flag.urgency,
                    action=r.flag.action,
                    because=r.because,
                    sources=list(r.flag.sources),
                )
                for r in flags
            ],
            not_excluded=[
                dict(
                    id=o.flag.id,
                    title=o.flag.title,
                    urgency_if_confirmed=o.flag.urgency,
                    because=o.because,
                    would_exclude=o.flag.would_exclude or "a clinician's examination",
                    sources=list(o.flag.sources),
                )
                for o in open_flags
            ],
            tissues=tissues,
            root_causes=[
                dict(
                    id=c.rule.id,
                    title=c.rule.title,
                    side=c.side.value,
                    relation=c.relation.value,
                    because=c.because,
                    sources=list(c.rule.sources),
                )
                for c in causes
            ],
            unknowns=[
                dict(
                    id=u.field,
                    question=u.question,
                    why=u.why,
                    impact=u.impact,
                    kind=u.kind,
                    how_to=u.how_to,
                )
                for u in open_questions
            ],
            phase=decision.phase,
            phase_because=decision.because,
            next_gate=dict(
                phase=gate.phase,
                criteria=gate.criteria,
                met=gate.met,
                unmet=gate.unmet + gate.unknown,
            ),
            expected_timeline=timeline_text,
            expected_timeline_id=timeline_id,
            plan=plan.items,
            avoid=plan.avoid,
            evidence_sources=sorted(set(provenance.values())),
            evidence_notes=[f"{e.source}: {note}" for e in evidence for note in e.notes],
            units=plan.units,
            disclaimer=kb.meta.disclaimer,
        )
    )
