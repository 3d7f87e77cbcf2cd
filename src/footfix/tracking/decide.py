"""The phase decision made each time a day is logged: advance, hold or step back, with reasons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from footfix.domain.result import PhaseId
from footfix.knowledge.kb import load_default
from footfix.tracking.flare import Flare, detect_flare
from footfix.tracking.gates import GateStatus, evaluate_gate, progression
from footfix.tracking.history import JudgedDay, PhaseState, RunnerProfile, last_days
from footfix.tracking.running_history import WatchRun

# The step-back rules (which phase a major flare returns to, the flare pain that ends flat
# running, and the walking tolerance that means protecting again) are in kb/phases.yaml.


@dataclass(frozen=True)
class PhaseDecision:
    phase: PhaseId
    changed: bool
    reasons: tuple[str, ...]
    gate: GateStatus
    flare: Flare | None
    red_flags: tuple[str, ...]


def decide_phase(
    state: PhaseState,
    days: Sequence[JudgedDay],
    as_of: dt.date,
    profile: RunnerProfile,
    watch: Sequence[WatchRun] = (),
    late_flare: Flare | None = None,
) -> PhaseDecision:
    """The decision on ``as_of``; ``watch`` runs join the hand-logged ones for the gates.
    ``late_flare``: a flare of an earlier day that was logged only now, answered now."""
    gate = evaluate_gate(state, days, as_of, profile, watch)
    flags = tuple(sorted({f for d in last_days(days, as_of, 7) for f in d.log.red_flags}))
    flare = detect_flare(days, as_of, state.evidence_from, profile.bone_stress) or late_flare

    def stay(*reasons: str) -> PhaseDecision:
        return PhaseDecision(state.phase, False, reasons, gate, flare, flags)

    if flare is not None and flare.severity == "major":
        target = _step_back_target(state.phase, flare, days, as_of, profile.bone_stress)
        if target is not None:
            why = (
                *flare.reasons,
                f"stepping back from {phase_words(state.phase)} to {phase_words(target)}",
            )
            return PhaseDecision(target, True, why, gate, flare, flags)
        return stay(*flare.reasons, "holding the current load and progression stage")
    if flags:
        named = ", ".join(flag.replace("_", " ") for flag in flags)
        return stay(f"warning signs logged recently ({named}): no progression until seen")
    if flare is not None:
        return stay(*flare.reasons, "holding the load where it is for now")
    if gate.met and gate.target is not None:
        why = tuple(f"met: {c.text}" for c in gate.gating)
        return PhaseDecision(
            gate.target,
            True,
            (*why, f"moving on to {phase_words(gate.target)}"),
            gate,
            None,
            flags,
        )
    unmet = [
        f"not yet: {c.text}" if c.known else f"{c.text}: {c.detail}"
        for c in gate.gating
        if not c.met
    ]
    return stay(*unmet) if unmet else stay("no gate to pass")


def _step_back_target(
    phase: PhaseId, flare: Flare, days: Sequence[JudgedDay], as_of: dt.date, bone_stress: bool
) -> PhaseId | None:
    rules = progression()
    mild = flare.peak_pain_nrs < rules.severe_flare_nrs and not bone_stress
    if phase == "return_to_run_flat" and mild:
        return None  # stepped back a stage within flat running instead
    if phase == "rehab_no_running":
        walk = [d.log.walk_stand_tolerance_min for d in last_days(days, as_of, 1)]
        if not walk or walk[-1] is None or walk[-1] >= rules.protect_walk_min:
            return None
    return rules.step_back.get(phase)


def phase_words(phase: PhaseId) -> str:
    """A phase as a runner reads it (its title in kb/phases.yaml), for reasons that are stored."""
    titles = {p.id: p.title for p in load_default().phases.phases}
    return titles.get(phase, phase.replace("_", " ")).lower()
