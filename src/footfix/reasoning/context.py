"""What the rules can ask about, and the evaluator of the knowledge base's conditions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

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
    not_excluded: set[str] = field(default_factory=set)  # red flags the evidence can't rule out

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


Evaluator = Callable[[Context, Side], tuple[bool, Witnesses]]
NOTHING: Witnesses = []


def _all(parts: list[Evaluator]) -> Evaluator:
    def run(ctx: Context, side: Side) -> tuple[bool, Witnesses]:
        found: Witnesses = []
        for part in parts:
            ok, w = part(ctx, side)
            if not ok:
                return False, NOTHING
            found += w
        return True, found

    return run


def _any(parts: list[Evaluator]) -> Evaluator:
    def run(ctx: Context, side: Side) -> tuple[bool, Witnesses]:
        found: Witnesses = []
        hit = False
        for part in parts:
            ok, w = part(ctx, side)
            if ok:
                hit = True
                found += w
        return hit, found

    return run


def _at_least(n: int, parts: list[Evaluator]) -> Evaluator:
    def run(ctx: Context, side: Side) -> tuple[bool, Witnesses]:
        results = [part(ctx, side) for part in parts]
        hits = [w for ok, w in results if ok]
        if len(hits) < n:
            return False, NOTHING
        return True, [f for w in hits for f in w]

    return run


@lru_cache(maxsize=8192)
def compile_condition(cond: Cond) -> Evaluator:
    """Turn a parsed condition into a closure once; evaluation then skips the dispatch."""
    op, args = cond.op, cond.args
    if op == "finding":
        fid, mode = args
        if mode == "this":  # the common case, kept to one dictionary look-up when absent

            def this_side(ctx: Context, side: Side) -> tuple[bool, Witnesses]:
                items = ctx.findings.by_id.get(fid)
                if not items:
                    return False, NOTHING
                hits = [f for f in items if f.side.covers(side)]
                return bool(hits), hits

            return this_side

        def finding(ctx: Context, side: Side) -> tuple[bool, Witnesses]:
            hits = _finding(ctx, fid, mode, side)
            return bool(hits), hits

        return finding
    if op == "all":
        return _all([compile_condition(c) for c in args])
    if op == "any":
        return _any([compile_condition(c) for c in args])
    if op == "not":
        inner = compile_condition(args[0])
        return lambda ctx, side: (not inner(ctx, side)[0], NOTHING)
    if op == "at_least":
        return _at_least(args[0], [compile_condition(c) for c in args[1]])
    if op == "flag":
        return lambda ctx, side: (args[0] in ctx.flags, NOTHING)
    if op == "cause":
        return lambda ctx, side: (args[0] in ctx.causes, NOTHING)
    if op in ("tissue", "tissue_group"):
        group = op == "tissue_group"
        return lambda ctx, side: (_ranked(ctx, args[0], args[1], args[2], group), NOTHING)
    if op == "phase":
        return lambda ctx, side: (ctx.phase in args[0], NOTHING)
    if op == "not_excluded":
        wanted = args[0]
        if "any" in wanted:
            return lambda ctx, side: (bool(ctx.not_excluded), NOTHING)
        return lambda ctx, side: (any(i in ctx.not_excluded for i in wanted), NOTHING)
    if op == "referral_at_least":
        level = REFERRAL_ORDER.index(args[0])
        return lambda ctx, side: (REFERRAL_ORDER.index(ctx.referral) >= level, NOTHING)
    raise ValueError(f"unknown condition {op}")


_BY_IDENTITY: dict[int, tuple[Cond, Evaluator]] = {}


def check(cond: Cond, ctx: Context, side: Side) -> tuple[bool, Witnesses]:
    """Whether the condition holds for `side`, and the findings that made it hold."""
    # look up by identity: hashing a deep condition tree on every call costs more than the check
    entry = _BY_IDENTITY.get(id(cond))
    if entry is None or entry[0] is not cond:
        entry = (cond, compile_condition(cond))
        _BY_IDENTITY[id(cond)] = entry
    return entry[1](ctx, side)


def holds(cond: Cond, ctx: Context, side: Side) -> bool:
    return check(cond, ctx, side)[0]


def unique_texts(findings: Witnesses) -> list[str]:
    seen: dict[str, None] = {}
    for f in findings:
        seen.setdefault(f.text, None)
    return list(seen)
