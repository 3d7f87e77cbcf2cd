"""The rule language of the knowledge base: structured conditions, never ``eval``.

A condition is one of (YAML):

- ``"exam.windlass:positive"`` — a finding on the side being judged (or not sided)
- ``{finding: ID, side: this|other|any|both}`` — a finding on a named side
- ``{all: [...]}``, ``{any: [...]}``, ``{not: COND}``, ``{at_least: N, of: [...]}``
- ``{flag: ID}`` — a red flag raised earlier in the screen
- ``{cause: ID}`` — a root cause found (any side)
- ``{tissue: ID or [IDs], top: N, min_score: X}`` — a tissue ranked in the first N
- ``{tissue_group: GROUP, top: N, min_score: X}`` — same, by tissue group
- ``{phase: [IDs]}`` — the runner's phase is one of these
- ``{referral_at_least: LEVEL}``
- ``{not_excluded: ID or [IDs] or any}`` — a red-flag condition the evidence cannot rule out

Conditions are parsed once into small frozen tuples so that evaluation is fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SIDE_WORDS = ("this", "other", "any", "both")


class ConditionError(ValueError):
    """A condition in a knowledge file does not follow the grammar."""


@dataclass(frozen=True, slots=True)
class Cond:
    op: str  # finding | all | any | not | at_least | flag | cause | tissue | tissue_group | ...
    args: tuple[Any, ...]


def parse_condition(raw: Any, where: str = "condition") -> Cond:
    if isinstance(raw, str):
        return Cond("finding", (raw, "this"))
    if not isinstance(raw, dict) or not raw:
        raise ConditionError(f"{where}: expected a finding id or a mapping, got {raw!r}")
    keys = set(raw)
    if keys <= {"all"} or keys <= {"any"}:
        (op,) = keys
        items = raw[op]
        if not isinstance(items, list) or not items:
            raise ConditionError(f"{where}.{op}: expected a non-empty list")
        return Cond(
            op, tuple(parse_condition(c, f"{where}.{op}[{i}]") for i, c in enumerate(items))
        )
    if keys == {"not"}:
        return Cond("not", (parse_condition(raw["not"], f"{where}.not"),))
    if keys == {"at_least", "of"}:
        n = raw["at_least"]
        items = raw["of"]
        if not isinstance(n, int) or n < 1 or not isinstance(items, list) or len(items) < n:
            raise ConditionError(f"{where}: at_least needs a whole number ≤ the length of 'of'")
        parsed = tuple(parse_condition(c, f"{where}.of[{i}]") for i, c in enumerate(items))
        return Cond("at_least", (n, parsed))
    if "finding" in keys and keys <= {"finding", "side"}:
        side = raw.get("side", "this")
        if side not in SIDE_WORDS:
            raise ConditionError(f"{where}.side: {side!r} is not one of {SIDE_WORDS}")
        return Cond("finding", (str(raw["finding"]), side))
    if keys == {"flag"}:
        return Cond("flag", (str(raw["flag"]),))
    if "cause" in keys and keys <= {"cause", "side"}:
        return Cond("cause", (str(raw["cause"]), raw.get("side", "any")))
    if ("tissue" in keys or "tissue_group" in keys) and keys <= {
        "tissue",
        "tissue_group",
        "top",
        "min_score",
    }:
        op = "tissue" if "tissue" in keys else "tissue_group"
        value = raw[op]
        ids = tuple(value) if isinstance(value, list) else (value,)
        top = int(raw.get("top", 1))
        min_score = float(raw.get("min_score", 0.0))
        if top < 1 or not 0 <= min_score <= 1:
            raise ConditionError(f"{where}: top must be ≥ 1 and min_score within 0–1")
        return Cond(op, (ids, top, min_score))
    if keys == {"phase"}:
        value = raw["phase"]
        return Cond("phase", (tuple(value) if isinstance(value, list) else (value,),))
    if keys == {"not_excluded"}:
        value = raw["not_excluded"]
        return Cond("not_excluded", (tuple(value) if isinstance(value, list) else (value,),))
    if keys == {"referral_at_least"}:
        return Cond("referral_at_least", (str(raw["referral_at_least"]),))
    raise ConditionError(f"{where}: unknown condition keys {sorted(keys)}")


@lru_cache(maxsize=4096)
def referenced_ids(cond: Cond) -> dict[str, set[str]]:
    """Every id a condition mentions, by kind (cached: conditions are immutable; don't mutate)."""
    out: dict[str, set[str]] = {}

    def walk(c: Cond) -> None:
        if c.op in {"all", "any"}:
            for sub in c.args:
                walk(sub)
        elif c.op == "not":
            walk(c.args[0])
        elif c.op == "at_least":
            for sub in c.args[1]:
                walk(sub)
        elif c.op in {"finding", "flag", "cause"}:
            out.setdefault(c.op, set()).add(c.args[0])
        elif c.op in {"tissue", "tissue_group", "phase"}:
            out.setdefault(c.op, set()).update(c.args[0])
        elif c.op == "not_excluded":
            out.setdefault("flag", set()).update(i for i in c.args[0] if i != "any")
        elif c.op == "referral_at_least":
            out.setdefault("referral", set()).add(c.args[0])

    walk(cond)
    return out
