"""The clinical core in one call: case (+ evidence) -> explained assessment and plan. Pure."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from footfix.domain.result import (
    AssessmentResult,
)
from footfix.domain.side import Side
from footfix.findings.extract import extract_findings
from footfix.findings.finding_set import FindingSet
from footfix.intake.case_model import CaseFile
from footfix.intake.evidence import Evidence, merge_evidence
from footfix.knowledge.kb import KnowledgeBase, load_default
from footfix.planning.select import build_plan
from footfix.planning.wording import localise
from footfix.reasoning import differential, phase, red_flags, root_causes, unknowns
from footfix.reasoning.context import Context, holds


def _timeline(ctx: Context, kb: KnowledgeBase) -> tuple[str, str]:
    """The first timeline entry that applies: (id, text)."""
    for entry in kb.phases.timelines:
        if holds(entry.when, ctx, ctx.painful):
            return entry.id, entry.text
    return "", ""


CLINICAL_SECTIONS = ("history.", "exam.", "gait.", "training.")
CANNOT_ASSESS = (
    "footfix cannot assess this case yet: it says too little about the pain. Answer the first "
    "questions below (where it hurts, when, and how far you can walk) and assess again. If the "
    "foot is hot, red and swollen, you cannot put weight on it, or you feel unwell, see a "
    "clinician today."
)


def _assessable(findings: FindingSet, ctx: Context, kb: KnowledgeBase) -> bool:
    """Enough of the story, exam or gait to rank tissues on (a raised red flag always is)."""
    if ctx.flags:
        return True
    clinical = sum(1 for f in findings if f.id.startswith(CLINICAL_SECTIONS))
    return clinical >= kb.settings.min_findings_to_assess


def assess(
    case: CaseFile,
    kb: KnowledgeBase | None = None,
    evidence: Sequence[Evidence] = (),
    tracked_phase: str | None = None,
) -> AssessmentResult:
    """``tracked_phase``: the phase tracking has moved the runner to since the case was saved;
    the plan is built for it (red flags and what they keep out still apply)."""
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
    if tracked_phase is not None and tracked_phase != decision.phase:
        ctx.phase = tracked_phase
        decision = dataclasses.replace(
            decision,
            phase=tracked_phase,
            because=[*decision.because, f"phase {tracked_phase} from the tracked logs"],
        )
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
                likelihood=(
                    "likely"
                    if score >= kb.settings.likely_from
                    else "possible"
                    if score >= kb.settings.possible_from
                    else "less likely"
                ),
                because=why.because,
                against=why.against,
                approach=tissue.approach,
            )
        )
    gate = decision.next_gate
    timeline_id, timeline_text = _timeline(ctx, kb)
    assessable = _assessable(findings, ctx, kb)
    if not assessable:
        # a near-empty case: no tissue scores, timeline or plan from priors alone (root causes,
        # read straight off findings, stay)
        tissues, plan.items = [], []
        timeline_id, timeline_text = "", ""
        first = {q.field: q for q in kb.questions}
        open_questions = [
            unknowns.Unknown(
                f, first[f].question, first[f].why, 1.0, first[f].kind, first[f].how_to or ""
            )
            for f in kb.settings.first_questions
            if f in first and not unknowns.is_answered(first[f], findings.known_fields)
        ]
    # plain records, validated once as a whole: one pass of pydantic-core is far cheaper than
    # building each record as a model
    record = dict(
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
            unmet=gate.unmet,
            unknown=gate.unknown,
            would_open=list(dict.fromkeys(gate.questions + phase.questions_for(gate.asks, kb))),
            monitored=gate.monitored,
        ),
        expected_timeline=timeline_text,
        expected_timeline_id=timeline_id,
        plan=plan.items,
        avoid=plan.avoid,
        evidence_sources=sorted(set(provenance.values())),
        evidence_notes=[f"{e.source}: {note}" for e in evidence for note in e.notes],
        units=plan.units,
        disclaimer=kb.meta.disclaimer,
        assessed=assessable,
        assess_note="" if assessable else CANNOT_ASSESS,
    )
    # every text a runner reads in their own units, without reviewers' notes (never outside text)
    prog = kb.phases.progression
    for key in _RUNNER_TEXTS:
        record[key] = localise(record[key], prog, plan.units)
    return AssessmentResult.model_validate(record)


_RUNNER_TEXTS = (
    "red_flags",
    "not_excluded",
    "tissues",
    "root_causes",
    "unknowns",
    "phase_because",
    "next_gate",
    "expected_timeline",
    "plan",
    "avoid",
)
