"""Outcome measures: scoring an administration, reading a change against the MCID, due dates.

Pure functions over the knowledge base's measure definitions (``kb/outcome_measures.yaml``) and
plain values, so the CLI, the web and the reports say the same thing about a change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from footfix.knowledge.interop_models import OutcomeMeasure

CONTEXTS = ("assessment", "interval")
PAIN_WINDOW_DAYS = 7  # first-step pain is compared as week means: one bad morning is noise


@dataclass(frozen=True)
class ItemValue:
    item: str  # the fixed item's id, or the runner's own activity name (PSFS)
    value: float


@dataclass(frozen=True)
class Scored:
    score: float
    items: tuple[ItemValue, ...]


@dataclass(frozen=True)
class OutcomePoint:
    day: dt.date
    score: float
    items: tuple[ItemValue, ...] = ()
    phase: str | None = None


@dataclass(frozen=True)
class OutcomeChange:
    measure: str
    abbreviation: str
    baseline: OutcomePoint
    latest: OutcomePoint
    change: float  # latest minus baseline, in score points (sign as measured)
    improvement: float  # the change in the measure's better direction
    mcid: float
    verdict: str  # improved | worse | within_mcid | not_comparable
    sentence: str
    compared_items: tuple[str, ...] = ()  # PSFS: the activities rated both times


def score_items(measure: OutcomeMeasure, values: Sequence[tuple[str, float]]) -> Scored:
    """Validate one administration and score it; ``ValueError`` lists every problem."""
    problems: list[str] = []
    items: list[ItemValue] = []
    if measure.chosen_items is not None:
        rules = measure.chosen_items
        seen: set[str] = set()
        for label, value in values:
            name = " ".join(label.split())
            if not name or len(name) > rules.label_max_chars:
                problems.append(
                    f"activity names need 1–{rules.label_max_chars} characters (got {len(name)})"
                )
                continue
            if any(ord(c) < 32 or ord(c) == 127 or 0xD800 <= ord(c) <= 0xDFFF for c in name):
                problems.append(f"activity {name!r} holds control characters")
                continue
            if name.casefold() in seen:
                problems.append(f"activity {name!r} is given twice")
            seen.add(name.casefold())
            problems += _range_problem(name, value, rules.range.min, rules.range.max)
            items.append(ItemValue(name, float(value)))
        if not rules.min_count <= len(values) <= rules.max_count:
            problems.append(
                f"{measure.abbreviation} needs {rules.min_count}–{rules.max_count} activities, "
                f"each rated {rules.range.min:g}–{rules.range.max:g} (got {len(values)})"
            )
    else:
        known = {item.id: item for item in measure.items}
        given: dict[str, float] = {}
        for item_id, value in values:
            if item_id not in known:
                problems.append(
                    f"{measure.abbreviation} has no item {item_id!r}: items are {', '.join(known)}"
                )
                continue
            if item_id in given:
                problems.append(f"item {item_id!r} is given twice")
            given[item_id] = float(value)
            problems += _range_problem(
                item_id, value, known[item_id].range.min, known[item_id].range.max
            )
        answered = 100 * len(given) / len(known)
        if answered < measure.min_answered_pct:
            problems.append(
                f"{measure.abbreviation} needs at least {measure.min_answered_pct:g}% of its "
                f"items answered (got {answered:.0f}%)"
            )
        items = [ItemValue(i, given[i]) for i in known if i in given]
    if problems:
        raise ValueError("; ".join(problems))
    return Scored(_score(measure, items), tuple(items))


def _range_problem(name: str, value: float, low: float, high: float) -> list[str]:
    if value != value or not low <= value <= high:  # NaN fails too
        return [f"{name!r}: {value:g} is outside {low:g}–{high:g}"]
    return []


def _score(measure: OutcomeMeasure, items: Sequence[ItemValue]) -> float:
    values = [i.value for i in items]
    if measure.scoring in ("single", "mean"):
        return round(fmean(values), 2)
    if measure.scoring == "sum":
        return round(sum(values), 2)
    # percent of the possible maximum over the items answered
    ranges = {i.id: i.range for i in measure.items}
    top = sum(ranges[i.item].max - ranges[i.item].min for i in items)
    low = sum(ranges[i.item].min for i in items)
    return round(100 * (sum(values) - low) / top, 2)


def change_of(measure: OutcomeMeasure, points: Sequence[OutcomePoint]) -> OutcomeChange | None:
    """The first record against the latest, read against the MCID (None with fewer than two)."""
    if len(points) < 2:
        return None
    baseline, latest = points[0], points[-1]
    compared: tuple[str, ...] = ()
    first, last = baseline.score, latest.score
    if measure.chosen_items is not None:
        before = {i.item.casefold(): i for i in baseline.items}
        common = [i for i in latest.items if i.item.casefold() in before]
        compared = tuple(i.item for i in common)
        if not common:
            return _not_comparable(measure, baseline, latest)
        if len(common) != len(latest.items) or len(common) != len(baseline.items):
            first = round(fmean(before[i.item.casefold()].value for i in common), 2)
            last = round(fmean(i.value for i in common), 2)
    change = round(last - first, 2)
    improvement = change if measure.better == "higher" else -change
    mcid = measure.mcid.points
    verdict = (
        "improved" if improvement >= mcid else "worse" if -improvement >= mcid else "within_mcid"
    )
    return OutcomeChange(
        measure.id,
        measure.abbreviation,
        OutcomePoint(baseline.day, first, baseline.items, baseline.phase),
        OutcomePoint(latest.day, last, latest.items, latest.phase),
        change,
        improvement,
        mcid,
        verdict,
        describe(measure.abbreviation, first, last, mcid, verdict, measure.better),
        compared,
    )


def describe(name: str, first: float, last: float, mcid: float, verdict: str, better: str) -> str:
    change = last - first
    direction = "up" if change > 0 else "down" if change < 0 else "unchanged"
    moved = f"{name} {direction} {abs(change):.1f} points" if change else f"{name} unchanged"
    span = f"({first:g} → {last:g})"
    if verdict == "improved":
        meaning = f"above the {mcid:g}-point MCID: a change that matters"
    elif verdict == "worse":
        meaning = f"worse by more than the {mcid:g}-point MCID: worth raising with a clinician"
    else:
        meaning = f"below the {mcid:g}-point MCID: not yet a change that clearly matters"
    lower = " (lower is better)" if better == "lower" else ""
    return f"{moved} {span}{lower} — {meaning}"


def _not_comparable(
    measure: OutcomeMeasure, baseline: OutcomePoint, latest: OutcomePoint
) -> OutcomeChange:
    sentence = (
        f"{measure.abbreviation}: the activities rated on {latest.day} differ from those of "
        f"{baseline.day}, so no change can be read; rate the same activities each time"
    )
    return OutcomeChange(
        measure.id,
        measure.abbreviation,
        baseline,
        latest,
        0.0,
        0.0,
        measure.mcid.points,
        "not_comparable",
        sentence,
    )


def pain_points(days: Sequence[tuple[dt.date, float]]) -> list[OutcomePoint]:
    """First-step pain as the mean of the first and of the latest logged week (if both)."""
    ordered = sorted(days)
    if len(ordered) < 2:
        return []
    start, end = ordered[0][0], ordered[-1][0]
    first = [v for d, v in ordered if (d - start).days < PAIN_WINDOW_DAYS]
    last = [v for d, v in ordered if (end - d).days < PAIN_WINDOW_DAYS]
    if (end - start).days < PAIN_WINDOW_DAYS:
        return []  # one week of logs: nothing to compare yet
    return [
        OutcomePoint(start, round(fmean(first), 2)),
        OutcomePoint(end, round(fmean(last), 2)),
    ]


def next_due(
    measure: OutcomeMeasure, recorded: Sequence[dt.date], today: dt.date
) -> dt.date | None:
    """When the measure is next due: today when never recorded, else the interval after the
    last record (None when it has no interval)."""
    if measure.collected != "record":
        return None
    if not recorded:
        return today
    every = measure.schedule.every_days
    return max(recorded) + dt.timedelta(days=every) if every else None
