"""What the rules can ask about, and the evaluator of the knowledge base's conditions."""

from __future__ import annotations

from dataclasses import dataclass, field

from footfix.domain.finding import Finding
from footfix.domain.result import REFERRAL_ORDER
from footfix.domain.side import Side
from footfix.findings.finding_set import FindingSet
from footfix.knowledge.conditions import Cond

Witnesses = list[Finding]


@dataclass
class Context:
    findings: FindingSet
    tissue_groups: dict[str, str]
    flags: set[str] = field(default_factory=set)
    causes: dict[str, Side] = field(default_factory=dict)
    ranking: list[tuple[str, float]] = field(default_factory=list)
    phase: str | None = None
    referral: str = "none"

    @property
    def painful(self) -> Side:
        return self.findings.painful


def _finding(ctx: Context, finding_id: str, mode: str, side: Side) -> Witnesses:
    fs = ctx.findings
    if mode == "this":
        return fs.on(finding_id, side)
    if mode == "any":
        return fs.anywhere(finding_id)
    if mode == "other":
        if side not in (Side.LEFT, Side.RIGHT):
            return []
        return fs.on_strict(finding_id, side.opposite)
    left, right = fs.on_strict(finding_id, Side.LEFT), fs.on_strict(finding_id, Side.RIGHT)
    return left + right if left and right else []


def _ranked(ctx: Context, ids: tuple[str, ...], top: int, min_score: float, group: bool) -> bool:
    for tissue, score in ctx.ranking[:top]:
        key = ctx.tissue_groups.get(tissue, "") if group else tissue
        if key in ids and score >= min_score:
            return True
    return False


def check(cond: Cond, ctx: Context, side: Side) -> tuple[bool, Witnesses]:
    """Whether the condition holds for `side`, and the findings that made it hold."""
    op, args = cond.op, cond.args
    if op == "finding":
        hits = _finding(ctx, args[0], args[1], side)
        return bool(hits), hits
    if op == "all":
        found: Witnesses = []
        for sub in args:
            ok, w = check(sub, ctx, side)
            if not ok:
                return False, []
            found.extend(w)
        return True, found
    if op == "any":
        found = []
        hit = False
        for sub in args:
            ok, w = check(sub, ctx, side)
            if ok:
                hit = True
                found.extend(w)
        return hit, found
    if op == "not":
        ok, _ = check(args[0], ctx, side)
        return not ok, []
    if op == "at_least":
        n, subs = args
        found = []
        count = 0
        for sub in subs:
            ok, w = check(sub, ctx, side)
            if ok:
                count += 1
                found.extend(w)
        return count >= n, found if count >= n else []
    if op == "flag":
        return args[0] in ctx.flags, []
    if op == "cause":
        return args[0] in ctx.causes, []
    if op in ("tissue", "tissue_group"):
        return _ranked(ctx, args[0], args[1], args[2], op == "tissue_group"), []
    if op == "phase":
        return ctx.phase in args[0], []
    if op == "referral_at_least":
        return REFERRAL_ORDER.index(ctx.referral) >= REFERRAL_ORDER.index(args[0]), []
    raise ValueError(f"unknown condition {op}")


def holds(cond: Cond, ctx: Context, side: Side) -> bool:
    return check(cond, ctx, side)[0]


def unique_texts(findings: Witnesses) -> list[str]:
    seen: dict[str, None] = {}
    for f in findings:
        seen.setdefault(f.text, None)
    return list(seen)
