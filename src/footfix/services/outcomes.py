"""Outcome-measure use cases: record one, list what is due, and the report of change.

The measures are the knowledge base's (``kb/outcome_measures.yaml``); a record is stored with
the runner's history and read back against time, phase and the measure's MCID.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from footfix.knowledge.interop_models import LeftOut, OutcomeMeasure
from footfix.knowledge.kb import load_default
from footfix.services.errors import ServiceError
from footfix.services.identity import Actor, RunnerRef, find_runner
from footfix.services.tracking import change_records, checked_day, now_utc, runner_today
from footfix.store import assessments_repo, logs_repo, outcomes_repo, runners_repo
from footfix.store.engine import Connection
from footfix.store.outcomes_repo import OutcomeRow
from footfix.store.runners_repo import RunnerRow
from footfix.store.store import Store
from footfix.tracking.outcomes import (
    ItemValue,
    OutcomeChange,
    OutcomePoint,
    Scored,
    change_of,
    next_due,
    pain_points,
    score_items,
)
from footfix.tracking.report import PhaseChangeRecord, json_plain, state_on


def measures() -> list[OutcomeMeasure]:
    return list(load_default().outcomes.measures)


def left_out() -> list[LeftOut]:
    """Well-known instruments footfix does not ship, and why (licences)."""
    return list(load_default().outcomes.left_out)


def measure(measure_id: str) -> OutcomeMeasure:
    for m in measures():
        if m.id == measure_id:
            return m
    known = ", ".join(m.id for m in measures())
    raise ServiceError(f"no outcome measure {measure_id!r}: known measures are {known}")


@dataclass(frozen=True)
class Recorded:
    runner: RunnerRow
    measure: OutcomeMeasure
    row: OutcomeRow
    change: OutcomeChange | None  # against the first record, once there are two


def record_outcomes(
    store: Store,
    actor: Actor,
    runner_ref: RunnerRef,
    batches: Sequence[tuple[str, Sequence[tuple[str, float]]]],
    *,
    day: dt.date | None = None,
    replace: bool = False,
) -> list[Recorded]:
    """Store one administration of each measure, all or none. The context (at an assessment,
    or at an interval) is read from the history: a record on a saved assessment's day is its."""
    scored: list[tuple[OutcomeMeasure, Scored]] = []
    for measure_id, values in batches:
        chosen = measure(measure_id)
        if chosen.collected != "record":
            raise ServiceError(
                f"{chosen.abbreviation} is read from the daily log, not recorded on its own",
                ["log it with: footfix log --first-step N"],
            )
        try:
            scored.append((chosen, score_items(chosen, values)))
        except ValueError as err:
            raise ServiceError(
                f"{chosen.abbreviation} was not saved (nothing was)", str(err).split("; ")
            ) from err
    done = []
    with store.write() as conn:
        runner = find_runner(conn, actor, runner_ref, lock=True)
        day = checked_day(runner, day, "outcome date")
        context = "assessment" if day in _assessment_days(conn, runner) else "interval"
        for chosen, result in scored:
            row = OutcomeRow(
                uid=str(uuid.uuid4()),
                measure=chosen.id,
                measure_version=chosen.version,
                recorded_on=day,
                recorded_at=now_utc(),
                context=context,
                score=result.score,
                items=[{"item": i.item, "value": i.value} for i in result.items],
            )
            outcomes_repo.add_outcome(conn, runner.id, row, replace=replace)
            points = _points(outcomes_repo.list_outcomes(conn, runner.id, chosen.id), [])
            done.append(Recorded(runner, chosen, row, change_of(chosen, points)))
    return done


def record_outcome(
    store: Store,
    actor: Actor,
    runner_ref: RunnerRef,
    measure_id: str,
    values: Sequence[tuple[str, float]],
    *,
    day: dt.date | None = None,
    replace: bool = False,
) -> Recorded:
    """One measure's administration (see :func:`record_outcomes`)."""
    batch = [(measure_id, values)]
    return record_outcomes(store, actor, runner_ref, batch, day=day, replace=replace)[0]


def records(store: Store, actor: Actor, runner_ref: RunnerRef) -> list[OutcomeRow]:
    """Every recorded administration of the runner's measures, oldest first."""
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        return outcomes_repo.list_outcomes(conn, runner.id)


def _assessment_days(conn: Connection, runner: RunnerRow) -> set[dt.date]:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(runner.timezone)
    return {
        a.created_at.astimezone(zone).date()
        for a in assessments_repo.list_assessments(conn, runner.id)
    }


@dataclass(frozen=True)
class MeasureView:
    id: str
    title: str
    abbreviation: str
    better: str
    range: tuple[float, float]
    mcid: float
    mcid_note: str
    mcid_sources: tuple[str, ...]
    collected: str
    next_due: dt.date | None
    points: tuple[OutcomePoint, ...]
    change: OutcomeChange | None


@dataclass(frozen=True)
class OutcomeReport:
    runner: str
    as_of: dt.date
    measures: tuple[MeasureView, ...]
    phases: tuple[tuple[dt.date, str], ...]  # (effective date, phase): the chart's bands
    left_out: tuple[tuple[str, str], ...] = field(default=())  # (title, why)

    @property
    def due(self) -> list[MeasureView]:
        return [m for m in self.measures if m.next_due is not None and m.next_due <= self.as_of]

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = json_plain(asdict(self))
        return plain | {"due": [m.id for m in self.due]}


def outcome_report(
    store: Store, actor: Actor, runner_ref: RunnerRef, as_of: dt.date | None = None
) -> tuple[RunnerRow, OutcomeReport]:
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        return runner, report_on(conn, runner, as_of or runner_today(runner))


def report_on(conn: Connection, runner: RunnerRow, as_of: dt.date) -> OutcomeReport:
    """Every measure's points up to ``as_of``, with the phase in effect on each day."""
    changes = change_records(runners_repo.phase_history(conn, runner.id))
    rows = [r for r in outcomes_repo.list_outcomes(conn, runner.id) if r.recorded_on <= as_of]
    logs = logs_repo.current_logs(conn, runner.id)
    pain = [(log.day, log.first_step_pain_nrs) for log in logs if log.day <= as_of]
    pain_days = [(d, v) for d, v in pain if v is not None]
    views = []
    for m in load_default().outcomes.measures:
        if m.collected == "daily_log":
            series = [OutcomePoint(d, v, (), _phase(changes, d)) for d, v in pain_days]
            compared = [_with_phase(p, changes) for p in pain_points(pain_days)]
        else:
            mine = [r for r in rows if r.measure == m.id]
            series = _points(mine, changes)
            compared = series
        recorded = [r.recorded_on for r in rows if r.measure == m.id]
        views.append(
            MeasureView(
                m.id,
                m.title,
                m.abbreviation,
                m.better,
                (m.range.min, m.range.max),
                m.mcid.points,
                m.mcid.note or "",
                tuple(m.mcid.sources),
                m.collected,
                next_due(m, recorded, as_of),
                tuple(series),
                change_of(m, compared),
            )
        )
    left_out = tuple((x.title, x.why) for x in load_default().outcomes.left_out)
    phases = tuple((c.effective_date, str(c.to_phase)) for c in changes)
    return OutcomeReport(runner.name, as_of, tuple(views), phases, left_out)


def due_on(conn: Connection, runner: RunnerRow, day: dt.date) -> list[OutcomeMeasure]:
    """The recorded measures due on ``day`` (never recorded, or their interval has passed)."""
    rows = outcomes_repo.list_outcomes(conn, runner.id)
    due = []
    for m in load_default().outcomes.measures:
        when = next_due(m, [r.recorded_on for r in rows if r.measure == m.id], day)
        if when is not None and when <= day:
            due.append(m)
    return due


def due_measures(
    store: Store, actor: Actor, runner_ref: RunnerRef, day: dt.date | None = None
) -> list[str]:
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        return [m.id for m in due_on(conn, runner, day or runner_today(runner))]


def _points(rows: Sequence[OutcomeRow], changes: Sequence[PhaseChangeRecord]) -> list[OutcomePoint]:
    return [
        OutcomePoint(
            r.recorded_on,
            r.score,
            tuple(ItemValue(str(i["item"]), float(i["value"])) for i in r.items),
            _phase(changes, r.recorded_on),
        )
        for r in rows
    ]


def _phase(changes: Sequence[PhaseChangeRecord], day: dt.date) -> str | None:
    return str(state_on(changes, day).phase) if changes else None


def _with_phase(point: OutcomePoint, changes: Sequence[PhaseChangeRecord]) -> OutcomePoint:
    return OutcomePoint(point.day, point.score, point.items, _phase(changes, point.day))
