"""The safety screen: red flags in order, each with urgency and the findings behind it."""

from __future__ import annotations

from dataclasses import dataclass

from footfix.domain.result import REFERRAL_ORDER
from footfix.knowledge.kb import KnowledgeBase
from footfix.knowledge.models import RedFlag
from footfix.reasoning.context import Context, check, unique_texts


@dataclass(frozen=True)
class RaisedFlag:
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
