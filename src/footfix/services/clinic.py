"""A clinician's workspace: patients at a glance, patients the clinic keeps, assessment history.

Two kinds of patient appear on a clinician's list: runners whose owners share their record
(see :mod:`footfix.services.sharing`), and records the clinician adds themselves. An added
record is owned by the clinician's account — the clinic's own notes about someone who has no
footfix account yet; the patient can claim it later (:mod:`footfix.services.claims`). Every
runner-scoped call goes through :func:`sharing.acting_for`, so a withdrawn share or another
clinician's record is simply not found.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from footfix.domain.result import AssessmentResult
from footfix.errors import Forbidden
from footfix.services import sharing, tracking
from footfix.services.plain_words import phase_title
from footfix.services.sessions import SessionUser
from footfix.services.store_access import Store
from footfix.store import assessments_repo, logs_repo, runners_repo, users_repo
from footfix.store.engine import Connection
from footfix.store.runners_repo import RunnerRow

WINDOW_DAYS = 14  # adherence and recent flares look back this far


@dataclass(frozen=True)
class Alert:
    """The latest assessment's referral and warning signs, marked on the clinician's pages."""

    level: str  # the referral: routine, urgent, emergency; "none" for a sign not ruled out
    words: str  # "Urgent referral", "Warning sign not ruled out"
    signs: tuple[str, ...]  # warning signs found, then those not yet ruled out


def alert_of(result: AssessmentResult) -> Alert | None:
    """None when the assessment found no warning sign and refers nobody."""
    found = tuple(f.title for f in result.red_flags)
    open_signs = tuple(f"{n.title} (not ruled out)" for n in result.not_excluded)
    if result.referral == "none" and not (found or open_signs):
        return None
    if result.referral == "none":
        return Alert("none", "Warning sign not ruled out", found + open_signs)
    return Alert(result.referral, f"{result.referral.capitalize()} referral", found + open_signs)


@dataclass(frozen=True)
class PatientGlance:
    uid: str
    name: str
    kept_by_clinic: bool  # the clinician's own record, not a runner's shared one
    phase: str
    last_log_day: dt.date | None
    days_logged: int  # of the last WINDOW_DAYS
    exercise_days: int  # days with at least one exercise logged, of the same window
    flare_days: tuple[dt.date, ...]  # flares in the window, newest first
    alert: Alert | None = None  # the latest assessment's referral or warning signs


@dataclass(frozen=True)
class AssessmentEntry:
    uid: str
    at: dt.datetime
    phase: str
    decided_by: str  # a display name and role, or "unknown"
    result: AssessmentResult
    case_json: str


def _require_clinician(user: SessionUser) -> None:
    if user.role != "clinician":
        raise Forbidden("only a clinician's account has patients")


def patients(store: Store, user: SessionUser) -> list[PatientGlance]:
    """Shared runners and the clinic's own records, by name, each with its last fortnight."""
    _require_clinician(user)
    shared = sharing.patients(store, user)
    own = sharing.own_runners(store, user)
    with store.read() as conn:
        rows = [(r, False) for r in shared] + [(r, True) for r in own]
        glances = [_glance(conn, row, kept) for row, kept in rows]
    return sorted(glances, key=lambda g: (g.name.casefold(), g.uid))


def _glance(conn: Connection, runner: RunnerRow, kept: bool) -> PatientGlance:
    today = tracking.runner_today(runner)
    since = today - dt.timedelta(days=WINDOW_DAYS - 1)
    history = runners_repo.phase_history(conn, runner.id)
    logs = logs_repo.current_logs(conn, runner.id, since)
    last = logs_repo.current_logs(conn, runner.id)[-1:] if not logs else logs[-1:]
    report = tracking.progress_on(conn, runner, today) if history else None
    latest = assessments_repo.list_assessments(conn, runner.id)[-1:]
    result = AssessmentResult.model_validate_json(latest[0].result_json) if latest else None
    flares = sorted(
        (f.day for f in (report.flares if report else ()) if f.day >= since), reverse=True
    )
    return PatientGlance(
        uid=runner.uid,
        name=runner.name,
        kept_by_clinic=kept,
        phase=phase_title(history[-1].to_phase) if history else "none",
        last_log_day=last[0].day if last else None,
        days_logged=len(logs),
        exercise_days=sum(1 for log in logs if log.exercises),
        flare_days=tuple(flares),
        alert=alert_of(result) if result else None,
    )


def glance(store: Store, user: SessionUser, runner_uid: str) -> PatientGlance:
    """One patient's last fortnight (NotFound unless they are on the clinician's list)."""
    _require_clinician(user)
    actor, runner = sharing.acting_for(store, user, runner_uid)
    with store.read() as conn:
        return _glance(conn, runner, kept=actor.delegate is None)


def add_patient(store: Store, user: SessionUser, name: str, units: str = "km") -> RunnerRow:
    """A record the clinic keeps (owned by the clinician's account); its decisions are theirs."""
    _require_clinician(user)
    return tracking.add_runner(store, user.actor, name, units=units)


def patient(store: Store, user: SessionUser, runner_uid: str) -> RunnerRow:
    _require_clinician(user)
    return sharing.acting_for(store, user, runner_uid)[1]


def assessment_history(store: Store, user: SessionUser, runner_uid: str) -> list[AssessmentEntry]:
    """Newest first, each with who made it and when."""
    runner = patient(store, user, runner_uid)
    with store.read() as conn:
        rows = assessments_repo.list_assessments(conn, runner.id)
        names = {uid: _who(conn, uid) for uid in {r.decided_by_uid for r in rows}}
    return [
        AssessmentEntry(
            r.uid,
            r.created_at,
            phase_title(r.phase),
            names[r.decided_by_uid] if r.decided_by_role != "unknown" else "unknown",
            AssessmentResult.model_validate_json(r.result_json),
            r.case_json,
        )
        for r in reversed(rows)
    ]


def _who(conn: Connection, uid: str) -> str:
    found = users_repo.get_user_by_uid(conn, uid)
    if found is None:
        return "unknown"
    role = "this computer's user" if found.is_local else found.role
    return f"{found.display_name} ({role})"


def latest_case(store: Store, user: SessionUser, runner_uid: str) -> dict[str, object]:
    """The newest saved case as plain data, or a new case of format 1 when none is saved."""
    runner = patient(store, user, runner_uid)
    with store.read() as conn:
        rows = assessments_repo.list_assessments(conn, runner.id)
    if not rows:
        return {"case_format": 1}
    data: dict[str, object] = json.loads(rows[-1].case_json)
    return data
