"""The pure mappings: calendar sessions by phase, CSV cells a spreadsheet cannot run, codes."""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar

from footfix.domain.result import PlanItemOut
from footfix.interop.calendar import RunAllowance, calendar_of, planned_sessions
from footfix.interop.spreadsheets import logs_csv, outcomes_csv
from footfix.knowledge.check import check
from footfix.knowledge.kb import load_default
from footfix.tracking.log_entry import DayLog

SCHEDULE = load_default().schedule
MONDAY = dt.date(2026, 3, 2)
PLAN = (
    PlanItemOut(
        id="heel_raise_toe_up",
        title="Heel raise",
        categories=["strength"],
        dose="3x12",
        because=["weak calf"],
        side="left",
    ),
    PlanItemOut(
        id="stiffer_shoes",
        title="Stiffer shoes",
        categories=["unloading"],
        dose="daily",
        because=[],
    ),
    PlanItemOut(
        id="referral", title="See a clinician", categories=["referral"], dose="soon", because=[]
    ),
)


def _allowance(phase: str, runs: int) -> RunAllowance:
    return RunAllowance(phase, runs, "easy", "3 km" if runs else None, ("road",), "stiff", ())


def test_sessions_follow_the_phase_and_the_schedule() -> None:
    flat = planned_sessions(MONDAY, 2, _allowance("return_to_run_flat", 3), PLAN, SCHEDULE)
    runs = [s for s in flat if s.kind == "run"]
    assert [s.day.weekday() for s in runs] == [0, 2, 4] * 2  # alternate days
    exercise = [s for s in flat if s.kind == "exercise"]
    assert len(exercise) == 2 * len(SCHEDULE.exercise_days["return_to_run_flat"].weekdays)
    assert not {s.day for s in runs} & {s.day for s in exercise}
    assert "Heel raise (left): 3x12" in exercise[0].description
    assert "Stiffer shoes" not in exercise[0].description  # unloading is no exercise session
    rehab = planned_sessions(MONDAY, 1, _allowance("rehab_no_running", 0), PLAN, SCHEDULE)
    assert [s.kind for s in rehab] == ["exercise"] * 7
    assert planned_sessions(MONDAY, 3, _allowance("refer_first", 0), PLAN, SCHEDULE) == []


def test_calendar_uids_are_stable_and_times_local() -> None:
    sessions = planned_sessions(MONDAY, 1, _allowance("return_to_run_flat", 3), PLAN, SCHEDULE)
    now = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
    first = calendar_of(sessions, "ann@x", "America/New_York", now)
    second = calendar_of(sessions, "ann@x", "America/New_York", now + dt.timedelta(days=3))
    uids = [str(e["uid"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in second.walk("VEVENT")] and len(set(uids)) == 7
    other = calendar_of(sessions, "bo@x", "America/New_York", now)
    assert not set(uids) & {str(e["uid"]) for e in other.walk("VEVENT")}
    parsed = icalendar.Calendar.from_ical(first.to_ical())
    start = parsed.walk("VEVENT")[0].decoded("dtstart")
    assert start.utcoffset() == dt.timedelta(hours=-5) and start.hour == 18  # a Monday run


def test_csv_cells_never_become_formulas() -> None:
    log = DayLog(day=MONDAY, notes='=HYPERLINK("http://x","click")', first_step_pain_nrs=2)
    text = logs_csv([log], "mi")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["notes"].startswith("'=") and row["first_step_pain_nrs"] == "2.0"
    assert "run_distance_mi" in text.splitlines()[0]
    outcome = outcomes_csv([("2026-03-02", "psfs", 4.0, "interval", [("@stairs", 4.0)])])
    assert next(csv.DictReader(io.StringIO(outcome)))["items"] == "'@stairs=4"


def test_the_code_tables_pass_the_knowledge_check() -> None:
    report = check(load_default())
    assert not [e for e in report.errors if "fhir_codes" in e or "outcome" in e or "schedule" in e]
    codes = load_default().fhir_codes
    assert codes.systems["loinc"] == "http://loinc.org"
    assert all(q.unit.ucum for q in codes.quantities.values())
