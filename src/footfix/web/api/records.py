"""A runner's plan, daily logs, progress and export through the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import Response

from footfix.errors import InvalidInput, NotFound
from footfix.services import records, sharing
from footfix.services.identity import RunnerUid
from footfix.web.api.auth import ApiUser
from footfix.web.api.models import ERRORS, Page, PageParams, page_of, page_params
from footfix.web.deps import app_state

router = APIRouter(tags=["tracking"], responses=ERRORS)

LogBody = Annotated[
    dict[str, Any],
    Body(
        description="One day's log as `footfix log` takes it: day (YYYY-MM-DD, default today), "
        "first_step_pain_nrs, pain_during_nrs, pain_after_nrs (0–10), next_morning, "
        "walk_stand_tolerance_min, runs [{distance (your units) or distance_km, ...}], "
        "exercises, retests, red_flags, notes",
        examples=[{"first_step_pain_nrs": 3, "walk_stand_tolerance_min": 40}],
    ),
]


@router.get("/runners/{runner_uid}/plan", response_model=dict[str, Any])
def plan(request: Request, user: ApiUser, runner_uid: str) -> dict[str, Any]:
    """The runner's current plan version: its items and what to avoid."""
    store = app_state(request).store
    actor, runner = sharing.acting_for(store, user, runner_uid)
    view = records.current_plan(store, actor, RunnerUid(runner.uid))
    return dict(view.__dict__)


@router.get("/runners/{runner_uid}/logs", response_model=Page[dict[str, Any]])
def list_logs(
    request: Request,
    user: ApiUser,
    runner_uid: str,
    page: Annotated[PageParams, Depends(page_params)],
) -> Page[dict[str, Any]]:
    """Each logged day's current entry, newest first (corrections replace, history is kept)."""
    store = app_state(request).store
    actor, runner = sharing.acting_for(store, user, runner_uid)
    return page_of(records.logs(store, actor, RunnerUid(runner.uid)), page)


@router.post("/runners/{runner_uid}/logs", response_model=dict[str, Any], status_code=201)
def add_log(
    request: Request,
    user: ApiUser,
    runner_uid: str,
    body: LogBody,
    correct: bool = False,
) -> dict[str, Any]:
    """Log a day (``correct=true`` to correct a day already logged); answers the phase decision."""
    from footfix.services.tracking import log_day

    store = app_state(request).store
    actor, runner = sharing.acting_for(store, user, runner_uid)
    if actor.user_id != user.user_id:
        raise NotFound(sharing.NOT_FOUND)  # a runner logs their own days
    reason = body.pop("correction_reason", None)
    if reason is not None and not isinstance(reason, str):
        raise InvalidInput("correction_reason must be text")
    outcome = log_day(
        store, actor, RunnerUid(runner.uid), body, correct=correct, correction_reason=reason
    )
    decision = outcome.decision
    return {
        "day": outcome.day.isoformat(),
        "revision": outcome.revision,
        "phase": decision.phase if decision else None,
        "changed": bool(decision and decision.changed),
        "reasons": list(decision.reasons) if decision else [],
        "red_flags": list(decision.red_flags) if decision else [],
    }


@router.get("/runners/{runner_uid}/progress", response_model=dict[str, Any])
def progress(request: Request, user: ApiUser, runner_uid: str) -> dict[str, Any]:
    """Today's phase, this week's allowance, the next gate and the trends, as
    ``footfix progress --json`` prints them."""
    from footfix.services.tracking import progress as report_on

    store = app_state(request).store
    actor, runner = sharing.acting_for(store, user, runner_uid)
    found, report = report_on(store, actor, RunnerUid(runner.uid))
    return {"runner": found.name, **report.to_dict()}


@router.get("/runners/{runner_uid}/export", response_model=dict[str, Any])
def export(request: Request, user: ApiUser, runner_uid: str) -> Response:
    """Everything stored about one of your runners, as ``footfix export`` writes it."""
    from footfix.services.tracking import export_runner_text

    store = app_state(request).store
    runner = sharing.own_runner(store, user, runner_uid)
    text = export_runner_text(store, user.actor, RunnerUid(runner.uid))
    return Response(text, media_type="application/json")
