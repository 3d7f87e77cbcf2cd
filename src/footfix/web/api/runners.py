"""``/api/v1/me`` and ``/api/v1/runners``: the runners a token's user may see, adding one, and
claiming a clinic record with the code its clinician gave (``/api/v1/claims``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from footfix.services import claims, sharing
from footfix.services.sessions import SessionUser
from footfix.web.api.auth import ApiUser
from footfix.web.api.models import (
    ERRORS,
    ClaimCode,
    ErrorBody,
    Me,
    NewRunner,
    Page,
    PageParams,
    Runner,
    page_of,
    page_params,
)
from footfix.web.deps import app_state

router = APIRouter(tags=["runners"], responses=ERRORS)


def runner_out(row: sharing.RunnerRow, user: SessionUser) -> Runner:
    return Runner(
        uid=row.uid,
        name=row.name,
        units=row.units,
        painful_side=row.painful_side,
        severity=row.severity,
        timezone=row.timezone,
        created_at=row.created_at,
        yours=row.owner_id == user.user_id,
    )


@router.get("/me", response_model=Me)
def me(user: ApiUser) -> Me:
    return Me(uid=user.uid, email=user.email, display_name=user.display_name, role=user.role)


@router.get("/runners", response_model=Page[Runner])
def list_runners(
    request: Request, user: ApiUser, page: Annotated[PageParams, Depends(page_params)]
) -> Page[Runner]:
    """Your own runners, then the patients who share their record with you."""
    store = app_state(request).store
    rows = sharing.own_runners(store, user) + sharing.patients(store, user)
    return page_of([runner_out(row, user) for row in rows], page)


@router.post("/runners", response_model=Runner, status_code=201)
def add_runner(request: Request, user: ApiUser, body: NewRunner) -> Runner:
    from footfix.services.tracking import add_runner as add

    row = add(
        app_state(request).store,
        user.actor,
        body.name,
        units=body.units,
        painful_side=body.painful_side,
        timezone=body.timezone,
    )
    return runner_out(row, user)


@router.get("/runners/{runner_uid}", response_model=Runner)
def get_runner(request: Request, user: ApiUser, runner_uid: str) -> Runner:
    _owner, row = sharing.acting_for(app_state(request).store, user, runner_uid)
    return runner_out(row, user)


@router.post(
    "/claims",
    response_model=Runner,
    responses={403: {"model": ErrorBody, "description": "not a runner's account"}},
)
def claim_record(request: Request, user: ApiUser, body: ClaimCode) -> Runner:
    """Claim a clinic record into your runner account: it becomes yours (in place of the empty
    record made at sign-up), and its clinician keeps reading it until you withdraw the share.
    A code that is unknown, used or expired is 422; an account that has recorded something
    already is 409."""
    row = claims.claim(app_state(request).store, user, body.claim_code)
    return runner_out(row, user)
