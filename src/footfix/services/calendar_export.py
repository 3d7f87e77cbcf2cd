"""The calendar (``footfix export --ics``) and spreadsheet (``--csv``) exports of one runner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from footfix.knowledge.kb import load_default
from footfix.services.errors import ServiceError
from footfix.services.fhir_export import latest_plan, runner_key
from footfix.services.identity import Actor, RunnerRef, find_runner
from footfix.services.tracking import now_utc, progress_on, runner_today
from footfix.store import activities_repo, logs_repo, outcomes_repo
from footfix.store.store import Store


@dataclass(frozen=True)
class CalendarExport:
    text: str
    sessions: int
    runs: int
    exercise_sessions: int
    first_day: dt.date
    weeks: int
    phase: str


def calendar_export(
    store: Store,
    actor: Actor,
    runner_ref: RunnerRef,
    *,
    weeks: int | None = None,
    start: dt.date | None = None,
    now: dt.datetime | None = None,
) -> CalendarExport:
    """The sessions of the coming ``weeks`` (from ``start``, default tomorrow) as iCalendar.

    The phase and allowance are today's: a phase change makes a new file worth importing (the
    same UIDs update the old events)."""
    from footfix.interop.calendar import RunAllowance, calendar_of, planned_sessions

    schedule = load_default().schedule
    weeks = weeks or schedule.default_weeks
    if not 1 <= weeks <= schedule.max_weeks:
        raise ServiceError(f"weeks {weeks} is out of range: allowed 1–{schedule.max_weeks}")
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        today = runner_today(runner)
        report = progress_on(conn, runner, today)
        plan = latest_plan(conn, runner.id)
    allowed = report.allowance
    allowance = RunAllowance(
        report.phase,
        allowed.runs_per_week if allowed.running_allowed else 0,
        allowed.session,
        allowed.distance_cap,
        allowed.surfaces,
        allowed.shoes,
        allowed.notes,
    )
    first = start or today + dt.timedelta(days=1)
    sessions = planned_sessions(first, weeks, allowance, plan.items, schedule)
    cal = calendar_of(sessions, runner_key(runner), runner.timezone, now or now_utc())
    runs = sum(1 for s in sessions if s.kind == "run")
    return CalendarExport(
        cal.to_ical().decode("utf-8"),
        len(sessions),
        runs,
        len(sessions) - runs,
        first,
        weeks,
        report.phase,
    )


def spreadsheet_export(store: Store, actor: Actor, runner_ref: RunnerRef) -> dict[str, str]:
    """File name → CSV text: the day logs, watch activities and outcome measures."""
    from footfix.interop.spreadsheets import activities_csv, logs_csv, outcomes_csv

    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        logs = logs_repo.current_logs(conn, runner.id)
        activities = activities_repo.export_rows(conn, runner.id)
        outcomes = outcomes_repo.list_outcomes(conn, runner.id)
    return {
        "logs.csv": logs_csv(logs, runner.units),
        "activities.csv": activities_csv(activities, runner.units),
        "outcomes.csv": outcomes_csv(
            [
                (
                    o.recorded_on.isoformat(),
                    o.measure,
                    o.score,
                    o.context,
                    [(str(i["item"]), float(i["value"])) for i in o.items],
                )
                for o in outcomes
            ]
        ),
    }
