"""Gates between phases, checked against the logs kept since the current phase began.

The order follows the whole-body fix-it approach for plantar foot pain (J. Uhan, iRunFar): running
starts once walking and standing are close to pain-free; it stays on flat, firm ground until some
4–5 miles (6.4–8 km) feel fine; then one new kind of load is added at a time. Every number comes
from the knowledge base (`progression` in kb/phases.yaml), the same numbers the assessment uses.
A criterion is met only when the logs show it: nothing logged is "not yet known", never met.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from footfix.domain.result import PhaseId
from footfix.domain.units import format_distance
from footfix.knowledge.kb import load_default
from footfix.knowledge.models import Progression
from footfix.tracking.history import JudgedDay, PhaseState, RunnerProfile, between, last_days
from footfix.tracking.load_elements import established_elements
from footfix.tracking.running_history import WatchRun, watch_only

HEEL_RAISE_TEST = "heel_raise_single_leg_reps"  # the case field the retest repeats
# A watch run climbing this much per km is not "on the flat" (project heuristic: GPS and
# barometric noise on a flat road stay well below it).
HILLY_M_PER_KM = 10.0
# A watch run with at least this share of running samples had no walk breaks to speak of.
CONTINUOUS_SHARE = 0.9


def progression() -> Progression:
    """The knowledge base's numbers for the gated return (loaded once, then cached)."""
    return load_default().phases.progression


@dataclass(frozen=True)
class Criterion:
    text: str
    met: bool
    detail: str = ""
    gate: bool = True  # False: shown and watched, never holds the runner back
    known: bool = True  # False: the logs lack what would show it (detail names what to log)


@dataclass(frozen=True)
class GateStatus:
    target: PhaseId | None
    criteria: tuple[Criterion, ...]

    @property
    def gating(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.gate)

    @property
    def met(self) -> bool:
        return self.target is not None and all(c.met for c in self.gating)

    @property
    def closeness(self) -> float:
        """Share of gating criteria met, 0–1 (1 when there is no further gate)."""
        if not self.gating:
            return 1.0
        return sum(c.met for c in self.gating) / len(self.gating)


@dataclass(frozen=True)
class GateRun:
    """One run of the running history as the gates read it: hand-logged, or only on the watch
    (then with the pain and verdict of that day's hand log, if there is one)."""

    day: dt.date
    distance_km: float
    continuous: bool | None  # None: not known (a watch file without running dynamics)
    hills: bool | None  # None: not known (a watch file without elevation)
    pain_nrs: float | None  # the day's logged pain with activity
    verdict: str | None  # the day's verdict; None: nothing logged that day
    recorded: str  # "log" or "watch"


def gate_runs(days: Sequence[JudgedDay], watch: Sequence[WatchRun]) -> list[GateRun]:
    """Every run of the days, hand-logged and watch ones together, a run recorded both ways once
    (the hand log keeps its details)."""
    by_day = {d.day: d for d in days}
    runs = [
        GateRun(
            d.day,
            r.distance_km,
            r.continuous,
            r.hills,
            d.log.activity_pain_nrs,
            d.verdict.verdict,
            "log",
        )
        for d in days
        for r in d.log.runs
    ]
    for w in watch_only([d.log for d in days], watch):
        judged = by_day.get(w.day)
        share, ascent = w.running_share, w.ascent_m
        runs.append(
            GateRun(
                w.day,
                w.distance_km,
                None if share is None else share >= CONTINUOUS_SHARE,
                None if ascent is None else ascent >= HILLY_M_PER_KM * w.distance_km,
                judged.log.activity_pain_nrs if judged else None,
                judged.verdict.verdict if judged else None,
                "watch",
            )
        )
    return sorted(runs, key=lambda r: (r.day, r.distance_km))


@dataclass(frozen=True)
class GateInput:
    days: list[JudgedDay]  # the days of the current phase
    as_of: dt.date
    profile: RunnerProfile
    state: PhaseState
    all_days: Sequence[JudgedDay]  # every day known (flares count by their day)
    runs: list[GateRun]  # the current phase's running history, watch runs included


GateCheck = Callable[[GateInput], list[Criterion]]


def evaluate_gate(
    state: PhaseState,
    days: Sequence[JudgedDay],
    as_of: dt.date,
    profile: RunnerProfile,
    watch: Sequence[WatchRun] = (),
) -> GateStatus:
    """Which phase comes next and which of its criteria the logs (and watch runs) already show."""
    target, check = _GATES.get(state.phase, (None, None))
    if check is None:
        return GateStatus(target, ())
    in_phase = between(days, state.evidence_from, as_of)
    in_watch = [w for w in watch if state.evidence_from <= w.day <= as_of]
    runs = gate_runs(in_phase, in_watch)
    return GateStatus(target, tuple(check(GateInput(in_phase, as_of, profile, state, days, runs))))


def _logged(days: list[JudgedDay], as_of: dt.date, count: int, window: int) -> list[JudgedDay]:
    recent = last_days(days, as_of, window)
    return recent[-count:] if len(recent) >= count else []


def _unload_to_rehab(g: GateInput) -> list[Criterion]:
    days, as_of = g.days, g.as_of
    prog = progression()
    n, exit_ = prog.gate_logged_days, prog.protect_exit
    recent = _logged(days, as_of, n, prog.gate_window_days)
    walk = bool(recent) and all(
        d.log.walk_stand_tolerance_min is not None
        and d.log.walk_stand_tolerance_min >= exit_.walk_stand_min
        for d in recent
    )
    first = bool(recent) and all(
        d.log.first_step_pain_nrs is not None
        and d.log.first_step_pain_nrs <= exit_.first_step_max_nrs
        for d in recent
    )
    return [
        Criterion(
            f"walking or standing {exit_.walk_stand_min:g} min or more on {n} recent logged days",
            walk,
        ),
        Criterion(f"first-step pain {exit_.first_step_max_nrs:g}/10 or less on those days", first),
    ]


def heel_raise_evidence(
    days: Sequence[JudgedDay], profile: RunnerProfile | None = None
) -> tuple[float | None, str]:
    """The latest single-leg heel-raise count, logged or measured in the saved assessment (the
    weaker side's when sided), and where it comes from."""
    saved = profile.baseline_retests if profile else ()
    points = sorted(
        [(p.day, p.value, p.side) for p in saved if p.test == HEEL_RAISE_TEST]
        + [
            (d.day, r.value, r.side)
            for d in days
            for r in d.log.retests
            if r.test == HEEL_RAISE_TEST
        ],
        key=lambda p: p[0],
    )
    if not points:
        return None, "not retested yet: log --retest heel_raise_single_leg_reps=N:side"
    day = points[-1][0]
    # the weaker side of the latest retest day decides
    lowest, side = min((v, s or "") for d, v, s in points if d == day)
    where = f" ({side})" if side else ""
    source = (
        " (assessment)"
        if any(p.day == day for p in saved)
        and not any(d.day == day and d.log.retests for d in days)
        else ""
    )
    return lowest, f"{lowest:g}{where} on {day.isoformat()}{source}"


def _rehab_to_flat(g: GateInput) -> list[Criterion]:
    days, as_of, profile, all_days = g.days, g.as_of, g.profile, g.all_days
    prog = progression()
    n, target = prog.gate_logged_days, prog.walk_stand_near_pain_free_min
    recent = _logged(days, as_of, n, prog.gate_window_days)
    walk = bool(recent) and all(
        (d.log.walk_stand_tolerance_min or 0) >= target
        and d.log.activity_pain_nrs is not None
        and d.log.activity_pain_nrs <= prog.near_pain_free_nrs
        for d in recent
    )
    # the newest day may not know its next morning yet; the others must
    told = [d for d in recent if d.response is not None]
    mornings = bool(recent) and len(told) >= n - 1 and all(d.response != "worse" for d in told)
    reps, detail = heel_raise_evidence(all_days, profile)
    reps_target = prog.heel_raise_target_reps
    first = [d.log.first_step_pain_nrs for d in recent if d.log.first_step_pain_nrs is not None]
    return [
        Criterion(
            f"walking and standing {target:g} min or more at "
            f"{prog.near_pain_free_nrs:g}/10 or less, {n} logged days",
            walk,
        ),
        Criterion("no morning worse than the one before on those days", mornings),
        Criterion(
            f"single-leg heel raises: {reps_target:g} or more (watched, not a gate)",
            reps is not None and reps >= reps_target,
            detail,
            gate=False,
        ),
        Criterion(
            "first-step pain (watched, not a gate)",
            bool(first) and max(first) <= prog.near_pain_free_nrs + 1,
            f"latest {first[-1]:g}/10" if first else "not logged yet",
            gate=False,
        ),
    ]


def _flat_to_hills(g: GateInput) -> list[Criterion]:
    days, as_of, profile, all_days = g.days, g.as_of, g.profile, g.all_days
    prog = progression()
    flat = prog.flat_exit
    target_km = prog.flat_gate.in_units(profile.units)
    shown = format_distance(target_km, profile.units)
    # a long run counts only with its pain logged: a run without it shows no "minimal pain"
    long_runs = [
        r
        for r in g.runs
        if r.continuous is True and r.hills is False and r.distance_km >= target_km - 0.05
    ]
    long_flat = any(
        r.verdict == "progress" and r.pain_nrs is not None and r.pain_nrs <= flat.run_max_nrs
        for r in long_runs
    )
    untold = [r for r in long_runs if r.pain_nrs is None]
    flat_detail = ""
    if not long_flat and untold:
        last = untold[-1]
        flat_detail = (
            f"not yet known: no pain logged on {last.day.isoformat()} for the "
            f"{format_distance(last.distance_km, profile.units)} run"
            f"{' on the watch' if last.recorded == 'watch' else ''}: log that day's pain during "
            "and after the run (footfix log --date DAY --during N --after N)"
        )
    recent = last_days(days, as_of, flat.window_days)
    first = as_of - dt.timedelta(days=flat.window_days - 1)
    continuous = sum(1 for r in g.runs if r.day >= first and r.continuous is True)
    # a flare counts by its day, also when it came before this phase began or was logged later
    flares = [
        d.day
        for d in last_days(all_days, as_of, flat.calm_days)
        if d.verdict.verdict == "step_back"
    ]
    flare_text = ", ".join(day.isoformat() for day in flares)
    return [
        Criterion(
            f"a continuous flat run of {shown} at {flat.run_max_nrs:g}/10 or less, "
            "settled next morning",
            long_flat,
            flat_detail,
            known=long_flat or not untold,
        ),
        Criterion(
            f"{flat.continuous_runs} or more continuous runs in the last {flat.window_days} days",
            continuous >= flat.continuous_runs,
            f"{continuous}",
        ),
        Criterion(
            f"no flare in the last {flat.calm_days} days",
            bool(recent) and not flares,
            f"flares on {flare_text}" if flares else "",
        ),
    ]


def _hills_to_full(g: GateInput) -> list[Criterion]:
    days, as_of, state = g.days, g.as_of, g.state
    rule = progression().hills_exit
    in_phase_days = (as_of - state.evidence_from).days + 1
    recent = last_days(days, as_of, rule.window_days)
    quiet = len(recent) >= rule.quiet_days and all(
        _max_pain(d) <= rule.quiet_max_nrs for d in recent
    )
    first = as_of - dt.timedelta(days=rule.window_days - 1)
    runs = sum(1 for r in g.runs if r.day >= first)
    elements = established_elements(days)
    return [
        Criterion(
            f"{rule.min_days} days or more in this phase",
            in_phase_days >= rule.min_days,
            f"{in_phase_days}",
        ),
        Criterion(
            f"pain {rule.quiet_max_nrs:g}/10 or less on {rule.quiet_days}+ logged days of the "
            f"last {rule.window_days}",
            quiet,
        ),
        Criterion(
            f"{rule.load_elements} or more new load elements handled well",
            len(elements) >= rule.load_elements,
            ", ".join(elements),
        ),
        Criterion(
            f"{rule.runs} or more runs in the last {rule.window_days} days",
            runs >= rule.runs,
            f"{runs}",
        ),
    ]


def _max_pain(day: JudgedDay) -> float:
    values = (day.log.first_step_pain_nrs, day.log.pain_during_nrs, day.log.pain_after_nrs)
    return max((v for v in values if v is not None), default=0.0)


_GATES: dict[str, tuple[PhaseId | None, GateCheck | None]] = {
    "refer_first": (None, None),
    "protect_unload": ("rehab_no_running", _unload_to_rehab),
    "rehab_no_running": ("return_to_run_flat", _rehab_to_flat),
    "return_to_run_flat": ("progress_load_hills", _flat_to_hills),
    "progress_load_hills": ("full_training", _hills_to_full),
    "full_training": (None, None),
}
