"""A runner's plan, daily logs, progress and export through the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import ConfigDict, Field

from footfix.errors import NotFound
from footfix.services import records, sharing
from footfix.services.identity import RunnerUid
from footfix.services.log_input import LogInput
from footfix.services.progress_view import ProgressView, progress_view
from footfix.web.api.auth import ApiUser
from footfix.web.api.models import ERRORS, Page, PageParams, page_of, page_params
from footfix.web.deps import app_state

router = APIRouter(tags=["tracking"], responses=ERRORS)


class LogBody(LogInput):
    """One day's log as `footfix log` takes it; runs in your units (`distance`) or in km."""

    correction_reason: str | None = Field(
        None, max_length=500, description="why a correction was made (kept in history)"
    )

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"first_step_pain_nrs": 3, "walk_stand_tolerance_min": 40}]}
    )


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
    entry = LogInput.model_validate(body.model_dump(exclude={"correction_reason"}))
    outcome = log_day(
        store,
        actor,
        RunnerUid(runner.uid),
        entry,
        correct=correct,
        correction_reason=body.correction_reason,
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


@router.get("/runners/{runner_uid}/progress", response_model=ProgressView)
def progress(request: Request, user: ApiUser, runner_uid: str) -> ProgressView:
    """Today's phase, this week's allowance, the next gate, the trends and "this week" in
    plain words, as ``footfix progress --json`` prints them."""
    from footfix.services.week_summary import overview

    store = app_state(request).store
    actor, runner = sharing.acting_for(store, user, runner_uid)
    return progress_view(overview(store, actor, RunnerUid(runner.uid)))


@router.get("/runners/{runner_uid}/export", response_model=dict[str, Any])
def export(request: Request, user: ApiUser, runner_uid: str) -> Response:
    """Everything stored about one of your runners, as ``footfix export`` writes it."""
    from footfix.services.tracking import export_runner_text

    store = app_state(request).store
    runner = sharing.own_runner(store, user, runner_uid)
    text = export_runner_text(store, user.actor, RunnerUid(runner.uid))
    return Response(text, media_type="application/json")
