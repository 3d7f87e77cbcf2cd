"""Use case: "This week" — the few things a runner does today and this week, in plain words.

Built once from the progress report and the runner's latest plan, so the terminal, the web
dashboard and the reports all open with the same summary. Nothing in it is an internal id.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from footfix.domain.units import format_distance
from footfix.services.identity import Actor, RunnerRef, find_runner
from footfix.services.plain_words import (
    LOAD_ELEMENT_WORDS,
    day_words,
    phase_description,
    phase_title,
    plain,
    readable_days,
)
from footfix.services.tracking import progress, progress_on, runner_today
from footfix.store import assessments_repo
from footfix.store.runners_repo import RunnerRow
from footfix.store.store import Store
from footfix.tracking.report import DEFAULT_WEEKS, ProgressReport
from footfix.tracking.timeline import is_forward

EXERCISES_SHOWN = 5


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class ExerciseToDo(_Model):
    title: str
    dose: str
    side: str | None  # "left", "right", "both" or None when it has no side


class NextGate(_Model):
    phase_title: str  # the phase the gate opens
    closeness: float  # share of its criteria met, 0–1
    met: int
    total: int
    still_to_do: list[str]  # the criteria not met yet, in plain words


class WeekSummary(_Model):
    runner: str
    as_of: dt.date
    phase: str  # the phase's id, for software; people read phase_title
    phase_title: str
    phase_meaning: str
    phase_since: dt.date
    weeks_tracked: float
    running_allowed: bool
    running: str  # allowed or not, how much, where
    walking: str
    shoes: str
    exercises: list[ExerciseToDo]
    today: list[str]  # the few things to do today, most important first
    next_gate: NextGate | None
    warnings: list[str]  # flares and prompts to see someone, first thing shown when present


@dataclass(frozen=True)
class ProgressOverview:
    """What ``footfix progress`` and the dashboard show: the report and its summary."""

    runner: RunnerRow
    report: ProgressReport
    summary: WeekSummary


def overview(
    store: Store,
    actor: Actor,
    runner_ref: RunnerRef | None,
    as_of: dt.date | None = None,
    weeks: int = DEFAULT_WEEKS,
) -> ProgressOverview:
    runner, report = progress(store, actor, runner_ref, as_of, weeks)
    with store.read() as conn:
        plan = latest_plan_items(assessments_repo.plan_history(conn, runner.id))
    return ProgressOverview(runner, report, summarise(runner.name, runner.units, report, plan))


def week_summary(
    store: Store, actor: Actor, runner_ref: RunnerRef, as_of: dt.date | None = None
) -> WeekSummary:
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        report = progress_on(conn, runner, as_of or runner_today(runner))
        plan = latest_plan_items(assessments_repo.plan_history(conn, runner.id))
    return summarise(runner.name, runner.units, report, plan)


def latest_plan_items(history: list[dict[str, object]]) -> list[dict[str, Any]]:
    """The plan items of the newest plan version (an empty list before any assessment)."""
    if not history:
        return []
    try:
        items = json.loads(str(history[-1]["items_json"])).get("plan", [])
    except (ValueError, AttributeError):
        return []
    return [i for i in items if isinstance(i, dict)]


def summarise(
    name: str, units: str, report: ProgressReport, plan: list[dict[str, Any]]
) -> WeekSummary:
    allowance = report.allowance
    exercises = _exercises(plan)
    running = _running(report, units)
    walking = _walking(report)
    warnings = _warnings(report)
    gate = _gate(report)
    today: list[str] = []
    if exercises:
        names = ", ".join(e.title for e in exercises[:3])
        more = f" and {len(exercises) - 3} more" if len(exercises) > 3 else ""
        today.append(f"Exercises: {names}{more}.")
    elif not allowance.running_allowed:
        today.append(_sentence(plain(allowance.session)))
    else:
        today.append("No exercise plan saved yet: an assessment makes one.")
    today += [walking, running, "Log the day tonight: pain, walking, any run, exercises done."]
    return WeekSummary(
        runner=name,
        as_of=report.as_of,
        phase=report.phase,
        phase_title=phase_title(report.phase),
        phase_meaning=phase_description(report.phase),
        phase_since=report.phase_since,
        weeks_tracked=round(report.timeline.weeks_elapsed, 1),
        running_allowed=allowance.running_allowed,
        running=running,
        walking=walking,
        shoes=_sentence(plain(allowance.shoes)),
        exercises=exercises,
        today=today,
        next_gate=gate,
        warnings=warnings,
    )


def _exercises(plan: list[dict[str, Any]]) -> list[ExerciseToDo]:
    focus = [i for i in plan if i.get("session", "focus") == "focus"] or plan
    focus = sorted(focus, key=lambda i: int(i.get("priority", 50)))
    return [
        ExerciseToDo(
            title=str(i.get("title", "")),
            dose=str(i.get("dose", "")),
            side=None if i.get("side") in (None, "n/a") else str(i["side"]),
        )
        for i in focus[:EXERCISES_SHOWN]
    ]


def _running(report: ProgressReport, units: str) -> str:
    a = report.allowance
    if not a.running_allowed:
        return "No running this week."
    text = f"Running: up to {a.runs_per_week} runs this week — {plain(a.session)}."
    if a.distance_cap and a.distance_cap not in a.session:
        text += f" Longest run {a.distance_cap}."
    if a.new_load_element:
        text += f" New this week: {LOAD_ELEMENT_WORDS.get(a.new_load_element, '')}."
    done = sum(d.run_km for d in report.days if d.day > report.as_of - dt.timedelta(days=7))
    if done:
        text += f" Run in the last 7 days: {format_distance(done, units)}."
    return text


def _warnings(report: ProgressReport) -> list[str]:
    """A flare, a recent step back and the timeline's prompts, most pressing first; every day
    in them said one way ("Tue 3 Nov"), the core's reasons and notes included."""
    warnings = [_sentence(plain(p)) for p in report.timeline.prompts]
    flare = report.decision.flare
    # what the CLI's progress also says: kept decisions the logs now disagree with, and runs
    # logged while the phase allowed none
    warnings = [_sentence(plain(n)) for n in report.notes] + warnings
    if flare:
        why = plain("; ".join(flare.reasons))
        warnings.insert(0, f"Flare on {day_words(flare.day)}: {why}; {_after_flare(report)}.")
    last = report.history[-1] if report.history else None
    recent = report.as_of - dt.timedelta(days=7)
    stepped_back = last and last.from_phase and not is_forward(last.from_phase, last.to_phase)
    if last and stepped_back and last.effective_date > recent and not flare:
        why = plain(last.reasons[0]) if last.reasons else ""
        warnings.insert(
            0,
            f"Stepped back to {phase_title(last.to_phase).lower()} on "
            f"{day_words(last.effective_date)}" + (f": {why}." if why else "."),
        )
    return [readable_days(w) for w in warnings]


def _after_flare(report: ProgressReport) -> str:
    flare = report.decision.flare
    if report.decision.changed:
        return "the plan steps back"
    if flare is not None and flare.severity == "major":
        # a major flare the plan cannot step back from: there is no lighter phase to go to
        return (
            "stop any running, keep walking and standing to what daily life needs, and "
            "contact your clinician before loading the foot again"
        )
    return "hold the load where it is"


def _walking(report: ProgressReport) -> str:
    known = [d for d in report.days if d.walk_stand_tolerance_min is not None]
    if report.phase == "protect_unload":
        base = "Walk only as much as daily life needs."
    elif report.phase in ("refer_first",):
        base = "Walk only as much as daily life needs until a clinician has seen the foot."
    else:
        base = "Walk as far as stays at 3/10 pain or less."
    if known:
        last = known[-1]
        base += (
            f" Your last logged walk or stand: {last.walk_stand_tolerance_min:g} min "
            f"({day_words(last.day)})."
        )
    return base


def _gate(report: ProgressReport) -> NextGate | None:
    gate = report.decision.gate
    if gate.target is None:
        return None
    gating = gate.gating
    return NextGate(
        phase_title=phase_title(gate.target),
        closeness=round(gate.closeness, 2),
        met=sum(c.met for c in gating),
        total=len(gating),
        still_to_do=[_sentence(plain(c.text)) for c in gating if not c.met],
    )


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
