"""The few questions or tests that would most change the answer.

For each question the case leaves open, every possible answer is tried on the tissue ranking:
the largest shift (total-variation distance between the rankings) is its weight, plus a fixed
weight when the answer could change the referral, the phase or a root cause. The shift is
computed in closed form from the answer's likelihood ratios, so no re-run is needed.

Safety orders the list before impact does: no provocative test (hopping, heel raises, a filmed
run) comes before an open red-flag screening question, and none is offered at all while a
red-flag condition is possible (raised at urgent or above, or not excluded).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from footfix.knowledge.kb import KnowledgeBase
from footfix.knowledge.models import Question

DECIDES_WEIGHT = {"referral": 0.5, "phase": 0.6, "root_cause": 0.2, "tissue": 0.0}


@dataclass(frozen=True)
class Unknown:
    field: str
    question: str
    why: str
    impact: float
    kind: str = "history"
    how_to: str = ""


def _shift(probs: dict[str, float], log_lr: dict[str, float]) -> float:
    """Total-variation distance after multiplying the tissues in log_lr by their ratios."""
    if not log_lr:
        return 0.0
    mass_in = sum(probs[t] for t in log_lr)
    z = 1.0 - mass_in + sum(probs[t] * math.exp(v) for t, v in log_lr.items())
    moved = sum(abs(probs[t] * math.exp(v) / z - probs[t]) for t, v in log_lr.items())
    moved += (1.0 - mass_in) * abs(1.0 / z - 1.0)
    return 0.5 * moved


def is_answered(q: Question, known_fields: frozenset[str]) -> bool:
    """The case sets the question's field, or answers (yes or no) every symptom it asks about
    (the warning signs a runner answered one at a time: all "no" leaves the field unset)."""
    if q.field in known_fields:
        return True
    return bool(q.answered_by) and all(a in known_fields for a in q.answered_by)


def rank_unknowns(
    known_fields: frozenset[str],
    probs: dict[str, float],
    kb: KnowledgeBase,
    red_flag_possible: bool = False,
) -> list[Unknown]:
    """``known_fields``: every dotted path the case sets, with its parents (see FindingSet)."""
    out: list[Unknown] = []
    for q in kb.questions:  # file order breaks ties: authors list the most useful first
        if is_answered(q, known_fields) or (q.after and q.after not in known_fields):
            continue
        if red_flag_possible and q.kind == "provocative":
            continue
        shift = max((_shift(probs, kb.log_lr.get(o, {})) for o in q.outcomes), default=0.0)
        bonus = sum(DECIDES_WEIGHT[d] for d in q.decides)
        impact = round(shift + bonus, 3)
        out.append(Unknown(q.field, q.question, q.why, impact, q.kind, q.how_to or ""))
    # near-ties (within a tenth) keep the file's order, where authors put the most useful first
    out.sort(key=lambda u: -round(u.impact, 1))
    return _screens_before_provocation(out)[: kb.settings.max_unknowns]


def _screens_before_provocation(ranked: list[Unknown]) -> list[Unknown]:
    """Move every provocative test after the last red-flag screen, keeping the order otherwise."""
    last_screen = max((i for i, u in enumerate(ranked) if u.kind == "red_flag_screen"), default=-1)
    early = ranked[: last_screen + 1]
    held = [u for u in early if u.kind == "provocative"]
    early = [u for u in early if u.kind != "provocative"]
    return early + held + ranked[last_screen + 1 :]
