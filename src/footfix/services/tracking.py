"""Tracking use cases: runners, day logs, progress, export and import, schema upgrades."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from footfix.assess import assess
from footfix.domain import plausibility
from footfix.domain.limits import DEFAULT_LIMITS, MIB, Limits
from footfix.domain.result import PHASE_ORDER, PhaseId
from footfix.domain.units import to_km
from footfix.errors import ErrorKind
from footfix.intake.case_model import CaseFile
from footfix.services import audit
from footfix.services.errors import InvalidLogEntry, ServiceError
from footfix.services.identity import Actor, RunnerRef, find_runner
from footfix.services.log_input import NOT_SAVED, LogInput, merge_correction, validate_log
from footfix.services.plain_words import phase_title
from footfix.store import activities_repo, assessments_repo, logs_repo, runners_repo, transfer
from footfix.store.engine import Connection
from footfix.store.runners_repo import RunnerRow
from footfix.store.store import Store
from footfix.tracking.decide import PhaseDecision
from footfix.tracking.evidence_notes import kept_decision_notes
from footfix.tracking.gates import HEEL_RAISE_TEST
from footfix.tracking.history import RunnerProfile
from footfix.tracking.log_entry import DayLog
from footfix.tracking.replay import decide_on_log
from footfix.tracking.report import (
    DEFAULT_WEEKS,
    PhaseChangeRecord,
    ProgressReport,
    build_report,
    window_start,
)
from footfix.tracking.running_history import WatchRun
from footfix.tracking.timeline import is_forward
from footfix.tracking.trends import RetestPoint


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def runner_today(runner: RunnerRow) -> dt.date:
    return dt.datetime.now(ZoneInfo(runner.timezone)).date()


def checked_day(runner: RunnerRow, day: dt.date | None, what: str) -> dt.date:
    """``day`` (today in the runner's zone when None), refused when it has not happened yet."""
    day = day or runner_today(runner)
    problems = plausibility.day_problems(what, day, plausibility.latest_day(runner.timezone))
    if problems:
        raise ServiceError(problems[0])
    return day


def add_runner(
    store: Store,
    actor: Actor,
    name: str,
    *,
    units: str = "km",
    painful_side: str | None = None,
    severity: str | None = None,
    bone_stress: bool = False,
    timezone: str = "UTC",
    phase: str = "rehab_no_running",
    start: dt.date | None = None,
) -> RunnerRow:
    _check_choice("units", units, ("km", "mi"))
    _check_choice("phase", phase, PHASE_ORDER)
    if painful_side is not None:
        _check_choice("painful side", painful_side, ("left", "right", "both"))
    if severity is not None:
        _check_choice("severity", severity, ("mild", "moderate", "severe"))
    problems = plausibility.runner_problems(name, timezone)
    if problems:
        raise ServiceError(problems[0], problems[1:])
    zone = ZoneInfo(timezone)
    now = now_utc()
    start = start or now.astimezone(zone).date()
    problems = plausibility.day_problems("start", start, plausibility.latest_day(timezone, now))
    if problems:
        raise ServiceError(problems[0])
    with store.write() as conn:
        runner = runners_repo.add_runner(
            conn,
            owner_id=actor.user_id,
            name=name.strip(),
            units=units,
            painful_side=painful_side,
            severity=severity,
            bone_stress=bone_stress,
            timezone=timezone,
            created_at=now,
        )
        runners_repo.add_phase_change(
            conn,
            runner.id,
            effective_date=start,
            evidence_from=start,
            from_phase=None,
            to_phase=phase,
            reasons=[f"starting phase set when the runner was added ({phase_title(phase)})"],
            source="manual",
            recorded_at=now,
            **actor.decided_by(),
        )
    return runner


def list_runners(store: Store, actor: Actor) -> list[tuple[RunnerRow, int]]:
    """The actor's own runners (and nobody else's), with the days each has logged."""
    with store.read() as conn:
        return runners_repo.list_runners(conn, actor.user_id)


@dataclass(frozen=True)
class LogOutcome:
    runner: RunnerRow
    day: dt.date
    revision: int
    decision: PhaseDecision | None
    # an earlier day: the decisions recorded since stand; notes say where its evidence disagrees
    notes: tuple[str, ...] = ()


def log_day(
    store: Store,
    actor: Actor,
    runner_ref: RunnerRef,
    given: LogInput,
    *,
    correct: bool = False,
    correction_reason: str | None = None,
) -> LogOutcome:
    """Store one day's log (or a correction) and record any phase change, in one transaction."""
    with store.write() as conn:
        runner = find_runner(conn, actor, runner_ref, lock=True)
        if given.is_empty():
            raise InvalidLogEntry(NOT_SAVED, ["nothing to log: give at least one value"])
        fields = given.given()
        fields["day"] = given.day or runner_today(runner)
        if fields.get("runs"):
            fields["runs"] = [_in_km(run, runner.units) for run in fields["runs"]]
        entry = validate_log(fields)
        problems = plausibility.day_log_problems(entry, runner_today(runner) + dt.timedelta(days=1))
        if problems:
            raise InvalidLogEntry("the log entry was not saved: fix these and try again", problems)
        if correct:
            # only the day corrected: the days after it are not needed to merge it
            previous = logs_repo.current_logs(conn, runner.id, since=entry.day, until=entry.day)
            if previous and previous[0].day == entry.day:
                entry = merge_correction(previous[0], fields)
        revision = logs_repo.write_log(
            conn,
            runner.id,
            entry,
            correction=correct,
            recorded_at=now_utc(),
            correction_reason=correction_reason,
        )
        evidence = _evidence(conn, runner, entry.day)
        decision = _record_decision(conn, actor, runner, entry.day, evidence)
        backdated = decision is None or entry.day < runner_today(runner)
        notes = _kept_notes(conn, runner, entry.day, evidence) if backdated else ()
    return LogOutcome(runner, entry.day, revision, decision, notes)


@dataclass(frozen=True)
class _Evidence:
    """What a decision on a day's log reads, loaded once per log: the decision and the notes
    on kept decisions both look at the same window."""

    logs: list[DayLog]
    watch: list[WatchRun]
    profile: RunnerProfile


def _evidence(conn: Connection, runner: RunnerRow, day: dt.date) -> _Evidence:
    since = window_start(day)
    logs = logs_repo.current_logs(conn, runner.id, since, logs_repo.DECISION_PARTS)
    return _Evidence(logs, _watch_runs(conn, runner, since), profile_of(runner, conn))


def _kept_notes(
    conn: Connection, runner: RunnerRow, day: dt.date, evidence: _Evidence
) -> tuple[str, ...]:
    """For a back-filled or corrected earlier day: the kept decisions its evidence disputes."""
    changes = change_records(runners_repo.phase_history(conn, runner.id))
    later = [c for c in changes if c.effective_date >= day]
    if not later:
        return ()
    notes = kept_decision_notes(changes, evidence.logs, evidence.profile, evidence.watch)
    dates = {c.effective_date.isoformat() for c in later}
    return tuple(n for n in notes if any(d in n for d in dates))


def _in_km(run: dict[str, Any], units: str) -> dict[str, Any]:
    """Runs typed in the runner's units ('distance') are stored in kilometres."""
    if "distance" not in run:
        return run
    if float(run["distance"]) <= 0:
        raise InvalidLogEntry(
            NOT_SAVED, [f"run distance (got {run['distance']} {units}): must be more than 0"]
        )
    converted = {k: v for k, v in run.items() if k != "distance" and v is not None}
    converted["distance_km"] = to_km(float(run["distance"]), units)
    return converted


def _record_decision(
    conn: Connection, actor: Actor, runner: RunnerRow, day: dt.date, evidence: _Evidence
) -> PhaseDecision | None:
    """The rules' phase decision on a new log, credited to whoever logged it."""
    changes = change_records(runners_repo.phase_history(conn, runner.id))
    decision, change = decide_on_log(
        changes, evidence.logs, day, evidence.profile, evidence.watch, runner_today(runner)
    )
    if change is not None:
        why = "a step back" if not is_forward(change.from_phase, change.to_phase) else "the logs"
        _plan_for_phase(conn, actor, runner, change.to_phase, change.effective_date, why)
        runners_repo.add_phase_change(
            conn,
            runner.id,
            effective_date=change.effective_date,
            evidence_from=change.evidence_from,
            from_phase=change.from_phase,
            to_phase=change.to_phase,
            reasons=list(change.reasons),
            source=change.source,
            recorded_at=now_utc(),
            **actor.decided_by(),
        )
    return decision


def _plan_for_phase(
    conn: Connection, actor: Actor, runner: RunnerRow, phase: str, day: dt.date, why: str
) -> None:
    """Every phase change records a new version of the saved plan, built for the new phase from
    the latest saved assessment (none saved: nothing to follow)."""
    saved = assessments_repo.list_assessments(conn, runner.id)
    if not saved:
        return
    latest = saved[-1]
    result = assess(CaseFile.model_validate_json(latest.case_json), tracked_phase=phase)
    items = [item.model_dump(mode="json") for item in result.plan]
    now = now_utc()
    assessments_repo.add_plan_version(
        conn,
        assessments_repo.runner_plan(conn, runner.id, now),
        created_at=now,
        assessment_uid=latest.uid,
        phase=phase,
        items_json=json.dumps({"plan": items, "avoid": [a.id for a in result.avoid]}),
        reason=(f"phase changed to {phase_title(phase).lower()} on {day.isoformat()} (from {why})"),
        **actor.decided_by(),
    )


def set_phase(
    store: Store,
    actor: Actor,
    runner_ref: RunnerRef,
    phase: str,
    reason: str,
    *,
    on: dt.date | None = None,
) -> PhaseChangeRecord:
    """A phase set by hand (by the runner, or by a clinician the runner shares with): recorded
    with its reason and who set it, and the saved plan follows it like any other change."""
    _check_choice("phase", phase, PHASE_ORDER)
    problems = plausibility.text_problems("reason", reason)
    if not reason.strip() or problems:
        raise ServiceError("a phase set by hand needs a reason", problems)
    source = "clinician" if actor.decider.role == "clinician" else "manual"
    with store.write() as conn:
        runner = find_runner(conn, actor, runner_ref, lock=True)
        day = checked_day(runner, on, "phase change")
        history = runners_repo.phase_history(conn, runner.id)
        current = history[-1].to_phase if history else None
        record = PhaseChangeRecord(
            day, day, cast(PhaseId | None, current), cast(PhaseId, phase), (reason,), source
        )
        if current == phase:
            return record
        _plan_for_phase(conn, actor, runner, phase, day, f"a {source} phase set")
        runners_repo.add_phase_change(
            conn,
            runner.id,
            effective_date=day,
            evidence_from=day,
            from_phase=current,
            to_phase=phase,
            reasons=[reason.strip()],
            source=source,
            recorded_at=now_utc(),
            **actor.decided_by(),
        )
        audit.record_in(
            conn, actor, "phase_changed", runner_uid=runner.uid, detail=f"to {phase} ({source})"
        )
    return record


def progress(
    store: Store,
    actor: Actor,
    runner_ref: RunnerRef | None,
    as_of: dt.date | None = None,
    weeks: int = DEFAULT_WEEKS,
) -> tuple[RunnerRow, ProgressReport]:
    if not 1 <= weeks <= 520:
        raise ServiceError(f"weeks {weeks} is out of range: allowed 1–520")
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        return runner, progress_on(conn, runner, as_of or runner_today(runner), weeks)


def progress_on(
    conn: Connection, runner: RunnerRow, as_of: dt.date, weeks: int = DEFAULT_WEEKS
) -> ProgressReport:
    changes = change_records(runners_repo.phase_history(conn, runner.id))
    if not changes:
        raise ServiceError(f"{runner.name} has no phase yet: save an assessment first")
    since = window_start(as_of, weeks)
    logs = logs_repo.current_logs(conn, runner.id, since, logs_repo.DECISION_PARTS)
    watch = _watch_runs(conn, runner, since)
    return build_report(profile_of(runner, conn), changes, logs, as_of, weeks, watch)


def _watch_runs(conn: Connection, runner: RunnerRow, since: dt.date) -> list[WatchRun]:
    """The runner's stored watch runs from ``since``, on their day in the runner's time zone."""
    zone = ZoneInfo(runner.timezone)
    start = dt.datetime.combine(since, dt.time(), zone) - dt.timedelta(days=1)
    return [
        WatchRun(
            a.record.start_utc.astimezone(zone).date(),
            a.record.distance_m / 1000,
            a.record.source,
            a.record.ascent_m,
            a.record.running_share,
        )
        for a in activities_repo.list_activities(conn, runner.id, start)
        if a.record.sport == "running" and a.record.distance_m > 0
    ]


def profile_of(runner: RunnerRow, conn: Connection | None = None) -> RunnerProfile:
    """What the decisions need; with a connection, the saved assessment's heel raises too."""
    return RunnerProfile(
        units=cast(Any, runner.units),
        severity=cast(Any, runner.severity),
        bone_stress=runner.bone_stress,
        baseline_retests=_assessed_retests(conn, runner) if conn is not None else (),
    )


def _assessed_retests(conn: Connection, runner: RunnerRow) -> tuple[RetestPoint, ...]:
    """The latest saved assessment's single-leg heel raises, dated the day it was saved: the
    first point of the retest series (a later logged retest supersedes it)."""
    saved = assessments_repo.list_assessments(conn, runner.id)
    if not saved:
        return ()
    latest = saved[-1]
    exam = json.loads(latest.case_json).get("exam") or {}
    reps = exam.get(HEEL_RAISE_TEST)
    day = latest.created_at.astimezone(ZoneInfo(runner.timezone)).date()
    if isinstance(reps, int | float):
        return (RetestPoint(day, HEEL_RAISE_TEST, runner.painful_side, float(reps), "assessment"),)
    if isinstance(reps, dict):
        return tuple(
            RetestPoint(day, HEEL_RAISE_TEST, side, float(value), "assessment")
            for side, value in sorted(reps.items())
            if isinstance(value, int | float) and side in ("left", "right")
        )
    return ()


def change_records(rows: list[runners_repo.PhaseChangeRow]) -> list[PhaseChangeRecord]:
    return [
        PhaseChangeRecord(
            r.effective_date,
            r.evidence_from,
            cast(PhaseId | None, r.from_phase),
            cast(PhaseId, r.to_phase),
            r.reasons,
            r.source,
        )
        for r in rows
    ]


def runner_details(store: Store, actor: Actor, runner_ref: RunnerRef) -> dict[str, Any]:
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        history = runners_repo.phase_history(conn, runner.id)
        days = logs_repo.current_logs(conn, runner.id)
    return {"runner": runner, "phase_history": history, "days_logged": len(days)}


def export_runner(
    store: Store, actor: Actor, runner_ref: RunnerRef, *, with_sources: bool = False
) -> dict[str, Any]:
    """The runner's data as one document. Unless ``with_sources``, watch activities keep only
    their file's name: no local folders, file hashes or device names leave the machine."""
    with store.read() as conn:
        runner = find_runner(conn, actor, runner_ref)
        doc = transfer.export_runner(conn, runner, now_utc())
    audit.record(store, actor, "export", runner_uid=runner.uid)
    if not with_sources:
        for activity in doc.get("activities", []):
            source = str(activity.get("source") or "")
            activity["source"] = source.replace("\\", "/").rsplit("!", 1)[-1].rsplit("/", 1)[-1]
            activity["file_sha256"] = None
            activity["device"] = None
    return doc


def export_runner_text(
    store: Store, actor: Actor, runner_ref: RunnerRef, *, with_sources: bool = False
) -> str:
    """:func:`export_runner` as the JSON text ``footfix export`` writes."""
    return transfer.dumps(export_runner(store, actor, runner_ref, with_sources=with_sources))


def read_export_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The JSON of an export document, refused past ``limits.export_max_bytes`` before it is
    read whole (a document of years of logs and activities is a few MiB)."""
    cap = limits.export_max_bytes
    too_large = f"{path} is larger than {cap // MIB} MiB, more than any footfix export"
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size > cap:
                raise ServiceError(too_large, kind=ErrorKind.TOO_LARGE)
            raw = handle.read(cap + 1)  # bounded even where the size is unknown (a pipe)
    except OSError as err:
        missing = isinstance(err, FileNotFoundError)
        kind = ErrorKind.NOT_FOUND if missing else ErrorKind.INVALID_INPUT
        raise ServiceError(f"cannot read {path}: {err.strerror or err}", kind=kind) from None
    if len(raw) > cap:
        raise ServiceError(too_large, kind=ErrorKind.TOO_LARGE)
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ServiceError(f"{path} is not a text file (an export is JSON in UTF-8)") from None
    except json.JSONDecodeError as err:
        raise ServiceError(f"{path} is not JSON: {err.msg} at line {err.lineno}") from None
    except RecursionError:
        raise ServiceError(f"{path} is nested too deeply to be a footfix export") from None
    except ValueError as err:  # e.g. an integer of more than 4,300 digits
        raise ServiceError(f"{path} holds a value that cannot be read: {str(err)[:200]}") from None


def import_runner(store: Store, actor: Actor, data: Any, rename: str | None = None) -> str:
    """Add the document's runner to the actor's runners; returns the name it was stored under."""
    doc = transfer.parse_export(data)
    problems = import_problems(doc, rename)
    if problems:
        raise ServiceError(
            "not imported: the document holds values footfix would not store", problems[:20]
        )
    with store.write() as conn:
        transfer.import_runner(conn, doc, actor.user_id, rename)
    return rename or doc.runner.name


def import_problems(doc: transfer.ExportDoc, rename: str | None = None) -> list[str]:
    """Everything ``runner add``, ``log`` and ``import`` refuse, refused in a document too."""
    runner = doc.runner
    problems = plausibility.runner_problems(rename or runner.name, runner.timezone)
    latest = plausibility.latest_day(runner.timezone)
    phases: list[str | None] = [c.to_phase for c in doc.phase_history]
    phases += [c.from_phase for c in doc.phase_history]
    phases += [a.phase for a in doc.assessments]
    phases += [v.phase for p in doc.plans for v in p.versions]
    problems += plausibility.choice_problems("phase", phases, PHASE_ORDER)
    problems += plausibility.day_problems("runner created", runner.created_at.date(), latest)
    for change in doc.phase_history:
        problems += plausibility.day_problems("phase change", change.effective_date, latest)
        for reason in change.reasons:
            problems += plausibility.text_problems("phase change reason", reason)
    for rev in doc.day_logs:
        problems += plausibility.day_log_problems(rev.entry, latest)
        problems += plausibility.text_problems("correction reason", rev.correction_reason)
        problems += plausibility.text_problems("notes", rev.entry.notes)
    for activity in doc.activities:
        found = plausibility.activity_problems(activity.model_dump(), latest)
        problems += [f"activity {activity.dedup_key[:80]}: {p}" for p in found]
    for plan in doc.plans:
        problems += plausibility.text_problems("plan title", plan.title)
    for outcome in doc.outcomes:
        problems += plausibility.day_problems("outcome", outcome.recorded_on, latest)
        for item in outcome.items:
            problems += plausibility.text_problems("outcome item", item.item)
    return problems


def upgrade_database(store: Store) -> tuple[str | None, str | None]:
    return store.upgrade()


def _check_choice(what: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ServiceError(f"{what} {value!r} is not one of: {', '.join(allowed)}")
