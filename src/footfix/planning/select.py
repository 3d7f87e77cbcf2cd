"""Choose the plan items for a runner's phase, tissue and causes, and what to leave out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from footfix.domain.side import Side, merge_sides
from footfix.intake.case_model import CaseFile
from footfix.knowledge.conditions import referenced_ids
from footfix.knowledge.kb import KnowledgeBase
from footfix.knowledge.models import PlanRule
from footfix.planning.dose import dose_for, runner_units
from footfix.reasoning.context import Context, check
from footfix.reasoning.root_causes import FoundCause


@dataclass
class Plan:
    # plain records in the result format's shape; AssessmentResult validates them once
    items: list[dict[str, Any]] = field(default_factory=list)
    avoid: list[dict[str, Any]] = field(default_factory=list)
    units: str = "km"


def _avoid(ctx: Context, kb: KnowledgeBase) -> tuple[list[dict[str, Any]], set[str]]:
    out: list[dict[str, Any]] = []
    blocked: set[str] = set()
    for rule in kb.plan.avoid_rules:
        ok, witnesses = check(rule.when, ctx, ctx.painful)
        if not ok:
            continue
        entry = kb.avoid.get(rule.avoid)
        title = entry.title if entry else rule.avoid.replace("_", " ")
        because = [rule.because, *[w.text for w in witnesses][:3]]
        out.append({"id": rule.avoid, "title": title, "because": because})
        blocked.update(rule.blocks)
    return out, blocked


_CAUSES_NAMED: dict[int, tuple[PlanRule, set[str]]] = {}


def _named_causes(rule: PlanRule) -> set[str]:
    """The causes a rule's condition names (kept per rule object: conditions never change)."""
    entry = _CAUSES_NAMED.get(id(rule))
    if entry is None or entry[0] is not rule:
        entry = (rule, referenced_ids(rule.when).get("cause", set()))
        _CAUSES_NAMED[id(rule)] = entry
    return entry[1]


def _side(
    rule_causes: list[str], found: dict[str, FoundCause], ctx: Context, region: str
) -> tuple[Side, bool]:
    """The side an item follows, and whether a cause (not just the painful foot) set it."""
    sides = {found[c].side for c in rule_causes if c in found and found[c].side is not Side.NONE}
    if sides:
        return merge_sides(sides), True
    if region == "foot_ankle" and ctx.painful is not Side.NONE:
        return ctx.painful, False  # local work goes to the painful foot
    return Side.BOTH, False  # hips, trunk and nerves are trained on both sides


def build_plan(ctx: Context, kb: KnowledgeBase, causes: list[FoundCause], case: CaseFile) -> Plan:
    units = runner_units(case)
    plan = Plan(units=units)
    found = {c.rule.id: c for c in causes}
    if ctx.referral == "emergency":
        rule = next(r for r in kb.plan.rules if r.item == "referral")
        ex = kb.exercises["referral"]
        plan.items.append(
            dict(
                id="referral",
                title=ex.title,
                categories=list(ex.categories),
                dose=kb.meta.referral_dose.get(
                    "emergency",
                    "Today: emergency assessment. Nothing else until a clinician has seen you.",
                ),
                because=[rule.because, *sorted(ctx.flags)],
                sources=list(ex.sources),
            )
        )
        return plan
    plan.avoid, blocked = _avoid(ctx, kb)
    chosen: dict[str, dict[str, Any]] = {}
    for rule in kb.plan.rules:
        if rule.item in chosen or ctx.phase not in rule.phases:
            continue
        ok, witnesses = check(rule.when, ctx, ctx.painful)
        if not ok or (rule.unless is not None and check(rule.unless, ctx, ctx.painful)[0]):
            continue
        ex = kb.exercises[rule.item]
        if rule.item in blocked or blocked.intersection(ex.categories):
            continue
        named = _named_causes(rule)
        reasons = [rule.because]
        for cause_id in sorted(named):
            if cause_id in found:
                c = found[cause_id]
                where = "" if c.side is Side.NONE else f", {c.side.value} ({c.relation.value} side)"
                reasons.append(f"Root cause: {c.rule.title}{where}")
        reasons.extend(w.text for w in witnesses[:3])
        side, by_cause = (
            _side(rule.side_from, found, ctx, ex.region) if ex.sided else (Side.NONE, False)
        )
        dose = dose_for(ex, side, case, units, kb.phases.progression, by_cause)
        if rule.item == "referral" and ctx.referral in kb.meta.referral_dose:
            dose = kb.meta.referral_dose[ctx.referral]  # the one urgency that applies
        chosen[rule.item] = dict(
            id=ex.id,
            title=ex.title,
            categories=list(ex.categories),
            dose=dose,
            because=list(dict.fromkeys(reasons)),
            side=side.value,
            sources=sorted(set(ex.sources) | set(rule.sources)),
            priority=rule.priority,
        )
    order = {c: i for i, c in enumerate(kb.plan.category_order)}
    plan.items = sorted(
        chosen.values(), key=lambda p: (p["priority"], order.get(p["categories"][0], 99))
    )
    for index, item in enumerate(plan.items):
        item["session"] = "focus" if index < kb.settings.plan_focus_items else "later"
    return plan
