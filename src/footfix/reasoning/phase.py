"""Where the runner stands: forced by red flags, otherwise climbed gate by gate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from footfix.domain.result import PHASE_ORDER
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


@dataclass
class PhaseDecision:
    phase: str
    because: list[str]
    next_gate: GateState


def _gate_state(phase: Phase | None, ctx: Context) -> GateState:
    if phase is None:
        return GateState(None, ["Keep the maintenance work; no further phase."])
    state = GateState(phase.id, [g.text for g in phase.entry_gate])
    for gate in phase.entry_gate:
        if holds(gate.passes, ctx, ctx.painful):
            state.met.append(gate.text)
        elif gate.fails is not None and holds(gate.fails, ctx, ctx.painful):
            state.unmet.append(gate.text)
        else:
            state.unknown.append(gate.text)
    return state


def _gate_reason(gate: Gate, ctx: Context) -> str:
    if gate.fails is not None:
        ok, witnesses = check(gate.fails, ctx, ctx.painful)
        if ok and witnesses:
            return f"{gate.text}: not yet ({'; '.join(unique_texts(witnesses))})"
    return f"{gate.text}: not yet known"


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
            gates = phases[candidate].entry_gate
            if all(holds(g.passes, ctx, ctx.painful) for g in gates):
                phase = candidate
                because = [f"{g.text}: met" for g in gates]
                continue
            because += [
                _gate_reason(g, ctx) for g in gates if not holds(g.passes, ctx, ctx.painful)
            ]
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
    return PhaseDecision(phase, because, _gate_state(nxt, ctx))
