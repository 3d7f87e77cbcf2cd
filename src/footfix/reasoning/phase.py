"""Where the runner stands: forced by red flags, otherwise climbed gate by gate.

A criterion is met only with evidence (docs/knowledge-authoring.md): what nobody asked is *not
yet known*, never met, and the result names the questions that would settle it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from footfix.domain.result import PHASE_ORDER
from footfix.knowledge.conditions import referenced_ids
from footfix.knowledge.kb import KnowledgeBase
from footfix.knowledge.models import Gate, Phase
from footfix.reasoning.context import Context, check, holds, unique_texts
from footfix.reasoning.red_flags import OpenFlag, RaisedFlag


@dataclass
class GateState:
    phase: str | None
    criteria: list[str]
    met: list[str] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    asks: list[str] = field(default_factory=list)  # case fields whose answers would settle it
    questions: list[str] = field(default_factory=list)  # the gates' own questions, if any
    monitored: list[str] = field(default_factory=list)


@dataclass
class PhaseDecision:
    phase: str
    because: list[str]
    next_gate: GateState


def judge(gate: Gate, ctx: Context) -> str:
    """'met', 'unmet', 'unknown' or 'n/a' (the criterion does not apply to this runner)."""
    if gate.only_if is not None and not holds(gate.only_if, ctx, ctx.painful):
        return "n/a"
    if gate.fails is not None and holds(gate.fails, ctx, ctx.painful):
        return "unmet"
    ok, witnesses = check(gate.passes, ctx, ctx.painful)
    if not ok:
        return "unknown"
    if "finding" not in referenced_ids(gate.passes):
        return "met"  # judged from the red-flag screen (the referral level), not from an answer
    answered = all(path in ctx.findings.known_fields for path in gate.asks)
    return "met" if witnesses and answered else "unknown"


def _opens(gates: list[Gate], ctx: Context) -> bool:
    verdicts = [(g, judge(g, ctx)) for g in gates]
    return all(v != "unmet" for _, v in verdicts) and all(
        v in ("met", "n/a") for g, v in verdicts if g.required
    )


def _gate_state(phase: Phase | None, ctx: Context) -> GateState:
    if phase is None:
        return GateState(None, ["Keep the maintenance work; no further phase."])
    state = GateState(phase.id, [])
    for gate in phase.entry_gate:
        verdict = judge(gate, ctx)
        if verdict == "n/a":
            continue
        state.criteria.append(gate.text)
        getattr(state, verdict).append(gate.text)
        if verdict == "unknown":
            if gate.question:
                state.questions.append(gate.question)
            else:
                state.asks += [a for a in gate.asks if a not in ctx.findings.known_fields]
    state.asks = list(dict.fromkeys(state.asks))
    return state


def _monitored(phases: list[Phase | None], ctx: Context) -> list[str]:
    """What the current and the next phase watch, with today's findings where they show it."""
    out: list[str] = []
    for p in phases:
        for monitor in p.monitored if p else ():
            ok, witnesses = check(monitor.watch, ctx, ctx.painful)
            now = f" (now: {'; '.join(unique_texts(witnesses))})" if ok and witnesses else ""
            out.append(monitor.text + now)
    return list(dict.fromkeys(out))


def _gate_reason(gate: Gate, ctx: Context) -> str:
    verdict = judge(gate, ctx)
    if verdict == "unmet" and gate.fails is not None:
        _, witnesses = check(gate.fails, ctx, ctx.painful)
        if witnesses:
            return f"{gate.text}: not yet ({'; '.join(unique_texts(witnesses))})"
        return f"{gate.text}: not yet"
    return f"{gate.text}: {'met' if verdict == 'met' else 'not yet known'}"


def decide(
    ctx: Context, kb: KnowledgeBase, flags: list[RaisedFlag], open_flags: Sequence[OpenFlag] = ()
) -> PhaseDecision:
    phases: dict[str, Phase] = {p.id: p for p in kb.phases.phases}
    order = list(PHASE_ORDER)
    forced = [f for f in flags if f.flag.phase]
    because: list[str] = []
    phase: str
    if forced:
        phase = min((f.flag.phase for f in forced if f.flag.phase), key=order.index)
        because = [f"{f.flag.title} ({f.flag.urgency})" for f in forced if f.flag.phase == phase]
    elif holds(kb.phases.protect_when, ctx, ctx.painful):
        phase = "protect_unload"
        _, w = check(kb.phases.protect_when, ctx, ctx.painful)
        because = ["The tissue needs protection: " + "; ".join(unique_texts(w))]
    else:
        phase = "rehab_no_running"
        because = []
        for candidate in order[order.index("return_to_run_flat") :]:
            ctx.phase = phase
            gates = [g for g in phases[candidate].entry_gate if judge(g, ctx) != "n/a"]
            if _opens(gates, ctx):
                phase = candidate
                because = [_gate_reason(g, ctx) for g in gates]
                continue
            because += [_gate_reason(g, ctx) for g in gates if judge(g, ctx) != "met"]
            break
    caps = [f.flag.max_phase for f in flags if f.flag.max_phase]
    for cap in caps:
        if order.index(cap) < order.index(phase):
            phase = cap
            because.append(f"Held at {cap.replace('_', ' ')} until the red flag is reviewed")
    for open_flag in open_flags:
        cap = open_flag.flag.possible_max_phase
        if order.index(cap) < order.index(phase):
            phase = cap
            what = open_flag.flag.would_exclude or "a clinician's review"
            because.append(
                f"Held at {cap.replace('_', ' ')}: {open_flag.flag.title.lower()} is not "
                f"excluded yet; to exclude it: {what}"
            )
    ctx.phase = phase
    idx = order.index(phase)
    nxt = phases[order[idx + 1]] if idx + 1 < len(order) else None
    if phase == "refer_first":
        nxt = phases["rehab_no_running"]
    state = _gate_state(nxt, ctx)
    state.monitored = _monitored([phases[phase], nxt], ctx)
    return PhaseDecision(phase, because, state)


def questions_for(fields: list[str], kb: KnowledgeBase) -> list[str]:
    """The interview's question for each field (or for the section holding it), once each."""
    by_field = {q.field: q.question for q in kb.questions}
    out: list[str] = []
    for path in fields:
        parts = path.split(".")
        found = next(
            (
                by_field[p]
                for i in range(len(parts), 0, -1)
                if (p := ".".join(parts[:i])) in by_field
            ),
            None,
        )
        out.append(found or f"Please tell footfix: {parts[-1].replace('_', ' ')}.")
    return list(dict.fromkeys(out))
