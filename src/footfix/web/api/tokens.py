"""``/api/v1/tokens``: list, make and revoke your personal access tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from footfix.services import api_tokens
from footfix.web.api.auth import ApiUser
from footfix.web.api.models import (
    ERRORS,
    CreatedToken,
    NewToken,
    Page,
    PageParams,
    Token,
    page_of,
    page_params,
)
from footfix.web.deps import app_state

router = APIRouter(tags=["tokens"], responses=ERRORS)


def token_out(row: api_tokens.TokenRow) -> Token:
    return Token(
        uid=row.uid,
        name=row.name,
        prefix=row.prefix,
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


@router.get("/tokens", response_model=Page[Token])
def list_tokens(
    request: Request, user: ApiUser, page: Annotated[PageParams, Depends(page_params)]
) -> Page[Token]:
    rows = api_tokens.list_tokens(app_state(request).store, user.user_id)
    return page_of([token_out(r) for r in rows], page)


@router.post("/tokens", response_model=CreatedToken, status_code=201)
def create_token(request: Request, user: ApiUser, body: NewToken) -> CreatedToken:
    token, row = api_tokens.create_token(
        app_state(request).store, user.user_id, body.name, days=body.days
    )
    return CreatedToken(token=token, details=token_out(row))


@router.delete("/tokens/{token_uid}", status_code=204)
def revoke_token(request: Request, user: ApiUser, token_uid: str) -> Response:
    api_tokens.revoke_token(app_state(request).store, user.user_id, token_uid)
    return Response(status_code=204)
