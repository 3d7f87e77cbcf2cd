"""Cross-checks of the knowledge base beyond the schema: every reference resolves.

``footfix kb check`` and the test suite run these. Errors make the knowledge base unusable;
notes are worth a look (for example findings no rule uses yet).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import get_args

from footfix.knowledge.case_fields import VIRTUAL_FIELDS, case_fields
from footfix.knowledge.conditions import Cond, referenced_ids
from footfix.knowledge.figure_check import check_figures
from footfix.knowledge.interop_check import check_interop
from footfix.knowledge.interview_check import check_interview
from footfix.knowledge.kb import KnowledgeBase
from footfix.knowledge.lr_check import Estimate, check_weights, estimates
from footfix.knowledge.models import Category

# the contract's tissue ids (docs/spec/case-format.md): never renamed or dropped; the knowledge
# base may add its own (docs/case-format.md): tissues.yaml, not this list, says how many
SPEC_TISSUES = frozenset(
    [
        "plantar_fascia",
        "plantar_fascia_rupture",
        "fat_pad",
        "calcaneal_stress_fracture",
        "navicular_stress_fracture",
        "metatarsal_stress_fracture",
        "inferior_calcaneal_nerve",
        "tibial_nerve_tarsal_tunnel",
        "medial_plantar_nerve",
        "sural_nerve",
        "lumbosacral_radiculopathy",
        "posterior_tibialis",
        "flexor_hallucis_longus",
        "flexor_digitorum_longus",
        "medial_ligaments",
        "cuboid",
        "subtalar_talonavicular_joint",
        "intrinsic_foot_muscles",
        "calcaneal_apophysitis",
        "inflammatory_enthesitis",
        "systemic_non_mechanical",
    ]
)
SPEC_FACTORS = frozenset(
    [
        "training_load_spike",
        "drastic_change",
        "ankle_dorsiflexion_deficit",
        "hallux_extension_deficit",
        "hip_extension_deficit",
        "hip_flexion_deficit",
        "hip_abduction_mobility_deficit",
        "thoracic_ribcage_stiffness",
        "lumbosacral_or_neural_tension",
        "lower_leg_fascia_restriction",
        "foot_ankle_weakness",
        "midstance_deflation",
        "hip_flexor_weakness",
        "hip_extensor_weakness",
        "lateral_hip_weakness",
        "posture_fault",
        "overstride",
        "forefoot_overuse",
        "over_push_off",
        "contralateral_push_off_deficit",
        "low_energy_availability",
    ]
)
SPEC_PLAN_ITEMS = frozenset(
    [
        "pelvic_hip_self_massage",
        "hurdler_stretch",
        "side_lunge_ninja",
        "runners_lunge",
        "ribcage_foam_roll",
        "prone_extension",
        "childs_pose",
        "thoracic_ball_stretch",
        "plantar_calf_shin_self_massage",
        "fat_pad_mobilisation",
        "ankle_dorsiflexion_belt_stretch",
        "toes_on_wall",
        "toe_spreaders_sock_pull",
        "sciatic_nerve_stretch",
        "diagonal_chop",
        "hip_flexor_strengthening",
        "ice_skater",
        "bridges",
        "hamstring_bridges",
        "heel_raise_toe_up",
        "light_hopping",
        "hundred_up",
        "posture_cues",
        "vertical_hip_cues",
        "pawback_drill",
        "cadence_increase",
        "stiff_shoes",
        "plantar_taping",
        "walking_boot_or_night_splint",
        "relative_rest",
        "flat_firm_surface_running",
        "hills",
        "softer_shoes",
        "barefoot_walk_run",
        "build_up_sprints",
        "referral",
    ]
)
SPEC_AVOID = frozenset({"aggressive_direct_massage_of_painful_spot", "running_through_pain"})
CATEGORIES = frozenset(get_args(Category))


@dataclass
class CheckReport:
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # likelihood ratios that are estimates, each with why (kb check lists them)
    estimates: list[Estimate] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _conditions(kb: KnowledgeBase) -> list[tuple[str, Cond]]:
    out: list[tuple[str, Cond]] = []
    for f in kb.red_flags:
        out.append((f"red_flags.yaml:{f.id}", f.when))
    for c in kb.root_causes:
        out.append((f"root_causes.yaml:{c.id}", c.when))
        if c.unless:
            out.append((f"root_causes.yaml:{c.id}.unless", c.unless))
    for p in kb.phases.phases:
        for g in p.entry_gate:
            out.append((f"phases.yaml:{p.id}.{g.id}", g.passes))
            if g.fails:
                out.append((f"phases.yaml:{p.id}.{g.id}.fails", g.fails))
            if g.only_if:
                out.append((f"phases.yaml:{p.id}.{g.id}.only_if", g.only_if))
        for m in p.monitored:
            out.append((f"phases.yaml:{p.id}.monitored.{m.id}", m.watch))
    out.append(("phases.yaml:protect_when", kb.phases.protect_when))
    for t in kb.phases.timelines:
        out.append((f"phases.yaml:timelines.{t.id}", t.when))
    for r in kb.plan.rules:
        out.append((f"plan_rules.yaml:{r.item}", r.when))
        if r.unless:
            out.append((f"plan_rules.yaml:{r.item}.unless", r.unless))
    for a in kb.plan.avoid_rules:
        out.append((f"plan_rules.yaml:avoid.{a.avoid}", a.when))
    return out


def _check_sources(kb: KnowledgeBase, report: CheckReport) -> None:
    cited: list[tuple[str, list[str]]] = []
    cited += [(f"tissues.yaml:{t.id}", t.sources) for t in kb.tissues.values()]
    cited += [(f"exercises.yaml:{e.id}", e.sources) for e in kb.exercises.values()]
    cited += [(f"avoid.yaml:{a.id}", a.sources) for a in kb.avoid.values()]
    cited += [(f"red_flags.yaml:{f.id}", f.sources) for f in kb.red_flags]
    cited += [(f"root_causes.yaml:{c.id}", c.sources) for c in kb.root_causes]
    cited += [(f"findings:{f.id}", f.sources) for f in kb.findings.values()]
    cited += [(f"differential.yaml:{w.finding}", w.sources) for w in kb.differential.weights]
    cited += [
        (f"differential.yaml:prior.{t}", p.sources) for t, p in kb.differential.priors.items()
    ]
    cited += [(f"plan_rules.yaml:{r.item}", r.sources) for r in kb.plan.rules]
    for p in kb.phases.phases:
        cited.append((f"phases.yaml:{p.id}", p.sources))
        cited += [(f"phases.yaml:{p.id}.{g.id}", g.sources) for g in p.entry_gate]
        cited += [(f"phases.yaml:{p.id}.{m.id}", m.sources) for m in p.monitored]
    cited.append(("phases.yaml:progression", kb.phases.progression.sources))
    for m in kb.outcomes.measures:
        cited += [(f"outcome_measures.yaml:{m.id}", m.sources)]
        cited += [(f"outcome_measures.yaml:{m.id}.mcid", m.mcid.sources)]
    cited += [(f"outcome_measures.yaml:left_out.{m.id}", m.sources) for m in kb.outcomes.left_out]
    for where, sources in cited:
        for s in sources:
            if s not in kb.references:
                report.errors.append(f"{where}: unknown reference '{s}'")


def _check_ids(kb: KnowledgeBase, report: CheckReport) -> set[str]:
    used_findings: set[str] = set()
    flags = {f.id for f in kb.red_flags}
    causes = {c.id for c in kb.root_causes}
    groups: set[str] = {t.group for t in kb.tissues.values()}
    phases: set[str] = {p.id for p in kb.phases.phases}
    known: dict[str, set[str]] = {
        "finding": set(kb.findings),
        "flag": flags,
        "cause": causes,
        "tissue": set(kb.tissues),
        "tissue_group": groups,
        "phase": phases,
        "referral": {"none", "routine", "urgent", "emergency"},
    }
    for where, cond in _conditions(kb):
        for kind, ids in referenced_ids(cond).items():
            if kind == "finding":
                used_findings |= ids
            for missing in sorted(ids - known[kind]):
                report.errors.append(f"{where}: unknown {kind} '{missing}'")
    for w in kb.differential.weights:
        used_findings.add(w.finding)
        if w.finding not in kb.findings:
            report.errors.append(f"differential.yaml: unknown finding '{w.finding}'")
        for t in w.lr:
            if t not in kb.tissues:
                report.errors.append(f"differential.yaml:{w.finding}: unknown tissue '{t}'")
    paths = {f.path for f in case_fields()}
    for q in kb.questions:
        for path in filter(None, (q.field, q.after)):
            if path not in paths and not any(p.startswith(path + ".") for p in paths):
                report.errors.append(f"questions.yaml: unknown case field '{path}'")
        asked = {i.id: i for i in kb.interview.questions}
        if q.test is not None and q.test not in asked:
            report.errors.append(
                f"questions.yaml:{q.field}: test '{q.test}' is not in interview.yaml"
            )
        elif q.test is not None and not asked[q.test].how_to:
            report.errors.append(
                f"questions.yaml:{q.field}: interview question '{q.test}' has no how_to text"
            )
        elif q.kind in {"self_test", "provocative"} and not q.how_to:
            report.errors.append(
                f"questions.yaml:{q.field}: a test names the interview question whose how_to "
                "tells a runner how to do it (`test:`)"
            )
        for o in q.outcomes:
            used_findings.add(o)
            if o not in kb.findings:
                report.errors.append(f"questions.yaml:{q.field}: unknown finding '{o}'")
        for a in q.answered_by:
            if a not in kb.findings or kb.findings[a].field != q.field:
                report.errors.append(
                    f"questions.yaml:{q.field}: answered_by '{a}' is not a finding of its field"
                )
    return used_findings


def check(kb: KnowledgeBase) -> CheckReport:
    report = CheckReport()
    missing_tissues = SPEC_TISSUES - set(kb.tissues)
    if missing_tissues:
        report.errors.append(f"tissues.yaml: spec tissues missing {sorted(missing_tissues)}")
    if set(kb.differential.priors) != set(kb.tissues):
        report.errors.append("differential.yaml: every tissue needs exactly one prior")
    missing_factors = SPEC_FACTORS - {c.id for c in kb.root_causes}
    if missing_factors:
        report.errors.append(f"root_causes.yaml: spec factors missing {sorted(missing_factors)}")
    missing_items = SPEC_PLAN_ITEMS - set(kb.exercises)
    if missing_items:
        report.errors.append(f"exercises.yaml: spec plan items missing {sorted(missing_items)}")
    if SPEC_AVOID - set(kb.avoid):
        report.errors.append(f"avoid.yaml: spec items missing {sorted(SPEC_AVOID - set(kb.avoid))}")
    for r in kb.plan.rules:
        if r.item not in kb.exercises:
            report.errors.append(f"plan_rules.yaml: unknown plan item '{r.item}'")
        for c in r.side_from:
            if c not in {x.id for x in kb.root_causes}:
                report.errors.append(f"plan_rules.yaml:{r.item}: unknown cause '{c}' in side_from")
    for a in kb.plan.avoid_rules:
        if a.avoid not in kb.avoid:
            report.errors.append(f"plan_rules.yaml: unknown avoid item '{a.avoid}'")
        for b in a.blocks:
            if b not in kb.exercises and b not in CATEGORIES:
                report.errors.append(f"plan_rules.yaml:{a.avoid}: blocks unknown '{b}'")
    missing_rules = set(kb.exercises) - {r.item for r in kb.plan.rules}
    if missing_rules:
        report.errors.append(f"plan_rules.yaml: items no rule can add {sorted(missing_rules)}")
    _check_sources(kb, report)
    report.errors.extend(check_interop(kb))
    _check_gates(kb, report)
    report.errors.extend(check_weights(kb.differential.weights, kb.references))
    verified = sum(1 for w in kb.differential.weights if w.accuracy is not None)
    found = estimates(kb.differential.weights)
    stated = [e for e in found if e.stated]
    report.notes.append(
        f"{verified} likelihood ratios recomputed from their sources' sensitivity and "
        f"specificity; {len(found)} are estimates: {len(stated)} say why (awaiting clinician "
        f"review, docs/clinical-safety.md), {len(found) - len(stated)} are graded from sources "
        "without accuracy figures (--estimates lists them all)"
    )
    report.estimates = found
    used = _check_ids(kb, report)
    _check_coverage(kb, report)
    report.errors += check_interview(kb)
    report.errors += check_figures(kb.exercises)
    unused = sorted(set(kb.findings) - used)
    report.notes.append(
        f"{len(unused)} of {len(kb.findings)} findings are recorded and shown but not yet "
        "weighted by any rule"
    )
    report.counts = {
        "references": len(kb.references),
        "tissues": len(kb.tissues),
        "findings": len(kb.findings),
        "weights": len(kb.differential.weights),
        "red_flags": len(kb.red_flags),
        "root_causes": len(kb.root_causes),
        "phases": len(kb.phases.phases),
        "exercises": len(kb.exercises),
        "plan_rules": len(kb.plan.rules),
        "questions": len(kb.questions),
        "interview_questions": len(kb.interview.questions),
    }
    return report


def _check_coverage(kb: KnowledgeBase, report: CheckReport) -> None:
    """Every case-format yes/no field and enumerated value has a finding."""
    by_field = kb.findings_by_field
    for info in case_fields():
        wanted: set[bool | str]
        if info.kind == "bool":
            wanted = {True, False}
        elif info.kind in {"enum", "enum_list"}:
            wanted = set(info.values)
        else:
            continue  # numbers are read through the thresholds of findings_derived.yaml
        have = {d.match.equals for d in by_field.get(info.path, [])}
        for value in sorted(wanted - have, key=str):
            report.errors.append(f"findings.yaml: no finding for {info.path} = {value!r}")
    fields = {f.path for f in case_fields()} | VIRTUAL_FIELDS
    for fid, defn in kb.findings.items():
        if defn.field not in fields:
            report.errors.append(f"findings: '{fid}' reads unknown field '{defn.field}'")


# findings whose threshold must equal a number of `progression` (phases.yaml): one place
_PROGRESSION_FINDINGS = {
    "history.walk_stand_tolerance_min:normal": ("ge", "walk_stand_near_pain_free_min"),
    "history.walk_stand_tolerance_min:short": ("lt", "walk_stand_near_pain_free_min"),
    "history.currently_running.longest_run:flat_gate": ("ge", "flat_gate"),
    "history.currently_running.longest_run:below_flat_gate": ("lt", "flat_gate"),
    "history.currently_running.pain_during:minimal": ("le", "near_pain_free_nrs"),
    "exam.heel_raise_single_leg_reps:low": ("lt", "heel_raise_target_reps"),
}


def _check_gates(kb: KnowledgeBase, report: CheckReport) -> None:
    """Gate criteria name real fields, and the findings they read use the progression numbers."""
    paths = {f.path for f in case_fields()}
    for p in kb.phases.phases:
        for g in p.entry_gate:
            for path in g.asks:
                if path not in paths:
                    report.errors.append(f"phases.yaml:{p.id}.{g.id}: unknown case field '{path}'")
            reads_findings = "finding" in referenced_ids(g.passes)
            if reads_findings and not g.asks:
                report.errors.append(
                    f"phases.yaml:{p.id}.{g.id}: a criterion read from findings needs `asks`"
                )
    asked = {q.field for q in kb.questions}
    for path in kb.settings.first_questions:
        if path not in asked:
            report.errors.append(f"meta.yaml: first question '{path}' has no entry in questions")
    prog = kb.phases.progression
    for fid, (op, name) in _PROGRESSION_FINDINGS.items():
        defn = kb.findings.get(fid)
        value = getattr(prog, name)
        wanted = value.km if name == "flat_gate" else value
        have = getattr(defn.match, op) if defn else None
        if have != wanted:
            report.errors.append(
                f"findings: '{fid}' uses {have} where phases.yaml progression.{name} says {wanted}"
            )
