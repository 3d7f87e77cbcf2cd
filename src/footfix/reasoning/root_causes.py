"""Root causes with side: each sided rule is judged per leg, then related to the painful foot."""

from __future__ import annotations

from dataclasses import dataclass

from footfix.domain.side import Relation, Side, merge_sides, relation_to
from footfix.knowledge.kb import KnowledgeBase
from footfix.knowledge.models import RootCauseRule
from footfix.reasoning.context import Context, check, holds, unique_texts

# finding values that compare a leg with the other one (findings_derived.yaml)
_WORSE_THAN_OTHER = (":deficit", ":excess")


@dataclass(frozen=True)
class FoundCause:
    rule: RootCauseRule
    side: Side
    relation: Relation
    because: list[str]


def _sides_to_judge(rule: RootCauseRule, painful: Side) -> tuple[Side, ...]:
    if rule.only_side == "painful":
        return (painful,) if painful in (Side.LEFT, Side.RIGHT) else (Side.LEFT, Side.RIGHT)
    if rule.only_side == "other":
        return (painful.opposite,) if painful in (Side.LEFT, Side.RIGHT) else ()
    return (Side.LEFT, Side.RIGHT)


def find_causes(ctx: Context, kb: KnowledgeBase, worse: Side | None) -> list[FoundCause]:
    """Every root cause whose rule holds; sets ``ctx.causes``."""
    found: list[FoundCause] = []
    for rule in kb.root_causes:
        if not rule.sided:
            ok, witnesses = check(rule.when, ctx, Side.NONE)
            if ok and not (rule.unless and holds(rule.unless, ctx, Side.NONE)):
                because = unique_texts(witnesses) or [rule.title]
                found.append(FoundCause(rule, Side.NONE, Relation.NA, because))
                ctx.causes[rule.id] = Side.NONE
            continue
        sides: set[Side] = set()
        texts: list[str] = []
        deficit_on: set[Side] = set()  # sides shown worse than the other leg
        for side in _sides_to_judge(rule, ctx.painful):
            ok, witnesses = check(rule.when, ctx, side)
            # a finding with no side (about the painful foot) must not make both legs positive
            witnesses = [w for w in witnesses if w.side is not Side.NONE or side is ctx.painful]
            if not ok or not witnesses:
                continue
            if rule.unless and holds(rule.unless, ctx, side):
                continue
            sides.add(side)
            texts.extend(w.text for w in witnesses)
            if any(w.id.endswith(_WORSE_THAN_OTHER) for w in witnesses):
                deficit_on.add(side)
        if not sides:
            continue
        side = merge_sides(sides)
        if side is Side.BOTH and deficit_on == {ctx.painful}:
            # reduced on both legs, clearly worse on the painful one: a same-side cause
            side = ctx.painful
            texts.append(f"also reduced on the {ctx.painful.opposite.value} side, but less")
        relation = relation_to(side, ctx.painful, worse)
        found.append(FoundCause(rule, side, relation, list(dict.fromkeys(texts))))
        ctx.causes[rule.id] = side
    return found
