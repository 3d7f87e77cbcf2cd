"""The safety screen: red flags in order, each with urgency and the findings behind it.

A flag that is not raised may still be *not excluded*: its ``possible_when`` holds and nothing
in ``excluded_when`` rules it out. That status does not depend on any tissue being ranked first;
it caps the phase and keeps impact and heavy loading out of the plan until it is excluded.
"""

from __future__ import annotations

from dataclasses import dataclass

from footfix.domain.result import REFERRAL_ORDER
from footfix.knowledge.kb import KnowledgeBase
from footfix.knowledge.models import RedFlag
from footfix.reasoning.context import Context, check, holds, unique_texts


@dataclass(frozen=True)
class RaisedFlag:
    flag: RedFlag
    because: list[str]


@dataclass(frozen=True)
class OpenFlag:
    """A red-flag condition the evidence cannot exclude yet."""

    flag: RedFlag
    because: list[str]


def screen(ctx: Context, kb: KnowledgeBase) -> list[RaisedFlag]:
    """Raise every flag whose condition holds; sets ``ctx.flags`` and ``ctx.referral``."""
    raised: list[RaisedFlag] = []
    level = 0
    for flag in kb.red_flags:
        ok, witnesses = check(flag.when, ctx, ctx.painful)
        if not ok:
            continue
        because = unique_texts(witnesses) or [
            f"follows from: {', '.join(sorted(ctx.flags))}" if ctx.flags else flag.title
        ]
        raised.append(RaisedFlag(flag, because))
        ctx.flags.add(flag.id)
        level = max(level, REFERRAL_ORDER.index(flag.urgency))
    ctx.referral = REFERRAL_ORDER[level]
    return raised


def not_excluded(ctx: Context, kb: KnowledgeBase) -> list[OpenFlag]:
    """Flags not raised whose condition the evidence cannot rule out; sets ``ctx.not_excluded``.

    Run after ``screen``: a raised flag is stronger than an open one, and in an emergency the
    open ones do not matter.
    """
    out: list[OpenFlag] = []
    if ctx.referral == "emergency":
        return out
    for flag in kb.red_flags:
        if flag.possible_when is None or flag.id in ctx.flags:
            continue
        ok, witnesses = check(flag.possible_when, ctx, ctx.painful)
        if not ok:
            continue
        if flag.excluded_when is not None and holds(flag.excluded_when, ctx, ctx.painful):
            continue
        because = unique_texts(witnesses) or [flag.title]
        out.append(OpenFlag(flag, because))
        ctx.not_excluded.add(flag.id)
    return out
