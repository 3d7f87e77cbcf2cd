"""The coming weeks' sessions, and those sessions as an iCalendar file (RFC 5545).

Which weekdays carry a run or an exercise session, and at what local time, is knowledge-base
data (``kb/schedule.yaml``); how many runs and what each may be comes from the phase's
allowance. Events carry the runner's time zone (with its VTIMEZONE), a DTSTAMP and a UID made
from the runner and the session's day and kind, so importing a newer file into Google, Apple or
Outlook calendars updates the sessions instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

from footfix.domain.result import PlanItemOut
from footfix.knowledge.interop_models import Schedules

_NAMESPACE = uuid.UUID("9b7f0c1e-7d0a-4f8e-b3a4-6a1f00f1c5ca")  # footfix's calendar namespace
EXERCISE_CATEGORIES = frozenset({"mobility", "strength", "plyometrics", "efficiency"})
RUN_CATEGORIES = frozenset({"return_to_run"})


@dataclass(frozen=True)
class RunAllowance:
    """This week's running, as the phase allows it (tracking's WeekAllowance in words)."""

    phase: str
    runs_per_week: int
    session: str
    distance_cap: str | None
    surfaces: tuple[str, ...]
    shoes: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Session:
    day: dt.date
    kind: str  # "run" or "exercise"
    summary: str
    description: str
    start: dt.time
    minutes: int


def planned_sessions(
    first_day: dt.date,
    weeks: int,
    allowance: RunAllowance,
    plan: Sequence[PlanItemOut],
    schedule: Schedules,
) -> list[Session]:
    """Every session from ``first_day`` for ``weeks`` weeks, in day order (runs first)."""
    exercises = [i for i in plan if EXERCISE_CATEGORIES & set(i.categories)]
    focus = [i for i in exercises if i.session == "focus"] or exercises
    run_items = [i for i in plan if RUN_CATEGORIES & set(i.categories)]
    run_days = (
        set(schedule.run_days[allowance.runs_per_week].weekdays)
        if allowance.runs_per_week
        else set()
    )
    exercise_days = dict(schedule.exercise_days).get(allowance.phase)  # type: ignore[call-overload]
    exercise_weekdays = set(exercise_days.weekdays) if exercise_days and focus else set()
    sessions = []
    for offset in range(weeks * 7):
        day = first_day + dt.timedelta(days=offset)
        if day.weekday() in run_days:
            sessions.append(_run(day, allowance, run_items, schedule))
        if day.weekday() in exercise_weekdays:
            sessions.append(_exercise(day, allowance.phase, focus, schedule))
    return sessions


def _time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def _run(
    day: dt.date, allowance: RunAllowance, items: Sequence[PlanItemOut], schedule: Schedules
) -> Session:
    lines = [allowance.session]
    if allowance.distance_cap:
        lines.append(f"Distance: up to {allowance.distance_cap}.")
    lines.append(f"Surfaces: {', '.join(allowance.surfaces)}. Shoes: {allowance.shoes}.")
    lines += list(allowance.notes)
    lines += [f"{item.title}: {item.dose}" for item in items]
    lines.append("Stop and log it if pain passes 3/10 during the run or the next morning is worse.")
    return Session(
        day,
        "run",
        f"Run ({allowance.phase})",
        "\n".join(lines),
        _time(schedule.run_start),
        schedule.run_minutes,
    )


def _exercise(
    day: dt.date, phase: str, items: Sequence[PlanItemOut], schedule: Schedules
) -> Session:
    lines = [f"- {item.title}{_side(item)}: {item.dose}" for item in items]
    lines.append("Log what you did: footfix log --exercise ID:SETSxREPS")
    return Session(
        day,
        "exercise",
        f"Foot programme ({len(items)} exercises)",
        "\n".join(lines),
        _time(schedule.exercise_start),
        schedule.exercise_minutes,
    )


def _side(item: PlanItemOut) -> str:
    return f" ({item.side})" if item.side not in ("n/a", "") else ""


def session_uid(runner_key: str, session: Session) -> str:
    key = f"{runner_key}/{session.day.isoformat()}/{session.kind}"
    return f"{uuid.uuid5(_NAMESPACE, key)}@footfix"


def calendar_of(
    sessions: Sequence[Session], runner_key: str, timezone: str, now: dt.datetime
) -> icalendar.Calendar:
    zone = ZoneInfo(timezone)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//footfix//recovery sessions//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "footfix sessions")
    cal.add("x-wr-timezone", timezone)
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", session_uid(runner_key, session))
        event.add("dtstamp", now.astimezone(dt.UTC))
        start = dt.datetime.combine(session.day, session.start, tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=session.minutes))
        event.add("summary", session.summary)
        event.add("description", session.description)
        event.add("categories", [session.kind])
        event.add("transp", "TRANSPARENT")  # a session does not block the runner's diary
        cal.add_component(event)
    if sessions and timezone != "UTC":
        first, last = sessions[0].day, sessions[-1].day
        cal.add_missing_timezones(first - dt.timedelta(days=366), last + dt.timedelta(days=366))
    return cal
