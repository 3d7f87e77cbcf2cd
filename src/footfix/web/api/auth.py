"""API authentication: ``Authorization: Bearer TOKEN`` with a personal access token.

Cookies are not accepted here, so no page on another site can make a signed-in browser call the
API (no CSRF surface); every endpoint but the schema needs a token.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from footfix.errors import Unauthorized
from footfix.services import api_tokens
from footfix.services.sessions import SessionUser
from footfix.web.deps import app_state

bearer = HTTPBearer(
    auto_error=False,
    description="A personal access token (ffx_…), made on the account page or POST /api/v1/tokens",
)


async def api_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> SessionUser:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("send a personal access token: Authorization: Bearer ffx_…")
    store = app_state(request).store
    user = await run_in_threadpool(api_tokens.token_user, store, credentials.credentials)
    if user is None:
        raise Unauthorized("this token is unknown, revoked or expired")
    return user


ApiUser = Annotated[SessionUser, Depends(api_user)]
