"""Reading a runner's stored record for the API and pages: assessments, the plan, the logs.

Every call names the runner through :mod:`footfix.services.identity`, so an actor reads only
what is theirs (or what an owner shares with them, see :func:`sharing.acting_for`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from footfix.errors import NotFound
from footfix.intake.load import parse_case_text
from footfix.services.identity import Actor, RunnerRef, find_runner
from footfix.store import assessments_repo, logs_repo
from footfix.store.assessments_repo import AssessmentRow
from footfix.store.store import Store

__all__ = ["AssessmentRow", "assessment", "assessments", "current_plan", "logs", "parse_case"]

# an assessment sent to the API is at most this long (a case file is a few kilobytes)
MAX_CASE_CHARS = 256 * 1024


def parse_case(text: str) -> Any:
    """A case document (JSON or YAML text) checked exactly as ``footfix assess`` checks a file."""
    if len(text) > MAX_CASE_CHARS:
        from footfix.errors import InvalidInput

        raise InvalidInput(f"the case document is longer than {MAX_CASE_CHARS // 1024} KB")
    return parse_case_text(text, source="the case document")


def assessments(store: Store, actor: Actor, ref: RunnerRef) -> list[AssessmentRow]:
    """The runner's assessments, newest first."""
    with store.read() as conn:
        runner = find_runner(conn, actor, ref)
        return list(reversed(assessments_repo.list_assessments(conn, runner.id)))


def assessment(store: Store, actor: Actor, ref: RunnerRef, uid: str) -> AssessmentRow:
    for row in assessments(store, actor, ref):
        if row.uid == uid:
            return row
    raise NotFound("no such assessment for this runner")


@dataclass(frozen=True)
class PlanView:
    plan_uid: str
    version: int
    phase: str
    assessment_uid: str | None
    created_at: str
    items: list[dict[str, Any]]
    avoid: list[str]


def current_plan(store: Store, actor: Actor, ref: RunnerRef) -> PlanView:
    with store.read() as conn:
        runner = find_runner(conn, actor, ref)
        history = assessments_repo.plan_history(conn, runner.id)
    if not history:
        raise NotFound("this runner has no plan yet: save an assessment first")
    latest = history[-1]
    stored = json.loads(str(latest["items_json"]))
    return PlanView(
        plan_uid=str(latest["uid"]),
        version=int(str(latest["version"])),
        phase=str(latest["phase"]),
        assessment_uid=str(latest["assessment_uid"]) if latest["assessment_uid"] else None,
        created_at=str(latest["created_at"]),
        items=list(stored.get("plan", [])),
        avoid=list(stored.get("avoid", [])),
    )


def logs(store: Store, actor: Actor, ref: RunnerRef) -> list[dict[str, Any]]:
    """The current revision of every logged day, newest first, as JSON-ready mappings."""
    with store.read() as conn:
        runner = find_runner(conn, actor, ref)
        days = logs_repo.current_logs(conn, runner.id)
    return [day.model_dump(mode="json") for day in reversed(days)]
